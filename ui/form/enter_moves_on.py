"""Enter in a header field moves on to the next field, as Tab does (Shift+Enter back).

Clerks type the header top to bottom and end each entry with Enter, as in their accounting software
and in a spreadsheet; a one-line field ignored it, so the next keys were typed into the same field.
Multi-line fields (the goals) keep Enter for a new line.
"""
from __future__ import annotations

from typing import cast

from ui.keys import is_plain_enter
from ui.qt import QApplication, QEvent, QKeyEvent, QObject, Qt, QWidget



class EnterMovesOn(QObject):
    """An event filter: install it on the one-line fields of a panel (:meth:`watch`)."""

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        key_event = cast(QKeyEvent, event)
        if not is_plain_enter(key_event):
            return False
        # The field's own Enter first, past this filter (a QLineEdit or QSpinBox commits on it and
        # reports editingFinished, even in a window that is not active), then Tab.
        watched.event(QKeyEvent(QEvent.Type.KeyPress, key_event.key(), Qt.KeyboardModifier.NoModifier))
        back = bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        tab = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
        QApplication.sendEvent(watched, QKeyEvent(QEvent.Type.KeyPress, tab, Qt.KeyboardModifier.NoModifier))
        return True
