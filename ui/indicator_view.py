"""The indicator tree-table: the main area of the editor window.

A small toolbar and a ``QTreeView`` over :class:`~ui.tree_model.IndicatorTreeModel`. Every change
goes through the document's undo stack: cell edits via the model's ``setData``, structural edits
(add, delete, move, paste) as commands from :mod:`ui.commands`. The window embeds one view and
calls :meth:`IndicatorView.set_document` when the user switches forms.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Optional, Sequence

from ui.clipboard import NumberError, format_tsv, is_full_block, leaf_rows, parse_tsv, validate_leaf_rows
from ui.commands import InsertNodesCommand, MacroCommand, MoveNodesCommand, RemoveNodesCommand, set_values
from ui.delegates import install as install_delegate
from ui.document import FormDocument, Node, SetValueCommand
from ui.qt import (QAbstractItemView, QAction, QGuiApplication, QHeaderView, QInputDialog, QItemSelectionModel,
                   QKeySequence, QMenu, QMessageBox, QModelIndex, QPoint, Qt, QTimer, QToolBar,
                   QToolTip, QTreeView, QVBoxLayout, QWidget, Signal)
from ui.tree_model import (COL_ACTUAL, COL_NAME, COL_REASON, COL_REMARK, COL_SCORE, COL_TARGET, COL_WEIGHT,
                           IndicatorTreeModel)

from model.checks import Issue
from model.form import Category, Dimension, Leaf
from model.scoring import fmt, score_leaf

COLUMN_WIDTHS = {COL_NAME: 250, COL_TARGET: 120, COL_ACTUAL: 150, COL_WEIGHT: 64, COL_SCORE: 76,
                 COL_REMARK: 110}


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


class IndicatorView(QWidget):
    """The indicator tree with its toolbar. ``message(str)`` carries notes for the status bar
    (why an edit was refused, what a paste did)."""

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
        self._create_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view)
        self._setup_header()
        self.model.message.connect(self._on_refused)
        self.model.modelReset.connect(self.view.expandAll)
        self.model.rowsInserted.connect(self._expand_inserted)
        self.view.selectionModel().currentChanged.connect(self.update_actions)
        self.view.selectionModel().selectionChanged.connect(self.update_actions)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.confirm: Callable[[str], bool] = self._confirm_with_dialog
        self.ask_category_name: Callable[[Dimension, list[str]], Optional[str]] = self._ask_category_with_dialog
        self._connect_document()
        self.view.expandAll()
        self._place_cursor()
        self.update_actions()

    # --- setup -------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: Optional[QKeySequence] = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip or text}({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut is not None else (tip or text))
        action.setStatusTip(tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence
        self.add_leaf_action = self._action("添加指标", self.add_leaf, key(Qt.Key.Key_Insert),
                                            "在当前三级指标之后添加一条三级指标")
        self.add_category_action = self._action("添加二级指标", self.add_category, None,
                                                "在当前一级指标下添加一个二级指标")
        self.delete_action = self._action("删除", self.delete_selected, key(key.StandardKey.Delete),
                                          "删除选中的三级指标或二级指标")
        self.move_up_action = self._action("上移", lambda: self.move_current(-1),
                                           key(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Up), "上移当前指标")
        self.move_down_action = self._action("下移", lambda: self.move_current(1),
                                             key(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Down), "下移当前指标")
        self.restore_auto_action = self._action("恢复自动计算", self.restore_auto, None,
                                                "清除手工得分,按规则自动计算")
        self.copy_action = self._action("复制", self.copy_selection, key(key.StandardKey.Copy),
                                        "以制表符分隔的文本复制选中的三级指标,可粘贴到 Excel/WPS")
        self.paste_action = self._action("粘贴", self.paste, key(key.StandardKey.Paste),
                                         "粘贴从 Excel/WPS 复制的指标行")
        for action in (self.add_leaf_action, self.add_category_action, self.delete_action,
                       self.move_up_action, self.move_down_action, self.restore_auto_action):
            self.toolbar.addAction(action)

    def _setup_header(self) -> None:
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(48)
        for column in range(self.model.columnCount()):
            if column == COL_REASON:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, COLUMN_WIDTHS.get(column, 100))

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
        """Start on the first 三级指标 (current, not selected) so the toolbar works right away."""
        first = next((leaf for _d, _c, leaf in self.document.form.iter_leaves()), None)
        index = self.model.index_for(first) if first is not None else self.model.index(0, 0)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _connect_document(self) -> None:
        self.document.evaluated.connect(self.update_actions)

    def _disconnect_document(self) -> None:
        self.document.evaluated.disconnect(self.update_actions)

    # --- selection helpers -------------------------------------------------------------------
    def current_node(self) -> Optional[Node]:
        return self.model.node_for(self.view.currentIndex())

    def selected_nodes(self) -> list[Node]:
        """Selected rows in tree order; the current row when nothing is selected."""
        nodes = [self.model.node_for(index) for index in self.view.selectionModel().selectedRows(0)]
        nodes = [node for node in nodes if node is not None]
        if not nodes and self.current_node() is not None:
            nodes = [self.current_node()]
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
        self.view.setCurrentIndex(index)
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
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self.view.expand(self.model.index(row, 0, parent))

    def update_actions(self, *_args: object) -> None:
        node = self.current_node()
        nodes = self.selected_nodes()
        self.add_leaf_action.setEnabled(self._leaf_target() is not None)
        self.add_category_action.setEnabled(self._dimension_target() is not None)
        self.delete_action.setEnabled(any(not isinstance(n, Dimension) for n in nodes))
        movable = node is not None and not isinstance(node, Dimension)
        siblings = len(self.document.children_of(self.model.parent_of(node))) if movable else 0
        row = self.model.row_of(node) if movable else 0
        self.move_up_action.setEnabled(movable and (row > 0 or self._neighbour_category(node, -1) is not None))
        self.move_down_action.setEnabled(movable and (row < siblings - 1
                                                      or self._neighbour_category(node, 1) is not None))
        self.restore_auto_action.setEnabled(any(leaf.score is not None for leaf in self.selected_leaves()))
        self.copy_action.setEnabled(bool(self.selected_leaves()))

    # --- messages ----------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.emit(text)

    def _on_refused(self, text: str) -> None:
        """A refused edit: tell the user at the cell (tooltip) and in the status bar."""
        rect = self.view.visualRect(self.view.currentIndex())
        QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), text, self.view)
        self._say(text)

    def _confirm_with_dialog(self, text: str) -> bool:
        answer = QMessageBox.question(self, "确认删除", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_category_with_dialog(self, dimension: Dimension, suggestions: list[str]) -> Optional[str]:
        name, ok = QInputDialog.getItem(self, "添加二级指标", f"在“{dimension.name}”下添加二级指标:",
                                        suggestions or [""], 0, True)
        return name.strip() if ok and name.strip() else None

    # --- add, delete, move -------------------------------------------------------------------
    def _leaf_target(self) -> Optional[tuple[Category, int]]:
        """Where a new leaf goes: after the current leaf, or last in the current category."""
        node = self.current_node()
        if isinstance(node, Leaf):
            return self.model.parent_of(node), self.model.row_of(node) + 1
        if isinstance(node, Dimension):
            node = node.children[-1] if node.children else None
        if isinstance(node, Category):
            return node, len(node.children)
        return None

    def _dimension_target(self) -> Optional[tuple[Dimension, int]]:
        node = self.current_node()
        if isinstance(node, Leaf):
            node = self.model.parent_of(node)
        if isinstance(node, Category):
            return self.model.parent_of(node), self.model.row_of(node) + 1
        if isinstance(node, Dimension):
            return node, len(node.children)
        return None

    def add_leaf(self, edit: bool = True) -> Optional[Leaf]:
        target = self._leaf_target()
        if target is None:
            self._say("请先选择要添加到的二级指标或三级指标")
            return None
        category, row = target
        leaf = Leaf()
        self.document.push(InsertNodesCommand(self.document, category, row, [leaf], "添加三级指标"))
        self.select_node(leaf, COL_NAME, edit=edit)
        return leaf

    def category_suggestions(self, dimension: Dimension) -> list[str]:
        """The template's 二级 names for this 一级 that the form does not use yet."""
        used = {category.name for category in dimension.children}
        for spec in self.document.template.dimensions:
            if spec.name == dimension.name:
                return [name for name in spec.categories if name not in used]
        return []

    def add_category(self, name: Optional[str] = None, edit: bool = True) -> Optional[Category]:
        target = self._dimension_target()
        if target is None:
            self._say("请先选择要添加到的一级指标")
            return None
        dimension, row = target
        if name is None:
            name = self.ask_category_name(dimension, self.category_suggestions(dimension))
            if not name:
                return None
        category = Category(name=name.strip(), children=[Leaf()])
        self.document.push(InsertNodesCommand(self.document, dimension, row, [category], "添加二级指标"))
        self.select_node(category.children[0], COL_NAME, edit=edit)
        return category

    def delete_selected(self) -> bool:
        if self.view.is_editing():
            return False
        nodes = [n for n in self.selected_nodes() if not isinstance(n, Dimension)]
        if not nodes:
            self._say("一级指标由模板确定,不能删除;请选择三级指标或二级指标")
            return False
        chosen = {id(n) for n in nodes}
        nodes = [n for n in nodes if id(self.model.parent_of(n)) not in chosen]
        full = [n for n in nodes if isinstance(n, Category) and n.children]
        if full:
            count = sum(len(c.children) for c in full)
            names = "、".join(f"“{c.name}”" for c in full)
            if not self.confirm(f"二级指标{names}下有 {count} 条三级指标,将一并删除。确定删除吗?"):
                return False
        after = self._neighbour_after_delete(nodes)
        commands = [RemoveNodesCommand(self.document, self.model.parent_of(n), self.model.row_of(n), 1,
                                       "删除指标") for n in reversed(nodes)]
        text = f"删除 {len(nodes)} 项指标" if len(nodes) > 1 else f"删除“{nodes[0].name or '(未命名)'}”"
        self.document.push(commands[0] if len(commands) == 1 else MacroCommand(self.document, text, commands))
        if after is not None:
            self.select_node(after)
        self._say(f"已{text}(可撤销)")
        return True

    def _neighbour_after_delete(self, nodes: Sequence[Node]) -> Optional[Node]:
        """The row to select once ``nodes`` are gone: the next sibling, the previous, the parent."""
        gone = {id(n) for n in nodes}
        last = nodes[-1]
        parent = self.model.parent_of(last)
        siblings = self.document.children_of(parent)
        row = self.model.row_of(last)
        for candidate in list(siblings[row + 1:]) + list(reversed(siblings[:row])):
            if id(candidate) not in gone:
                return candidate
        return None if isinstance(parent, type(self.document.form)) else parent

    def move_current(self, delta: int) -> bool:
        """Move the current row up (-1) or down (1) among its siblings; a 三级指标 at the edge of its
        二级指标 moves on into the neighbouring 二级指标 of the same 一级指标."""
        node = self.current_node()
        if node is None or isinstance(node, Dimension) or self.view.is_editing():
            return False
        parent = self.model.parent_of(node)
        row = self.model.row_of(node)
        to_row = row + delta
        text = f"{'上移' if delta < 0 else '下移'}“{node.name or '(未命名)'}”"
        column = self.view.currentIndex().column()
        if 0 <= to_row < len(self.document.children_of(parent)):
            self.document.push(MoveNodesCommand(self.document, parent, row, to_row, 1, text))
        else:
            neighbour = self._neighbour_category(node, delta)
            if neighbour is None:
                return False
            position = len(neighbour.children) if delta < 0 else 0
            self.document.push(MacroCommand(self.document, text, [
                RemoveNodesCommand(self.document, parent, row, 1, text),
                InsertNodesCommand(self.document, neighbour, position, [node], text)]))
        self.select_node(node, column)
        self.update_actions()
        return True

    def _neighbour_category(self, node: Node, delta: int) -> Optional[Category]:
        """For a leaf: the previous/next 二级指标 of its 一级指标, or None at the edge."""
        if not isinstance(node, Leaf):
            return None
        category = self.model.parent_of(node)
        dimension = self.model.parent_of(category)
        position = self.model.row_of(category) + delta
        return dimension.children[position] if 0 <= position < len(dimension.children) else None

    def restore_auto(self) -> bool:
        leaves = [leaf for leaf in self.selected_leaves() if leaf.score is not None]
        if not leaves:
            self._say("选中的指标没有手工得分")
            return False
        set_values(self.document, "恢复自动计算", [(leaf, "score", None) for leaf in leaves])
        self._say(f"已恢复 {len(leaves)} 条指标的自动计算")
        return True

    # --- clipboard ---------------------------------------------------------------------------
    def copy_selection(self) -> str:
        """Copy the selected leaf rows as tab-separated text (三级指标 … 备注) and return it."""
        leaves = self.selected_leaves()
        if not leaves:
            self._say("请先选择要复制的指标")
            return ""
        rows = []
        for leaf in leaves:
            result = self.document.evaluation.leaves.get(id(leaf))
            score = result.score if result is not None else leaf.score
            rows.append([leaf.name, leaf.target, leaf.actual, fmt(leaf.weight), fmt(score), leaf.reason,
                         leaf.remark])
        text = format_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        self._say(f"已复制 {len(rows)} 条三级指标")
        return text

    def _paste_target(self) -> Optional[tuple[Category, int]]:
        node = self.current_node()
        if isinstance(node, Leaf):
            return self.model.parent_of(node), self.model.row_of(node)
        target = self._leaf_target()
        return target

    def paste(self, text: Optional[str] = None) -> bool:
        """Paste rows from Excel/WPS: overwrite from the current leaf down, append the rest to its
        category (onto a category: append). One undo step; a bad number refuses the whole paste.

        Whole rows (4 cells or more) always start at 三级指标, whichever cell of the row is current;
        a narrower block starts at the current column (paste a column of 实际完成值 onto the first
        实际完成值 cell), and a single cell simply replaces the current cell.
        """
        if self.view.is_editing():
            return False
        if text is None:
            text = QGuiApplication.clipboard().text()
        table = parse_tsv(text or "")
        current = self.view.currentIndex()
        node = self.current_node()
        if (len(table) == 1 and len(table[0]) == 1 and isinstance(node, Leaf)
                and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            return self.model.setData(current, table[0][0])
        narrow = isinstance(node, Leaf) and not is_full_block(table)
        rows = leaf_rows(table, current.column() if narrow else 0)
        if not rows:
            self._say("剪贴板中没有可粘贴的指标行")
            return False
        try:
            values = validate_leaf_rows(rows)
        except NumberError as exc:
            self._on_refused(f"粘贴失败,{exc}")
            return False
        target = self._paste_target()
        if target is None:
            self._say("请先选择要粘贴到的三级指标或二级指标")
            return False
        category, start = target
        macro = self._paste_command(category, start, values)
        if macro.commands:
            self.document.push(macro)
        first = category.children[start] if start < len(category.children) else None
        if first is not None:
            self.select_node(first)
        self._say(f"已粘贴 {len(values)} 行指标(可撤销)")
        return True

    def _paste_command(self, category: Category, start: int, values: list[dict]) -> MacroCommand:
        macro = MacroCommand(self.document, f"粘贴 {len(values)} 行指标")
        existing = category.children[start:]
        for leaf, row in zip(existing, values):
            for field, value in self._resolve_score(leaf, row).items():
                current = getattr(leaf, field)
                if current != value or type(current) is not type(value):
                    macro.add(SetValueCommand(self.document, leaf, field, value, macro.text()))
        new_leaves = [Leaf(**self._resolve_score(Leaf(), row)) for row in values[len(existing):]]
        if new_leaves:
            macro.add(InsertNodesCommand(self.document, category, len(category.children), new_leaves))
        return macro

    def _resolve_score(self, leaf: Leaf, row: dict) -> dict:
        """A pasted 得分 equal to what the rules give stays automatic (copy → paste keeps auto)."""
        row = dict(row)
        score = row.get("score")
        if isinstance(score, Decimal):
            merged = {f: row.get(f, getattr(leaf, f)) for f in ("target", "actual", "weight", "reason")}
            result = score_leaf(Leaf(**merged), self.document.template.rules)
            if result.auto_score == score:
                row["score"] = None
        return row

    # --- context menu ------------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        groups = ((self.add_leaf_action, self.add_category_action, self.delete_action),
                  (self.move_up_action, self.move_down_action), (self.restore_auto_action,),
                  (self.copy_action, self.paste_action))
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


def _leaves_under(node: Node) -> list[Leaf]:
    if isinstance(node, Leaf):
        return [node]
    if isinstance(node, Category):
        return list(node.children)
    return [leaf for category in node.children for leaf in category.children]
