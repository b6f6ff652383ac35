"""Editors for the indicator tree, and row heights that follow wrapped text.

Every editor keeps the keys of WPS/Excel, which is what the clerks know: Enter commits and moves
down (Shift+Enter up), Tab commits and moves right (Shift+Tab left), Esc cancels, clicking
elsewhere commits. Text cells (names, targets, reasons, remarks) get a multi-line editor in
which Alt+Enter starts a new line, as in a spreadsheet cell (Ctrl+Enter commits and stays).
实际完成值 gets an editable combo offering the three tier phrases. 分值/得分 use a line edit; the
model validates the number when it is committed and refuses bad input with a message, keeping
the old value (and the cursor stays on the cell).

An editor opened by typing starts with its text selected, so the keystroke replaces it; one
opened by F2 or a double-click keeps the text with the cursor at the end
(``IndicatorTree.replace_on_edit``).
"""
from __future__ import annotations

from typing import Any, Optional, cast

from ui.qt import (AnyIndex, QAbstractItemModel, QComboBox, QEvent, QFontMetrics, QKeyEvent, QLineEdit, QObject,
                   QPlainTextEdit, QRect, QSize, QStyle, QStyledItemDelegate, QStyleOptionViewItem, Qt, QTextCursor,
                   QWidget)
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_SCORE, LevelRole, NUMBER_COLUMNS
from ui.indicators.tree_model import IndicatorTreeModel
from ui.indicators.tree_view import DOWN, LEFT, RIGHT, UP, IndicatorTree
from ui.keys import ENTER_KEYS

from model.values import TIER_FULL, TIER_NONE, TIER_PARTIAL, TIER_PHRASES

def cell_data(index: AnyIndex, role: int) -> Any:
    """``index.model().data(index, role)``, never ``index.data(role)``.

    PySide6 6.12 on Python < 3.12 loses a reference to ``None`` each time a Python call into Qt
    returns nothing (an empty QVariant, a void method); size hints run for every cell, so the
    interpreter would soon abort ("deallocating None"). Calling the Python model directly avoids
    it; for the same reason this module overrides no per-cell painting method.
    """
    return index.model().data(index, role)


TIER_CHOICES = tuple(TIER_PHRASES[t] for t in (TIER_FULL, TIER_PARTIAL, TIER_NONE))
EDITOR_MIN_LINES = 4
ROW_PADDING = 6


def painted_height(metrics: QFontMetrics, measured: int) -> int:
    """The height Qt's item painter gives wrapped text that ``boundingRect`` measured as
    ``measured``: it counts lines at the font's line spacing, the painter at the line's height,
    which is more when the font's leading is negative (AR PL UMing: 28 against 30 px at 20 pt).
    Two pixels a line cut the last line off a long reason once the page was zoomed."""
    spacing, line = metrics.lineSpacing(), metrics.height()
    if spacing <= 0 or line <= spacing:
        return measured
    lines = max(1, round((measured - line) / spacing) + 1)
    return lines * line


