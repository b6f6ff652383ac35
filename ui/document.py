"""One open form in the window: the domain form, its template, its evaluation and its undo stack.

Views never change domain objects: they call :meth:`FormDocument.set_value` (or a structural
method), which pushes a ``QUndoCommand``. Commands change the form, then the document re-evaluates
and tells everyone through signals, so every widget reads the same fresh :class:`Evaluation`.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ui.qt import QObject, QUndoCommand, QUndoStack, Signal

from model import assess
from model.form import Category, Dimension, Form, Leaf
from model.scoring import Evaluation
from model.template import Template
from model.template_registry import get_template


class FormDocument(QObject):
    """Signals:

    - ``valueChanged(obj, attr)``: one scalar of a domain object changed (leaf cell, project field…);
    - ``evaluated()``: scores and issues were recomputed (after any change);
    - ``pathChanged()`` / ``modifiedChanged(bool)``: for the window title.
    - structural signals, in pairs around each change so a ``QAbstractItemModel`` can call
      ``beginInsertRows``/``endInsertRows`` etc.: ``nodesAboutToBeInserted(parent, first, last)`` /
      ``nodesInserted(parent, first, last)``, the same for ``Removed``, and
      ``nodesAboutToBeMoved(parent, first, last, destination)`` / ``nodesMoved(…)`` where
      ``destination`` follows ``beginMoveRows`` (the row *before which* the block goes, counted
      before the move). ``parent`` is the :class:`Form` (its dimensions), a :class:`Dimension` or
      a :class:`Category`. ``structureChanged()`` follows every structural change.
    - ``replayed(changes)``: an undo or a redo has run; ``changes`` lists what it touched as
      ``(obj, attr)`` pairs (``attr`` None for a node put back, moved, or beside a removed one), so
      the views can show where, as a spreadsheet selects the cells Ctrl+Z restores.

    Structural changes are made only by the commands of :mod:`ui.commands`, which call
    :meth:`insert_nodes`, :meth:`remove_nodes` and :meth:`move_nodes`.
    """

    valueChanged = Signal(object, str)
    evaluated = Signal()
    pathChanged = Signal()
    modifiedChanged = Signal(bool)
    nodesAboutToBeInserted = Signal(object, int, int)
    nodesInserted = Signal(object, int, int)
    nodesAboutToBeRemoved = Signal(object, int, int)
    nodesRemoved = Signal(object, int, int)
    nodesAboutToBeMoved = Signal(object, int, int, int)
    nodesMoved = Signal(object, int, int, int)
    structureChanged = Signal()
    replayed = Signal(list)

    def __init__(self, form: Form, path: Optional[Path] = None, template: Optional[Template] = None,
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.form = form
        self.template = template or get_template(form.template)
        self.path: Optional[Path] = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.evaluation: Evaluation = assess(form, self.template)
        self._batch_depth = 0
        self._evaluation_pending = False
        self.released = False  # closing: its undo stack has left the window's group
        self._pushing = 0
        self._replayed: list[tuple[Any, Optional[str]]] = []
        self.valueChanged.connect(self._note_value)
        self.nodesInserted.connect(self._note_inserted)
        self.nodesRemoved.connect(self._note_removed)
        self.nodesMoved.connect(self._note_moved)
        self.undo_stack.indexChanged.connect(self._on_index_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        # A bound slot (not a lambda) so Qt drops the connection when the document is destroyed.
        self.modifiedChanged.emit(not clean)

    # --- state -------------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_path(self, path: Optional[Path]) -> None:
        self.path = Path(path) if path else None
        self.pathChanged.emit()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    def reevaluate(self) -> None:
        """Recompute scores and issues, or, inside :meth:`batch`, once when the batch ends."""
        if self._batch_depth:
            self._evaluation_pending = True
            return
        self._evaluation_pending = False
        self.evaluation = assess(self.form, self.template)
        self.evaluated.emit()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many changes (a paste, an undo of a paste) under one re-evaluation.

        Between the changes ``evaluation`` is stale; readers must tolerate nodes missing from it.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._evaluation_pending:
                self.reevaluate()

    def push(self, command: QUndoCommand) -> None:
        """Run a command through the undo stack (views use this for structural edits)."""
        self._pushing += 1
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing -= 1
            self._replayed.clear()

    # --- what an undo or a redo touched -------------------------------------------------------
    def _note_value(self, obj: object, attr: str) -> None:
        if not self._pushing:
            self._replayed.append((obj, attr))

    def _note_inserted(self, parent: Parent, first: int, last: int) -> None:
        if not self._pushing:
            self._replayed.extend((node, None) for node in self.children_of(parent)[first:last + 1])

    def _note_removed(self, parent: Parent, first: int, last: int) -> None:
        """The node that took the removed rows' place, else the one before, else their parent."""
        if not self._pushing:
            children = self.children_of(parent)
            self._replayed.append((children[min(first, len(children) - 1)] if children else parent, None))

    def _note_moved(self, parent: Parent, first: int, last: int, destination: int) -> None:
        if not self._pushing:
            count = last - first + 1
            row = destination - count if destination > first else destination
            self._replayed.extend((node, None) for node in self.children_of(parent)[row:row + count])

    def _on_index_changed(self, _index: int) -> None:
        if self._pushing or not self._replayed:
            return
        changes, self._replayed = self._replayed, []
        self.replayed.emit(changes)

    # --- edits -------------------------------------------------------------------------------
    def set_value(self, obj: Any, attr: str, value: Any, text: str = "") -> bool:
        """Push an undoable change of ``obj.attr``; returns False when nothing changes."""
        if not differs(obj, attr, value):
            return False
        self.push(SetValueCommand(self, obj, attr, value, text or "修改"))
        return True

    def apply_value(self, obj: Any, attr: str, value: Any) -> None:
        """Used by commands only: change, re-evaluate, notify."""
        setattr(obj, attr, value)
        self.valueChanged.emit(obj, attr)
        self.reevaluate()

    # --- structure (called by ui.commands only) ------------------------------------------------
    def children_of(self, parent: Parent) -> list:
        """The list a structural change works on: dimensions of the form, or a node's children."""
        return self.form.indicators if isinstance(parent, Form) else parent.children

    def insert_nodes(self, parent: Parent, row: int, nodes: list) -> None:
        children = self.children_of(parent)
        if not nodes or not 0 <= row <= len(children):
            raise IndexError(f"cannot insert {len(nodes)} nodes at {row} of {len(children)}")
        last = row + len(nodes) - 1
        self.nodesAboutToBeInserted.emit(parent, row, last)
        children[row:row] = nodes
        self.nodesInserted.emit(parent, row, last)
        self._structure_done()

    def remove_nodes(self, parent: Parent, row: int, count: int) -> list:
        """Remove ``count`` children from ``row`` and return them (a command keeps them for undo)."""
        children = self.children_of(parent)
        if count < 1 or row < 0 or row + count > len(children):
            raise IndexError(f"cannot remove {count} nodes at {row} of {len(children)}")
        last = row + count - 1
        self.nodesAboutToBeRemoved.emit(parent, row, last)
        removed = children[row:row + count]
        del children[row:row + count]
        self.nodesRemoved.emit(parent, row, last)
        self._structure_done()
        return removed

    def move_nodes(self, parent: Parent, row: int, count: int, to_row: int) -> None:
        """Move ``count`` children starting at ``row`` so the first ends up at ``to_row``."""
        children = self.children_of(parent)
        if count < 1 or row < 0 or row + count > len(children) or not 0 <= to_row <= len(children) - count:
            raise IndexError(f"cannot move {count} nodes from {row} to {to_row} of {len(children)}")
        if to_row == row:
            return
        last = row + count - 1
        destination = to_row if to_row < row else to_row + count  # beginMoveRows counts before the move
        self.nodesAboutToBeMoved.emit(parent, row, last, destination)
        block = children[row:row + count]
        del children[row:row + count]
        children[to_row:to_row] = block
        self.nodesMoved.emit(parent, row, last, destination)
        self._structure_done()

    def _structure_done(self) -> None:
        self.structureChanged.emit()
        self.reevaluate()


def differs(obj: Any, attr: str, value: Any) -> bool:
    """Whether setting ``obj.attr`` to ``value`` changes anything; an equal value of another type
    (``1`` for ``Decimal(1)``) counts as a change. One rule for every edit and paste."""
    current = getattr(obj, attr)
    return current != value or type(current) is not type(value)


Parent = Union[Form, Dimension, Category]
Node = Union[Dimension, Category, Leaf]


class SetValueCommand(QUndoCommand):
    """Change one attribute of one domain object; consecutive typing in one cell is not merged
    because each edit is committed by the editor as a whole value."""

    def __init__(self, document: FormDocument, obj: Any, attr: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.obj = obj
        self.attr = attr
        self.new = value
        self.old = getattr(obj, attr)

    def redo(self) -> None:
        self.document.apply_value(self.obj, self.attr, self.new)

    def undo(self) -> None:
        self.document.apply_value(self.obj, self.attr, self.old)
