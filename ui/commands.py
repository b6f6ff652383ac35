"""Structural undo commands for the indicator tree.

Each command only calls :class:`~ui.document.FormDocument` methods, so the document stays the one
place that changes the form and emits the signals the tree model turns into row insertions,
removals and moves. Value edits use :class:`~ui.document.SetValueCommand`.
"""
from __future__ import annotations

from typing import Any, Sequence

from ui.document import FormDocument, Node, Parent, SetValueCommand, differs
from ui.qt import QUndoCommand


class InsertNodesCommand(QUndoCommand):
    """Insert ready-made nodes (leaves, categories) under ``parent`` at ``row``."""

    def __init__(self, document: FormDocument, parent: Parent, row: int, nodes: Sequence[Node],
                 text: str = "添加指标") -> None:
        super().__init__(text)
        self.document = document
        self.parent_node = parent
        self.row = row
        self.nodes = list(nodes)

    def redo(self) -> None:
        self.document.insert_nodes(self.parent_node, self.row, self.nodes)

    def undo(self) -> None:
        self.document.remove_nodes(self.parent_node, self.row, len(self.nodes))


class RemoveNodesCommand(QUndoCommand):
    """Remove ``count`` consecutive children; the removed objects are kept so undo restores them
    as the very same objects (other commands in the stack still refer to them)."""

    def __init__(self, document: FormDocument, parent: Parent, row: int, count: int = 1,
                 text: str = "删除指标") -> None:
        super().__init__(text)
        self.document = document
        self.parent_node = parent
        self.row = row
        self.count = count
        self.removed: list = []

    def redo(self) -> None:
        self.removed = self.document.remove_nodes(self.parent_node, self.row, self.count)

    def undo(self) -> None:
        self.document.insert_nodes(self.parent_node, self.row, self.removed)


class MoveNodesCommand(QUndoCommand):
    """Move a block of siblings within their parent so its first node lands at ``to_row``."""

    def __init__(self, document: FormDocument, parent: Parent, row: int, to_row: int, count: int = 1,
                 text: str = "移动指标") -> None:
        super().__init__(text)
        self.document = document
        self.parent_node = parent
        self.row = row
        self.to_row = to_row
        self.count = count

    def redo(self) -> None:
        self.document.move_nodes(self.parent_node, self.row, self.count, self.to_row)

    def undo(self) -> None:
        self.document.move_nodes(self.parent_node, self.to_row, self.count, self.row)


class MacroCommand(QUndoCommand):
    """Several commands as one undo step, re-evaluated once.

    ``QUndoStack.beginMacro`` would re-score the form after every cell of a large paste, on redo
    and again on undo; running the parts here inside :meth:`FormDocument.batch` scores it once.
    The parts are built before the macro runs, so each must not depend on an earlier part's effect
    (a paste overwrites existing leaves and inserts fully-built new ones).
    """

    def __init__(self, document: FormDocument, text: str, commands: Sequence[QUndoCommand] = ()) -> None:
        super().__init__(text)
        self.document = document
        self.commands: list[QUndoCommand] = list(commands)

    def add(self, command: QUndoCommand) -> None:
        self.commands.append(command)

    def redo(self) -> None:
        with self.document.batch():
            for command in self.commands:
                command.redo()

    def undo(self) -> None:
        with self.document.batch():
            for command in reversed(self.commands):
                command.undo()


def set_values(document: FormDocument, text: str, changes: Sequence[tuple[Any, str, Any]]) -> bool:
    """Push several attribute changes as one undo step; unchanged values are skipped.

    Returns False when nothing would change (no empty step is pushed).
    """
    parts = [SetValueCommand(document, obj, attr, value, text) for obj, attr, value in changes
             if differs(obj, attr, value)]
    if not parts:
        return False
    document.push(parts[0] if len(parts) == 1 else MacroCommand(document, text, parts))
    return True
