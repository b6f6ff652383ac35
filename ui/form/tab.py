"""One open form in the window: summary strip, then the paper form from top to bottom.

The header area (title, header fields, funds, goals) scrolls on its own and sits in a splitter
above the indicator tree, which gets most of the height; the 自评结论 editor is the last pane,
as on paper. The summary strip stays above the splitter so the total is always in view.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QApplication, QFrame, QScrollArea, QSplitter, Qt, QTimer, QVBoxLayout, QWidget, Signal

from model.checks import Issue
from ui.document import FormDocument
from ui.form.disk_bar import DiskBar
from ui.form.conclusion import ConclusionEditor
from ui.form.header_panel import FormPanel
from ui.form.summary_strip import SummaryBar
from ui.indicators.view import IndicatorView


class FormTab(QWidget):
    message = Signal(str)  # status text
    refused = Signal(str)  # an entry that was refused: the window shows a warning

    def __init__(self, document: FormDocument, recovery_key: str,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.recovery_key = recovery_key  # names its autosave copy (ui.window.files)
        self.disk_bar = DiskBar()  # read-only, or changed on disk (the window's draft safety fills it)
        self.summary = SummaryBar(document)
        self.panel = FormPanel(document)
        self.panel.message.connect(self.refused)
        self.header_area = QScrollArea()  # not ``scroll``: that is QWidget.scroll()
        self.header_area.setWidget(self.panel)
        self.header_area.setWidgetResizable(True)
        self.header_area.setFrameShape(QFrame.Shape.NoFrame)
        self.header_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.indicators = IndicatorView(document)
        self.indicators.message.connect(self.message)
        self.conclusion = ConclusionEditor(document)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.header_area)
        self.splitter.addWidget(self.indicators)
        self.splitter.addWidget(self.conclusion)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.conclusion.setVisible(document.template.show_conclusion
                                   or bool(document.template.layout.extra_closing_blocks()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.disk_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._sized = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.fit_splitter()
            QTimer.singleShot(0, self._settle_layout)

    def _settle_layout(self) -> None:
        """Once the window's layout is final: size the panes again and show the tree from its top
        (resizing the panes must not leave the first 一级指标 scrolled out of view)."""
        self.fit_splitter()
        self.indicators.view.scrollToTop()

    def fit_splitter(self) -> None:
        """Header area as tall as it needs but at most ~40 %, conclusion three lines, tree the rest."""
        total = max(self.splitter.height(), 300)
        head = min(self.panel.minimumSizeHint().height() + 2 * self.header_area.frameWidth(), int(total * 0.42))
        lines = self.conclusion.fontMetrics().lineSpacing() * 3 + 24
        tail = lines if self.conclusion.isVisibleTo(self) else 0
        self.splitter.setSizes([head, max(total - head - tail, 100), tail])

    def commit_pending(self) -> None:
        """Store edits still in progress: a focused field, an open cell editor."""
        focused = QApplication.focusWidget()
        view = self.indicators.view
        if focused is not None and view.isAncestorOf(focused) and focused is not view:
            view.setFocus()  # the cell editor loses focus and commits its value
        self.panel.commit_pending()
        if self.conclusion.isVisibleTo(self):
            self.conclusion.commit_pending()

    def focus_issue(self, issue: Issue) -> bool:
        """Move the cursor to where the issue is; False when there is no such place."""
        if issue.index is not None:
            self.indicators.focus_issue(issue)
            return True
        if issue.where == "conclusion" and self.conclusion.isVisibleTo(self):
            self.conclusion.focus()
            return True
        widget = self.panel.focus_issue(issue)
        if widget is None:
            return False
        self.header_area.ensureWidgetVisible(widget)
        return True
