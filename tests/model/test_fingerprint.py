"""Fingerprints judge a change on disk by its content, not by its time."""
from __future__ import annotations

import os

import pytest

from model.fingerprint import DiskChange, Reaction, disk_change, fingerprint, fingerprint_bytes, judge


def test_fingerprint_of_a_file_and_of_bytes_agree(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'{"x": 1}')
    print_ = fingerprint(path)
    assert print_.size == 8 and print_.mtime_ns == path.stat().st_mtime_ns
    assert print_.same_content(fingerprint_bytes(b'{"x": 1}'))
    assert not print_.same_content(fingerprint_bytes(b'{"x": 2}'))
    assert fingerprint(tmp_path / "missing.json") is None


def test_touched_is_not_changed_but_same_size_other_bytes_is(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'{"x": 1}')
    known = fingerprint(path)
    os.utime(path, ns=(known.mtime_ns + 5_000_000_000, known.mtime_ns + 5_000_000_000))
    assert disk_change(path, known) is DiskChange.SAME
    path.write_bytes(b'{"x": 2}')  # same size
    os.utime(path, ns=(known.mtime_ns, known.mtime_ns))  # and even the old time (a copy put back)
    assert disk_change(path, known) is DiskChange.CHANGED


def test_removed_and_unknown(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"{}")
    known = fingerprint(path)
    path.unlink()
    assert disk_change(path, known) is DiskChange.REMOVED
    assert disk_change(path, None) is DiskChange.SAME
    path.write_bytes(b"{}")
    assert disk_change(path, None) is DiskChange.CHANGED  # a file appeared where we knew none


@pytest.mark.parametrize("change, modified, reaction", [
    (DiskChange.SAME, False, Reaction.NOTHING), (DiskChange.SAME, True, Reaction.NOTHING),
    (DiskChange.CHANGED, False, Reaction.RELOAD), (DiskChange.CHANGED, True, Reaction.OFFER),
    (DiskChange.REMOVED, False, Reaction.GONE), (DiskChange.REMOVED, True, Reaction.GONE)])
def test_judge(change, modified, reaction):
    assert judge(change, modified) is reaction
