"""Drafts used elsewhere or changed on disk, through the window (issue #15).

Every question is answered by replacing its function in ui.dialogs, as a user would answer it;
"other users" and "other programs" are lock files and writes made by the test itself.
"""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from model.atomic import backup_path  # noqa: E402
from model.draft import load_draft, save_draft  # noqa: E402
from model.draft_lock import LockOwner, lock_path, read_lock  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402

THEIRS = "同事改过的项目名称"
OURS = Decimal("288888.88")


def actions(window):
    """The window's file actions (open, save, close), where the draft safety lives."""
    return window.file_actions


def safety(window):
    return actions(window).safety


@pytest.fixture
def asked(monkeypatch):
    """Every question asked, with the answers the test sets in ``asked.answers``."""
    class Asked(list):
        answers: dict = {}

    record = Asked()
    record.answers = {"ask_in_use": dialogs.CANCEL, "ask_changed_on_disk": dialogs.CANCEL,
                      "confirm_discard_for_reload": False, "save_file_name": ""}

    def answer(name):
        def ask(parent, *args, **kwargs):
            record.append((name, args))
            return record.answers[name]
        return ask

    for name in record.answers:
        monkeypatch.setattr(dialogs, name, answer(name))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": record.append(("error", (text,))))
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": record.append(("warn", (text,))))
    return record


@pytest.fixture
def window(qtbot, asked):
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


def names(asked) -> list[str]:
    return [name for name, _args in asked]


def someone_else_writes(path, name=THEIRS) -> None:
    """A colleague saves the draft (an atomic replace, as this editor and most programs do)."""
    form = load_draft(path)
    form.project.name = name
    save_draft(form, path, backup=False)


def edit(window):
    document = window.current_document()
    document.set_value(document.form.funds.rows[0], "executed", OURS)
    return document


def another_users_lock(path, **changes) -> LockOwner:
    owner = LockOwner("李四", "财务科-PC02", 4242, None, None, "2026-11-30T14:05:09")
    lock_path(path).write_bytes(owner.to_bytes())
    return owner


def finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- the lock ------------------------------------------------------------------------------------

def test_open_locks_the_draft_and_close_removes_the_lock(window, f17):
    actions(window).open_file(f17)
    owner = read_lock(f17)
    assert owner is not None and owner.pid == os.getpid()
    assert actions(window).close_current()
    assert not lock_path(f17).exists()


def test_closing_the_window_removes_every_lock(qtbot, window, f17, tmp_path, forms_dir):
    other = tmp_path / "f23.json"
    other.write_bytes((forms_dir / "f23.json").read_bytes())
    with qtbot.waitSignal(actions(window).open_files([str(f17), str(other)]).finished, timeout=10_000):
        pass
    assert lock_path(f17).exists() and lock_path(other).exists()
    window.close()
    assert not lock_path(f17).exists() and not lock_path(other).exists()


def test_a_lock_from_another_user_gives_the_read_only_choice(window, f17, asked, tmp_path):
    another_users_lock(f17)
    original = f17.read_bytes()
    asked.answers["ask_in_use"] = dialogs.READ_ONLY
    document = actions(window).open_file(f17)
    assert names(asked) == ["ask_in_use"]
    assert asked[0][1] == ("f17.json", "用户“李四”在计算机“财务科-PC02”上自 2026-11-30 14:05 起打开了此文件")
    tab = window.current_tab()
    assert "(只读)" in window.tabs.tabText(0) and "(只读)" in window.windowTitle()
    assert tab.disk_bar.isVisibleTo(tab) and "李四" in tab.disk_bar.label.text()
    assert read_lock(f17).user == "李四"  # theirs stays
    edit(window)
    copy = tmp_path / "我的副本.json"
    asked.answers["save_file_name"] = str(copy)
    assert actions(window).save_current()  # 保存 of a read-only tab is 另存为
    assert asked[-1][0] == "save_file_name" and asked[-1][1][0].endswith("f17(副本).json")
    assert f17.read_bytes() == original
    assert load_draft(copy).funds.rows[0].executed == OURS
    assert document.path == copy.resolve() and read_lock(copy).pid == os.getpid()
    assert "(只读)" not in window.tabs.tabText(0) and not tab.disk_bar.isVisibleTo(tab)
    window.close()
    assert read_lock(f17).user == "李四" and not lock_path(copy).exists()


