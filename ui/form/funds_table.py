"""The funds block (项目资金) as an editable table.

Money is entered as text and read by model.values (the reader drafts and the workbook import use):
thousands separators and full-width digits are accepted, anything else (letters, a minus sign) is
refused with a message and the cell goes back to its old value, so a typo can never reach the form
or the undo history. Amounts, rates and scores show as the printed form shows them.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import (QAbstractItemView, QApplication, QBrush, QColor, QEvent, QHeaderView, QKeyEvent, QKeySequence,
                   QLineEdit, QModelIndex, QSizePolicy, QStyledItemDelegate, Qt, QTableWidget, QTableWidgetItem, QWidget,
                   Signal)

from model.form import FundsRow
from model.values import NumberError, format_money, format_rate, format_score, read_money
from ui.clipboard import clipboard_text, set_clipboard_text
from ui.document import FormDocument
from ui.form.funds_cells import FundsCells
from ui.form.funds_columns import apply_template_columns
from ui.keys import is_plain_enter
from ui.severity import FLAG_COLOUR

MONEY_ATTRS = ("initial", "budget", "executed")
MONEY_TITLES = {"initial": "年初预算数", "budget": "全年预算数(A)", "executed": "全年执行数(B)"}
HEADERS = ("资金来源", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(%)", "得分")
FIRST_MONEY_COLUMN = 1
WEIGHT_COLUMN, RATE_COLUMN, SCORE_COLUMN = 4, 5, 6
# The widest text each computed column shows: a score such as 16.25 (funds weigh 10 or 20), a rate
# such as 108.20, or "无法计算" while A is empty. Sized once, so the table does not jump as one types.
_WIDEST_FIGURES = {RATE_COLUMN: "无法计算", SCORE_COLUMN: "20.00"}
_CELL_PADDING = 12  # the item's text margins and the grid line, with a little air
# Said when a clerk types on a cell that takes no typing (the tree says the same of its sums).
_READ_ONLY_LABEL = "资金来源是表上印好的行名,不能修改;金额写在右边各栏"
_READ_ONLY_FIGURE = "分值、执行率和得分由程序按金额计算,不能直接填写"


class FundsTable(QTableWidget):
    """Rows of ``form.funds.rows``; money columns editable, the computed ones read-only."""

    rejected = Signal(str)  # a refused entry, with the reason
    note = Signal(str)  # what a paste did, for the status bar

    def __init__(self, document: FormDocument, parent=None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.document = document
        self._updating = False
        self._refused = False  # the last amount typed was refused: Enter keeps the cell
        self.cells = FundsCells(self)  # Delete, Ctrl+C, Ctrl+V
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.itemChanged.connect(self._on_item_changed)
        document.valueChanged.connect(self._on_value_changed)
        document.evaluated.connect(self.refresh_computed)
        self.rebuild()

    # --- content -------------------------------------------------------------------------------
    def rows(self) -> list[FundsRow]:
        return self.document.form.funds.rows

    def _label(self, n: int, row: FundsRow) -> str:
        specs = self.document.template.funds_rows
        return row.label or (specs[n].label if n < len(specs) else "")

    def row_label(self, n: int) -> str:
        return self._label(n, self.rows()[n])

    def column_of(self, attr: Optional[str]) -> int:
        """The column of an amount (全年预算数(A) for anything else)."""
        return FIRST_MONEY_COLUMN + (MONEY_ATTRS.index(attr) if attr in MONEY_ATTRS else 1)

    def amount_attr(self, column: int) -> Optional[str]:
        """The amount a column holds (initial, budget, executed), or None for the others."""
        offset = column - FIRST_MONEY_COLUMN
        return MONEY_ATTRS[offset] if 0 <= offset < len(MONEY_ATTRS) else None

    def current_cell(self) -> tuple[int, int]:
        return self.currentRow(), self.currentColumn()

    def shown_text(self, n: int, column: int) -> str:
        item = self.item(n, column)
        return item.text() if item is not None else ""

    def rebuild(self) -> None:
        self._updating = True
        try:
            self.setHorizontalHeaderLabels((f"项目资金({self.document.form.funds.unit})",) + HEADERS[1:])
            apply_template_columns(self, self.document.template, self.document.form.funds)
            self.setRowCount(len(self.rows()))
            for n, row in enumerate(self.rows()):
                label = QTableWidgetItem(self._label(n, row) + (":" if n == 0 else ""))
                label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(n, 0, label)
                for column in range(FIRST_MONEY_COLUMN + len(MONEY_ATTRS), len(HEADERS)):
                    item = QTableWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(n, column, item)
                self._fill_money(n)
        finally:
            self._updating = False
        self.refresh_computed()
        self._fit()

    def _fill_money(self, n: int) -> None:
        row = self.rows()[n]
        was = self._updating
        self._updating = True
        try:
            for offset, attr in enumerate(MONEY_ATTRS):
                column = FIRST_MONEY_COLUMN + offset
                item = self.item(n, column)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    item.setToolTip(f"{MONEY_TITLES[attr]}({self.document.form.funds.unit}),可带千位分隔符")
                    self.setItem(n, column, item)
                item.setText(format_money(getattr(row, attr)))
        finally:
            self._updating = was

    def show_flags(self) -> None:
        """Tint the amounts of the total row a funds issue is about, with its message as tooltip."""
        flagged: dict[str, list[str]] = {}
        for issue in self.document.evaluation.issues:
            if issue.where == "funds" and issue.field in MONEY_ATTRS:
                flagged.setdefault(issue.field, []).append(issue.message)
        was = self._updating
        self._updating = True
        try:
            for offset, attr in enumerate(MONEY_ATTRS):
                item = self.item(0, FIRST_MONEY_COLUMN + offset) if self.rowCount() else None
                if item is None:
                    continue
                messages = flagged.get(attr)
                item.setBackground(QBrush(QColor(FLAG_COLOUR)) if messages else QBrush())
                item.setToolTip("\n".join(messages) if messages else
                                f"{MONEY_TITLES[attr]}({self.document.form.funds.unit}),可带千位分隔符")
        finally:
            self._updating = was

    def refresh_computed(self) -> None:
        self.show_flags()
        evaluation = self.document.evaluation
        funds = evaluation.funds
        self._updating = True
        try:
            for n in range(self.rowCount()):
                if n == 0:
                    texts = (format_score(self.document.form.funds.weight),
                             format_rate(funds.rate) if funds.rate is not None else "无法计算",
                             format_score(funds.score))
                else:
                    texts = ("-", "-", "-")
                for column, text in zip((WEIGHT_COLUMN, RATE_COLUMN, SCORE_COLUMN), texts):
                    item = self.item(n, column)
                    if item is None:  # made by rebuild(), never missing
                        continue
                    item.setText(text)
                    item.setToolTip(funds.explanation if n == 0 else "")
        finally:
            self._updating = False

    def _fit(self) -> None:
        """No inner scrolling: the table is as tall as its rows, its columns as wide as needed."""
        self.resizeColumnsToContents()
        for column in range(FIRST_MONEY_COLUMN, FIRST_MONEY_COLUMN + len(MONEY_ATTRS)):
            self.setColumnWidth(column, max(self.columnWidth(column), self.fontMetrics().horizontalAdvance("0") * 14))
        for column, widest in _WIDEST_FIGURES.items():  # sized for what typing may bring, not for "0"
            needed = self.fontMetrics().horizontalAdvance(widest) + _CELL_PADDING
            self.setColumnWidth(column, max(self.columnWidth(column), needed))
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(n) for n in range(self.rowCount()))
        self.setFixedHeight(height)
        width = sum(self.columnWidth(c) for c in range(self.columnCount())) + 2 * self.frameWidth()
        self.setMinimumWidth(min(width, 560))
        self._natural_width = width

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Zoomed (视图 → 放大): rows and columns fit the new font, still without scrolling."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
            self._fit()

    def sizeHint(self):  # noqa: N802 (Qt naming)
        hint = super().sizeHint()
        hint.setWidth(getattr(self, "_natural_width", hint.width()))
        return hint

    # --- edits ---------------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        offset = item.column() - FIRST_MONEY_COLUMN
        if 0 <= offset < len(MONEY_ATTRS):
            self._refused = False
            self.commit_money(item.row(), MONEY_ATTRS[offset], item.text())

    def commit_money(self, n: int, attr: str, text: str) -> bool:
        """Parse and store one amount; on bad input keep the old value and emit ``rejected``."""
        row = self.rows()[n]
        try:
            value = read_money(text)
        except NumberError as exc:
            self._refused = True
            self._fill_money(n)
            self.rejected.emit(f"{self._label(n, row)} {MONEY_TITLES[attr]}:{exc}")
            return False
        changed = self.document.set_value(row, attr, value, f"修改{self._label(n, row)}{MONEY_TITLES[attr]}")
        self._fill_money(n)  # show it formatted even when the value did not change
        return changed

    def _on_value_changed(self, obj: object, attr: str) -> None:
        # The computed columns follow on ``evaluated``, which comes after every change.
        for n, row in enumerate(self.rows()):
            if row is obj:
                self._fill_money(n)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """The spreadsheet keys on a cell: Enter moves down (Shift+Enter up; Qt would pass Enter on
        to the window), and those of :meth:`_cell_key`. An open editor's keys that it does not use
        come here too, and go to Qt."""
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if is_plain_enter(event):
            self._step_down(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif not self._cell_key(event):
            super().keyPressEvent(event)
            return
        event.accept()

    def _cell_key(self, event: QKeyEvent) -> bool:
        """Delete empties the amount, Backspace empties it and starts typing, Ctrl+C / Ctrl+V copy
        and paste (Ctrl+X copies and empties), a character typed on a row name or a computed figure says why it does not go
        in (Qt would drop it silently); True when the key was one of these."""
        if event.matches(QKeySequence.StandardKey.Copy):
            set_clipboard_text(self.cells.copy_current())
        elif event.matches(QKeySequence.StandardKey.Cut):  # copy, then empty the amount (one undo step)
            set_clipboard_text(self.cells.copy_current())
            refusal = self.cells.clear_current()
            if refusal:
                self.note.emit(refusal)
        elif event.matches(QKeySequence.StandardKey.Paste):
            pasted, said = self.cells.paste(clipboard_text())
            (self.note if pasted else self.rejected).emit(said)
        elif event.key() == Qt.Key.Key_Delete and not event.modifiers():
            refusal = self.cells.clear_current()
            if refusal:
                self.note.emit(refusal)
        elif event.key() == Qt.Key.Key_Backspace and not event.modifiers():
            self._edit_emptied()
        elif event.text().strip() and event.text().isprintable() and self.amount_attr(self.currentColumn()) is None:
            self.note.emit(_READ_ONLY_LABEL if self.currentColumn() == 0 else _READ_ONLY_FIGURE)
        else:
            return False
        return True

    def closeEditor(self, editor: QWidget, hint: QStyledItemDelegate.EndEditHint) -> None:  # noqa: N802
        """Enter in an amount commits and moves down (Shift+Enter up), unless the amount was refused:
        then the clerk stays on the cell to correct it. Qt closes an editor on Enter with
        ``SubmitModelCache``; Tab and Esc have hints of their own."""
        refused, self._refused = self._refused, False
        super().closeEditor(editor, hint)
        if hint == QStyledItemDelegate.EndEditHint.SubmitModelCache and not refused:
            shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
            self._step_down(-1 if shift else 1)

    def _edit_emptied(self) -> None:
        """Backspace on an amount: its editor opens empty (Esc still brings the amount back)."""
        index = self.currentIndex()
        if self.amount_attr(index.column()) is None:
            return
        self.edit(index)
        editor = self.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.clear()

    def _step_down(self, step: int) -> None:
        row = self.currentRow() + step
        if 0 <= row < self.rowCount() and self.currentColumn() >= 0:
            self.setCurrentCell(row, self.currentColumn())

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier):  # noqa: N802
        """Tab / Shift+Tab go through the amounts only and leave the table after the last one
        (before the first), instead of cycling inside it for ever."""
        move = QAbstractItemView.CursorAction
        if action not in (move.MoveNext, move.MovePrevious):
            return super().moveCursor(action, modifiers)
        cells = [(n, column) for n in range(self.rowCount()) for column in self.amount_columns()]
        here = (self.currentRow(), self.currentColumn())
        step = 1 if action == move.MoveNext else -1
        if here in cells:
            position = cells.index(here) + step
        else:  # from a label or a computed cell: the next amount in reading order
            later = [n for n, cell in enumerate(cells) if (cell > here) == (step > 0) and cell != here]
            position = (later[0] if step > 0 else later[-1]) if later else len(cells)
        if not 0 <= position < len(cells):
            return QModelIndex()
        return self.model().index(*cells[position])

    def amount_columns(self) -> list[int]:
        """The amount columns the template prints: a hidden one (湖北 and 部门整体 have no 年初预算数 beside
        their A) is never reached by Tab, nor chosen when the keyboard enters the table, so nothing
        typed lands in a cell that is not on screen."""
        columns = range(FIRST_MONEY_COLUMN, FIRST_MONEY_COLUMN + len(MONEY_ATTRS))
        return [column for column in columns if not self.isColumnHidden(column)]

    def place_cursor(self, attr: Optional[str], row: int = 0) -> None:
        """Make an amount's cell current, or the first amount on screen if its column is hidden."""
        column = self.column_of(attr)
        shown = self.amount_columns()
        if column not in shown and shown:
            column = shown[0]
        self.setCurrentCell(row, column)

    def focus_attr(self, attr: Optional[str], row: int = 0) -> None:
        self.setFocus()
        self.place_cursor(attr, row)
