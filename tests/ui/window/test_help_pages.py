"""帮助 → 键盘操作 (F1): the keys listed are the actions' own, in WPS's words."""
from __future__ import annotations

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

REAL_TREE = ensure_indicator_view()

from ui.qt import QAction, QKeySequence, Qt  # noqa: E402
from ui.window.help_pages import BETWEEN_PANES, IN_THE_TABLE, action_rows, key_text  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raise(), size hints


@pytest.fixture
def window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def test_keys_read_as_the_table_writes_them(qapp):
    assert key_text(QKeySequence("Alt+Up")) == "Alt+↑"
    assert key_text(QKeySequence(Qt.Key.Key_Insert)) == "Insert"
    assert key_text(QKeySequence(Qt.Key.Key_Delete)) == "Delete"
    assert key_text(QKeySequence("Ctrl+-")) == "Ctrl+-"
    assert key_text(QKeySequence("Ctrl++")) == "Ctrl++"


def test_only_actions_with_a_key_are_listed_once_without_their_menu_letter(qapp):
    save, plain, again = QAction("保存(&S)"), QAction("刷新(&R)"), QAction("保存(&S)")
    save.setShortcuts([QKeySequence("Ctrl+S")])
    again.setShortcuts([QKeySequence("Ctrl+S"), QKeySequence("Ctrl+Alt+S")])
    undo = QAction("撤销(&U) 修改数值")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    assert action_rows([save, plain, again, undo], {undo: "撤销"}) == [("Ctrl+S", "保存"), ("Ctrl+Z", "撤销")]


def test_f1_lists_every_window_key_and_the_forms_tree_keys(window, f17, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    page = window.key_help
    assert page is not None and page.isVisible() and not page.isModal()
    groups = page.rows()
    assert list(groups) == ["在指标表中", "指标表的命令", "窗口和菜单"]  # no form open: no tree commands yet
    window_rows = groups["窗口和菜单"]
    assert window_rows[:len(BETWEEN_PANES)] == list(BETWEEN_PANES)
    for key, meaning in (("Ctrl+N", "新建"), ("Ctrl+S", "保存"), ("Ctrl+Shift+W", "关闭全部"), ("Ctrl+Z", "撤销"),
                         ("Ctrl+Y", "重做"), ("F1", "键盘操作")):
        assert (key, meaning) in window_rows
    window.file_actions.open_file(f17)
    window.act.keys.trigger()  # again: one page, now with the form's tree commands
    assert not page.isVisible()
    table_rows = window.key_help.rows()["在指标表中"]
    assert table_rows[:len(IN_THE_TABLE)] == list(IN_THE_TABLE)
    if REAL_TREE:
        assert ("Insert", "添加指标") in table_rows and ("Ctrl+-", "删除行") in table_rows
        assert ("Delete", "清除内容") in table_rows and ("Alt+↑", "上移") in table_rows
    assert "指标表的命令" not in window.key_help.rows()


def test_every_meaning_shows_whole(window, f17):
    window.file_actions.open_file(f17)
    window.show_keys()
    page = window.key_help
    header = page.tree.header()
    assert header.sectionSize(1) >= page.tree.sizeHintForColumn(1)
    assert page.width() >= header.sectionSize(0) + header.sectionSize(1)