def test_read_only_tab_refuses_to_be_saved_over_the_file_in_use(window, f17, asked):
    another_users_lock(f17)
    asked.answers["ask_in_use"] = dialogs.READ_ONLY
    original = f17.read_bytes()
    actions(window).open_file(f17)
    edit(window)
    asked.answers["save_file_name"] = str(f17)  # the user picks the same file again
    assert not actions(window).save_current()
    assert asked[-1][0] == "warn" and "只读" in asked[-1][1][0]
    assert f17.read_bytes() == original


def test_cancel_opens_nothing_and_open_anyway_takes_the_lock(window, f17, asked):
    another_users_lock(f17)
    assert actions(window).open_file(f17) is None and window.tabs.count() == 0
    asked.answers["ask_in_use"] = dialogs.OPEN_ANYWAY
    assert actions(window).open_file(f17) is not None
    assert read_lock(f17).pid == os.getpid() and "(只读)" not in window.tabs.tabText(0)


def test_a_stale_lock_is_ignored(window, f17, asked):
    from model.processes import host_name
    lock_path(f17).write_bytes(LockOwner("我", host_name(), finished_pid(), None, None, "2026-11-30T09:00:00")
                               .to_bytes())
    assert actions(window).open_file(f17) is not None
    assert names(asked) == [] and read_lock(f17).pid == os.getpid()


# --- check before saving --------------------------------------------------------------------------

