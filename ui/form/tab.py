"""One open form in the window: one top row, the header section, the tree, the conclusion.

The tree is where the day's work is done, so it gets the screen: the top row holds the summary
(总分 always in view) and the button that folds the header section
(header fields, funds, goals) away; that section starts folded on a screen of laptop height
(1366×768, or any screen at 150 %) and opens by itself when the cursor goes there (F6, an issue,
a click on the button). The 自评结论 editor is the last pane, two lines high, as on paper. In the
window the tree's toolbar is shown in the window's own toolbar row (it has room to spare), so
the tab spends no line on it.

F6 / Shift+F6 cycle the panes (header → funds → goals → tree → 自评结论, and the window adds its
问题 panel); :meth:`FormTab.recovery_form` gives the autosave what is being typed, uncommitted.

A folded header section is made once the tree has been painted (or when it is first needed), so
its fields, funds table and their Qt classes do not delay a double-clicked draft on the screens
where the section is not even shown.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Optional, Sequence, cast

from ui.qt import (QAbstractScrollArea, QApplication, QFrame, QGuiApplication, QHBoxLayout, QScrollArea, QSplitter,
                   Qt, QTimer, QToolButton, QVBoxLayout, QWidget, Signal)

from model.checks import Issue
from model.form import Form
from ui.document import FormDocument
from ui.first_paint import after_first_paint
from ui.form.commit_text_edit import CommitTextEdit
from ui.form.disk_bar import DiskBar
from ui.form.conclusion import ConclusionEditor
from ui.form.summary_strip import SummaryBar
from ui.indicators.view import IndicatorView

if TYPE_CHECKING:
    from ui.form.header_panel import FormPanel

# Below this height (logical pixels) the header section starts folded: a maximised window on a
# 1366×768 screen (or a 1920×1080 one at 150 %) would otherwise leave the tree a handful of rows.
FOLD_BELOW_HEIGHT = 820
SHOW_HEADER, HIDE_HEADER = "▸ 表头·资金·目标", "▾ 收起表头"


def short_screen() -> bool:
    """Whether a window on the main screen is below :data:`FOLD_BELOW_HEIGHT`, so the header
    section will start folded (:meth:`FormTab._settle_layout` decides from the window itself)."""
    screen = QGuiApplication.primaryScreen()
    return screen is not None and screen.availableGeometry().height() < FOLD_BELOW_HEIGHT


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
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self._panel: Optional[FormPanel] = None  # made when first shown or needed (the ``panel`` property)
        document.replayed.connect(self._show_replayed)
        self.header_area = QScrollArea()  # not ``scroll``: that is QWidget.scroll()
        self.header_area.setWidgetResizable(True)
        self.header_area.setFrameShape(QFrame.Shape.NoFrame)
        self.header_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.indicators = IndicatorView(document)
        self.indicators.message.connect(self.message)
        self.conclusion = ConclusionEditor(document)
        self.conclusion.message.connect(self.message)
        self.conclusion.draftRequested.connect(self.generate_conclusion)
        self.header_toggle = QToolButton()
        self.header_toggle.setCheckable(True)
        self.header_toggle.setAutoRaise(True)
        self.header_toggle.setToolTip("显示或收起表头、项目资金和绩效目标(F6 可直接跳到表头)")
        self.header_toggle.toggled.connect(self._on_toggled)
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
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(0)
        top.addWidget(self.header_toggle, 0, Qt.AlignmentFlag.AlignTop)  # beside the figures when they take two lines
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.disk_bar)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._sized = False
        self._header_chosen = False  # the user chose: no more folding by height
        self._focus_placed = False  # an issue or F6 placed the cursor: the first show leaves it there
        self._auto_opened = False  # the header opened because the cursor went there
        self._first_start = True  # the first show of the tab is still to come
        folded = short_screen()
        self._show_header(not folded)
        if folded:  # made when the page is first painted (a page opened behind others: when turned to)
            after_first_paint(self, self._make_panel, latest_ms=None)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._on_focus_changed)

    @property
    def panel(self) -> FormPanel:
        """The header fields, funds and goals (:class:`ui.form.header_panel.FormPanel`)."""
        if self._panel is None:
            self._make_panel()
        return cast("FormPanel", self._panel)

    def _make_panel(self) -> None:
        if self._panel is not None:
            return
        from ui.form.header_panel import FormPanel

        self._panel = FormPanel(self.document)
        self._panel.message.connect(self.refused)
        self._panel.note.connect(self.message)
        self.header_area.setWidget(self._panel)

    def scroll_areas(self) -> list[QAbstractScrollArea]:
        """The page's scrolling parts (tree, funds, text boxes, the header section), the header
        section made if it was not yet: what Ctrl+wheel zooms over (:mod:`ui.window.zoom`)."""
        self._make_panel()
        return self.findChildren(QAbstractScrollArea)

    # --- the header section -------------------------------------------------------------------
    def header_shown(self) -> bool:
        return not self.header_area.isHidden()

    def set_header_shown(self, shown: bool) -> None:
        self._header_chosen = True
        self.header_toggle.setChecked(shown)
        self._show_header(shown)

    def _on_toggled(self, shown: bool) -> None:
        self._header_chosen = True
        self._auto_opened = False
        self._show_header(shown)

    def _show_header(self, shown: bool) -> None:
        if shown:
            self._make_panel()
        self.header_area.setVisible(shown)
        self.header_toggle.setText(HIDE_HEADER if shown else SHOW_HEADER)
        if self.header_toggle.isChecked() != shown:
            self.header_toggle.blockSignals(True)
            self.header_toggle.setChecked(shown)
            self.header_toggle.blockSignals(False)
        if self._sized:
            self.fit_splitter()

    def _on_focus_changed(self, _old: Optional[QWidget], new: Optional[QWidget]) -> None:
        """The cursor went into the folded header (Tab from the toolbar, an issue): open it."""
        if new is None:
            return
        if not self.header_shown() and self.header_area.isAncestorOf(new):
            self.open_header()
        elif self._auto_opened and self.indicators.view.isAncestorOf(new) and self.header_shown():
            self._auto_opened = False  # back in the tree: fold what opened by itself
            self._show_header(False)

    def open_header(self) -> None:
        """Show the header section because the cursor goes there; it folds again when the cursor
        returns to the tree, unless the user chose to show it (the button)."""
        self._focus_placed = True
        if not self.header_shown():
            self._auto_opened = True
            self._show_header(True)
        elif not self._header_chosen:  # before the first layout: it would have folded on a short screen
            self._auto_opened = self.window().height() < FOLD_BELOW_HEIGHT
        self._header_chosen = True

    # --- sizes ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self._settle_layout)
        self._focus_placed = False
        QTimer.singleShot(0, self._start)  # opened or switched to: the keyboard goes to the tree

    def _start(self) -> None:
        first, self._first_start = self._first_start, False
        if not self._focus_placed and self.isVisible():  # unless an issue or F6 just put it elsewhere
            if first and not self.document.form.project.name.strip():
                self.focus_project_name()  # a new form starts where the paper form does
            else:
                self.indicators.start()
        self._focus_placed = False

    def focus_project_name(self) -> None:
        """The cursor in 项目名称, the header opened for it (it folds again in the tree)."""
        self.open_header()
        name = self.panel.fields["name"]
        self.header_area.ensureWidgetVisible(name)
        name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _settle_layout(self) -> None:
        """Once the window's layout is final: fold the header on a short screen, size the panes
        and show the tree from its top."""
        if not self._header_chosen:
            self._show_header(self.window().height() >= FOLD_BELOW_HEIGHT)
        self.fit_splitter()
        self.indicators.show_from_top()

    def fit_splitter(self) -> None:
        """Header area as tall as it needs but at most ~40 %, conclusion two lines, tree the rest."""
        total = max(self.splitter.height(), 200)
        head = 0
        if self.header_shown():
            head = min(self.panel.minimumSizeHint().height() + 2 * self.header_area.frameWidth(), int(total * 0.42))
        tail = self.conclusion.minimumSizeHint().height() if self.conclusion.isVisibleTo(self) else 0
        self.splitter.setSizes([head, max(total - head - tail, 100), tail])

    # --- panes (F6) ----------------------------------------------------------------------------
    def panes(self) -> list[QWidget]:
        """The widgets F6 visits, in the order of the paper form."""
        panes: list[QWidget] = [self.panel.fields["name"], self.panel.funds, self.panel.expected,
                                self.indicators.view]
        if self.conclusion.isVisibleTo(self):
            panes.append(self.conclusion.text)
        return panes

    def cycle_pane(self, step: int, extra: Sequence[QWidget] = ()) -> QWidget:
        """Focus the next (``step`` 1) or previous (-1) pane; ``extra`` are the window's panes
        after the conclusion (the 问题 list). Returns the widget now focused."""
        panes = self.panes() + [widget for widget in extra if widget.isVisible()]
        here = self._pane_of(QApplication.focusWidget(), panes)
        if here is None:
            here = panes.index(self.indicators.view) if step > 0 else panes.index(self.indicators.view) + 1
        target = panes[(here + step) % len(panes)]
        self._focus_placed = True
        if self.header_area.isAncestorOf(target):
            self.open_header()
            self.header_area.ensureWidgetVisible(target)
        if target is self.panel.funds and self.panel.funds.currentColumn() not in self.panel.funds.amount_columns():
            self.panel.funds.focus_attr("executed")  # the amount a clerk updates through the year
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def _pane_of(self, focused: Optional[QWidget], panes: list[QWidget]) -> Optional[int]:
        """Which pane holds the focus: the header's other fields (年度, 联系人 …) count as the
        header, 实际完成情况 as the goals."""
        if focused is None:
            return None
        for n, pane in enumerate(panes):
            if focused is pane or pane.isAncestorOf(focused):
                return n
        if focused is self.panel.achieved:
            return panes.index(self.panel.expected)
        if self.header_area.isAncestorOf(focused):
            return 0
        return None

    # --- pending edits -------------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Store edits still in progress: a focused field, an open cell editor."""
        focused = QApplication.focusWidget()
        view = self.indicators.view
        if focused is not None and view.isAncestorOf(focused) and focused is not view:
            view.setFocus()  # the cell editor loses focus and commits its value
        if self._panel is not None:  # a header section not made yet holds nothing typed
            self._panel.commit_pending()
        if self.conclusion.isVisibleTo(self):
            self.conclusion.commit_pending()

    def pending_edits(self) -> list[tuple[object, str, object]]:
        """What is typed but not yet stored, as (domain object, attribute, value): an open cell
        editor (a number that would be refused is left out, as the editor would), and the text
        of the field being typed in (header, goals, 自评结论), which is stored when it loses focus."""
        edits: list[tuple[object, str, object]] = []
        pending = self.indicators.pending_edit()
        if pending is not None:
            node, field, text = pending
            try:
                edits.append((node, field, self.indicators.model.convert(node, field, text)))
            except ValueError:
                pass
        form = self.document.form
        texts: list[tuple[object, str, object]] = []
        boxes: list[tuple[object, str, CommitTextEdit]] = []
        panel = self._panel  # a header section not made yet holds nothing typed
        if panel is not None:  # only fields the user typed in (a loaded value with stray spaces is not an edit)
            texts += [(form.project, attr, edit.text().strip()) for attr, edit in panel.fields.items()
                      if edit.isModified()]
            boxes += [(form.goals, "expected", panel.expected), (form.goals, "achieved", panel.achieved)]
        if self.document.template.show_conclusion:
            boxes.append((form, "conclusion", self.conclusion.text))
        texts += [(obj, attr, box.toPlainText()) for obj, attr, box in boxes if box.document().isModified()]
        edits += [(obj, attr, value) for obj, attr, value in texts if getattr(obj, attr) != value]
        return edits

    def has_pending_edit(self) -> bool:
        return bool(self.pending_edits())

    def recovery_form(self) -> Form:
        """The form as the recovery copy should keep it: with what is being typed applied to a
        *copy* (the document and its undo history are left alone; the user is still typing)."""
        edits = self.pending_edits()
        if not edits:
            return self.document.form
        memo: dict = {}
        form = copy.deepcopy(self.document.form, memo)
        for obj, attr, value in edits:
            setattr(form if obj is self.document.form else memo[id(obj)], attr, value)
        return form

    def generate_conclusion(self) -> bool:
        """The 生成结论草稿 button and the window's entry: commit what is being typed (the draft
        reads the reasons and the grade), then draft."""
        if not self.document.template.show_conclusion:
            return False
        self.commit_pending()
        return self.conclusion.generate_draft()

    # --- issues --------------------------------------------------------------------------------
    def _show_replayed(self, changes: list[tuple[object, Optional[str]]]) -> None:
        """After Ctrl+Z / Ctrl+Y outside the tree (the tree selects its own cells): the cursor goes
        to the header field, amount, goal or conclusion it changed, the header opened for it, so
        the clerk sees what came back."""
        if not changes or any(self.indicators.model.index_for(obj).isValid() for obj, _attr in changes):
            return
        obj, attr = changes[0]
        if obj is self.document.form and attr == "conclusion" and self.conclusion.isVisibleTo(self):
            self.conclusion.focus()
            return
        closing = self.conclusion.blocks.edits.get(attr or "") if obj is self.document.form.closing else None
        if closing is not None:  # 四川 存在问题 / 改进措施
            closing.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = self.panel.widget_for_change(obj, attr)
        if widget is None:
            return
        self.open_header()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.header_area.ensureWidgetVisible(widget)

    def focus_issue(self, issue: Issue) -> bool:
        """Move the cursor to where the issue is; False when there is no such place."""
        self._focus_placed = True
        if issue.index is not None:
            self.indicators.focus_issue(issue)
            return True
        if issue.where == "conclusion" and self.conclusion.isVisibleTo(self):
            self.conclusion.focus()
            return True
        self.open_header()
        widget = self.panel.focus_issue(issue)
        if widget is None:
            return False
        self.header_area.ensureWidgetVisible(widget)
        return True
