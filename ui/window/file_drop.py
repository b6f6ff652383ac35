"""Files dragged from the file manager (Explorer, the UOS/Kylin file manager) onto the window.

As in WPS: a draft dropped on the window opens, a workbook this program wrote is imported, and a
folder becomes the workspace. :class:`FileDrop` watches the window's drag and drop events (an
event filter: the window holds it, it holds nothing of the window but the calls it is given).
Only drops that no field took reach the window; the tree, the tabs and the empty window all pass
them on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from ui.qt import QEvent, QMimeData, QObject, QTimer, QWidget

DRAFT_SUFFIXES = (".json",)
WORKBOOK_SUFFIXES = (".xlsx",)


class Dropped(NamedTuple):
    """What a drop carried, sorted by what the window does with it."""

    drafts: list[str]
    workbooks: list[str]
    folders: list[str]
    others: list[str]


def sort_dropped(paths: list[str]) -> Dropped:
    dropped = Dropped([], [], [], [])
    for path in paths:
        suffix = Path(path).suffix.lower()
        if Path(path).is_dir():
            dropped.folders.append(path)
        elif suffix in DRAFT_SUFFIXES:
            dropped.drafts.append(path)
        elif suffix in WORKBOOK_SUFFIXES:
            dropped.workbooks.append(path)
        else:
            dropped.others.append(path)
    return dropped


def local_paths(mime: QMimeData) -> list[str]:
    """The local files of a drag (a link from a browser is not a file)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def refused_message(others: list[str]) -> str:
    names = "、".join(f"“{Path(p).name}”" for p in others[:3]) + ("等" if len(others) > 3 else "")
    return f"无法打开 {names}:可以拖入草稿(.json)、本程序导出的 Excel 工作簿(.xlsx)或一个文件夹(作为工作区)"


class FileDrop(QObject):
    """Accepts local files dragged onto ``window`` and hands them to the calls it is given."""

    def __init__(self, window: QWidget, open_drafts: Callable[[list[str]], object],
                 import_workbooks: Callable[[list[str]], object], open_folder: Callable[[str], object],
                 message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.open_drafts = open_drafts
        self.import_workbook = import_workbooks
        self.open_folder = open_folder
        self.message = message
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if local_paths(event.mimeData()):  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            paths = local_paths(event.mimeData())  # type: ignore[attr-defined]
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                # after the drop has returned: a question asked inside it would hold the file
                # manager's drag (Windows waits for the drop to end)
                QTimer.singleShot(0, self, lambda: self.take(paths))
            return True
        return False

    def take(self, paths: list[str]) -> None:
        """Folders first (the workspace), then the drafts, then the workbooks' import."""
        dropped = sort_dropped(paths)
        if dropped.folders:
            self.open_folder(dropped.folders[0])
        if dropped.drafts:
            self.open_drafts(dropped.drafts)
        if dropped.workbooks:
            self.import_workbook(dropped.workbooks)  # one import: several read in turn
        if dropped.others:
            self.message(refused_message(dropped.others))
