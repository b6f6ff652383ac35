"""How the window responds while 30 forms are exported (the export runs on a worker thread).

Two figures. The longest freeze: a QTimer ticks every 10 ms on the window thread and records the
longest gap between two ticks while the export runs; a window that answers within 100 ms feels
alive. The longest repaint: f17's indicator tree is repainted again and again while the export
runs. An idle window asks the worker for the GIL only at its ticks, but a repaint calls into Qt
hundreds of times and waits for the GIL at each: this is what scrolling or typing during an export
feels like.
"""
from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.forms import batch_of, forms_dir, real_forms  # noqa: E402
from bench.freeze import LongestGap  # noqa: E402


def bench_export_longest_freeze(n: int = 30, entry: str = "export_pdf") -> float:
    """Seconds of the longest gap between 10 ms ticks on the window thread during the export."""
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as out:
        os.environ["PERF_EVAL_HOME"] = home
        from ui.app import create_app

        app = create_app()
        from ui import dialogs
        from ui.output import exporting
        from ui.qt import QEventLoop, QWidget

        dialogs.export_finished = lambda parent, text, folder: False  # type: ignore[assignment]
        forms = batch_of(real_forms(), n)
        parent = QWidget()
        gap = LongestGap()
        loop = QEventLoop()
        suffix = ".pdf" if entry == "export_pdf" else ".xlsx"
        gc.collect()  # the garbage of the benchmarks before is theirs, not a pause of this one
        task = exporting.start_export(parent, entry, forms, str(Path(out) / f"all{suffix}"))
        if task is None:
            raise RuntimeError("导出未开始")
        task.finished.connect(loop.quit)
        gap.start()
        if task.is_running():
            loop.exec()
        gap.stop()
        if task.outcome != "succeeded":
            raise RuntimeError(f"导出失败:{task.error}")
        parent.deleteLater()
        return gap.longest


def bench_repaint_during_export(n: int = 30, entry: str = "export_pdf") -> float:
    """Seconds of the longest full repaint of f17's tree (window 1366×768) during the export."""
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as out:
        os.environ["PERF_EVAL_HOME"] = home
        from ui.app import create_app

        app = create_app()
        from ui import dialogs
        from ui.output import exporting
        from ui.qt import QEvent
        from ui.window.main_window import MainWindow

        dialogs.export_finished = lambda parent, text, folder: False  # type: ignore[assignment]
        draft = Path(out) / "f17.json"
        draft.write_bytes((forms_dir() / "f17.json").read_bytes())
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.file_actions.open_file(str(draft))
        app.processEvents()
        tab = window.current_tab()
        assert tab is not None
        viewport = tab.indicators.view.viewport()
        forms = batch_of(real_forms(), n)
        gc.collect()
        task = exporting.start_export(window, entry, forms, str(Path(out) / "all.pdf"))
        if task is None:
            raise RuntimeError("导出未开始")
        longest = 0.0
        while task.is_running():
            start = time.perf_counter()
            viewport.repaint()
            longest = max(longest, time.perf_counter() - start)
            app.processEvents()
        window.current_document().mark_saved()
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # gone before the next benchmark
        return longest


if __name__ == "__main__":
    print(f"导出 30 张表时界面最长停顿:{bench_export_longest_freeze() * 1000:.0f} ms")
    print(f"导出 30 张表时指标树最长一次重绘:{bench_repaint_during_export() * 1000:.0f} ms")
