"""The longest freeze of the window thread: a QTimer ticks every 10 ms and the longest gap between
two ticks is kept. A window that answers within 100 ms feels alive."""
from __future__ import annotations

import time


class LongestGap:
    """``start()``, let the event loop run, ``stop()``; ``longest`` is in seconds. ``tick()`` may also
    be called by hand, after work done outside the event loop."""

    def __init__(self, interval_ms: int = 10) -> None:
        from ui.qt import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
