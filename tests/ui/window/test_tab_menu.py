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


def test_the_list_button_shows_every_open_form_and_goes_to_it(window, forms_dir, tmp_path):
    """Thirty tabs do not fit the bar: ▾ at its right end lists them all."""
    paths = []
    for name in ("f01.json", "f02.json", "f07.json"):
        (tmp_path / name).write_bytes((forms_dir / name).read_bytes())
        paths.append(tmp_path / name)
        window.file_actions.open_file(paths[-1])
    assert window.tabs.cornerWidget() is window.tab_menu.list_button
    menu = window.tab_menu.list_menu
    menu.aboutToShow.emit()
    listed = menu.actions()
    assert [a.text() for a in listed] == ["f01.json", "f02.json", "f07.json"]
    assert [a.isChecked() for a in listed] == [False, False, True] and listed[0].toolTip() == str(paths[0].resolve())
    listed[0].trigger()
    assert window.current_document().path == paths[0].resolve()
