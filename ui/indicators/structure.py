"""Structural edits of the indicator tree: add, delete and move rows, restore automatic scores.

:class:`StructureEdits` is held by :class:`ui.indicators.view.IndicatorView` (as ``edits``); it
reaches the view only through :class:`IndicatorHost`, the few things it needs (the model, the
tree, the selection helpers, ``say``), so this module never imports the view. Every change is
pushed as a command from :mod:`ui.commands` so it is one undo step; the confirmation and naming
dialogs are replaceable attributes of the view (``confirm``, ``ask_category_name``) so tests can
answer them.
"""
from __future__ import annotations

from typing import Callable, Optional, Protocol, Sequence

from ui.commands import InsertNodesCommand, MacroCommand, MoveNodesCommand, RemoveNodesCommand, set_values
from ui.document import FormDocument, Node
from ui.indicators.cells import COL_NAME
from ui.indicators.tree_model import IndicatorTreeModel
from ui.indicators.tree_view import IndicatorTree
from ui import qt

from model.form import Category, Dimension, Form, Leaf


class IndicatorHost(Protocol):
    """What the edits use of the view that holds them: its document, model and tree, the
    selection helpers, the two questions it asks, and its status messages."""

    document: FormDocument
    model: IndicatorTreeModel
    view: IndicatorTree
    confirm: Callable[[str], bool]
    ask_category_name: Callable[[Dimension, list[str]], Optional[str]]

    def current_node(self) -> Optional[Node]: ...

    def selected_nodes(self) -> list[Node]: ...

    def selected_leaves(self) -> list[Leaf]: ...

    def select_node(self, node: Node, column: int = COL_NAME, edit: bool = False) -> None: ...

    def update_actions(self, *_args: object) -> None: ...

    def say(self, text: str) -> None: ...

    def refuse(self, text: str) -> None: ...


