"""The menu of a form's tab: 关闭, 关闭其他, 关闭全部, 打开所在文件夹."""
from __future__ import annotations

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

ensure_indicator_view()

from ui import dialogs  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def entries(menu) -> dict[str, object]:
    return {a.text(): a for a in menu.actions() if not a.isSeparator()}


def test_the_tab_menu_closes_others_and_shows_the_folder(window, f17, monkeypatch):
    window.file_actions.new_document("guizhou-2024", 2025)  # never saved: no folder
    window.current_tab().panel.funds.commit_money(0, "budget", "100")  # and changed
    window.file_actions.open_file(f17)
    unsaved = entries(window.tab_menu.menu_for(0))
    assert list(unsaved) == ["关闭(&C)", "关闭其他(&O)", "关闭全部(&A)", "打开所在文件夹(&F)"]
    assert not unsaved["打开所在文件夹(&F)"].isEnabled() and unsaved["关闭其他(&O)"].isEnabled()
    shown = []
    window.tab_menu.show_folder = shown.append
    entries(window.tab_menu.menu_for(1))["打开所在文件夹(&F)"].trigger()
    assert shown == [str(f17.parent)]
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or dialogs.DISCARD)
    entries(window.tab_menu.menu_for(1))["关闭其他(&O)"].trigger()  # on f17: the new form goes
    assert [d.path for d in window.documents()] == [f17.resolve()] and len(asked) == 1
    assert not entries(window.tab_menu.menu_for(0))["关闭其他(&O)"].isEnabled()  # nothing else is open
    entries(window.tab_menu.menu_for(0))["关闭(&C)"].trigger()
    assert window.tabs.count() == 0
