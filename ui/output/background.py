"""Long work (exports, print layout, scoring a folder) on a worker thread, so the window never freezes.

A :class:`BackgroundTask` runs a plain Python function ``work(reporter)`` on a
:class:`threading.Thread`. The function sees only :class:`Reporter` (plain Python: a counter and a
cancel flag), and the thread touches no Qt object at all: what it reports goes into a queue that a
timer of the window thread empties, turning each report into the task's signals. The exporters
are pure Python, so they run unchanged on the worker; each calls ``reporter.progress(done, total)``
once per form, and that call raises :class:`Cancelled` once the user pressed 取消 — the exporter's
atomic write then removes its temporary file and the old file stays as it was.

:func:`with_progress_dialog` adds the usual QProgressDialog (shown only when the work takes longer
than half a second, with a 取消 button).
"""
from __future__ import annotations

import queue
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ui.qt import QCoreApplication, QObject, QProgressDialog, Qt, QTimer, QWidget, Signal

from ui import garbage

if TYPE_CHECKING:
    from ui.output.steps import StepTask

SHOW_AFTER_MS = 500
POLL_MS = 15  # how often the window thread takes the worker's reports
# While a worker runs, Python hands the GIL over every 0.2 ms instead of every 5. The window thread
# gives the GIL up around every call into Qt and waits for it again each time, so anything it does
# costs (number of calls) × (switch interval) while a worker is busy in Python: with 5 ms a 30-form
# Excel export froze it 170 ms; with 1 ms a repaint of f17's tree took ~80 ms instead of 12, and
# deleting a 500-row workspace panel a whole second; with 0.2 ms the repaint takes ~30 ms. An idle
# window asks for nothing, so the worker runs as fast as before (bench/bench_ui_export.py).
WORKER_SWITCH_INTERVAL_S = 0.0002
_usual_switch_interval = sys.getswitchinterval()
_NEVER_BY_ITSELF = 2**31 - 1  # ms: a QProgressDialog "minimum duration" it never reaches


class Cancelled(Exception):
    """Raised inside the work by :meth:`Reporter.progress` after the user cancelled."""


class Reporter:
    """What the work on the worker thread may use: report progress, learn about a cancel.

    ``emit`` puts a report on the task's queue; the flag is a :class:`threading.Event`."""

    def __init__(self, emit: Callable[[int, int], None], flag: threading.Event) -> None:
        self._emit = emit
        self._flag = flag
        self._done = 0
        self.settled = False

    def cancelled(self) -> bool:
        return self._flag.is_set()

    def check(self) -> None:
        if self._flag.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        """Tell the window how far the work is; raises Cancelled when the user asked to stop.

        The count never goes back, so the bar only ever moves forward."""
        self._done = max(self._done, done)
        self._emit(self._done, total)
        self.check()

    def settle(self, total: int) -> None:
        """The work is done and cannot be taken back (the file is written): report the end, and
        a 取消 pressed from now on comes too late — the outcome is then "succeeded", so the user is
        never told 未改动 about a file that was replaced."""
        self.settled = True
        self._done = max(self._done, total)
        self._emit(self._done, total)


def _run(work: Callable[[Reporter], Any], flag: threading.Event, events: "queue.SimpleQueue[tuple]") -> None:
    """The worker thread's whole life: plain Python, no Qt object (PySide's machinery is not safe
    to drive from a second thread: a worker QObject's slot once crashed in its meta-object
    update). What happens is put on ``events``, which the task drains on the window thread."""
    reporter = Reporter(lambda done, total: events.put(("progressed", done, total)), flag)
    try:
        result = work(reporter)
    except Cancelled:
        events.put(("cancelled",))
    except Exception as exc:  # noqa: BLE001 - handed to the window, which says it in Chinese
        events.put(("failed", exc))
    else:
        if flag.is_set() and not reporter.settled:
            events.put(("cancelled",))
        else:
            events.put(("succeeded", result))


