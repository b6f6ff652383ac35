"""What the window knows about each open draft on disk: its lock, its fingerprint, its watcher.

The window holds one :class:`DraftGuard`. For every document with a file it keeps

- the **lock** beside the draft (:mod:`model.draft_lock`), taken when the draft is opened or
  saved under a new name and removed when the tab closes; a read-only tab takes none;
- the **fingerprint** of the content this window last read or wrote (:mod:`model.fingerprint`),
  so 保存 can tell whether someone else wrote the file meanwhile;
- a **watch** on the file and its folder. Saves (ours and other programs') replace the file by a
  rename, which ends a watch on the file itself, so the folder is watched as well and the file is
  watched again after each change. Events are gathered for a moment, then the content is compared:
  a touch, our own save, or a lock or temporary file appearing beside it is not a change.

``changedOnDisk(document, change)`` is emitted once per new content (a second event for the
same content stays quiet); the window decides what to do (reload, or a bar on the tab).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, TypeVar

from ui.qt import QApplication, QFileSystemWatcher, QObject, QTimer, Signal

from model.draft_lock import LockCheck, LockStatus, acquire, check_lock, release
from model.fingerprint import DiskChange, Fingerprint, compare, disk_change, fingerprint

T = TypeVar("T")
SETTLE_MS = 300  # a writer that is not atomic gets this long to finish before the file is read


@dataclass
class Tracked:
    path: Path
    known: Optional[Fingerprint]  # what this window read or wrote
    read_only: bool = False
    locked: bool = False
    reported: object = None  # the disk content last reported (a Fingerprint, or DiskChange.REMOVED)


def stable_fingerprint(path: Path, load: Callable[[Path], T]) -> tuple[T, Optional[Fingerprint]]:
    """``load(path)`` and the fingerprint of exactly what it read: taken before and after, and
    read again if the file changed in between (someone writing at that very moment)."""
    for _attempt in range(3):
        before = fingerprint(path)
        result = load(path)
        after = fingerprint(path)
        if before is not None and before == after:
            return result, after
    return result, after


class DraftGuard(QObject):
    changedOnDisk = Signal(object, object)  # (FormDocument, DiskChange)

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_event)
        self.watcher.directoryChanged.connect(self._on_event)
        self._tracked: dict = {}  # FormDocument -> Tracked
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check_all)

    # --- opening and closing -----------------------------------------------------------------------
    @staticmethod
    def lock_check(path: Path) -> LockCheck:
        """What opening ``path`` would meet: FREE, STALE (ignored) or HELD by someone (ask)."""
        return check_lock(path)

    def track(self, document, known: Optional[Fingerprint], read_only: bool = False,
              take_over: bool = False) -> LockCheck:
        """Start guarding a document that is open at ``document.path``. Returns the lock result:
        HELD when someone else took the lock in the meantime (the window then asks again)."""
        path = Path(document.path)
        entry = Tracked(path, known, read_only)
        result = LockCheck(LockStatus.FREE)
        if not read_only:
            result = acquire(path, take_over=take_over)
            entry.locked = result.status is LockStatus.OURS
        self._tracked[document] = entry
        self._watch(path)
        return result

    def untrack(self, document) -> None:
        entry = self._tracked.pop(document, None)
        if entry is None:
            return
        if entry.locked:
            release(entry.path)
        self._unwatch(entry.path)

    def untrack_all(self) -> None:
        for document in list(self._tracked):
            self.untrack(document)

    def saved(self, document, path: Path) -> None:
        """After this window wrote ``path`` for ``document`` (save, or save as a new name: the old
        file's lock and watch go, the new one's come; a read-only tab saved under its own name is
        an ordinary tab from then on)."""
        path = Path(path)
        entry = self._tracked.get(document)
        if entry is None or entry.path != path:
            self.untrack(document)
            self.track(document, fingerprint(path), take_over=True)
            return
        entry.known = fingerprint(path)
        entry.reported = None
        if entry.read_only:
            entry.read_only = False
            entry.locked = acquire(path, take_over=True).status is LockStatus.OURS

    def reloaded(self, old_document, new_document, known: Optional[Fingerprint]) -> None:
        """The tab now shows ``new_document`` read from disk: it inherits the lock and the watch."""
        entry = self._tracked.pop(old_document, None)
        if entry is None:
            return
        entry.known, entry.reported = known, None
        self._tracked[new_document] = entry

    # --- questions the window asks ---------------------------------------------------------------
    def is_tracked(self, document) -> bool:
        return document in self._tracked

    def is_read_only(self, document) -> bool:
        entry = self._tracked.get(document)
        return bool(entry and entry.read_only)

    def holds_lock(self, document) -> bool:
        entry = self._tracked.get(document)
        return bool(entry and entry.locked)

    def change_of(self, document) -> DiskChange:
        """How the file on disk compares with what this window last read or wrote."""
        entry = self._tracked.get(document)
        return DiskChange.SAME if entry is None else disk_change(entry.path, entry.known)

    def accept_disk(self, document) -> None:
        """The user chose to keep this window's content over the disk's (the bar's 覆盖 before
        writing, or dismissing): the current disk content is no longer news."""
        entry = self._tracked.get(document)
        if entry is not None:
            entry.reported = fingerprint(entry.path)

    def adopt_disk(self, document) -> None:
        """覆盖 chosen while the change was on show: the disk's content is what this window now
        knowingly replaces, so the save that follows does not ask again."""
        entry = self._tracked.get(document)
        if entry is not None:
            entry.known = fingerprint(entry.path)
            entry.reported = None

    # --- watching ------------------------------------------------------------------------------------
    def _watch(self, path: Path) -> None:
        for item in (str(path), str(path.parent)):
            if Path(item).exists() and item not in self.watcher.files() + self.watcher.directories():
                self.watcher.addPath(item)

    def _unwatch(self, path: Path) -> None:
        still = [entry.path for entry in self._tracked.values()]
        if path not in still and str(path) in self.watcher.files():
            self.watcher.removePath(str(path))
        folder = path.parent
        if all(p.parent != folder for p in still) and str(folder) in self.watcher.directories():
            self.watcher.removePath(str(folder))

    def _on_event(self, _path: str) -> None:
        self._settle.start()

    def check_all(self) -> None:
        """Compare every guarded file with what this window knows; report each new content once.

        Not while a question is open: the tab it is about (a save in progress) must not be
        reloaded under it; the check runs again shortly."""
        if QApplication.activeModalWidget() is not None:
            self._settle.start()
            return
        for document, entry in list(self._tracked.items()):
            self._watch(entry.path)  # a rename ended the file's watch: watch the new file
            current = fingerprint(entry.path)
            change = compare(current, entry.known)
            if change is DiskChange.SAME:
                entry.reported = None
                continue
            news = current if current is not None else DiskChange.REMOVED
            if _same_news(news, entry.reported):
                continue
            entry.reported = news
            self.changedOnDisk.emit(document, change)


def _same_news(news: object, reported: object) -> bool:
    if isinstance(news, Fingerprint) and isinstance(reported, Fingerprint):
        return news.same_content(reported)
    return news is reported
