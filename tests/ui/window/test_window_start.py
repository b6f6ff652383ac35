"""How the window comes on screen: a first start's placement, work put off until the first paint."""
from __future__ import annotations

import pytest

from ui.qt import QApplication, QRect, QWidget
from ui.window.window_start import TITLE_BAR_ROOM, after_first_paint, first_placement


@pytest.mark.parametrize("area", [QRect(0, 0, 1920, 1040), QRect(0, 0, 1440, 860 + 40), QRect(0, 30, 2560, 1410),
                                  QRect(0, 0, 1366, 728)])
def test_a_first_start_keeps_the_whole_frame_on_the_screen(area):
    place = first_placement(area)
    frame_top = place.top() - TITLE_BAR_ROOM  # the title bar the desktop adds above the window
    assert area.top() <= frame_top and place.bottom() <= area.bottom()  # the status bar stays on screen
    assert abs((frame_top - area.top()) - (area.bottom() - place.bottom())) <= 1  # centred, title bar included
    assert place.height() >= area.height() * 0.8 and place.width() >= min(1600, area.width() * 0.9)


def test_after_first_paint_waits_for_the_paint(qtbot):
    """The start's slow work runs once the window has been painted, not before, and only once."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, lambda: calls.append("done"), latest_ms=60_000)
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls == ["done"])
    widget.repaint()  # a second paint, delivered now; a call it queued would run in processEvents
    QApplication.processEvents()
    assert calls == ["done"]


def test_after_first_paint_runs_anyway_for_a_window_never_painted(qtbot):
    """A window started minimised (or on a screen that never paints it) still finishes starting."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, lambda: calls.append("done"), latest_ms=20)
    qtbot.waitUntil(lambda: calls == ["done"])
