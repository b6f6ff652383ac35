"""Work that must run on the window thread (building a form's widgets), cut into steps.

Opening thirty drafts at once builds thirty form pages: about a second in one go, with the window
frozen and nothing said. A :class:`StepTask` does one step per turn of the event loop, so the
window repaints and takes keys between them, and it has the signals of
:class:`~ui.output.background.BackgroundTask` (``progressed``, ``succeeded``, ``cancelled``,
``finished``; ``failed`` is never emitted: a step reports its own problems), so
:func:`~ui.output.background.with_progress_dialog` gives it the same progress dialog and 取消.

The next step is scheduled only once the previous one returned: a step that asks a question
(a modal dialog runs its own event loop) is never overtaken by the next one.
"""
from __future__ import annotations

from typing import Callable, Optional

from ui.qt import QObject, QTimer, Signal


class StepTask(QObject):
    """Calls ``step(0)`` … ``step(count - 1)``, one per turn of the event loop, until done or
    cancelled. Exactly one of ``succeeded`` (with the number of steps) or ``cancelled`` comes,
    then ``finished``; ``done`` counts the steps taken."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, count: int, step: Callable[[int], object], parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.count = count
        self.step = step
        self.done = 0
        self.outcome = ""  # "succeeded" or "cancelled" once finished
        self._cancel_asked = False

    def start(self) -> "StepTask":
        QTimer.singleShot(0, self, self._next)
        return self

    def cancel(self) -> None:
        """No step after the one running now."""
        self._cancel_asked = True

    def is_running(self) -> bool:
        return not self.outcome

    def _next(self) -> None:
        if self.done >= self.count:  # a 取消 after the last step comes too late
            self._end("succeeded")
            return
        if self._cancel_asked:
            self._end("cancelled")
            return
        self.step(self.done)
        self.done += 1
        self.progressed.emit(self.done, self.count)
        QTimer.singleShot(0, self, self._next)

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        if outcome == "succeeded":
            self.succeeded.emit(self.done)
        else:
            self.cancelled.emit()
        self.finished.emit()
