"""The tree view of the indicator table: rows that grow to show wrapped text.

Kept apart from :mod:`ui.indicators.view` (the widget with its toolbar and actions) so the edits
(:mod:`ui.indicators.structure`, :mod:`ui.indicators.copy_paste`) can name the view's type
without importing the widget that holds them.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QAbstractItemView, Qt, QTimer, QTreeView, QWidget


class IndicatorTree(QTreeView):
    """A tree view whose rows grow to show wrapped text, re-measured when a column is resized."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorTree")
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setExpandsOnDoubleClick(False)  # double-click edits the name of 一级/二级 rows too
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(40)  # re-measure once a column drag pauses, not on every pixel
        self._relayout.timeout.connect(self.scheduleDelayedItemsLayout)
        self.header().sectionResized.connect(self._on_section_resized)

    def _on_section_resized(self, *_args: int) -> None:
        self._relayout.start()

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState
