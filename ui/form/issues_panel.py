"""问题: every issue of the current form's evaluation, refreshed after each change.

Double-clicking an issue emits ``issueActivated``; the window knows where each kind of issue
lives (a tree cell, a header field, the funds table, the conclusion) and moves the cursor there.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QHeaderView, Qt, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget, Signal

from model.checks import Issue
from ui.document import FormDocument
from ui.severity import SEVERITY_NAMES, follow_evaluation, severity_icon

NARROW = 420  # below this width the 位置 column is left out

class IssuesPanel(QWidget):
    issueActivated = Signal(object)  # model.checks.Issue

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document: Optional[FormDocument] = None
        self.issues: list[Issue] = []
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["级别", "位置", "问题"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 110)  # fits beside the tree (the window docks it there on short screens)
        header.setStretchLastSection(True)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.icons = {severity: severity_icon(severity, self.style()) for severity in SEVERITY_NAMES}

    def set_document(self, document: Optional[FormDocument]) -> None:
        follow_evaluation(self.document, document, self.refresh)
        self.document = document
        self.refresh()

    def refresh(self) -> None:
        self.issues = list(self.document.evaluation.issues) if self.document else []
        self.tree.clear()
        items = []
        for n, issue in enumerate(self.issues):
            item = QTreeWidgetItem([SEVERITY_NAMES.get(issue.severity, issue.severity), issue.place,
                                    issue.message])
            item.setIcon(0, self.icons.get(issue.severity, self.icons["warning"]))
            item.setToolTip(2, f"{issue.place}:{issue.message}")
            item.setToolTip(1, issue.place)  # the whole place when the column cuts it
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if not self.issues:
            placeholder = QTreeWidgetItem(["", "", "没有发现问题" if self.document else "没有打开的表单"])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(placeholder)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Beside the tree (a short screen) the panel is narrow: the message matters more than
        its place, which the tooltip still names and a double-click shows."""
        super().resizeEvent(event)
        self.tree.setColumnHidden(1, self.width() < NARROW)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        n = item.data(0, Qt.ItemDataRole.UserRole)
        if n is None or not 0 <= n < len(self.issues):
            return
        self.issueActivated.emit(self.issues[n])

    def activate_row(self, row: int) -> None:
        """Same as a double-click on a row (for the keyboard and tests)."""
        item = self.tree.topLevelItem(row)
        if item is not None:
            self._activated(item)
