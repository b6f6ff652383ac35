"""Hand a folder to the system's file manager (Explorer, the UOS/Kylin file manager).

One function, so tests replace it instead of opening windows on the machine that runs them.
"""
from __future__ import annotations

from typing import Optional

from ui import dialogs
from ui.qt import QDesktopServices, QUrl, QWidget


def open_folder(folder: str) -> bool:
    """Show ``folder`` in the file manager; False when the system has none to offer."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))


def show_folder(parent: Optional[QWidget], folder: str) -> bool:
    """:func:`open_folder`, and when the system has no file manager to hand it to (a trimmed
    desktop, no xdg-open), say so instead of doing nothing after the click."""
    if open_folder(folder):
        return True
    dialogs.warn(parent, f"无法打开文件夹:\n{folder}\n\n系统中没有可用的文件管理器。文件就在这个文件夹中,"
                         "可以用文件管理器自己打开它。")
    return False
