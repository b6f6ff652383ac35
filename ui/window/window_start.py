"""How the window comes on screen: where a first start puts it, and work put off until it is painted.

Kept apart from :mod:`ui.window.main_window` (the window's contents): these decide only the first
half-second a user sees.
"""
from __future__ import annotations

from typing import Callable, Optional, cast

from ui.qt import QEvent, QObject, QRect, QTimer, QWidget

__all__ = ["FIRST_PAINT_LATEST_MS", "MAXIMISED_BELOW", "TITLE_BAR_ROOM", "after_first_paint", "first_placement"]

FIRST_PAINT_LATEST_MS = 400  # a window that is never painted (started minimised) is finished anyway
MAXIMISED_BELOW = 900  # a first start on a screen less tall than this opens maximised
TITLE_BAR_ROOM = 50  # the tallest title bar of our desktops (UOS/DDE); Windows 10 draws 31


def first_placement(area: QRect) -> QRect:
    """Where a first start puts the window inside the screen's free ``area``: most of it, the
    frame, title bar included, centred. Qt learns the frame's size from the desktop only once the
    window is shown; centring the bare window put its bottom edge, and the status bar, off the
    screen. (On a screen less tall than :data:`MAXIMISED_BELOW` the window opens maximised, and
    this is where 还原 puts it.)"""
    width = min(1600, int(area.width() * 0.92))
    height = int(area.height() * 0.92) - TITLE_BAR_ROOM
    left = area.left() + (area.width() - width) // 2
    top = area.top() + (area.height() - height - TITLE_BAR_ROOM) // 2 + TITLE_BAR_ROOM
    return QRect(left, top, width, height)


class _FirstPaint(QObject):
    """Calls back once its widget has been painted, or after ``latest_ms`` if it never is."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], latest_ms: int) -> None:
        super().__init__(widget)
        self.callback: Optional[Callable[[], None]] = callback
        widget.installEventFilter(self)
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
                      latest_ms: int = FIRST_PAINT_LATEST_MS) -> None:
    """Run ``callback`` once ``widget`` is on screen, so slow work starts after the user sees it."""
    _FirstPaint(widget, callback, latest_ms)