class MultiLineEditor(QPlainTextEdit):
    """A plain-text cell editor; ``delegate`` handles Ctrl+Enter and Tab in its event filter."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiLineEditor")
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.Box)

    def text(self) -> str:
        return self.toPlainText()


class IndicatorDelegate(QStyledItemDelegate):
    """Chooses the editor per column and computes wrapped row heights from the column width."""

    def __init__(self, view: IndicatorTree) -> None:
        super().__init__(view)
        self._view = view
        self.last_commit_ok = True
        self._base_heights: dict[tuple, int] = {}
        self._heights: dict[tuple, int] = {}
        self._margins: Optional[tuple[int, int]] = None

    # --- editors -----------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        column = index.column()
        if column in NUMBER_COLUMNS:
            editor = QLineEdit(parent)
            editor.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            if column == COL_SCORE:
                editor.setPlaceholderText("留空为自动计算")
                editor.setToolTip("输入手工得分;清空后按规则自动计算")
            return editor
        if column == COL_ACTUAL and cell_data(index, LevelRole) == 3:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(TIER_CHOICES)
            for n, phrase in enumerate(TIER_CHOICES):  # the whole phrase, should the list be narrow
                combo.setItemData(n, phrase, Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip("可直接输入数值(如 200人),定性指标可选择完成档次;Enter 确认")
            line = combo.lineEdit()
            if line is not None:  # its keys reach the line edit first
                line.installEventFilter(self)
            return combo
        text_editor = MultiLineEditor(parent)
        text_editor.setToolTip("Enter 确认并下移,Tab 确认并右移,Esc 取消;Alt+Enter 换行")
        return text_editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = cell_data(index, Qt.ItemDataRole.EditRole) or ""
        replace = self._view.replace_on_edit
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(-1)
            editor.setEditText(text)
            line = editor.lineEdit()  # never None: the combo is editable
            if line is not None:
                line.selectAll() if replace else line.end(False)
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
            if replace:
                editor.selectAll()
            else:
                editor.moveCursor(QTextCursor.MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll() if replace else editor.end(False)
        else:
            super().setEditorData(editor, index)

    @staticmethod
    def editor_text(editor: QWidget) -> Optional[str]:
        """The text an editor of this delegate holds (None for a widget it did not make)."""
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        text = self.editor_text(editor)
        if text is None:
            super().setModelData(editor, model, index)
            return
        self.last_commit_ok = True
        if text != (cell_data(index, Qt.ItemDataRole.EditRole) or ""):
            self.last_commit_ok = model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, QPlainTextEdit):
            lines = QFontMetrics(editor.font()).lineSpacing() * EDITOR_MIN_LINES + 12
            rect.setHeight(max(rect.height(), lines))
            bottom = self._view.viewport().height()
            if rect.bottom() > bottom:  # keep the whole editor visible near the bottom edge
                rect.moveBottom(max(bottom, option.rect.bottom()))
                rect.moveTop(max(rect.top(), 0))
        else:
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            editor = watched.parent() if isinstance(watched.parent(), QComboBox) else watched
            if isinstance(editor, QWidget) and self._editor_key(editor, cast(QKeyEvent, event)):
                return True
        return super().eventFilter(watched, event)

    def _editor_key(self, editor: QWidget, event: QKeyEvent) -> bool:
        """The spreadsheet keys inside an editor; True when the key was handled here."""
        key, modifiers = event.key(), event.modifiers()
        if key in ENTER_KEYS:
            if modifiers & Qt.KeyboardModifier.AltModifier:
                if isinstance(editor, QPlainTextEdit):
                    editor.insertPlainText("\n")  # a new line inside the cell, as in WPS/Excel
                return True
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                self.finish(editor, None)
            else:
                self.finish(editor, UP if modifiers & Qt.KeyboardModifier.ShiftModifier else DOWN)
            return True
        if key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ControlModifier:
            self.finish(editor, LEFT if modifiers & Qt.KeyboardModifier.ShiftModifier else RIGHT)
            return True
        if key == Qt.Key.Key_Backtab:
            self.finish(editor, LEFT)
            return True
        return False

    def finish(self, editor: QWidget, direction: Optional[str]) -> None:
        """Commit, close, then move the current cell (not when the value was refused: the user
        stays on the cell that needs fixing)."""
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        if direction is not None and self.last_commit_ok:
            self._view.step(direction)

    # --- wrapped row heights -----------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """QTreeView asks for row heights with no column width (option.rect width -1), so the
        stock hint never wraps; measure the text against the real column width instead.

        Called for every cell of every row on each re-layout, so it avoids the stock hint (ten
        model look-ups a cell): the one-line height is taken from it once per font and icon,
        and wrapped heights are cached by text, width and font.
        """
        model = cast(IndicatorTreeModel, index.model())  # the view shows nothing else
        column = index.column()
        text, font, has_icon, level = model.cell_layout(index)
        size = option.font.pointSizeF()  # the view's font: zoomed with its page (视图 → 放大)
        base_key = (id(font) if font is not None else None, has_icon, size)
        base = self._base_heights.get(base_key)
        if base is None:
            base = self._base_heights[base_key] = super().sizeHint(option, index).height()
        if not text:
            return QSize(self._view.header().sectionSize(column), base)
        width = self._text_width(column, level, has_icon)
        key = (text, width, base_key[0], size)
        height = self._heights.get(key)
        if height is None:
            # a bold or italic cell's font sets only that: its size is the view's, as Qt paints it
            metrics = QFontMetrics(font.resolve(option.font) if font is not None else option.font)
            bounds = metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap), text)
            if len(self._heights) > 50_000:
                self._heights.clear()
            height = self._heights[key] = painted_height(metrics, bounds.height()) + ROW_PADDING
        return QSize(width, max(base, height))

    def _text_width(self, column: int, level: int, has_icon: bool) -> int:
        view = self._view
        width = view.header().sectionSize(column)
        if column == COL_NAME:
            depth = (level or 1) - (0 if view.rootIsDecorated() else 1)
            width -= view.indentation() * depth
        if self._margins is None:
            style = view.style()
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
            icon = view.iconSize()
            icon_width = icon.width() if icon.isValid() else style.pixelMetric(
                QStyle.PixelMetric.PM_SmallIconSize, None, view)
            self._margins = (2 * margin, icon_width + 2 * margin)
        text_margin, icon_room = self._margins
        width -= text_margin + (icon_room if has_icon else 0)
        return max(width, 16)


def install(view: IndicatorTree) -> IndicatorDelegate:
    delegate = IndicatorDelegate(view)
    view.setItemDelegate(delegate)
    return delegate
