"""The indicator tree-table: the main area of the editor window.

A small toolbar and a ``QTreeView`` over :class:`~ui.indicators.tree_model.IndicatorTreeModel`. Every change
goes through the document's undo stack: cell edits via the model's ``setData``, structural edits
(add, delete, move, paste) as commands from :mod:`ui.commands`. The window embeds one view and
calls :meth:`IndicatorView.set_document` when the user switches forms. This module is the widget:
toolbar, actions and their keys, header, selection, context menu; what the actions do is held as
``edits`` (:mod:`ui.indicators.structure`) and ``copy_paste`` (:mod:`ui.indicators.copy_paste`).
"""
from __future__ import annotations

import functools
from typing import Callable, Optional

from ui.document import FormDocument, Node
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_REASON, COL_REMARK, COL_SCORE, COL_TARGET, COL_WEIGHT
from ui.indicators.copy_paste import CopyPaste
from ui.indicators.delegates import install as install_delegate
from ui.indicators.find_bar import FindBar
from ui.indicators.structure import StructureEdits, ask_category_with_dialog, confirm_with_dialog
from ui.indicators.tree_model import IndicatorTreeModel
from ui.indicators.tree_view import IndicatorTree
from ui.menu_text import plain_text
from ui.qt import (QAbstractItemView, QAction, QEvent, QHeaderView, QItemSelection, QItemSelectionModel, QKeySequence,
                   QMenu, QModelIndex, QPoint, QStyle, Qt, QToolBar, QToolTip, QVBoxLayout, QWidget, Signal)

from model.checks import Issue
from model.form import Category, Dimension, Leaf

_CELL_PADDING = 16  # a cell's text margins, the icon's spacing and the grid line
COLUMN_WIDTHS = {COL_NAME: 250, COL_TARGET: 120, COL_ACTUAL: 150, COL_WEIGHT: 64, COL_SCORE: 76,
                 COL_REMARK: 110}