def test_saving_twice_asks_nothing(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    assert actions(window).save_current()
    window.current_document().set_value(window.current_document().form.project, "name", "再次修改")
    assert actions(window).save_current()
    guard = safety(window).guard
    with qtbot.waitSignal(guard._settle.timeout, timeout=3000, raising=False):
        pass
    assert names(asked) == [] and load_draft(f17).project.name == "再次修改"


def test_external_change_before_save_is_asked_and_overwrite_keeps_theirs_as_backup(window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    someone_else_writes(f17)
    theirs = f17.read_bytes()
    assert not actions(window).save_current()  # 取消: nothing written
    assert names(asked) == ["ask_changed_on_disk"] and f17.read_bytes() == theirs
    asked.answers["ask_changed_on_disk"] = dialogs.OVERWRITE
    assert actions(window).save_current()
    assert load_draft(f17).funds.rows[0].executed == OURS
    assert backup_path(f17).read_bytes() == theirs  # their version is not lost
    assert names(asked) == ["ask_changed_on_disk"] * 2


def test_external_change_save_as_keeps_both(window, f17, asked, tmp_path):
    actions(window).open_file(f17)
    edit(window)
    someone_else_writes(f17)
    asked.answers["ask_changed_on_disk"] = dialogs.SAVE_AS
    mine = tmp_path / "我的.json"
    asked.answers["save_file_name"] = str(mine)
    assert actions(window).save_current()
    assert load_draft(f17).project.name == THEIRS
    assert load_draft(mine).funds.rows[0].executed == OURS and load_draft(mine).project.name != THEIRS


def test_external_change_reload_asks_again_before_discarding(window, f17, asked):
    actions(window).open_file(f17)
    document = edit(window)
    someone_else_writes(f17)
    asked.answers["ask_changed_on_disk"] = dialogs.RELOAD
    assert not actions(window).save_current()  # 重新载入? 否: all stays as it was
    assert names(asked) == ["ask_changed_on_disk", "confirm_discard_for_reload"]
    assert window.current_document() is document and document.modified
    asked.answers["confirm_discard_for_reload"] = True
    assert not actions(window).save_current()
    reloaded = window.current_document()
    assert reloaded is not document and window.tabs.count() == 1
    assert reloaded.form.project.name == THEIRS and not reloaded.modified
    assert load_draft(f17).project.name == THEIRS and read_lock(f17).pid == os.getpid()
    assert "撤销记录已清空" in window.statusBar().currentMessage()


def test_only_touched_is_not_a_change(window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    os.utime(f17, (1_000_000, 1_000_000))
    assert actions(window).save_current() and names(asked) == []


# --- watching --------------------------------------------------------------------------------------

def test_a_watched_unmodified_draft_reloads_and_says_so(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    document = edit(window)
    assert actions(window).save_current()  # an undo history exists, the tab is unmodified
    someone_else_writes(f17)
    qtbot.waitUntil(lambda: window.current_document() is not document, timeout=5000)
    reloaded = window.current_document()
    assert reloaded.form.project.name == THEIRS
    assert reloaded.form.funds.rows[0].executed == OURS  # what we saved, then their name on top
    assert not reloaded.modified and window.tabs.count() == 1
    message = window.statusBar().currentMessage()
    assert "已被其他程序修改" in message and "已自动重新载入" in message and "撤销记录已清空" in message
    assert names(asked) == []
    someone_else_writes(f17, "第三次")  # still watched after the reload
    qtbot.waitUntil(lambda: window.current_document().form.project.name == "第三次", timeout=5000)


def test_a_watched_modified_draft_gets_a_bar_and_keeps_the_edits(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    document = edit(window)
    tab = window.current_tab()
    someone_else_writes(f17)
    qtbot.waitUntil(lambda: tab.disk_bar.isVisibleTo(tab),
                    timeout=5000)
    assert tab.disk_bar.texts() == ["覆盖", "另存为…", "重新载入"]
    assert window.current_document() is document and document.form.funds.rows[0].executed == OURS
    tab.disk_bar.buttons[dialogs.RELOAD].click()  # 否 to the second question: nothing changes
    assert window.current_document() is document and tab.disk_bar.isVisibleTo(tab)
    tab.disk_bar.buttons[dialogs.OVERWRITE].click()  # the user chose: written without asking again
    assert names(asked) == ["confirm_discard_for_reload"]
    assert load_draft(f17).funds.rows[0].executed == OURS and not document.modified
    assert not tab.disk_bar.isVisibleTo(tab)


def test_bar_reload_discards_after_the_second_question(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    tab = window.current_tab()
    someone_else_writes(f17)
    qtbot.waitUntil(lambda: tab.disk_bar.isVisibleTo(tab),
                    timeout=5000)
    asked.answers["confirm_discard_for_reload"] = True
    tab.disk_bar.buttons[dialogs.RELOAD].click()
    assert window.current_document().form.project.name == THEIRS and window.tabs.count() == 1


def test_a_removed_draft_is_said_and_saved_again_without_a_question(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    tab = window.current_tab()
    f17.unlink()
    qtbot.waitUntil(lambda: tab.disk_bar.kind == "removed",
                    timeout=5000)
    assert "删除或移走" in window.statusBar().currentMessage()
    assert actions(window).save_current() and names(asked) == []
    assert load_draft(f17).funds.rows[0].executed == OURS


def test_an_unreadable_change_leaves_the_tab_alone(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    document = window.current_document()
    f17.write_bytes(b"{ half written")
    qtbot.waitUntil(lambda: "无法读取" in window.statusBar().currentMessage(), timeout=5000)
    assert window.current_document() is document
    edit(window)
    asked.answers["ask_changed_on_disk"] = dialogs.OVERWRITE
    assert actions(window).save_current() and names(asked) == ["ask_changed_on_disk"]


def test_bar_save_as_cancelled_brings_the_bar_back(qtbot, window, f17, asked):
    actions(window).open_file(f17)
    edit(window)
    tab = window.current_tab()
    someone_else_writes(f17)
    qtbot.waitUntil(lambda: tab.disk_bar.isVisibleTo(tab), timeout=5000)
    tab.disk_bar.buttons[dialogs.SAVE_AS].click()  # the file dialog is cancelled
    assert names(asked) == ["save_file_name"] and tab.disk_bar.isVisibleTo(tab)
    assert tab.disk_bar.kind == "changed"


def test_save_as_onto_a_draft_someone_has_open_is_asked(window, f17, asked, tmp_path, monkeypatch):
    theirs = tmp_path / "他人的.json"
    theirs.write_bytes(f17.read_bytes())
    another_users_lock(theirs)
    actions(window).open_file(f17)
    edit(window)
    confirms = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": confirms.append(text) or False)
    asked.answers["save_file_name"] = str(theirs)
    before = theirs.read_bytes()
    assert not actions(window).save_current_as()
    assert "李四" in confirms[0] and theirs.read_bytes() == before
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": True)
    assert actions(window).save_current_as()
    assert load_draft(theirs).funds.rows[0].executed == OURS
