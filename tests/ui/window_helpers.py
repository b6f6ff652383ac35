"""Helpers for the window tests: a stand-in indicator view until ui.indicators.view exists."""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types

from ui.qt import QLabel, QToolBar, QTreeView, QVBoxLayout, QWidget, Signal


class FakeIndicatorView(QWidget):
    """The interface the window uses: ``view``, ``focus_issue``, ``message``, and copy/paste
    (the real view holds them as ``copy_paste``; the stand-in is its own)."""

    message = Signal(str)

    def __init__(self, document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = QTreeView()
        self.focused: list = []
        self.copy_paste = self
        self.toolbar = QToolBar()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("指标"))
        layout.addWidget(self.view)

    def focus_issue(self, issue) -> None:
        self.focused.append(issue)

    def copy_selection(self) -> None:
        pass

    def start(self) -> None:
        self.view.setFocus()

    def pending_edit(self):
        return None

    def paste(self) -> None:
        pass


def ensure_indicator_view() -> bool:
    """Install the stand-in when the real module is not there yet (or PERF_EVAL_FAKE_TREE=1);
    True when the real one is used."""
    if os.environ.get("PERF_EVAL_FAKE_TREE") != "1" and importlib.util.find_spec("ui.indicators.view"):
        try:
            importlib.import_module("ui.indicators.view")
            return True
        except ImportError:
            sys.modules.pop("ui.indicators.view", None)
    module = types.ModuleType("ui.indicators.view")
    module.IndicatorView = FakeIndicatorView
    sys.modules["ui.indicators.view"] = module
    return False


def record_focus(monkeypatch, window) -> list:
    """Record the issues the window sends to the indicator view (real or stand-in)."""
    calls: list = []
    for tab in window.tab_widgets():
        monkeypatch.setattr(tab.indicators, "focus_issue", lambda issue: calls.append(issue))
    return calls


def new_window(qtbot, monkeypatch):
    """A main window for a test: closing it discards unsaved forms instead of asking."""
    from ui import dialogs
    from ui.window.main_window import MainWindow

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)  # several unsaved
    win = MainWindow()
    qtbot.addWidget(win)
    return win
