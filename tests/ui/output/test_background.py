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
