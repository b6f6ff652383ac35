"""The lock beside an open draft: who has it open, on which machine, since when.

Like LibreOffice's ``.~lock.name#``: a small hidden file in the draft's own folder, so everyone
who opens the draft from a shared folder sees it, whatever machine they are on. It is advisory:
the editor asks before opening a draft someone else holds (只读打开 / 仍然打开 / 取消), and a
lock whose process is gone, or that was written on this machine before a reboot, is stale and
ignored (a crash must never lock a user out of their own file). A folder where no lock can be
written (read-only, a CD) just means no lock: opening never fails because of it.

The content is JSON (UTF-8): user, host, pid, the process start token, the boot token and the
local time the draft was opened.
"""
from __future__ import annotations

import datetime
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Optional

from model.processes import boot_token, host_name, process_running, process_start_token, same_boot, user_name

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
MAX_LOCK_BYTES = 4096
FRESH_S = 10  # an unreadable lock younger than this is probably being written right now


def lock_path(draft: "os.PathLike[str] | str") -> Path:
    path = Path(draft)
    return path.with_name(f"{LOCK_PREFIX}{path.name}{LOCK_SUFFIX}")


def is_lock_file(path: "os.PathLike[str] | str") -> bool:
    name = Path(path).name
    return name.startswith(LOCK_PREFIX) and name.endswith(LOCK_SUFFIX)


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    started: Optional[str] = None  # process start token (model.processes)
    boot: Optional[str] = None  # boot token of the host when the lock was written
    since: str = ""  # local time, ISO "YYYY-MM-DDTHH:MM:SS"

    @classmethod
    def this_process(cls) -> "LockOwner":
        return cls(user_name(), host_name(), os.getpid(), process_start_token(os.getpid()), boot_token(),
                   datetime.datetime.now().isoformat(timespec="seconds"))

    @classmethod
    def from_dict(cls, data: object) -> Optional["LockOwner"]:
        """A lock's JSON content, or None when it is not one (a stranger's file is not trusted)."""
        if not isinstance(data, dict):
            return None
        user, host, pid = data.get("user"), data.get("host"), data.get("pid")
        if not isinstance(user, str) or not isinstance(host, str) or not isinstance(pid, int):
            return None

        def text(key: str) -> Optional[str]:
            value = data.get(key)
            return value[:200] if isinstance(value, str) else None

        return cls(user[:200], host[:200], pid, text("started"), text("boot"), text("since") or "")

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode("utf-8")

    # --- for the user ----------------------------------------------------------------------------
    def is_this_process(self) -> bool:
        return (self.host == host_name() and self.pid == os.getpid()
                and self.started == process_start_token(os.getpid()))

    def since_text(self) -> str:
        """"2026-12-01 08:30", or the raw text if it is not a time (never fails)."""
        try:
            return datetime.datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since or "未知时间"

    def who(self) -> str:
        if self.host == host_name():
            if self.user == user_name():
                return f"你在本机的另一个编辑器窗口(进程 {self.pid})"
            return f"用户“{self.user}”在本机"
        if self.user == user_name():
            return f"你(用户“{self.user}”)在计算机“{self.host}”上"
        return f"用户“{self.user}”在计算机“{self.host}”上"

    def describe(self) -> str:
        """Who and since when, in one Chinese sentence for the "document in use" question."""
        if not self.user and not self.host:
            return "另一个程序刚刚打开了此文件"
        return f"{self.who()}自 {self.since_text()} 起打开了此文件"


UNKNOWN_OWNER = LockOwner("", "", 0)  # an unreadable lock that is too fresh to call stale


class LockStatus(Enum):
    FREE = "free"  # no lock
    OURS = "ours"  # written by this process
    STALE = "stale"  # its process is gone (or this machine rebooted since): ignored
    HELD = "held"  # someone else has the draft open


@dataclass(frozen=True)
class LockCheck:
    status: LockStatus
    owner: Optional[LockOwner] = None

    @property
    def held(self) -> bool:
        return self.status is LockStatus.HELD

    def describe(self) -> str:
        """Who has the draft open and since when (for the question), "" when nobody does."""
        return self.owner.describe() if self.owner is not None else ""


def is_stale(owner: LockOwner) -> bool:
    """Only a lock of this machine can be proven stale; another machine's lock is taken at its
    word (its owner may well be working), as LibreOffice does."""
    if owner is UNKNOWN_OWNER or owner.host != host_name():
        return False
    if same_boot(owner.boot) is False:
        return True
    return not process_running(owner.pid, owner.started)


def read_lock(draft: "os.PathLike[str] | str") -> Optional[LockOwner]:
    """The lock's owner; None when there is no lock or it is unreadable and old (garbage);
    :data:`UNKNOWN_OWNER` when it is unreadable but was written a moment ago."""
    path = lock_path(draft)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_LOCK_BYTES + 1)
        age = time.time() - path.stat().st_mtime
    except OSError:
        return None
    try:
        owner = LockOwner.from_dict(json.loads(raw.decode("utf-8"))) if len(raw) <= MAX_LOCK_BYTES else None
    except ValueError:
        owner = None
    if owner is None:
        return UNKNOWN_OWNER if age < FRESH_S else None
    return owner


def check_lock(draft: "os.PathLike[str] | str") -> LockCheck:
    """What opening ``draft`` now would meet."""
    if not lock_path(draft).exists():
        return LockCheck(LockStatus.FREE)
    owner = read_lock(draft)
    if owner is None:
        return LockCheck(LockStatus.STALE)
    if owner.is_this_process():
        return LockCheck(LockStatus.OURS, owner)
    return LockCheck(LockStatus.STALE if is_stale(owner) else LockStatus.HELD, owner)


def acquire(draft: "os.PathLike[str] | str", take_over: bool = False) -> LockCheck:
    """Write this process's lock beside ``draft``.

    Returns OURS when the lock is ours now; HELD (with the owner) when someone else holds it and
    ``take_over`` is False; FREE when no lock could be written (a read-only folder: the draft still
    opens, unlocked). A stale lock, or with ``take_over`` a held one, is replaced."""
    path = lock_path(draft)
    for _attempt in range(2):
        found = check_lock(draft)
        if found.status is LockStatus.OURS:
            return found
        if found.held and not take_over:
            return found
        if found.status is not LockStatus.FREE:
            try:
                path.unlink()  # replace by unlink + exclusive create: Windows refuses to overwrite hidden files
            except FileNotFoundError:
                pass
            except OSError:
                return LockCheck(LockStatus.FREE)
        owner = LockOwner.this_process()
        if _create(path, owner.to_bytes()):
            return LockCheck(LockStatus.OURS, owner)
        if not path.exists():
            return LockCheck(LockStatus.FREE)  # not writable here
    return check_lock(draft)  # lost a race twice: report whoever won


def _create(path: Path, data: bytes) -> bool:
    """Create the lock only if none exists (two editors opening at once: one wins)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except OSError:
        return False
    try:
        os.write(fd, data)
    except OSError:
        os.close(fd)
        path.unlink(missing_ok=True)
        return False
    os.close(fd)
    _hide(path)
    return True


def release(draft: "os.PathLike[str] | str") -> bool:
    """Remove the lock if it is ours (a lock someone took over from us is theirs to remove)."""
    if check_lock(draft).status is not LockStatus.OURS:
        return False
    try:
        lock_path(draft).unlink()
    except OSError:
        return False
    return True


def _hide(path: Path) -> None:
    """The leading dot hides it on Linux; Windows needs the hidden attribute."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # FILE_ATTRIBUTE_HIDDEN
    except (AttributeError, OSError):
        pass
