"""Work on the window thread in steps: one per turn of the event loop, cancellable."""
from __future__ import annotations

from ui.output.steps import StepTask
from ui.qt import QCoreApplication, QEventLoop, QTimer


def test_one_step_per_turn_of_the_event_loop(qtbot):
    taken: list[int] = []
    task = StepTask(3, taken.append)
    progress: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, count: progress.append((done, count)))
    with qtbot.waitSignal(task.finished, timeout=5_000):
        task.start()
        assert taken == []  # start() returns before the first step
        QCoreApplication.processEvents()
        assert len(taken) <= 1  # the next step waits for the next turn
    assert taken == [0, 1, 2] and progress == [(1, 3), (2, 3), (3, 3)]
    assert task.outcome == "succeeded" and not task.is_running()


def test_cancel_stops_before_the_next_step(qtbot):
    taken: list[int] = []
    task = StepTask(5, taken.append)
    task.progressed.connect(lambda done, _count: task.cancel() if done == 2 else None)
    outcomes: list[str] = []
    task.succeeded.connect(lambda _n: outcomes.append("succeeded"))
    task.cancelled.connect(lambda: outcomes.append("cancelled"))
    with qtbot.waitSignal(task.finished, timeout=5_000):
        task.start()
    assert taken == [0, 1] and task.done == 2 and outcomes == ["cancelled"]


def test_a_cancel_after_the_last_step_comes_too_late(qtbot):
    task = StepTask(2, lambda n: None)
    task.progressed.connect(lambda done, _count: task.cancel() if done == 2 else None)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        task.start()
    assert task.outcome == "succeeded"


def test_a_step_that_asks_a_question_is_not_overtaken(qtbot):
    """A step's modal dialog runs an event loop of its own: the next step must wait for the answer."""
    log: list[str] = []

    def step(n: int) -> None:
        log.append(f"start {n}")
        if n == 0:
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)  # the user answers after a while
            loop.exec()
        log.append(f"end {n}")

    task = StepTask(2, step)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        task.start()
    assert log == ["start 0", "end 0", "start 1", "end 1"]
