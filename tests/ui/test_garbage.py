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


def test_a_worker_that_allocates_frees_no_cycle_of_the_gui_thread(qtbot, editor_app):
    """Before: a worker allocating past the threshold ran the collector and freed the window's
    garbage on its own thread (a Qt widget destroyed off the GUI thread: segfault)."""
    seen: list[str] = []
    Cycle(seen)  # unreachable at once: only the cycle collector can free it
    worker = threading.Thread(target=lambda: [[n] for n in range(200_000)], name="worker")
    worker.start()
    worker.join()
    assert seen == []
    kept = [[n] for n in range(garbage.collect_on_gui_thread(editor_app).thresholds[0] + 10)]  # now due
    qtbot.waitUntil(lambda: seen == [threading.main_thread().name], timeout=5000)  # the GUI thread's timer
    assert kept


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