class BackgroundTask(QObject):
    """One run of ``work`` on its own thread. Signals arrive on the window thread; exactly one of
    ``succeeded`` / ``failed`` / ``cancelled`` comes, then ``finished``.

    The thread is a plain :class:`threading.Thread`; a timer of the window thread takes what it
    reported every POLL_MS and emits the signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    _running: "set[BackgroundTask]" = set()  # kept alive until finished, whoever started them

    def __init__(self, work: Callable[[Reporter], Any], parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._flag = threading.Event()
        self._events: "queue.SimpleQueue[tuple]" = queue.SimpleQueue()
        self._thread = threading.Thread(target=_run, args=(work, self._flag, self._events), daemon=True,
                                        name="background-task")
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._drain)
        self.outcome = ""  # "succeeded", "failed" or "cancelled" once finished
        self.result: Any = None
        self.error: Optional[BaseException] = None

    def start(self) -> "BackgroundTask":
        global _stop_connected
        app = QCoreApplication.instance()
        if app is not None and not _stop_connected:
            app.aboutToQuit.connect(stop_all)
            _stop_connected = True
        if not BackgroundTask._running:
            sys.setswitchinterval(WORKER_SWITCH_INTERVAL_S)
        BackgroundTask._running.add(self)
        garbage.worker_started()  # no collection of the window's garbage on the worker (ui/garbage.py)
        self._poll.start()
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (it is never killed half-way)."""
        self._flag.set()

    def is_running(self) -> bool:
        return self in BackgroundTask._running

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the thread ended (closing the window: no thread may outlive the app)."""
        if self._thread.ident is None:
            return True
        self._thread.join(ms / 1000)
        return not self._thread.is_alive()

    def _drain(self) -> None:
        """What the worker reported since the last look, as signals (the outcome ends the task)."""
        while not self.outcome:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            kind, *args = event
            if kind == "progressed":
                self.progressed.emit(*args)
                continue
            self.outcome = kind
            if kind == "succeeded":
                self.result = args[0]
                self.succeeded.emit(self.result)
            elif kind == "failed":
                self.error = args[0]
                self.failed.emit(self.error)
            else:
                self.cancelled.emit()
            self._end()

    def _end(self) -> None:
        self._poll.stop()
        self._thread.join()  # it has put its outcome: it is returning
        self._forget()
        self.finished.emit()

    def _forget(self) -> None:
        """No longer running (once: stop_all may have come first)."""
        if self in BackgroundTask._running:
            BackgroundTask._running.discard(self)
            garbage.worker_finished()
            if not BackgroundTask._running:
                sys.setswitchinterval(_usual_switch_interval)


_stop_connected = False


def stop_all() -> None:
    """Cancel every running task and wait for its thread (the program is quitting: no thread may
    outlive the application, and an export stops at its next form, leaving the old file)."""
    for task in list(BackgroundTask._running):
        task.cancel()
    for task in list(BackgroundTask._running):
        task.wait()
        task._forget()


def with_progress_dialog(task: Union[BackgroundTask, "StepTask"], parent: Optional[QWidget], label: str,
                         total: int = 0) -> QProgressDialog:
    """A window-modal progress dialog for ``task``: it appears only if the work lasts longer than
    half a second, 取消 asks the work to stop, and it closes itself when the task finishes."""
    dialog = QProgressDialog(label, "取消", 0, max(total, 0), parent)
    dialog.setWindowTitle("请稍候")
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("汉") * 24)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    # Shown by our own timer once the work has run for SHOW_AFTER_MS, never by Qt's estimate:
    # QProgressDialog shows itself after 50 ms when it predicts a longer run, and a quarter-second
    # export then flashed a dialog whose first showing froze the window for 160 ms.
    dialog.setMinimumDuration(_NEVER_BY_ITSELF)
    dialog.setValue(0)

    ended: list[bool] = []

    def progressed(done: int, count: int) -> None:
        if ended:  # a late count would show the closed dialog again, over the closing message
            return
        if count:  # before setValue(), which may show a later count from inside it
            dialog.setLabelText(f"{label}({done} / {count})")
        if dialog.maximum() != count:
            dialog.setMaximum(count)
        dialog.setValue(min(done, count))

    def cancel() -> None:
        dialog.setLabelText("正在取消…")
        task.cancel()

    # setValue() of a modal progress dialog processes events, which delivers the next report while
    # this one is still being handed out (its other receivers then see the counts out of order):
    # so the dialog is updated from the event loop, not from inside the signal
    task.progressed.connect(lambda done, count: QTimer.singleShot(0, dialog, lambda: progressed(done, count)))
    dialog.canceled.connect(cancel)

    def close() -> None:
        ended.append(True)
        dialog.close()

    QTimer.singleShot(SHOW_AFTER_MS, dialog, lambda: None if ended else dialog.show())
    for outcome in (task.succeeded, task.failed, task.cancelled):  # connected before the caller's
        outcome.connect(close)  # handlers: gone before a closing message appears
    task.finished.connect(close)
    task.finished.connect(dialog.deleteLater)
    return dialog
