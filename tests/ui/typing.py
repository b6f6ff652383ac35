"""Typing as a user does, for the UI tests: ASCII as key presses, Chinese as an input method
commits it (QTest can only synthesise key events for ASCII)."""
from __future__ import annotations

from typing import Optional

from ui.qt import QApplication, QInputMethodEvent, QWidget


def type_keys(qtbot, text: str, widget: Optional[QWidget] = None) -> None:
    """Each character to ``widget``, or to whichever widget has the focus when it arrives (on a
    tree cell the first character opens the editor, and the rest go into it)."""
    for character in text:
        target = widget if widget is not None else QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        if character.isascii():
            qtbot.keyClicks(target, character)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(character)
            QApplication.sendEvent(target, event)
