"""How the window comes on screen: a first start's placement."""
from __future__ import annotations

import pytest

from ui.qt import QRect
from ui.window.window_start import TITLE_BAR_ROOM, first_placement


@pytest.mark.parametrize("area", [QRect(0, 0, 1920, 1040), QRect(0, 0, 1440, 860 + 40), QRect(0, 30, 2560, 1410),
                                  QRect(0, 0, 1366, 728)])
def test_a_first_start_keeps_the_whole_frame_on_the_screen(area):
    place = first_placement(area)
    frame_top = place.top() - TITLE_BAR_ROOM  # the title bar the desktop adds above the window
    assert area.top() <= frame_top and place.bottom() <= area.bottom()  # the status bar stays on screen
    assert abs((frame_top - area.top()) - (area.bottom() - place.bottom())) <= 1  # centred, title bar included
    assert place.height() >= area.height() * 0.8 and place.width() >= min(1600, area.width() * 0.9)
