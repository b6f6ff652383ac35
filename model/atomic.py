"""Writing files so that a crash or a kill never leaves a broken file where a good one was.

The new content goes to a temporary file in the same folder, is flushed and fsync'ed, and then
replaces the target in one rename. The previous version is kept as ``name.bak`` when asked.

Each step of a write is named (:data:`STEPS`); the kill tests stop a writer at a chosen step
through :data:`step_hook` and kill it there, so every instant between two system calls is
proven safe, not just those a random delay happens to hit. The program never sets the hook.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable, Optional

from model.messages import os_reason

# The steps of one atomic_write, in order ("backup-copied" only when a backup is made).
STEPS = ("created", "written", "synced", "backup-copied", "before-replace", "replaced")
step_hook: Optional[Callable[[str], None]] = None  # tests only: called at every step with its name


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


class WriteError(OSError):
    """A file could not be written; the message is for the user, in Chinese."""


def _describe(exc: OSError, path: Path) -> str:
    if isinstance(exc, PermissionError):
        return f"无法写入“{path}”:文件被其他程序占用或没有写入权限。请关闭打开该文件的程序(如 Excel、WPS)后重试。"
    if isinstance(exc, FileNotFoundError):
        return f"无法写入“{path}”:文件夹不存在。"
    return f"无法写入“{path}”:{os_reason(exc)}。"


def atomic_write(path: os.PathLike[str] | str, write: Callable[[IO[bytes]], object], *, backup: bool = False) -> None:
    """Call ``write`` with a binary file object, then put the result at ``path`` atomically."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(_describe(exc, target)) from exc
    temp = Path(temp_name)
    try:
        _step("created")  # an empty temp file
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            _step("written")  # all but the last buffer on disk
            stream.flush()
            os.fsync(stream.fileno())
        _step("synced")
        _copy_mode(target, temp)
        if backup and target.is_file():
            _keep_backup(target)
        _step("before-replace")
        os.replace(temp, target)
        _step("replaced")
        _fsync_folder(folder)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteError(_describe(exc, target)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: os.PathLike[str] | str, data: bytes, *, backup: bool = False) -> None:
    atomic_write(path, lambda stream: stream.write(data), backup=backup)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _keep_backup(target: Path) -> None:
    """Copy (not move) the old file so the target never disappears, even for an instant."""
    backup = backup_path(target)
    # hidden like the main temp file (".name.….tmp"): a kill can leave it, and a visible
    # "name.json.bak.tmp" beside the user's drafts looks like one more version of them
    temp = backup.with_name(f".{backup.name}.tmp")
    try:
        shutil.copy2(target, temp)
        _step("backup-copied")
        os.replace(temp, backup)
    finally:
        temp.unlink(missing_ok=True)


def _copy_mode(target: Path, temp: Path) -> None:
    """mkstemp creates files readable by the owner only; give the result the usual permissions
    (those of the file it replaces, else what the umask allows), as a plain save would."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
