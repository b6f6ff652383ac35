"""How the window responds while many forms open at once: thirty drafts chosen in 打开 (or dropped
on the window), and a thirty-sheet workbook imported.

The longest freeze (:class:`bench.freeze.LongestGap`): a QTimer ticks every 10 ms on the window
thread and the longest gap between two ticks is recorded, from the call until every tab is open.
The drafts open one per turn of the event loop; the workbook is read on a worker thread and its
forms then open the same way.
"""
from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.forms import batch_of, forms_dir, real_forms  # noqa: E402
from bench.freeze import LongestGap  # noqa: E402


def _longest_freeze(start: Callable[[Any], Any], done: Callable[[Any], bool]) -> float:
    """Seconds of the longest gap between 10 ms ticks from ``start(window)`` until ``done(window)``."""
    from ui.app import create_app

    app = create_app()
    from ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    gap = LongestGap()
    gc.collect()
    gap.start()
    start(window)
    gap.tick()  # what the call itself took counts as a freeze too
    deadline = time.perf_counter() + 120
    while not done(window):
        if time.perf_counter() > deadline:
            raise RuntimeError("表单未能全部打开")
        app.processEvents()
        time.sleep(0.001)
    gap.stop()
    from ui import dialogs

    dialogs.ask_save_all = lambda parent, names: dialogs.DISCARD  # type: ignore[assignment]
    dialogs.ask_save_changes = lambda parent, name: dialogs.DISCARD  # type: ignore[assignment]
    window.file_actions.close_all()  # the imported forms are unsaved: dropped without a question
    window.deleteLater()
    return gap.longest


def bench_open_drafts_longest_freeze(n: int = 30) -> float:
    """Thirty drafts opened at once (打开 with several chosen, or dropped on the window)."""
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as folder:
        os.environ["PERF_EVAL_HOME"] = home
        sources = sorted(forms_dir().glob("f*.json"))
        paths = []
        for i in range(n):
            target = Path(folder) / f"{i:03d}-{sources[i % len(sources)].name}"
            shutil.copy(sources[i % len(sources)], target)
            paths.append(str(target))
        return _longest_freeze(lambda window: window.file_actions.open_files(paths),
                               lambda window: window.tabs.count() == n)


def bench_import_workbook_longest_freeze(n: int = 30) -> float:
    """A workbook of thirty forms imported (导入 Excel, or dropped on the window)."""
    from exporters.xlsx_writer import write_workbook

    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as folder:
        os.environ["PERF_EVAL_HOME"] = home
        book = Path(folder) / "汇总.xlsx"
        write_workbook(batch_of(real_forms(), n), book)
        return _longest_freeze(lambda window: window.output.import_excel(str(book)),
                               lambda window: window.tabs.count() == n)


if __name__ == "__main__":
    print(f"打开 30 份草稿时界面最长停顿:{bench_open_drafts_longest_freeze() * 1000:.0f} ms")
    print(f"导入 30 张表的工作簿时界面最长停顿:{bench_import_workbook_longest_freeze() * 1000:.0f} ms")
