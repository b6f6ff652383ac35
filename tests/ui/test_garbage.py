"""Cyclic garbage is freed on the GUI thread, never by a worker thread that happens to allocate."""
from __future__ import annotations

import gc
import threading

from ui import garbage


class Cycle:
    """A reference cycle that records the thread its finaliser runs on."""

    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def test_the_editor_turns_off_the_automatic_collector(editor_app):
    assert garbage.collect_on_gui_thread(editor_app) is garbage.collect_on_gui_thread(editor_app)  # once
    assert not gc.isenabled()


def test_a_worker_that_allocates_frees_no_cycle_of_the_gui_thread(editor_app):
    """Before: a worker allocating past the threshold ran the collector and freed the window's
    garbage on its own thread (a Qt widget destroyed off the GUI thread: segfault)."""
    collector = garbage.collect_on_gui_thread(editor_app)
    seen: list[str] = []
    Cycle(seen)  # unreachable at once: only the cycle collector can free it
    worker = threading.Thread(target=lambda: [[n] for n in range(200_000)], name="worker")
    worker.start()
    worker.join()
    assert seen == []
    kept = [[n] for n in range(collector.thresholds[0] + 10)]  # allocations that make a collection due
    assert collector.check() >= 1
    assert seen == [threading.main_thread().name]
    assert kept


def test_the_collector_checks_from_a_timer_of_the_gui_thread(qtbot, editor_app):
    collector = garbage.collect_on_gui_thread(editor_app)
    assert collector.timer.isActive() and collector.timer.interval() == garbage.CHECK_MS
    assert collector.thread() == editor_app.thread()
    with qtbot.waitSignal(collector.timer.timeout, timeout=5 * garbage.CHECK_MS):
        pass


def test_check_collects_only_what_python_would_have_collected(editor_app):
    collector = garbage.collect_on_gui_thread(editor_app)
    gc.collect()
    assert collector.check() == 0  # nothing allocated since: nothing is due
    seen: list[str] = []
    Cycle(seen)
    assert collector.check() == 0 and seen == []  # one object: not yet due
    kept = [[n] for n in range(collector.thresholds[0] + 10)]  # allocations still alive count
    assert collector.check() >= 1 and seen == [threading.main_thread().name]
    assert kept
