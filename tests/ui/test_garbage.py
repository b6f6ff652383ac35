"""While a worker runs, cyclic garbage is freed on the GUI thread, never by the worker."""
from __future__ import annotations

import gc
import threading

import pytest

from ui import garbage
from ui.output.background import BackgroundTask


class Cycle:
    """A reference cycle that records the thread its finaliser runs on."""

    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


@pytest.fixture
def one_worker(qapp):
    collector = garbage.collector()
    collector.worker_started()
    yield collector
    collector.worker_finished()


def test_without_workers_python_collects_as_usual(qapp):
    assert garbage.collector().workers == 0
    assert gc.isenabled() and not garbage.collector().timer.isActive()


def test_a_worker_that_allocates_frees_no_cycle(one_worker):
    """Before: a worker allocating past the threshold ran the collector and freed the window's
    garbage on its own thread (a Qt widget destroyed off the GUI thread: segfault)."""
    assert not gc.isenabled()
    seen: list[str] = []
    Cycle(seen)  # unreachable at once: only the cycle collector can free it
    worker = threading.Thread(target=lambda: [[n] for n in range(200_000)], name="worker")
    worker.start()
    worker.join()
    assert seen == []
    kept = [[n] for n in range(one_worker.thresholds[0] + 10)]  # allocations that make a collection due
    assert one_worker.check() >= 1
    assert seen == [threading.main_thread().name]
    assert kept


def test_the_gui_thread_timer_runs_while_workers_run(qtbot, qapp, one_worker):
    assert one_worker.timer.isActive() and one_worker.thread() == qapp.thread()
    with qtbot.waitSignal(one_worker.timer.timeout, timeout=20 * garbage.CHECK_MS):
        pass
    one_worker.worker_started()  # a second worker: still one timer
    one_worker.worker_finished()
    assert one_worker.timer.isActive() and not gc.isenabled()


def test_a_background_task_hands_collection_to_the_gui_thread_until_it_ends(qtbot, qapp):
    release = threading.Event()
    task = BackgroundTask(lambda reporter: release.wait(10))
    task.start()
    assert not gc.isenabled() and garbage.collector().timer.isActive()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    assert gc.isenabled() and not garbage.collector().timer.isActive()
    assert garbage.collector().workers == 0
