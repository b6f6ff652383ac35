"""The progress dialog of a background task, driven by the task's signals (no thread started)."""
from __future__ import annotations

import pytest

from ui.output.background import with_progress_dialog
from ui.qt import QObject, QWidget, Signal


class FakeTask(QObject):
    """The signals of a BackgroundTask, emitted by the test: no thread, nothing left running."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def cancel(self) -> None:
        pass


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_the_label_shows_the_count_the_bar_shows(qtbot):
    """Seen under Xvfb: 正在导出 PDF(2 / 10) over a full bar. setValue() of a shown modal dialog
    processes events, so the next count was shown inside it and then the older label set."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = FakeTask(parent)
    dialog = with_progress_dialog(task, parent, "正在导出 PDF", 10)  # type: ignore[arg-type]
    dialog.setMinimumDuration(0)  # as after half a second
    for done in (1, 2, 10):
        task.progressed.emit(done, 10)
    qtbot.waitUntil(lambda: dialog.value() == 10)
    qtbot.waitUntil(lambda: dialog.labelText() == "正在导出 PDF(10 / 10)")
    task.finished.emit()
    assert not dialog.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_a_report_after_50_ms_does_not_show_the_dialog_before_half_a_second(qtbot):
    """QProgressDialog shows itself 50 ms in when its estimate says the work will be long; a
    quarter-second Excel export then flashed a dialog and froze the window 160 ms showing it.
    It appears only once the work has run for SHOW_AFTER_MS."""
    import time

    from ui.output.background import SHOW_AFTER_MS

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = FakeTask(parent)
    started = time.perf_counter()
    dialog = with_progress_dialog(task, parent, "正在导出 Excel", 100)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: time.perf_counter() - started > 0.08)  # past Qt's own 50 ms look
    task.progressed.emit(1, 100)  # Qt's estimate: 80 ms x 99 to go, far over half a second
    qtbot.waitUntil(lambda: dialog.value() == 1)
    if time.perf_counter() - started < SHOW_AFTER_MS / 1000 * 0.8:  # a slow machine may be past it
        assert not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert time.perf_counter() - started >= SHOW_AFTER_MS / 1000 * 0.95
    task.finished.emit()
    assert not dialog.isVisible()


def test_a_task_done_within_half_a_second_never_shows_the_dialog(qtbot):
    import shiboken6

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = FakeTask(parent)
    dialog = with_progress_dialog(task, parent, "正在导出 Excel", 2)  # type: ignore[arg-type]
    task.progressed.emit(2, 2)
    task.finished.emit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # deleted, and its show timer with it


def test_while_a_worker_runs_python_hands_the_gil_over_every_millisecond(qtbot):
    """A 30-form Excel export froze the window 170 ms: the window thread waited 5 ms (Python's
    usual switch interval) for the GIL each of the many times it takes it back for one event."""
    import sys
    import threading

    from ui.output.background import WORKER_SWITCH_INTERVAL_S, BackgroundTask

    usual = sys.getswitchinterval()
    release = threading.Event()
    task = BackgroundTask(lambda reporter: release.wait(10)).start()
    assert WORKER_SWITCH_INTERVAL_S < usual
    assert sys.getswitchinterval() == pytest.approx(WORKER_SWITCH_INTERVAL_S)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    assert sys.getswitchinterval() == pytest.approx(usual)
