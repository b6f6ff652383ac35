"""Chinese dates in Qt's dialogs whatever the system locale (ui.system_locale): pure, no Qt."""
from __future__ import annotations

import pytest

from ui.system_locale import CHINESE_TIME_LOCALE, chinese_dates, time_locale_changes


@pytest.mark.parametrize("environ, platform, changes", [
    ({"LANG": "C.UTF-8"}, "linux", {"LC_TIME": CHINESE_TIME_LOCALE}),
    ({"LANG": "en_US.UTF-8", "LC_TIME": "en_GB.UTF-8"}, "linux", {"LC_TIME": CHINESE_TIME_LOCALE}),
    ({}, "linux", {"LC_TIME": CHINESE_TIME_LOCALE}),
    ({"LANG": "zh_CN.UTF-8"}, "linux", {}),  # a Chinese desktop: nothing to change
    ({"LANG": "C.UTF-8", "LC_TIME": "zh_TW.UTF-8"}, "linux", {}),  # Chinese dates already
    ({"LC_ALL": "C"}, "linux", {}),  # set on purpose: it overrides every category
    ({"LANG": "C"}, "win32", {}),  # Windows and macOS read the user's regional settings
    ({"LANG": "C"}, "darwin", {}),
])
def test_what_is_set_for_chinese_dates(environ, platform, changes):
    assert time_locale_changes(environ, platform) == changes


def test_the_environment_is_restored_after_the_start():
    environ = {"LANG": "C.UTF-8"}
    with chinese_dates(environ, "linux") as changes:
        assert environ["LC_TIME"] == CHINESE_TIME_LOCALE and changes
    assert environ == {"LANG": "C.UTF-8"}
    environ = {"LANG": "C.UTF-8", "LC_TIME": "en_GB.UTF-8"}
    with pytest.raises(RuntimeError):
        with chinese_dates(environ, "linux"):
            raise RuntimeError("the start failed")
    assert environ == {"LANG": "C.UTF-8", "LC_TIME": "en_GB.UTF-8"}