class IndicatorView(QWidget):
    """The indicator tree with its toolbar. ``message(str)`` carries notes for the status bar
    (why an edit was refused, what a paste did). The view holds its edits (``edits``: add, delete,
    move, restore) and its clipboard (``copy_paste``); both reach back only through the
    :class:`~ui.indicators.structure.IndicatorHost` protocol this view satisfies."""

    message = Signal(str)

    def __init__(self, document: FormDocument, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = IndicatorTreeModel(document, self)
        self.view = IndicatorTree(self)
        self.view.setModel(self.model)
        self.delegate = install_delegate(self.view)
        self.toolbar = QToolBar("指标", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.confirm: Callable[[str], bool] = functools.partial(confirm_with_dialog, self)
        self.ask_category_name: Callable[[Dimension, list[str]], Optional[str]] = functools.partial(
            ask_category_with_dialog, self)
        self.edits = StructureEdits(self)
        self.copy_paste = CopyPaste(self, self.edits)
        self.find_bar = FindBar(self.view, self.say, self)  # 编辑 → 查找 (Ctrl+F) opens it
        self._create_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view)
        self._setup_header()
        self.model.message.connect(self.refuse)
        self.view.notice.connect(self.refuse)
        self.view.read_only_reason = self.read_only_reason
        self.view.editStarted.connect(self._on_edit_started)
        self.model.modelReset.connect(self.view.expandAll)
        self.model.rowsInserted.connect(self._expand_inserted)
        self.view.selectionModel().currentChanged.connect(self.update_actions)
        self.view.selectionModel().selectionChanged.connect(self.update_actions)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self._connect_document()
        self.view.expandAll()
        self._place_cursor()
        self.update_actions()

    # --- setup -------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: Optional[QKeySequence] = None,
                tip: str = "") -> QAction:
        """An entry of the 指标 menu and the context menu (``text`` with its Alt letter), also a
        toolbar button (without it)."""
        action = QAction(text, self)
        action.setIconText(plain_text(text))
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = tip or plain_text(text)
        action.setToolTip(f"{tip}({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut is not None else tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence
        edits, clipboard = self.edits, self.copy_paste
        self.add_leaf_action = self._action("添加指标(&A)", edits.add_leaf, key(Qt.Key.Key_Insert),
                                            "在当前三级指标之后添加一条三级指标")
        self.add_category_action = self._action("添加二级指标(&B)", edits.add_category, None,
                                                "在当前一级指标下添加一个二级指标")
        self.delete_action = self._action("删除行(&D)", edits.delete_selected, key("Ctrl+-"),
                                          "删除选中单元格所在的三级指标或二级指标(整行)")
        self.delete_action.setShortcuts([key("Ctrl+-"), key(Qt.KeyboardModifier.ControlModifier
                                                             | Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Minus)])
        self.clear_action = self._action("清除内容(&N)", clipboard.clear_cells, key(Qt.Key.Key_Delete),
                                         "清除选中单元格的内容(不删除行)")
        self.move_up_action = self._action("上移(&U)", lambda: edits.move_current(-1),
                                           key(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Up), "上移当前指标")
        self.move_down_action = self._action("下移(&O)", lambda: edits.move_current(1),
                                             key(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Down), "下移当前指标")
        self.restore_auto_action = self._action("恢复自动计算(&R)", edits.restore_auto, None,
                                                "清除手工得分,按规则自动计算")
        self.copy_action = self._action("复制(&C)", clipboard.copy_cells, key(key.StandardKey.Copy),
                                        "以制表符分隔的文本复制选中的单元格,可整块粘贴到 Excel/WPS")
        self.cut_action = self._action("剪切(&T)", clipboard.cut_cells, key(key.StandardKey.Cut),
                                       "复制选中的单元格并清除它们(可撤销),粘贴到别处即移动")
        self.copy_rows_action = self._action("复制指标行(&L)", clipboard.copy_selection, None,
                                             "复制选中单元格所在的整条三级指标(三级指标 … 备注)")
        self.paste_action = self._action("粘贴(&P)", clipboard.paste, key(key.StandardKey.Paste),
                                         "从当前单元格起粘贴从 Excel/WPS 复制的单元格或指标行")
        self.fill_down_action = self._action("向下填充(&F)", clipboard.fill_down, key("Ctrl+D"),
                                             "把选中的一列中第一格的内容填入下面选中的各格;只选一格时复制上一条三级指标的这一格")
        for action in (self.add_leaf_action, self.add_category_action, self.delete_action,
                       self.move_up_action, self.move_down_action, self.restore_auto_action):
            self.toolbar.addAction(action)

    def _setup_header(self) -> None:
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(48)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if column != COL_REASON:  # never narrower than its title (湖北 年初目标值(A))
                header.resizeSection(column, max(COLUMN_WIDTHS.get(column, 100), header.sectionSizeHint(column),
                                                 self._weight_width() if column == COL_WEIGHT else 0))
        self.view.fill_column = COL_REASON  # the rest of the width, but never a sliver
        self.view.fill_width()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Zoomed (视图 → 放大): the columns are sized again for the new font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._setup_header()

    def _weight_width(self) -> int:
        """Room for a 一级指标 whose leaves do not add up to its weight, "45 / 50" with its error
        icon, on one line: every new form starts that way, and two lines made each such row tall.
        Two digits a side: with the funds' 10 points no 一级指标 reaches 100, and every pixel more
        is taken from 未完成原因分析 at 150 %."""
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.view)
        return self.view.fontMetrics().horizontalAdvance("00 / 00") + icon + _CELL_PADDING

    def set_document(self, document: FormDocument) -> None:
        """Show another open form in this view (the model resets; columns follow its template)."""
        self._disconnect_document()
        self.document = document
        self.model.set_document(document)
        self._setup_header()
        self._connect_document()
        self._place_cursor()
        self.update_actions()

    def _place_cursor(self) -> None:
        """Start on the first 三级指标's 实际完成值 (current, not selected): the cell a clerk fills
        first, and the toolbar works right away. In a new form the indicator has no name yet, and
        the name is what is written first: start there."""
        first = next((leaf for _d, _c, leaf in self.document.form.iter_leaves()), None)
        column = COL_NAME if first is not None and not first.name.strip() else COL_ACTUAL
        index = self.model.index_for(first, column) if first is not None else self.model.index(0, 0)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.show_from_top()

    def show_from_top(self) -> None:
        """Show the tree from its first row and column, and the current cell (a scroll made while
        the window was still being laid out would hide the 一级指标 or the names)."""
        self.view.scrollToTop()
        self.view.horizontalScrollBar().setValue(0)
        if self.view.currentIndex().isValid():
            self.view.scrollTo(self.view.currentIndex())

    def start(self) -> None:
        """Put the keyboard focus on the current cell (the form was opened or its tab shown)."""
        if not self.view.currentIndex().isValid():
            self._place_cursor()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def read_only_reason(self, index: QModelIndex) -> str:
        """Why a cell takes no typing (told at the cell and in the status bar)."""
        node = self.model.node_for(index)
        level = "一级指标" if isinstance(node, Dimension) else "二级指标"
        if index.column() in (COL_WEIGHT, COL_SCORE):
            what = "分值" if index.column() == COL_WEIGHT else "得分"
            return f"{level}的{what}是其下各三级指标{what}的合计,自动计算,不能直接修改"
        return f"{level}行没有“{self.model.headerData(index.column(), Qt.Orientation.Horizontal)}”,请在三级指标行填写"

    def _on_edit_started(self, index: QModelIndex) -> None:
        node = self.model.node_for(index)
        if isinstance(node, Leaf) and index.column() == COL_SCORE and node.score is None:
            self.say("得分按规则自动计算;输入数值即改为手工评分,清空后恢复自动计算")

    def pending_edit(self) -> Optional[tuple[Node, str, str]]:
        """What is being typed in an open cell editor, not yet committed: (node, field, text)."""
        found = self.view.open_editor()
        if found is None:
            return None
        index, editor = found
        node = self.model.node_for(index)
        field = self.model.field_for(node, index.column()) if node is not None else None
        text = self.delegate.editor_text(editor)
        if node is None or field is None or text is None:
            return None
        return node, field, text

    def _connect_document(self) -> None:
        self.document.evaluated.connect(self.update_actions)
        self.document.replayed.connect(self.show_replayed)

    def _disconnect_document(self) -> None:
        self.document.evaluated.disconnect(self.update_actions)
        self.document.replayed.disconnect(self.show_replayed)

    def show_replayed(self, changes: list[tuple[object, Optional[str]]]) -> None:
        """After Ctrl+Z / Ctrl+Y, select the cells it changed (a pasted block, a row put back) with
        the top-left one current and in view, as WPS/Excel do; changes outside the tree (header,
        funds) leave the tree's cursor where it is."""
        indexes = [self.model.index_for(obj, self.model.column_for_field(attr)) for obj, attr in changes]
        indexes = sorted((index for index in indexes if index.isValid()), key=_reading_order)
        first = self.model.node_for(indexes[0]) if indexes else None
        if first is None:
            return
        self.select_node(first, indexes[0].column())
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # --- selection helpers -------------------------------------------------------------------
    def current_node(self) -> Optional[Node]:
        return self.model.node_for(self.view.currentIndex())

    def selected_nodes(self) -> list[Node]:
        """The rows of the selected cells, each once, in tree order; the current row when nothing
        is selected."""
        found = {}
        for index in self.view.selectionModel().selectedIndexes():
            node = self.model.node_for(index)
            if node is not None:
                found[id(node)] = node
        nodes = list(found.values())
        current = self.current_node()
        if not nodes and current is not None:
            nodes = [current]
        return sorted(nodes, key=self.model.path_of)

    def selected_leaves(self) -> list[Leaf]:
        """Selected leaves, with every leaf under a selected 一级/二级 row, each once, in order."""
        leaves: list[Leaf] = []
        seen: set[int] = set()
        for node in self.selected_nodes():
            for leaf in _leaves_under(node):
                if id(leaf) not in seen:
                    seen.add(id(leaf))
                    leaves.append(leaf)
        return leaves

    def select_node(self, node: Node, column: int = COL_NAME, edit: bool = False) -> None:
        index = self.model.index_for(node, column)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        # Not setCurrentIndex(): during a Ctrl+… shortcut Qt reads the held Ctrl as "add to the
        # selection", and the cells selected before (a Ctrl+V's source block) stayed selected.
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if edit:
            self.view.setFocus()
            self.view.edit(index)

    def focus_issue(self, issue: Issue) -> None:
        """Expand, select and scroll to the cell an issue points at (issue.index and issue.field)."""
        node = self.model.node_at(issue.index) if issue.index else None
        if node is None:
            return
        index = self.model.index_for(node, self.model.column_for_field(issue.field))
        self.select_node(node, index.column())
        # Current but not selected: the selection colour would hide the red/yellow flag.
        self.view.selectionModel().clearSelection()
        # The row to the middle, but sideways only as far as needed: Qt's PositionAtCenter also
        # centres the column, which (with the 问题 panel open) scrolled the 指标 names out of view.
        sideways = self.view.horizontalScrollBar()
        kept = sideways.value()
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        sideways.setValue(kept)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self.view.setFocus()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self.view.expand(self.model.index(row, 0, parent))

    def update_actions(self, *_args: object) -> None:
        node = self.current_node()
        nodes = self.selected_nodes()
        self.add_leaf_action.setEnabled(self.edits.leaf_target() is not None)
        self.add_category_action.setEnabled(self.edits.dimension_target() is not None)
        self.delete_action.setEnabled(any(not isinstance(n, Dimension) for n in nodes))
        movable = None if isinstance(node, Dimension) else node
        siblings = len(self.document.children_of(self.model.parent_of(movable))) if movable is not None else 0
        row = self.model.row_of(movable) if movable is not None else 0
        self.move_up_action.setEnabled(movable is not None and (
            row > 0 or self.edits.neighbour_category(movable, -1) is not None))
        self.move_down_action.setEnabled(movable is not None and (
            row < siblings - 1 or self.edits.neighbour_category(movable, 1) is not None))
        leaves = self.selected_leaves()
        self.restore_auto_action.setEnabled(any(leaf.score is not None for leaf in leaves))
        self.copy_rows_action.setEnabled(bool(leaves))

    # --- messages ----------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.message.emit(text)

    def refuse(self, text: str) -> None:
        """A refused edit: tell the user at the cell (tooltip) and in the status bar."""
        rect = self.view.visualRect(self.view.currentIndex())
        QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), text, self.view)
        self.say(text)

    # --- context menu ------------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        groups = ((self.add_leaf_action, self.add_category_action, self.delete_action),
                  (self.move_up_action, self.move_down_action), (self.restore_auto_action,),
                  (self.cut_action, self.copy_action, self.copy_rows_action, self.paste_action, self.fill_down_action,
                   self.clear_action))
        for number, group in enumerate(groups):
            if number:
                menu.addSeparator()
            for action in group:
                menu.addAction(action)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        self.update_actions()
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()


def _reading_order(index: QModelIndex) -> tuple[tuple[int, ...], int]:
    """Where a cell comes reading the tree top to bottom, then left to right."""
    rows = []
    parent = index
    while parent.isValid():
        rows.append(parent.row())
        parent = parent.parent()
    return tuple(reversed(rows)), index.column()


def _leaves_under(node: Node) -> list[Leaf]:
    if isinstance(node, Leaf):
        return [node]
    if isinstance(node, Category):
        return list(node.children)
    return [leaf for category in node.children for leaf in category.children]