# The two questions name Qt's dialog classes through ``qt`` (built when first asked, not when a
# form page loads this module; see :mod:`ui.dialogs`).
def confirm_with_dialog(parent: qt.QWidget, text: str) -> bool:
    buttons = qt.QMessageBox.StandardButton
    return qt.QMessageBox.question(parent, "确认删除", text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes


def ask_category_with_dialog(parent: qt.QWidget, dimension: Dimension, suggestions: list[str]) -> Optional[str]:
    name, ok = qt.QInputDialog.getItem(parent, "添加二级指标", f"在“{dimension.name}”下添加二级指标:",
                                       suggestions or [""], 0, True)
    return name.strip() if ok and name.strip() else None


class HostParts:
    """What a helper held by the indicator view reads through its host: the document, the model
    and the tree. The host's document changes when the view shows another form, so these are
    always read from the host, never kept."""

    def __init__(self, host: IndicatorHost) -> None:
        self.host = host

    @property
    def document(self) -> FormDocument:
        return self.host.document

    @property
    def model(self) -> IndicatorTreeModel:
        return self.host.model

    @property
    def view(self) -> IndicatorTree:
        return self.host.view


class StructureEdits(HostParts):
    """Add, delete, move and restore-auto for the host view's current rows."""

    def leaf_target(self) -> Optional[tuple[Category, int]]:
        """Where a new leaf goes: after the current leaf, or last in the current category."""
        node = self.host.current_node()
        if isinstance(node, Leaf):
            return self.model.category_of(node), self.model.row_of(node) + 1
        if isinstance(node, Dimension):
            node = node.children[-1] if node.children else None
        if isinstance(node, Category):
            return node, len(node.children)
        return None

    def dimension_target(self) -> Optional[tuple[Dimension, int]]:
        node = self.host.current_node()
        if isinstance(node, Leaf):
            node = self.model.category_of(node)
        if isinstance(node, Category):
            return self.model.dimension_of(node), self.model.row_of(node) + 1
        if isinstance(node, Dimension):
            return node, len(node.children)
        return None

    def add_leaf(self, edit: bool = True) -> Optional[Leaf]:
        target = self.leaf_target()
        if target is None:
            self.host.say("请先选择要添加到的二级指标或三级指标")
            return None
        category, row = target
        leaf = Leaf()
        self.document.push(InsertNodesCommand(self.document, category, row, [leaf], "添加三级指标"))
        self.host.select_node(leaf, COL_NAME, edit=edit)
        return leaf

    def category_suggestions(self, dimension: Dimension) -> list[str]:
        """The template's 二级 names for this 一级 that the form does not use yet."""
        used = {category.name for category in dimension.children}
        for spec in self.document.template.dimensions:
            if spec.name == dimension.name:
                return [name for name in spec.categories if name not in used]
        return []

    def add_category(self, name: Optional[str] = None, edit: bool = True) -> Optional[Category]:
        target = self.dimension_target()
        if target is None:
            self.host.say("请先选择要添加到的一级指标")
            return None
        dimension, row = target
        if name is None:
            name = self.host.ask_category_name(dimension, self.category_suggestions(dimension))
            if not name:
                return None
        category = Category(name=name.strip(), children=[Leaf()])
        self.document.push(InsertNodesCommand(self.document, dimension, row, [category], "添加二级指标"))
        self.host.select_node(category.children[0], COL_NAME, edit=edit)
        return category

    def delete_selected(self) -> bool:
        if self.view.is_editing():
            return False
        nodes = [n for n in self.host.selected_nodes() if not isinstance(n, Dimension)]
        if not nodes:
            self.host.say("一级指标由模板确定,不能删除;请选择三级指标或二级指标")
            return False
        chosen = {id(n) for n in nodes}
        nodes = [n for n in nodes if id(self.model.parent_of(n)) not in chosen]
        full = [n for n in nodes if isinstance(n, Category) and n.children]
        if full:
            count = sum(len(c.children) for c in full)
            names = "、".join(f"“{c.name}”" for c in full)
            if not self.host.confirm(f"二级指标{names}下有 {count} 条三级指标,将一并删除。确定删除吗?"):
                return False
        after = self._neighbour_after_delete(nodes)
        commands = [RemoveNodesCommand(self.document, self.model.parent_of(n), self.model.row_of(n), 1,
                                       "删除指标") for n in reversed(nodes)]
        text = f"删除 {len(nodes)} 项指标" if len(nodes) > 1 else f"删除“{nodes[0].name or '(未命名)'}”"
        self.document.push(commands[0] if len(commands) == 1 else MacroCommand(self.document, text, commands))
        if after is not None:
            self.host.select_node(after)
        self.host.say(f"已{text}(可撤销)")
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
        return None if isinstance(parent, Form) else parent

    def move_current(self, delta: int) -> bool:
        """Move the current row up (-1) or down (1) among its siblings; a 三级指标 at the edge of its
        二级指标 moves on into the neighbouring 二级指标 of the same 一级指标."""
        node = self.host.current_node()
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
            neighbour = self.neighbour_category(node, delta)
            if neighbour is None:
                return False
            position = len(neighbour.children) if delta < 0 else 0
            self.document.push(MacroCommand(self.document, text, [
                RemoveNodesCommand(self.document, parent, row, 1, text),
                InsertNodesCommand(self.document, neighbour, position, [node], text)]))
        self.host.select_node(node, column)
        self.host.update_actions()
        return True

    def neighbour_category(self, node: Optional[Node], delta: int) -> Optional[Category]:
        """For a leaf: the previous/next 二级指标 of its 一级指标, or None at the edge."""
        if not isinstance(node, Leaf):
            return None
        category = self.model.category_of(node)
        dimension = self.model.dimension_of(category)
        position = self.model.row_of(category) + delta
        return dimension.children[position] if 0 <= position < len(dimension.children) else None

    def restore_auto(self) -> bool:
        leaves = [leaf for leaf in self.host.selected_leaves() if leaf.score is not None]
        if not leaves:
            self.host.say("选中的指标没有手工得分")
            return False
        set_values(self.document, "恢复自动计算", [(leaf, "score", None) for leaf in leaves])
        self.host.say(f"已恢复 {len(leaves)} 条指标的自动计算")
        return True
