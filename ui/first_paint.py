"""Work put off until a widget is on screen: the window's start, and the parts a form shows later.

Used by the window's start (:mod:`ui.window.main_window`), zoom and a form page, whose folded header
section is made once the tree has been painted (:mod:`ui.form.tab`).
"""
from __future__ import annotations

from typing import Callable, Optional, cast

from ui.qt import QEvent, QObject, QTimer, QWidget

__all__ = ["FIRST_PAINT_LATEST_MS", "after_first_paint"]

FIRST_PAINT_LATEST_MS = 400  # a widget that is never painted (started minimised) is finished anyway


class _FirstPaint(QObject):
    """Calls back once its widget has been painted, or after ``latest_ms`` if it never is (None:
    only when painted)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], latest_ms: Optional[int]) -> None:
        super().__init__(widget)
        self.callback: Optional[Callable[[], None]] = callback
        widget.installEventFilter(self)
        if latest_ms is not None:
            QTimer.singleShot(latest_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            cast(QWidget, self.parent()).removeEventFilter(self)
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None],
                      latest_ms: Optional[int] = FIRST_PAINT_LATEST_MS) -> None:
    """Run ``callback`` once ``widget`` is on screen, so slow work starts after the user sees it.

    ``latest_ms`` None: only then, for work that a widget never shown does not need (a form
    opened behind others makes its header section when the user turns to it; thirty of them
    opened at once made theirs 0.4 s later, two or three in one turn of the event loop)."""
    _FirstPaint(widget, callback, latest_ms)
