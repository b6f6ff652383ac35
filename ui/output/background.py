"""Long work (exports, print layout, scoring a folder) on a worker thread, so the window never freezes.

A :class:`BackgroundTask` runs a plain Python function ``work(reporter)`` in a :class:`QThread`. The
function sees only :class:`Reporter` (plain Python: a counter and a cancel flag), never a Qt object;
what it reports travels to the window thread as queued signals of the worker object. The exporters
are pure Python, so they run unchanged on the worker; each calls ``reporter.progress(done, total)``
once per form, and that call raises :class:`Cancelled` once the user pressed 取消 — the exporter's
atomic write then removes its temporary file and the old file stays as it was.

:func:`with_progress_dialog` adds the usual QProgressDialog (shown only when the work takes longer
than half a second, with a 取消 button).
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from ui.qt import QCoreApplication, QObject, QProgressDialog, Qt, QThread, QTimer, QWidget, Signal, Slot

SHOW_AFTER_MS = 500


class Cancelled(Exception):
    """Raised inside the work by :meth:`Reporter.progress` after the user cancelled."""


class Reporter:
    """What the work on the worker thread may use: report progress, learn about a cancel.

    ``emit`` is the worker's signal (thread-safe in Qt); the flag is a :class:`threading.Event`."""

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


class _Worker(QObject):
    """Lives on the worker thread; turns the work's outcome into one of three signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, work: Callable[[Reporter], Any], flag: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._flag = flag

    @Slot()
    def run(self) -> None:
        reporter = Reporter(self.progressed.emit, self._flag)
        try:
            result = self._work(reporter)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - handed to the window, which says it in Chinese
            self.failed.emit(exc)
        else:
            if self._flag.is_set() and not reporter.settled:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One run of ``work`` on its own thread. Signals arrive on the window thread; exactly one of
    ``succeeded`` / ``failed`` / ``cancelled`` comes, then ``finished``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    _running: "set[BackgroundTask]" = set()  # kept alive until finished, whoever started them

    def __init__(self, work: Callable[[Reporter], Any], parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._flag = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(work, self._flag)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progressed)  # a slot of this object: queued to its thread
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        for signal in (self._worker.succeeded, self._worker.failed, self._worker.cancelled):
            signal.connect(self._thread.quit)  # the thread ends even if this object is gone by then
        self.outcome = ""  # "succeeded", "failed" or "cancelled" once finished
        self.result: Any = None
        self.error: Optional[BaseException] = None

    def start(self) -> "BackgroundTask":
        global _stop_connected
        app = QCoreApplication.instance()
        if app is not None and not _stop_connected:
            app.aboutToQuit.connect(stop_all)
            _stop_connected = True
        BackgroundTask._running.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (it is never killed half-way)."""
        self._flag.set()

    def is_running(self) -> bool:
        return self in BackgroundTask._running

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the thread ended (closing the window: no thread may outlive the app)."""
        return bool(self._thread.wait(ms))

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self._thread.quit()
        self._thread.wait()
        BackgroundTask._running.discard(self)
        self.finished.emit()

    def _on_progressed(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def _on_succeeded(self, result: object) -> None:
        self.result = result
        self.succeeded.emit(result)
        self._end("succeeded")

    def _on_failed(self, error: BaseException) -> None:
        self.error = error
        self.failed.emit(error)
        self._end("failed")

    def _on_cancelled(self) -> None:
        self.cancelled.emit()
        self._end("cancelled")


_stop_connected = False


def stop_all() -> None:
    """Cancel every running task and wait for its thread (the program is quitting: no thread may
    outlive the application, and an export stops at its next form, leaving the old file)."""
    for task in list(BackgroundTask._running):
        task.cancel()
    for task in list(BackgroundTask._running):
        task.wait()
        BackgroundTask._running.discard(task)


def with_progress_dialog(task: BackgroundTask, parent: Optional[QWidget], label: str,
                         total: int = 0) -> QProgressDialog:
    """A window-modal progress dialog for ``task``: it appears only if the work lasts longer than
    half a second, 取消 asks the work to stop, and it closes itself when the task finishes."""
    dialog = QProgressDialog(label, "取消", 0, max(total, 0), parent)
    dialog.setWindowTitle("请稍候")
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("汉") * 24)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
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

    for outcome in (task.succeeded, task.failed, task.cancelled):  # connected before the caller's
        outcome.connect(close)  # handlers: gone before a closing message appears
    task.finished.connect(close)
    task.finished.connect(dialog.deleteLater)
    return dialog
