"""Python's cyclic garbage is collected on the GUI thread only.

Python runs its cycle collector in whichever thread happens to allocate when a threshold is
crossed. In the editor that is often a background worker (an export, the workspace scoring 500
drafts), and the garbage it frees can hold Qt objects left by closed tabs or dialogs: a widget
destroyed on a worker thread while the GUI thread delivers it an event crashes the program
(seen as a segfault with PySide6 6.9, the core dump showing the collector on the worker).

:func:`collect_on_gui_thread` turns the automatic collector off and lets a timer on the GUI thread
do the same work: it looks at the allocation counts twice a second and collects the generations
Python itself would have collected, with Python's own thresholds. Workers then never free
anything but their own objects.
"""
from __future__ import annotations

import gc
from typing import Optional

from ui.qt import QObject, QTimer

CHECK_MS = 500

_collector: Optional["GuiThreadCollector"] = None


class GuiThreadCollector(QObject):
    """Collects as Python's automatic collector would, from a timer of the GUI thread."""

    def __init__(self, parent: QObject, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(check_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count has passed its threshold; the number of
        objects found unreachable (0 when nothing was due)."""
        counts = gc.get_count()
        due = [generation for generation in range(3) if counts[generation] > self.thresholds[generation]]
        if not due or counts[0] <= self.thresholds[0]:
            return 0
        return gc.collect(max(due))


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once per process (``app`` is the QApplication, on the GUI thread)."""
    global _collector
    if _collector is None:
        gc.disable()
        _collector = GuiThreadCollector(app)
    return _collector
