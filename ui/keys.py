"""The Enter key as the editor reads it, in one place for the tree, the funds table and the header.

Clerks end an entry with Enter, often the keypad's; Shift+Enter goes back. With Ctrl or Alt it is
another key (Alt+Enter a new line in a cell, Ctrl+Enter commits and stays).
"""
from __future__ import annotations

from ui.qt import QKeyEvent, Qt

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_HELD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def is_plain_enter(event: QKeyEvent) -> bool:
    """Enter or the keypad's Enter, with or without Shift, and neither Ctrl nor Alt."""
    return event.key() in ENTER_KEYS and not event.modifiers() & _HELD
