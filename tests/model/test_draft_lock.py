"""The lock beside an open draft: written, read, released, and ignored when stale."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time

import pytest

from model import draft_lock
from model.draft_lock import (LockOwner, LockStatus, UNKNOWN_OWNER, acquire, check_lock, is_lock_file, lock_path,
                              read_lock, release)
from model.processes import boot_token, host_name, process_start_token, user_name


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "项目 甲.json"
    path.write_text("{}", encoding="utf-8")
    return path


def write_owner(draft, owner: LockOwner) -> None:
    lock_path(draft).write_bytes(owner.to_bytes())


def other_process(**changes) -> LockOwner:
    """A lock as another editor would write it; by default a live process of this machine (our
    parent: alive for the whole test, and never this process)."""
    parent = os.getppid()
    owner = LockOwner("李四", host_name(), parent, process_start_token(parent), boot_token(), "2026-11-30T14:05:09")
    return dataclasses.replace(owner, **changes)


def finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_is_hidden_beside_the_draft_like_libreoffice(draft):
    assert lock_path(draft) == draft.with_name(".~lock.项目 甲.json#")
    assert is_lock_file(lock_path(draft)) and not is_lock_file(draft)


def test_acquire_writes_who_where_since_and_release_removes_it(draft):
    assert check_lock(draft).status is LockStatus.FREE
    got = acquire(draft)
    assert got.status is LockStatus.OURS
    data = json.loads(lock_path(draft).read_text(encoding="utf-8"))
    assert data["user"] == user_name() and data["host"] == host_name() and data["pid"] == os.getpid()
    assert data["started"] == process_start_token(os.getpid())
    assert time.strftime("%Y-%m-%d") in data["since"]
    assert check_lock(draft).status is LockStatus.OURS
    assert acquire(draft).status is LockStatus.OURS  # again: still ours, same file
    assert release(draft) and not lock_path(draft).exists()
    assert not release(draft)  # nothing left to release


def test_a_live_lock_of_another_user_is_held_and_says_who_and_since_when(draft):
    write_owner(draft, other_process(host="财务科-PC02"))
    found = check_lock(draft)
    assert found.status is LockStatus.HELD and found.held
    assert found.owner.describe() == "用户“李四”在计算机“财务科-PC02”上自 2026-11-30 14:05 起打开了此文件"
    assert acquire(draft).held  # not taken without asking
    assert read_lock(draft).user == "李四"


def test_another_machine_is_taken_at_its_word_even_with_a_dead_pid(draft):
    write_owner(draft, other_process(host="别的电脑", pid=finished_pid(), boot="another-boot"))
    assert check_lock(draft).status is LockStatus.HELD


def test_same_machine_other_user_and_our_own_other_window_are_named(draft):
    write_owner(draft, other_process())
    assert check_lock(draft).owner.describe().startswith("用户“李四”在本机自 2026-11-30 14:05")
    write_owner(draft, other_process(user=user_name()))
    text = check_lock(draft).owner.describe()
    assert text.startswith(f"你在本机的另一个编辑器窗口(进程 {os.getppid()})")


def test_a_lock_whose_process_is_gone_is_stale_and_replaced(draft):
    write_owner(draft, other_process(pid=finished_pid(), started=None))
    assert check_lock(draft).status is LockStatus.STALE
    assert acquire(draft).status is LockStatus.OURS
    assert read_lock(draft).pid == os.getpid()


@pytest.mark.skipif(process_start_token(os.getpid()) is None, reason="no process start times here")
def test_a_reused_pid_is_not_the_lock_owner(draft):
    write_owner(draft, other_process(started="12345"))  # parent runs, but started at another time
    assert check_lock(draft).status is LockStatus.STALE


@pytest.mark.skipif(boot_token() is None, reason="no boot token here")
def test_a_lock_from_before_a_reboot_of_this_machine_is_stale(draft):
    write_owner(draft, other_process(boot="00000000-0000-0000-0000-000000000000"))
    assert check_lock(draft).status is LockStatus.STALE


def test_take_over_replaces_a_held_lock_and_the_old_owner_cannot_remove_ours(draft, monkeypatch):
    write_owner(draft, other_process(host="别的电脑"))
    got = acquire(draft, take_over=True)
    assert got.status is LockStatus.OURS and read_lock(draft).pid == os.getpid()
    write_owner(draft, other_process(host="别的电脑"))  # it took the lock back
    assert not release(draft) and read_lock(draft).host == "别的电脑"


def test_unreadable_lock_fresh_is_held_by_unknown_old_is_stale(draft):
    lock_path(draft).write_bytes(b"\x00garbage")
    found = check_lock(draft)
    assert found.held and found.owner is UNKNOWN_OWNER
    assert found.owner.describe() == "另一个程序刚刚打开了此文件"
    old = time.time() - 3600
    os.utime(lock_path(draft), (old, old))
    assert check_lock(draft).status is LockStatus.STALE
    assert acquire(draft).status is LockStatus.OURS


@pytest.mark.parametrize("content", [b"[]", b'{"user": 1, "host": "x", "pid": 2}', b"{" * 5000,
                                     '{"user": "a", "host": "b", "pid": "3"}'.encode()])
def test_a_strangers_file_is_not_a_lock(draft, content):
    lock_path(draft).write_bytes(content)
    old = time.time() - 3600
    os.utime(lock_path(draft), (old, old))
    assert read_lock(draft) is None and check_lock(draft).status is LockStatus.STALE


def test_odd_since_text_never_fails():
    assert LockOwner("a", "b", 1, since="昨天").since_text() == "昨天"
    assert LockOwner("a", "b", 1).since_text() == "未知时间"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_opens_unlocked(draft):
    os.chmod(draft.parent, 0o555)
    try:
        assert acquire(draft).status is LockStatus.FREE
        assert not lock_path(draft).exists()
    finally:
        os.chmod(draft.parent, 0o755)


def test_two_writers_at_once_one_wins(draft, monkeypatch):
    """The lock is created exclusively: if another editor's lock appears between the check and
    the write, ours is not written over it."""
    real_create = draft_lock._create

    def racing(path, data):
        write_owner(draft, other_process(host="别的电脑"))
        return real_create(path, data)

    monkeypatch.setattr(draft_lock, "_create", racing)
    got = acquire(draft)
    assert got.held and got.owner.host == "别的电脑"
