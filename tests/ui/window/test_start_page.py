"""The start page of an empty window: recent drafts (Enter opens, Delete removes), 新建, 打开."""
from __future__ import annotations

import datetime
import os

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

ensure_indicator_view()

from ui.qt import QAction, QEvent, QPalette, Qt  # noqa: E402
from ui.window import files  # noqa: E402
from ui.window.start_page import NO_RECENT, StartPage, recent_rows, when_text  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen: not our warning
NOW = datetime.datetime(2027, 1, 8, 10, 30)


def test_when_a_draft_was_changed_reads_as_a_clerk_says_it():
    assert when_text(datetime.datetime(2027, 1, 8, 9, 5), NOW) == "今天 09:05"
    assert when_text(datetime.datetime(2027, 1, 7, 23, 59), NOW) == "昨天 23:59"
    assert when_text(datetime.datetime(2026, 12, 31, 8, 0), NOW) == "2026-12-31"


def test_recent_rows_name_the_draft_its_folder_and_a_missing_file(tmp_path):
    kept = tmp_path / "城乡低保资金.json"
    kept.write_text("{}", encoding="utf-8")
    stamp = datetime.datetime(2027, 1, 7, 16, 20).timestamp()
    os.utime(kept, (stamp, stamp))
    gone = tmp_path / "旧项目.json"
    rows = recent_rows([str(kept), str(gone)], NOW)
    assert rows == [(str(kept), "城乡低保资金", str(tmp_path), "昨天 16:20", True),
                    (str(gone), "旧项目", str(tmp_path), "文件已不存在", False)]


def test_recent_rows_use_the_project_name_where_it_is_known(tmp_path):
    path = tmp_path / "附件3.json"
    path.write_text("{}", encoding="utf-8")
    rows = recent_rows([str(path)], NOW, {str(path): "城乡低保资金"})
    assert rows[0][1] == "城乡低保资金" and rows[0][2] == str(tmp_path)


def test_project_names_are_kept_for_the_files_on_the_list_only(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    files.remember_opened(first, "城乡低保资金")
    files.remember_opened(second, "")
    assert files.recent_names() == {str(first.resolve()): "城乡低保资金"}
    for n in range(files.MAX_RECENT):  # pushes a.json off the list, and its name with it
        files.remember_opened(tmp_path / f"{n}.json", f"项目{n}")
    assert str(first.resolve()) not in files.recent_names() and len(files.recent_names()) == files.MAX_RECENT


@pytest.fixture
def drafts(forms_dir, tmp_path):
    """Three drafts opened before, the newest last: the list shows them newest first."""
    paths = []
    for name in ("f01.json", "f02.json", "f07.json"):
        path = tmp_path / name
        path.write_bytes((forms_dir / name).read_bytes())
        files.add_recent(path)
        paths.append(str(path.resolve()))
    return paths[::-1]


@pytest.fixture
def window(qtbot, monkeypatch, drafts):
    win = new_window(qtbot, monkeypatch)
    win.show()
    qtbot.waitExposed(win)
    return win


def window_project_name(path: str) -> str:
    from model.draft import load_draft

    return load_draft(path).project.name


def shown_names(page) -> list[str]:
    return [page.list.topLevelItem(n).text(0) for n in range(page.list.topLevelItemCount())]


def test_an_empty_window_lists_the_recent_drafts_and_enter_opens_the_newest(window, drafts, qtbot):
    page = window.start_page
    assert page is not None and page.isVisible() and not window.tabs.isVisible() and not window.welcome.isVisible()
    assert shown_names(page) == ["f07", "f02", "f01"] and page.paths() == drafts
    assert page.list.currentItem().text(0) == "f07"
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert [str(d.path) for d in window.documents()] == [drafts[1]]
    assert not page.isVisible() and window.tabs.isVisible()
    window.file_actions.close_tab(0)
    project = window_project_name(drafts[1])
    assert page.isVisible() and shown_names(page) == [project, "f07", "f01"]  # re-read: f02 is the newest,
    # named now by its project (a department's file may be called 附件3.json)
    assert page.list.topLevelItem(0).toolTip(0) == drafts[1]  # the file itself, on hovering
    assert window.focusWidget() is page.list  # Enter opens the next one too


def test_delete_takes_a_draft_off_the_list_and_leaves_the_file(window, drafts, qtbot):
    page = window.start_page
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert files.recent_files() == [drafts[0], drafts[2]] and shown_names(page) == ["f07", "f01"]
    assert os.path.exists(drafts[1]) and window.tabs.count() == 0
    assert page.list.currentItem().text(0) == "f01"  # the next entry, as in WPS's list


def test_a_moved_draft_is_greyed_and_choosing_it_offers_to_drop_it(window, drafts, qtbot):
    page = window.start_page
    os.remove(drafts[0])
    page.changeEvent(QEvent(QEvent.Type.ActivationChange))  # back from the file manager
    item = page.list.topLevelItem(0)
    assert item.text(2) == "文件已不存在"
    assert item.foreground(0).color() == page.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    asked = []
    page.confirm = lambda text: asked.append(text) or False
    page.activate(item)
    assert len(asked) == 1 and drafts[0] in asked[0] and files.recent_files()[0] == drafts[0]
    assert window.tabs.count() == 0  # nothing opened, no error dialog
    page.confirm = lambda text: True
    page.activate(page.list.topLevelItem(0))
    assert files.recent_files() == drafts[1:] and shown_names(page) == ["f02", "f01"]


def test_the_buttons_trigger_new_open_and_the_workspace(qtbot):
    """A page of its own, with stand-in actions: the window's would open their dialogs."""
    done = []
    new, open_ = QAction("新建"), QAction("打开")
    new.triggered.connect(lambda: done.append("new"))
    open_.triggered.connect(lambda: done.append("open"))
    page = StartPage(new, open_, lambda: done.append("workspace"), done.append, lambda text: False)
    qtbot.addWidget(page)
    for key in ("new", "open", "workspace"):
        qtbot.mouseClick(page.buttons[key], Qt.MouseButton.LeftButton)
    assert done == ["new", "open", "workspace"]
    assert page.empty.isVisibleTo(page) and not page.list.isVisibleTo(page)  # no recent drafts yet


def test_the_menus_clear_list_empties_the_page(window):
    page = window.start_page
    window.menus.fill_recent()
    clear = [a for a in window.menus.recent.actions() if a.text() == "清除列表"][0]
    clear.trigger()
    assert files.recent_files() == [] and not page.list.isVisible() and page.empty.isVisible()
    assert page.empty.text() == NO_RECENT
    menu = page.menu_for(None)
    assert [a.text() for a in menu.actions()] == ["清除列表"]


def test_the_entry_menu_opens_the_folder_and_removes(window, drafts):
    page = window.start_page
    shown = []
    page.show_folder = shown.append
    actions = {a.text(): a for a in page.menu_for(page.list.topLevelItem(1)).actions() if not a.isSeparator()}
    assert list(actions) == ["打开", "打开所在文件夹", "从列表中移除", "清除列表"]
    actions["打开所在文件夹"].trigger()
    assert shown == [os.path.dirname(drafts[1])]
    actions["从列表中移除"].trigger()
    assert files.recent_files() == [drafts[0], drafts[2]]
    actions = {a.text(): a for a in page.menu_for(page.list.topLevelItem(0)).actions() if not a.isSeparator()}
    actions["打开"].trigger()
    assert [str(d.path) for d in window.documents()] == [drafts[0]]
