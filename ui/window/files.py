"""File helpers behind the window: settings, recent files and crash-recovery copies.

Recovery copies are plain drafts in :func:`model.paths.recovery_dir` with a small JSON sidecar
that records where the form really belongs. They are written every minute for forms with unsaved
changes and deleted when the form is saved or closed cleanly, so any that exist at start-up are
what a crash left behind.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple, Optional, cast

from ui.qt import QSettings, QStandardPaths

from model.atomic import WriteError, atomic_write_bytes
from model.paths import data_home, recovery_dir

if TYPE_CHECKING:
    from model.form import Form

MAX_RECENT = 10
RECENT_NAMES = "recent/names"  # JSON {path: project name}, beside the list of paths
SETTINGS_FILE = "settings.ini"
_SIDECAR = ".meta.json"


# --- settings and recent files -----------------------------------------------------------------

LAST_FOLDER = "paths/last_folder"  # the folder of the last draft opened or saved
WORKBOOK_FOLDER = "paths/workbook_folder"  # the folder of the last workbook imported

def settings() -> QSettings:
    """An INI file in the user data folder (not the registry), so tests and portable installs
    keep their settings to themselves."""
    return QSettings(str(data_home() / SETTINGS_FILE), QSettings.Format.IniFormat)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in cast(Iterable[object], value) if v]  # a list, as QSettings reads one


def recent_files() -> list[str]:
    return _as_list(settings().value("recent/files"))[:MAX_RECENT]


def _store_recent(paths: list[str]) -> None:
    store = settings()
    store.setValue("recent/files", paths[:MAX_RECENT])
    store.sync()


def _recent_with(text: str) -> list[str]:
    """The recent list with ``text`` moved (or added) to its head."""
    return ([text] + [p for p in recent_files() if p != text])[:MAX_RECENT]


def add_recent(path: os.PathLike | str) -> list[str]:
    paths = _recent_with(str(Path(path).resolve()))
    _store_recent(paths)
    return paths


def remember_opened(path: os.PathLike | str, project: str = "") -> None:
    """After opening or saving: the file heads the recent list (with its ``project`` name, which
    the start page shows: a department's file may be called "附件3.json"), its folder is the next
    default. One settings write (each costs a file lock and an fsync)."""
    resolved = Path(path).resolve()
    store = settings()
    paths = _recent_with(str(resolved))
    names = {key: name for key, name in recent_names().items() if key in paths}
    if project:
        names[str(resolved)] = project
    else:
        names.pop(str(resolved), None)
    store.setValue("recent/files", paths)
    store.setValue(RECENT_NAMES, json.dumps(names, ensure_ascii=False))
    store.setValue(LAST_FOLDER, str(resolved.parent))
    store.sync()


def recent_names() -> dict[str, str]:
    """The project name of each recent file, as it was when last opened or saved here."""
    try:
        names = json.loads(get_setting(RECENT_NAMES) or "{}")
    except ValueError:
        return {}
    if not isinstance(names, dict):
        return {}
    return {str(key): str(value) for key, value in names.items() if isinstance(value, str)}


def start_folder(*keys: str) -> Path:
    """Where a file chooser opens: the folder in the first of the settings ``keys`` that exists
    (the last file's folder when none is given), else the user's documents folder (文档), else
    home. Never the working folder: started from the Start menu or a desktop icon, that is the
    program's own folder."""
    for key in keys or (LAST_FOLDER,):
        remembered = get_setting(key)
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remove_recent(path: os.PathLike | str) -> None:
    text = str(Path(path).resolve())
    _store_recent([p for p in recent_files() if p != text])


def clear_recent() -> None:
    _store_recent([])


def get_setting(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return str(value) if value is not None else default


def set_setting(key: str, value: str) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()


# --- recovery copies -----------------------------------------------------------------------------

class RecoveryEntry(NamedTuple):
    key: str
    draft: Path
    original: Optional[Path]  # the file the form belongs to; None for a form never saved
    name: str  # project name, for the dialog
    saved_at: str  # local time of the autosave, "YYYY-MM-DD HH:MM"
    pid: int = 0
    year: int = 0  # the form's 年度: a project's form and its next year's look alike otherwise

    @property
    def label(self) -> str:
        where = str(self.original) if self.original else "未保存的新表"
        year = f"{self.year}年度," if self.year else ""
        return f"{self.name or '未命名项目'}({year}{where},{self.saved_at} 自动保存)"


def new_recovery_key() -> str:
    return os.urandom(16).hex()  # as random as uuid4, without loading uuid at start-up


def _paths(key: str) -> tuple[Path, Path]:
    folder = recovery_dir()
    return folder / f"{key}.json", folder / f"{key}{_SIDECAR}"


def write_recovery(key: str, form: Form, original: Optional[Path], place: int = 0) -> Path:
    """Save a recovery copy; raises WriteError (the caller reports it in the status bar).
    ``place``: the form's tab, so that copies come back in the order the tabs had."""
    import datetime  # here, not at the top: the window's frame needs settings only

    from model.draft import save_draft
    from model.processes import process_start_token

    draft, meta = _paths(key)
    draft.parent.mkdir(parents=True, exist_ok=True)
    save_draft(form, draft, backup=False, check=False)  # a copy that may not load beats none
    info = {"original": str(original) if original else None, "name": form.project.name, "year": form.year,
            "saved_at": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "pid": os.getpid(),
            "started": process_start_token(os.getpid()), "place": place}
    atomic_write_bytes(meta, json.dumps(info, ensure_ascii=False).encode("utf-8"))
    return draft


def remove_recovery(key: str) -> None:
    for path in _paths(key):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a leftover copy is harmless: it is offered again next time


def _writer_running(info: dict) -> bool:
    """Whether another editor that wrote a copy is still running (then the copy is not ours to
    offer). This process's own copies are offered; "cannot tell" (no pid check on this system)
    offers them too, as before: a copy shown twice beats a copy never shown."""
    from model import processes

    pid = _pid_of(info)
    if pid == os.getpid() or processes.pid_alive(pid) is not True:
        return False
    started = info.get("started")
    return processes.process_running(pid, started if isinstance(started, str) else None)


def _pid_of(info: dict) -> int:
    pid = info.get("pid")
    return pid if isinstance(pid, int) else 0


def list_recovery() -> list[RecoveryEntry]:
    """Recovery copies left by a program that ended without closing its forms, oldest first, then
    in the order their tabs had (sixty copies of one minute came back in random order).

    Copies belonging to another editor that is still running are not offered (POSIX only)."""
    folder = recovery_dir()
    entries = []
    for meta in sorted(folder.glob(f"*{_SIDECAR}")) if folder.is_dir() else []:
        key = meta.name[: -len(_SIDECAR)]
        draft, _ = _paths(key)
        if not draft.is_file():
            meta.unlink(missing_ok=True)
            continue
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        if not isinstance(info, dict):
            info = {}
        if _writer_running(info):
            continue
        original = info.get("original")
        place, year = info.get("place"), info.get("year")
        entry = RecoveryEntry(key, draft, Path(original) if isinstance(original, str) else None,
                              str(info.get("name") or ""), str(info.get("saved_at") or ""), _pid_of(info),
                              year if isinstance(year, int) and not isinstance(year, bool) else 0)
        entries.append((entry.saved_at, place if isinstance(place, int) else 0, entry.name, entry))
    return [entry for *_order, entry in sorted(entries, key=lambda item: item[:3])]


__all__ = ["RecoveryEntry", "WriteError", "add_recent", "remember_opened", "clear_recent", "get_setting", "list_recovery",
           "new_recovery_key", "recent_files", "remove_recent", "remove_recovery", "set_setting", "settings",
           "write_recovery"]
