"""How the window comes on screen: where a first start puts it (work put off until it is painted
is :mod:`ui.first_paint`).

Kept apart from :mod:`ui.window.main_window` (the window's contents): these decide only the first
half-second a user sees.
"""
from __future__ import annotations

from ui.qt import QRect

__all__ = ["MAXIMISED_BELOW", "TITLE_BAR_ROOM", "first_placement"]

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
