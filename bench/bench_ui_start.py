"""Start-up time of the editor: from launching a fresh Python process to the main window with f17
shown, compared with a bare PySide6 QMainWindow measured the same way.

Both are timed from the parent (so interpreter start and imports count, as a user feels them) until
the child reports, from its event loop, that the window is on screen. Run directly to print both.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
F17 = ROOT.parent / "shared" / "forms" / "f17.json"

_WINDOW = """
import sys
sys.path.insert(0, {root!r})
from ui.app import create_app
from ui.window.main_window import MainWindow
from ui.qt import QTimer
app = create_app()
window = MainWindow()
window.resize(1366, 768)
window.show()
window.file_actions.open_file({form!r})
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

_BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def _time_child(code: str) -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["PERF_EVAL_HOME"] = home  # no recovery copies, settings or recent files from the user
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=env, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        child.wait(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError("窗口未能显示")
    return elapsed


def bench_window_start() -> float:
    """Seconds until the editor's main window with f17 is shown, in a fresh subprocess. A copy is
    opened: the window locks an open draft, and the shared forms folder is never written."""
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / F17.name
        form.write_bytes(F17.read_bytes())
        return _time_child(_WINDOW.format(root=str(ROOT), form=str(form)))


def bench_bare_window() -> float:
    """Seconds until a bare PySide6 QMainWindow is shown, measured the same way."""
    return _time_child(_BARE)


if __name__ == "__main__":
    window = min(bench_window_start() for _ in range(3))
    bare = min(bench_bare_window() for _ in range(3))
    print(f"编辑器窗口(打开 f17):{window * 1000:.0f} ms")
    print(f"空白 PySide6 窗口:    {bare * 1000:.0f} ms")
    print(f"差值:                 {(window - bare) * 1000:.0f} ms")


def bench_window_start_best(runs: int = 3) -> float:
    """The fastest of ``runs`` starts (the machine's other work only ever adds time)."""
    return min(bench_window_start() for _ in range(runs))


def bench_bare_window_best(runs: int = 3) -> float:
    return min(bench_bare_window() for _ in range(runs))
