"""Hand a folder to the system's file manager (Explorer, the UOS/Kylin file manager).

One function, so tests replace it instead of opening windows on the machine that runs them.
"""
from __future__ import annotations

from ui.qt import QDesktopServices, QUrl


def open_folder(folder: str) -> bool:
    """Show ``folder`` in the file manager; False when the system has none to offer."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
