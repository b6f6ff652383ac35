"""查找 (Ctrl+F): a line above the indicator tree that finds a text in its cells.

A finance clerk checks a long form for one word ("培训", "万元") as in WPS or Excel: Ctrl+F, type,
Enter goes to the next cell that holds it (Shift+Enter the one before), wrapping at the end; Esc
closes the line and leaves the cursor on the cell found. Every row is searched, collapsed ones too
(they open when a match is inside), in the order the table shows them, row by row, left to right.
Full-width and half-width forms match each other ("ＡＢ" and "AB", "１" and "1"), case is ignored.
"""
from __future__ import annotations

import unicodedata
from typing import Callable, Iterator, Optional

from ui.qt import (QAbstractItemModel, QEvent, QHBoxLayout, QKeyEvent, QLabel, QLineEdit, QModelIndex,
                   QToolButton, QWidget, Qt)

from ui.indicators.tree_view import IndicatorTree
from ui.keys import ENTER_KEYS


def folded(text: str) -> str:
    """Text as the search compares it: full-width forms as half-width, any case."""
    return unicodedata.normalize("NFKC", text).casefold()


class FindBar(QWidget):
    """The 查找 line of one tree; hidden until :meth:`open`."""

    def __init__(self, tree: IndicatorTree, say: Callable[[str], None], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.say = say
        self.field = QLineEdit()
        self.field.setPlaceholderText("查找:输入要找的字,Enter 下一个,Shift+Enter 上一个,Esc 关闭")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.field.textEdited.connect(lambda _text: self.find_next(1, from_current=True))
        self.count = QLabel()
        close = QToolButton()
        close.setText("关闭")
        close.setToolTip("关闭查找(Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("查找"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.hide()

    # --- opening and closing -------------------------------------------------------------------
    def open(self) -> None:
        """Show the line with what was looked for last selected, so typing replaces it."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def again(self, step: int) -> None:
        """F3 / Shift+F3: the next / previous match of the last text, the line opened to show where;
        with nothing looked for yet, the line is opened for typing."""
        if not self.field.text().strip():
            self.open()
            return
        self.show()
        self.find_next(step)

    def close_bar(self) -> None:
        self.hide()
        self.count.clear()
        self.tree.setFocus()  # on the cell found, ready for typing

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in ENTER_KEYS:
                self.find_next(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return False

    # --- finding --------------------------------------------------------------------------------
    def find_next(self, step: int, from_current: bool = False) -> bool:
        """Go to the next (``step`` 1) or previous (-1) cell holding the text; ``from_current``:
        the current cell itself counts (the text was just typed, not Enter pressed again)."""
        needle = folded(self.field.text().strip())
        if not needle:
            self.count.clear()
            return False
        cells = [index for index in self._cells() if needle in folded(str(index.data() or ""))]
        if not cells:
            self.count.setText("找不到")
            self.say(f"找不到“{self.field.text().strip()}”")
            return False
        order = self._position
        here = order(self.tree.currentIndex())
        if step > 0:
            later = [cell for cell in cells if order(cell) > here or (from_current and order(cell) == here)]
            target = later[0] if later else cells[0]
        else:
            earlier = [cell for cell in cells if order(cell) < here]
            target = earlier[-1] if earlier else cells[-1]
        self._show(target)
        self.count.setText(f"第 {cells.index(target) + 1} / {len(cells)} 处")
        return True

    def _show(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.go_to(index)

    def _cells(self) -> Iterator[QModelIndex]:
        """Every shown cell, row by row in the order of the table (children after their row)."""
        model = self.tree.model()
        columns = [c for c in range(model.columnCount()) if not self.tree.isColumnHidden(c)]
        yield from self._walk(model, QModelIndex(), columns)

    def _walk(self, model: QAbstractItemModel, parent: QModelIndex, columns: list[int]) -> Iterator[QModelIndex]:
        for row in range(model.rowCount(parent)):
            first = model.index(row, 0, parent)
            for column in columns:
                yield first.siblingAtColumn(column)
            yield from self._walk(model, first, columns)

    def _position(self, index: QModelIndex) -> tuple[int, ...]:
        """Where a cell is in the search order: its row's path in the tree, then its column."""
        if not index.isValid():
            return (-1,)
        rows: list[int] = []
        row = index.siblingAtColumn(0)
        while row.isValid():
            rows.append(row.row())
            row = row.parent()
        return (*reversed(rows), -1, index.column())
