"""Who and where this program runs: user, machine, process, boot — and whether another process
recorded in a file (a lock, a recovery copy) is still running.

Pure Python, no Qt, nothing that touches the network (the host name is the machine's own name,
read locally). Every probe answers ``None`` or a safe default where the system does not say, so a
caller can tell "gone for sure" from "cannot tell".
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

BOOT_TOLERANCE_S = 120  # Windows derives boot time from the uptime clock, which drifts a little


def user_name() -> str:
    """The login name (environment first, as getpass does); never empty."""
    import getpass  # here: the single-instance check asks for the name before the window shows

    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no passwd entry, no environment
        name = ""
    return name or "未知用户"


def host_name() -> str:
    """This machine's own name (uname), never a DNS look-up."""
    import platform

    return platform.node() or "未知计算机"


def process_start_token(pid: int) -> Optional[str]:
    """When the process started, so a pid reused later (or after a reboot) is not mistaken for the
    process that wrote a file. Linux: /proc/PID/stat field 22 (ticks since boot); Windows: the
    process creation time; None where the system does not say."""
    if sys.platform == "win32":
        return _windows_start_token(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the command name in (…) may contain spaces
    return fields[19] if len(fields) > 19 else None


def pid_alive(pid: int) -> Optional[bool]:
    """True: a process with this pid exists; False: none does; None: cannot tell on this system.

    A process of another user counts as existing (``kill`` is refused, not failed)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


def process_running(pid: int, started: Optional[str]) -> bool:
    """Whether the process that recorded ``pid`` (and, if known, its start token) still runs.

    "Cannot tell" counts as running: a live owner must never be mistaken for a gone one."""
    if pid == os.getpid():
        return started is None or started == process_start_token(pid)
    alive = pid_alive(pid)
    if alive is False:
        return False
    if started is None:
        return True
    now = process_start_token(pid)
    return now is None or now == started


def boot_token() -> Optional[str]:
    """Something that changes with every boot of this machine: Linux's boot_id, else the boot
    time (seconds since the epoch, from the uptime clock) on Windows; None elsewhere."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        pass
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.kernel32.GetTickCount64.restype = ctypes.c_ulonglong
            return str(int(time.time() - ctypes.windll.kernel32.GetTickCount64() / 1000))
        except (AttributeError, OSError):
            return None
    return None


def same_boot(recorded: Optional[str], now: Optional[str] = None) -> Optional[bool]:
    """Whether a boot token recorded earlier names the current boot; None when either is unknown."""
    now = boot_token() if now is None else now
    if not recorded or not now:
        return None
    if recorded.isdigit() and now.isdigit():
        return abs(int(recorded) - int(now)) <= BOOT_TOLERANCE_S
    return recorded == now


# --- Windows (ctypes; no extra package) ---------------------------------------------------------

_QUERY_LIMITED = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def _open_process(pid: int) -> tuple[Any, Any, int]:
    """kernel32, a process handle (or None) and the last error; Windows only (hence getattr, so
    the module type-checks on every platform)."""
    import ctypes

    kernel32 = getattr(ctypes, "WinDLL")("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = ctypes.c_void_p
    handle = kernel32.OpenProcess(_QUERY_LIMITED, False, pid)
    return kernel32, handle, int(getattr(ctypes, "get_last_error")())


def _windows_pid_alive(pid: int) -> Optional[bool]:
    try:
        import ctypes

        kernel32, handle, error = _open_process(pid)
        if not handle:
            return True if error == _ERROR_ACCESS_DENIED else False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(ctypes.c_void_p(handle), ctypes.byref(code)):
                return None
            return code.value == _STILL_ACTIVE
        finally:
            kernel32.CloseHandle(ctypes.c_void_p(handle))
    except (AttributeError, OSError, ImportError):
        return None


def _windows_start_token(pid: int) -> Optional[str]:
    try:
        import ctypes

        kernel32, handle, _error = _open_process(pid)
        if not handle:
            return None
        try:
            times = [ctypes.c_ulonglong() for _ in range(4)]
            if not kernel32.GetProcessTimes(ctypes.c_void_p(handle), *(ctypes.byref(t) for t in times)):
                return None
            return str(times[0].value)  # creation time, 100 ns since 1601
        finally:
            kernel32.CloseHandle(ctypes.c_void_p(handle))
    except (AttributeError, OSError, ImportError):
        return None
