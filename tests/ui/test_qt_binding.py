"""The Qt binding in use must not leak references to None (PySide6 6.12.0 on Python 3.11 does,
and the process aborts after a few thousand calls). Guards the dependency pin in pyproject.toml."""
from __future__ import annotations

import sys

from ui.qt import QLabel


def test_qt_calls_keep_reference_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n % 7))
        label.update()
    assert sys.getrefcount(None) - before > -100
