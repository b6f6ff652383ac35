"""The tree view of the indicator table: a grid of cells driven like a WPS/Excel sheet.

Kept apart from :mod:`ui.indicators.view` (the widget with its toolbar and actions) so the edits
(:mod:`ui.indicators.structure`, :mod:`ui.indicators.copy_paste`) can name the view's type
without importing the widget that holds them.

The keys are the spreadsheet's, because the clerks come from WPS/Excel: arrows move the current
*cell* (Left/Right fold a 一级/二级 row only on its 指标 cell), typing replaces the cell, F2 edits
it keeping the text, Enter/Shift+Enter move down/up to the next row that has that cell, Tab and
Shift+Tab move to the next/previous editable cell and leave the tree at its ends. Read-only
cells (sums, the empty cells of 一级/二级 rows) say why instead of taking the keystroke.
"""
from __future__ import annotations

from typing import Any, Optional

from ui.qt import (QAbstractItemView, QApplication, QEvent, QInputMethodEvent, QItemSelectionModel, QKeyEvent,
                   QModelIndex, QPalette, Qt, QTimer, QTreeView, QWidget, Signal)
from ui.keys import is_plain_enter

COL_NAME = 0  # the tree column (ui.indicators.cells.COL_NAME; not imported: cells needs the model)
FOLD_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Asterisk)
_MOVE = QAbstractItemView.CursorAction
_EDGES = (_MOVE.MoveUp, _MOVE.MoveDown, _MOVE.MoveLeft, _MOVE.MoveRight)  # with Ctrl: to the table's edge
_JUMP_KEYS = (Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
DOWN, UP, RIGHT, LEFT = "down", "up", "right", "left"
FILL_MIN = 220


def known_viewport() -> QWidget:
    """A viewport made in Python, filled with the Base colour as the one Qt makes.

    PySide6 learns the class of a widget that Qt created by loading every widget class it has
    (about 30 ms, once): asking for the default viewport's width did that before the form was
    first painted. A viewport made here is known to it already."""
    viewport = QWidget()
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class IndicatorTree(QTreeView):
    """A tree view whose rows grow to show wrapped text, re-measured when a column is resized.

    ``notice(str)``: why a key did nothing (a read-only cell); ``editStarted(index)``: an editor
    opened (the view says what an automatic 得分 does when overwritten). ``replace_on_edit`` tells
    the delegate whether the editor opened by a keystroke (replace the text) or by F2 / a
    double-click (keep it, cursor at the end).
    """

    notice = Signal(str)
    editStarted = Signal(QModelIndex)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setViewport(known_viewport())
        self.setObjectName("indicatorTree")
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setExpandsOnDoubleClick(False)  # double-click edits the name of 一级/二级 rows too
        self.replace_on_edit = False
        self.read_only_reason = lambda index: "此单元格不能编辑"  # the view supplies the real reasons
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(40)  # re-measure once a column drag pauses, not on every pixel
        self._relayout.timeout.connect(self.scheduleDelayedItemsLayout)
        self.header().sectionResized.connect(self._on_section_resized)
        self.fill_column: Optional[int] = None  # takes the width left over, but never below FILL_MIN
        self._filling = False

    def _on_section_resized(self, logical: int = -1, *_args: int) -> None:
        self._relayout.start()
        if logical != self.fill_column:
            self.fill_width()

    def fill_width(self) -> None:
        """Give ``fill_column`` (原因分析) the room the other columns leave, but at least FILL_MIN
        pixels: a stretched section in a narrow window (150 %, the 问题 panel beside) would shrink
        to a few characters and make every row twenty lines tall; scrolling sideways is better."""
        column = self.fill_column
        if column is None or self._filling or column >= self.header().count():
            return
        header = self.header()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != column and not header.isSectionHidden(c))
        self._filling = True
        try:
            header.resizeSection(column, max(FILL_MIN, self.viewport().width() - others))
        finally:
            self._filling = False

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.fill_width()

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    # --- cells ---------------------------------------------------------------------------------
    def editable(self, index: QModelIndex) -> bool:
        model = self.model()
        return index.isValid() and bool(model.flags(index) & Qt.ItemFlag.ItemIsEditable)

    def _has_children(self, index: QModelIndex) -> bool:
        return index.column() == COL_NAME and self.model().rowCount(index) > 0

    def row_below(self, index: QModelIndex, step: int) -> QModelIndex:
        """The next visible row down (``step`` 1) or up (-1) whose cell in this column can be
        edited (the 实际完成值 column skips the 一级/二级 rows); invalid when there is none."""
        column = index.column()
        row = index.siblingAtColumn(0)
        while True:
            row = self.indexBelow(row) if step > 0 else self.indexAbove(row)
            if not row.isValid():
                return QModelIndex()
            cell = row.siblingAtColumn(column)
            if self.editable(cell):
                return cell

    def cell_beside(self, index: QModelIndex, step: int) -> QModelIndex:
        """The next editable cell to the right (``step`` 1, on to the next rows) or to the left."""
        columns = self.model().columnCount()
        row, column = index.siblingAtColumn(0), index.column()
        while row.isValid():
            column += step
            if not 0 <= column < columns:
                row = self.indexBelow(row) if step > 0 else self.indexAbove(row)
                column = 0 if step > 0 else columns - 1
                if not row.isValid():
                    break
            cell = row.siblingAtColumn(column)
            if self.editable(cell) and not self.isColumnHidden(column):
                return cell
        return QModelIndex()

    def go_to(self, index: QModelIndex) -> None:
        """Make ``index`` the one current and selected cell, scrolled into view."""
        if not index.isValid():
            return
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def step(self, direction: str) -> bool:
        """Move the current cell after an edit (Enter, Tab); False when there is nowhere to go."""
        current = self.currentIndex()
        if direction in (DOWN, UP):
            target = self.row_below(current, 1 if direction == DOWN else -1)
        else:
            target = self.cell_beside(current, 1 if direction == RIGHT else -1)
        self.go_to(target)
        return target.isValid()

    # --- Qt overrides --------------------------------------------------------------------------
    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 (Qt naming)
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        move = QAbstractItemView.CursorAction
        if current.isValid() and action in (move.MoveHome, move.MoveEnd):
            whole_table = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
            return self._row_end(current, action == move.MoveEnd, whole_table)
        if current.isValid() and modifiers & Qt.KeyboardModifier.ControlModifier and action in _EDGES:
            return self._edge(current, action)
        if not current.isValid() or action not in (move.MoveLeft, move.MoveRight, move.MoveUp, move.MoveDown,
                                                   move.MoveNext, move.MovePrevious):
            return super().moveCursor(action, modifiers)
        if action in (move.MoveUp, move.MoveDown):
            row = (self.indexAbove if action == move.MoveUp else self.indexBelow)(current.siblingAtColumn(0))
            return row.siblingAtColumn(current.column()) if row.isValid() else current
        if action in (move.MoveNext, move.MovePrevious):  # Tab, Shift+Tab: invalid leaves the tree
            return self.cell_beside(current, 1 if action == move.MoveNext else -1)
        right = action == move.MoveRight
        if self._has_children(current) and self.isExpanded(current) != right:
            self.setExpanded(current, right)  # the usual tree keys, on a 一级/二级 指标 cell only
            return current
        column = current.column() + (1 if right else -1)
        while 0 <= column < self.model().columnCount() and self.isColumnHidden(column):
            column += 1 if right else -1
        cell = current.siblingAtColumn(column) if 0 <= column < self.model().columnCount() else QModelIndex()
        return cell if cell.isValid() else current

    def _edge(self, current: QModelIndex, action: QAbstractItemView.CursorAction) -> QModelIndex:
        """Ctrl+arrow as in WPS/Excel on a filled sheet: the first or last row of this column
        (↑ ↓), the first or last column of this row (← →)."""
        move = QAbstractItemView.CursorAction
        if action in (move.MoveLeft, move.MoveRight):
            return self._row_end(current, action == move.MoveRight, whole_table=False)
        row = self.model().index(0, 0) if action == move.MoveUp else self._last_row()
        return row.siblingAtColumn(current.column())

    def _row_end(self, current: QModelIndex, end: bool, whole_table: bool) -> QModelIndex:
        """Home / End as in WPS/Excel: the first or last column of this row; with Ctrl, of the
        first or last row of the table (a tree's Home went to the first row)."""
        columns = [c for c in range(self.model().columnCount()) if not self.isColumnHidden(c)]
        row = current.siblingAtColumn(0)
        if whole_table:
            row = self.model().index(0, 0) if not end else self._last_row()
        return row.siblingAtColumn(columns[-1] if end else columns[0])

    def selectionCommand(self, index: Any,  # noqa: N802 (Qt naming)
                         event: Optional[QEvent] = None) -> QItemSelectionModel.SelectionFlag:
        """Ctrl+Home / Ctrl+End and Ctrl+arrow select the cell they reach, as in WPS/Excel (Qt moves
        only the current cell when Ctrl is held); with Shift they extend the selection as usual."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in _JUMP_KEYS:
            if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                return QItemSelectionModel.SelectionFlag.ClearAndSelect
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Qt: Ctrl means "do not select"
                return QItemSelectionModel.SelectionFlag.SelectCurrent
        return super().selectionCommand(index, event)

    def _last_row(self) -> QModelIndex:
        row = self.model().index(self.model().rowCount() - 1, 0)
        while self.isExpanded(row) and self.model().rowCount(row):
            row = self.model().index(self.model().rowCount(row) - 1, 0, row)
        return row

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        key, modifiers = event.key(), event.modifiers()
        current = self.currentIndex()
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if is_plain_enter(event) and not self.is_editing():
            self.step(UP if modifiers & Qt.KeyboardModifier.ShiftModifier else DOWN)
            event.accept()
            return
        if key in FOLD_KEYS and not self._has_children(current):
            QAbstractItemView.keyPressEvent(self, event)  # a character to type, not a fold
            return
        if key == Qt.Key.Key_Backspace and plain and self.editable(current):
            self.edit(current, QAbstractItemView.EditTrigger.AnyKeyPressed, event)  # empties it, as in WPS
            return
        if current.isValid() and not self.editable(current) and (
                key == Qt.Key.Key_F2 or (plain and event.text().strip() and key not in FOLD_KEYS)):
            self.notice.emit(self.read_only_reason(current))
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt naming)
        """Chinese typed on a cell (through an input method) opens its editor like a key does, and
        the text goes into it.

        A composition that starts on the cell (pinyin "zou" still being typed) is Qt's to handle: it
        opens the editor but keeps the focus on the view until the composition is committed, since
        moving the focus resets the input method and loses the letters typed so far. A text
        committed at once is forwarded here: Qt would open the editor but drop it."""
        current = self.currentIndex()
        committed, composing = bool(event.commitString()), bool(event.preeditString())
        if self.is_editing() or not (committed or composing) or not current.isValid():
            super().inputMethodEvent(event)
            return
        if not self.editable(current):
            event.accept()
            self.notice.emit(self.read_only_reason(current))
            return
        if composing and not committed:
            super().inputMethodEvent(event)
            return
        event.accept()
        if not self.edit(current, QAbstractItemView.EditTrigger.AnyKeyPressed, None):
            return
        found = self.open_editor()
        if found is not None:
            editor = found[1]
            forwarded = QInputMethodEvent(event.preeditString(), event.attributes())
            forwarded.setCommitString(event.commitString(), event.replacementStart(), event.replacementLength())
            QApplication.sendEvent(editor.focusProxy() or editor, forwarded)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt naming)
        """No jump-to-row on typing: a typed character is for the cell (or says why it is not)."""

    def edit(self, index: Any, trigger: Any = None, event: Optional[QEvent] = None) -> bool:  # type: ignore[override]
        base: Any = super()  # Qt's overloads: edit(index) the slot, edit(index, trigger, event) the virtual
        if trigger is None:
            return bool(base.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None))
        self.replace_on_edit = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        opened = bool(base.edit(index, trigger, event))
        if opened and self.is_editing():
            self.editStarted.emit(QModelIndex(index))
        return opened

    def open_editor(self) -> Optional[tuple[QModelIndex, QWidget]]:
        """The cell being edited and its editor, if one is open (for the recovery copy)."""
        if not self.is_editing():
            return None
        index = self.currentIndex()
        widget = self.indexWidget(index)
        return (index, widget) if widget is not None else None
