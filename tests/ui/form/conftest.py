"""The editor's window as the form tests drive it: shown at 1920×1080 and active, closing without
asking to save (a module may define its own ``window``)."""
from __future__ import annotations

import pytest

from ui import dialogs
from ui.window.main_window import MainWindow

from tests.ui.form.visible_rows import FULL_HD


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*FULL_HD)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win
