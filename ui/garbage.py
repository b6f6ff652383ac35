"""While a worker thread runs, Python's cyclic garbage is collected on the GUI thread only.

Python runs its cycle collector in whichever thread happens to allocate when a threshold is
crossed. During an export or the workspace's scoring that is usually the worker, and the garbage
it frees can hold Qt objects left by closed tabs or dialogs: a widget destroyed on the worker
while the GUI thread delivers it an event crashes the program (a segfault with PySide6 6.9; the
core dump shows the collector running on the worker).

So :class:`ui.output.background.BackgroundTask` tells this module when a worker starts and ends.
The first start turns the automatic collector off; until the last worker ends, a GUI-thread timer
collects the young generations Python would have collected, with Python's thresholds, every few
tens of milliseconds (short pauses; the oldest generation waits for the end). Then the automatic
collector is back, with its small, frequent collections. (A full collection at the start was
tried: it made the pauses longer and, in the test run, collected garbage that crashed PySide.)
"""
from __future__ import annotations

import gc
from typing import Optional

from ui.qt import QCoreApplication, QObject, QTimer

CHECK_MS = 50

_collector: Optional["GuiThreadCollector"] = None


class GuiThreadCollector(QObject):
    """Counts the running workers; collects from a GUI-thread timer while there are any."""

    def __init__(self, parent: Optional[QObject] = None, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.workers = 0
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)

    def worker_started(self) -> None:
        if self.workers == 0:
            gc.disable()
            self.timer.start()
        self.workers += 1

    def worker_finished(self) -> None:
        self.workers = max(0, self.workers - 1)
        if self.workers == 0:
            self.timer.stop()
            gc.enable()

    def check(self) -> int:
        """Collect the older of the two young generations whose count passed its threshold; the
        number of objects found unreachable (0 when nothing was due)."""
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return 0
        return gc.collect(1 if counts[1] > self.thresholds[1] else 0)


def collector() -> GuiThreadCollector:
    """The process's collector, made on first use on the GUI thread (the application owns it)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(QCoreApplication.instance())
    return _collector


def worker_started() -> None:
    collector().worker_started()


def worker_finished() -> None:
    collector().worker_finished()
