"""Undoable edits of the texts a form keeps by key (``Form.header``, ``Form.closing``).

:class:`ui.document.SetValueCommand` changes an attribute; these texts live in a dict, so they get a
command of their own. An emptied text removes its key, so the draft keeps only what was written
(model.draft writes the v2 keys only when they hold something).
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QUndoCommand

from ui.document import FormDocument


class SetTextCommand(QUndoCommand):
    """Set (or, with "", remove) one key of a dict of texts; ``valueChanged(mapping, key)`` tells the
    widgets showing it."""

    def __init__(self, document: FormDocument, mapping: dict[str, str], key: str, value: str, text: str) -> None:
        super().__init__(text)
        self.document, self.mapping, self.key = document, mapping, key
        self.new = value
        self.old: Optional[str] = mapping.get(key)

    def _apply(self, value: Optional[str]) -> None:
        if value:
            self.mapping[self.key] = value
        else:
            self.mapping.pop(self.key, None)
        self.document.valueChanged.emit(self.mapping, self.key)
        self.document.reevaluate()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


def set_text(document: FormDocument, mapping: dict[str, str], key: str, value: str, text: str) -> bool:
    """Push the edit when it changes something; returns whether it did."""
    if mapping.get(key, "") == value:
        return False
    document.push(SetTextCommand(document, mapping, key, value, text))
    return True
