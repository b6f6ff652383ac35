"""What a file on disk was when the editor last read or wrote it, to notice a change by anyone else.

A fingerprint is size, modification time and a SHA-256 of the content. Changes are judged by the
content: a file only touched (same bytes, new time) has not changed, and a copy put back from a
USB stick (different bytes, perhaps an old time or even the same size) has. Drafts are at most
20 MB, so hashing before each save costs milliseconds.

:func:`judge` is the decision the window acts on, kept here so it is tested without Qt.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Optional

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: Optional["Fingerprint"]) -> bool:
        return other is not None and self.size == other.size and self.sha256 == other.sha256


def fingerprint(path: "os.PathLike[str] | str") -> Optional[Fingerprint]:
    """The file's fingerprint now; None when it does not exist or cannot be read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as stream:
            stat = os.fstat(stream.fileno())
            for chunk in iter(lambda: stream.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return Fingerprint(stat.st_size, stat.st_mtime_ns, digest.hexdigest())


def fingerprint_bytes(data: bytes, mtime_ns: int = 0) -> Fingerprint:
    """The fingerprint of content about to be (or just) written."""
    return Fingerprint(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


class DiskChange(Enum):
    SAME = "same"  # the content is what this window read or wrote
    CHANGED = "changed"  # someone else wrote different content
    REMOVED = "removed"  # the file is gone (or unreadable)


def disk_change(path: "os.PathLike[str] | str", known: Optional[Fingerprint]) -> DiskChange:
    """How the file compares with what this window knows of it. ``known`` None (never read, a new
    form) means any existing file is someone else's."""
    return compare(fingerprint(path), known)


def compare(now: Optional[Fingerprint], known: Optional[Fingerprint]) -> DiskChange:
    """The change from ``known`` to ``now`` (None: no file)."""
    if now is None:
        return DiskChange.SAME if known is None else DiskChange.REMOVED
    return DiskChange.SAME if now.same_content(known) else DiskChange.CHANGED


class Reaction(Enum):
    NOTHING = "nothing"
    RELOAD = "reload"  # unmodified here: take the new content, say so in the status bar
    OFFER = "offer"  # modified here: a bar on the tab offers 覆盖 / 另存为 / 重新载入
    GONE = "gone"  # removed: say so; the next save writes it again


def judge(change: DiskChange, modified_here: bool) -> Reaction:
    """What a watched draft's change on disk calls for."""
    if change is DiskChange.SAME:
        return Reaction.NOTHING
    if change is DiskChange.REMOVED:
        return Reaction.GONE
    return Reaction.OFFER if modified_here else Reaction.RELOAD
