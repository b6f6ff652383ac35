"""Editors for the indicator tree, and row heights that follow wrapped text.

Text cells (names, targets, reasons, remarks) are edited in a multi-line editor: Enter inserts a
newline, because reasons are paragraphs and people paste them with line breaks; Ctrl+Enter,
Tab or clicking elsewhere commits, Esc cancels. 实际完成值 gets an editable combo offering the
three tier phrases. 分值/得分 use a line edit; the model validates the number when it is
committed and refuses bad input with a message, keeping the old value.
"""
from __future__ import annotations

from typing import Any, Optional, cast

from ui.qt import (AnyIndex, QAbstractItemModel, QComboBox, QEvent, QFontMetrics, QKeyEvent, QLineEdit, QObject,
                   QPlainTextEdit, QRect, QSize, QStyle, QStyledItemDelegate, QStyleOptionViewItem, Qt, QTreeView,
                   QWidget)
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_SCORE, LevelRole, NUMBER_COLUMNS
from ui.indicators.tree_model import IndicatorTreeModel

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

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
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
            combo.setToolTip("可直接输入数值(如 200人),定性指标可选择完成档次")
            return combo
        text_editor = MultiLineEditor(parent)
        text_editor.setToolTip("Ctrl+Enter 确认,Esc 取消;Enter 换行")
        return text_editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = cell_data(index, Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(-1)
            editor.setEditText(text)
            line = editor.lineEdit()  # never None: the combo is editable
            if line is not None:
                line.selectAll()
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:
            super().setModelData(editor, model, index)
            return
        if text != (cell_data(index, Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

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

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            key = key_event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and key_event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                hint = (QStyledItemDelegate.EndEditHint.EditNextItem if key == Qt.Key.Key_Tab
                        else QStyledItemDelegate.EndEditHint.EditPreviousItem)
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)

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
        base_key = (id(font) if font is not None else None, has_icon)
        base = self._base_heights.get(base_key)
        if base is None:
            base = self._base_heights[base_key] = super().sizeHint(option, index).height()
        if not text:
            return QSize(self._view.header().sectionSize(column), base)
        width = self._text_width(column, level, has_icon)
        key = (text, width, base_key[0])
        height = self._heights.get(key)
        if height is None:
            metrics = QFontMetrics(font or option.font)
            bounds = metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap), text)
            if len(self._heights) > 50_000:
                self._heights.clear()
            height = self._heights[key] = bounds.height() + ROW_PADDING
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


def install(view: QTreeView) -> IndicatorDelegate:
    delegate = IndicatorDelegate(view)
    view.setItemDelegate(delegate)
    return delegate
