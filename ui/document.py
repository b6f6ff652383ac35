"""One open form in the window: the domain form, its template, its evaluation and its undo stack.

Views never change domain objects: they call :meth:`FormDocument.set_value` (or a structural
method), which pushes a ``QUndoCommand``. Commands change the form, then the document re-evaluates
and tells everyone through signals, so every widget reads the same fresh :class:`Evaluation`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from ui.qt import QObject, QUndoCommand, QUndoStack, Signal

from model import assess
from model.form import Form
from model.scoring import Evaluation
from model.template import Template, get_template


class FormDocument(QObject):
    """Signals:

    - ``valueChanged(obj, attr)``: one scalar of a domain object changed (leaf cell, project field…);
    - ``evaluated()``: scores and issues were recomputed (after any change);
    - ``pathChanged()`` / ``modifiedChanged(bool)``: for the window title.
    Structural signals for the tree (rows inserted, removed, moved) are emitted by the commands in
    :mod:`ui.commands` through :attr:`structure` hooks.
    """

    valueChanged = Signal(object, str)
    evaluated = Signal()
    pathChanged = Signal()
    modifiedChanged = Signal(bool)

    def __init__(self, form: Form, path: Optional[Path] = None, template: Optional[Template] = None,
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.form = form
        self.template = template or get_template(form.template)
        self.path: Optional[Path] = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda clean: self.modifiedChanged.emit(not clean))
        self.evaluation: Evaluation = assess(form, self.template)

    # --- state -------------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path:
            return self.path.name
        return self.form.project.name or "未命名"

    def set_path(self, path: Optional[Path]) -> None:
        self.path = Path(path) if path else None
        self.pathChanged.emit()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    def reevaluate(self) -> None:
        self.evaluation = assess(self.form, self.template)
        self.evaluated.emit()

    # --- edits -------------------------------------------------------------------------------
    def set_value(self, obj: Any, attr: str, value: Any, text: str = "") -> bool:
        """Push an undoable change of ``obj.attr``; returns False when nothing changes."""
        if getattr(obj, attr) == value and type(getattr(obj, attr)) is type(value):
            return False
        self.undo_stack.push(SetValueCommand(self, obj, attr, value, text or "修改"))
        return True

    def apply_value(self, obj: Any, attr: str, value: Any) -> None:
        """Used by commands only: change, re-evaluate, notify."""
        setattr(obj, attr, value)
        self.valueChanged.emit(obj, attr)
        self.reevaluate()


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
