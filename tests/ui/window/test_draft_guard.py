"""The guard of open drafts: locks taken and released, changes on disk noticed by content."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.draft_lock import LockOwner, LockStatus, lock_path, read_lock
from model.fingerprint import DiskChange, fingerprint
from ui.window.draft_guard import DraftGuard, stable_fingerprint


class Doc:
    """What the guard needs of a document: its path (and to be a distinct key)."""

    def __init__(self, path: Path) -> None:
        self.path = path


@pytest.fixture
def guard(qapp):
    instance = DraftGuard()
    yield instance
    instance.untrack_all()
    instance.deleteLater()


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "甲.json"
    path.write_bytes(b'{"v": 1}\n')
    return path


def atomic_replace(path: Path, data: bytes) -> None:
    """As our saves (and most programs') do: write beside, then rename over."""
    temp = path.with_name(f".{path.name}.x.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def test_lock_taken_on_track_and_released_on_untrack(guard, draft):
    doc = Doc(draft)
    assert guard.track(doc, fingerprint(draft)).status is LockStatus.OURS
    assert guard.holds_lock(doc) and read_lock(draft).pid == os.getpid()
    guard.untrack(doc)
    assert not lock_path(draft).exists() and not guard.is_tracked(doc)


def test_read_only_takes_no_lock_and_leaves_the_others(guard, draft):
    lock_path(draft).write_bytes(LockOwner("李四", "别的电脑", 4242, since="2026-12-01T08:00:00").to_bytes())
    doc = Doc(draft)
    assert guard.lock_check(draft).held
    guard.track(doc, fingerprint(draft), read_only=True)
    assert guard.is_read_only(doc) and not guard.holds_lock(doc)
    guard.untrack(doc)
    assert read_lock(draft).user == "李四"


def test_save_as_moves_lock_and_watch_and_ends_read_only(guard, draft, tmp_path):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft), read_only=True)
    new = tmp_path / "乙.json"
    new.write_bytes(b"{}")
    doc.path = new
    guard.saved(doc, new)
    assert not guard.is_read_only(doc) and guard.holds_lock(doc) and read_lock(new).pid == os.getpid()
    assert str(new) in guard.watcher.files()
    assert str(draft) not in guard.watcher.files() and not lock_path(draft).exists()


def test_saving_in_place_of_a_read_only_tab_takes_the_lock(guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft), read_only=True)
    draft.write_bytes(b"{}")
    guard.saved(doc, draft)
    assert not guard.is_read_only(doc) and guard.holds_lock(doc)
    assert guard.change_of(doc) is DiskChange.SAME


def test_change_before_save_is_by_content(guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    os.utime(draft, (1, 1))
    assert guard.change_of(doc) is DiskChange.SAME  # only touched
    draft.write_bytes(b'{"v": 2}\n')
    assert guard.change_of(doc) is DiskChange.CHANGED
    draft.write_bytes(b"{}")
    guard.saved(doc, draft)
    assert guard.change_of(doc) is DiskChange.SAME


def test_an_atomic_replace_is_reported_once_and_watched_again(qtbot, guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    seen: list = []
    guard.changedOnDisk.connect(lambda d, change: seen.append((d, change)))
    atomic_replace(draft, b'{"v": 2}\n')
    qtbot.waitUntil(lambda: seen == [(doc, DiskChange.CHANGED)], timeout=5000)
    qtbot.waitUntil(lambda: str(draft) in guard.watcher.files())
    guard.check_all()  # the same content again: quiet
    assert len(seen) == 1
    draft.write_bytes(b'{"v": 3}\n')  # written in place, by a program that does not rename
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)


def test_our_own_save_and_a_touch_are_not_changes(qtbot, guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    seen: list = []
    guard.changedOnDisk.connect(lambda d, change: seen.append(change))
    atomic_replace(draft, b'{"v": 9}\n')
    guard.saved(doc, draft)  # as the window does right after writing
    os.utime(draft, (5, 5))
    (draft.parent / "其他.json").write_bytes(b"{}")  # another file of the folder
    with qtbot.waitSignal(guard._settle.timeout, timeout=5000):
        pass
    assert seen == []


def test_removal_is_reported(qtbot, guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    seen: list = []
    guard.changedOnDisk.connect(lambda d, change: seen.append(change))
    draft.unlink()
    qtbot.waitUntil(lambda: seen == [DiskChange.REMOVED], timeout=5000)
    draft.write_bytes(b'{"v": 1}\n')  # put back as it was: nothing to say
    guard.check_all()
    assert seen == [DiskChange.REMOVED]


def test_accepting_the_disk_content_silences_it(guard, draft):
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    seen: list = []
    guard.changedOnDisk.connect(lambda d, change: seen.append(change))
    draft.write_bytes(b'{"v": 2}\n')
    guard.accept_disk(doc)
    guard.check_all()
    assert seen == [] and guard.change_of(doc) is DiskChange.CHANGED  # 保存 still asks


def test_reloaded_document_inherits_lock_and_watch(guard, draft):
    old, new = Doc(draft), Doc(draft)
    guard.track(old, fingerprint(draft))
    draft.write_bytes(b'{"v": 2}\n')
    guard.reloaded(old, new, fingerprint(draft))
    assert not guard.is_tracked(old) and guard.holds_lock(new)
    assert guard.change_of(new) is DiskChange.SAME


def test_stable_fingerprint_reads_again_when_the_file_moves_under_it(draft):
    calls = []

    def load(path):
        calls.append(path.read_bytes())
        if len(calls) == 1:
            path.write_bytes(b'{"v": 2}\n')  # a writer between our fingerprint and our read
        return calls[-1]

    content, print_ = stable_fingerprint(draft, load)
    assert content == b'{"v": 2}\n' and print_ == fingerprint(draft) and len(calls) == 2


def test_no_report_while_a_question_is_open(qtbot, guard, draft):
    from ui.qt import QApplication, QDialog
    doc = Doc(draft)
    guard.track(doc, fingerprint(draft))
    seen: list = []
    guard.changedOnDisk.connect(lambda d, change: seen.append(change))
    question = QDialog()
    qtbot.addWidget(question)
    question.setModal(True)
    question.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question)
    draft.write_bytes(b'{"v": 2}\n')
    guard.check_all()
    assert seen == [] and guard._settle.isActive()
    question.close()
    qtbot.waitUntil(lambda: seen == [DiskChange.CHANGED], timeout=5000)
