"""Start-up time of the editor, as a user who double-clicks a draft feels it: from launching a
fresh Python process running ``main.py f17.json`` to (1) the window on screen and (2) the form
open in it, ready for typing; compared with a bare PySide6 QMainWindow measured the same way, and
with the floor of any design: f17's form page alone in a bare window.

Each child reports from its event loop: ``shown`` when its main window gets its first paint event,
``ready`` once the editor's start has opened the form (``MainWindow.startFinished``) and the form's
tree has been painted: the window with the form on screen. (Work a page puts off until then, such
as a folded header section, comes after; a key pressed meanwhile waits for it, and is not lost.) Times are
taken in the parent, so interpreter start and every import count. Python's bytecode cache is used
as on an installed copy (pip and the bundle compile it): the children write it to a folder of
their own, and a first run that fills it is not counted. Run directly to print the figures.
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
_CACHE = Path(tempfile.gettempdir()) / "perf-self-eval-bench-pycache"

_PROBE = """
from PySide6.QtCore import QEvent, QObject, QTimer

class Probe(QObject):
    # Prints ``name`` at its widget's first paint event, then calls ``then`` (if any).
    def __init__(self, window, then=None, name="shown"):
        super().__init__(window)
        self.seen, self.then, self.name = False, then, name
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(self.name, flush=True)
            if self.then is not None:
                QTimer.singleShot(0, self.then)
        return False
"""

_EDITOR = _PROBE + """
import sys
sys.path.insert(0, {root!r})
import ui.app as app_module
start = app_module.start_editor

def probed_start(files):
    started = start(files)
    app, window, server = started
    window.probe = Probe(window)
    done = set()

    def step(what):
        done.add(what)
        if done == {{"opened", "painted"}}:
            print("ready", flush=True)
            app.quit()

    def watch_tree(_index):
        tab = window.current_tab()
        if tab is not None and not hasattr(tab, "probe"):
            tab.probe = Probe(tab, then=lambda: step("painted"), name="page")

    window.tabs.currentChanged.connect(watch_tree)
    window.startFinished.connect(lambda: QTimer.singleShot(0, lambda: step("opened")))
    return started

app_module.start_editor = probed_start
sys.argv = ["main.py", {form!r}]
from model.cli import main
main()
"""

_FORM_ONLY = _PROBE + """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
from model.draft import load_draft
from ui.document import FormDocument
from ui.form.tab import FormTab

window = QMainWindow()
window.setCentralWidget(FormTab(FormDocument(load_draft({form!r})), "bench"))
probe = Probe(window, then=lambda: (print("ready", flush=True), app.quit()))
window.resize(1366, 768)
window.show()
app.exec()
"""

_BARE = _PROBE + """
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
probe = Probe(window, then=lambda: (print("ready", flush=True), app.quit()))
window.resize(1366, 768)
window.show()
app.exec()
"""


def _child_env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PERF_EVAL_HOME"] = home  # no recovery copies, settings or recent files from the user
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_CACHE)
    return env


def _time_child(code: str) -> dict[str, float]:
    """Seconds from launch to each line the child prints (``shown``, ``ready``)."""
    with tempfile.TemporaryDirectory() as home:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=_child_env(home), text=True)
        assert child.stdout is not None
        seen: dict[str, float] = {}
        for line in child.stdout:
            seen[line.strip()] = time.perf_counter() - start
        child.wait(timeout=60)
    if "shown" not in seen or "ready" not in seen:
        raise RuntimeError(f"窗口未能显示:{sorted(seen)}")
    return seen


def _editor_times() -> dict[str, float]:
    """A copy of f17 is opened: the window locks an open draft, and the shared forms folder is
    never written."""
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / F17.name
        form.write_bytes(F17.read_bytes())
        return _time_child(_EDITOR.format(root=str(ROOT), form=str(form)))


def _best(measure, key: str, runs: int) -> float:
    measure()  # fills the bytecode cache; not counted
    return min(measure()[key] for _ in range(runs))


def bench_window_shown_best(runs: int = 3) -> float:
    """The editor's window on screen (title, menus, toolbar, the file being opened named)."""
    return _best(_editor_times, "shown", runs)


def bench_form_ready_best(runs: int = 3) -> float:
    """The form open in the window, its first actual value selected for typing."""
    return _best(_editor_times, "ready", runs)


def bench_form_only_best(runs: int = 3) -> float:
    """The floor of any start: f17's form page alone in a bare QMainWindow (no menus, toolbar,
    panels, recovery or lock), its modules imported and its widgets built before the first paint."""
    def measure() -> dict[str, float]:
        with tempfile.TemporaryDirectory() as folder:
            form = Path(folder) / F17.name
            form.write_bytes(F17.read_bytes())
            return _time_child(_FORM_ONLY.format(root=str(ROOT), form=str(form)))
    return _best(measure, "shown", runs)


def bench_bare_window_best(runs: int = 3) -> float:
    """A bare PySide6 QMainWindow on screen, measured the same way."""
    return _best(lambda: _time_child(_BARE), "shown", runs)


if __name__ == "__main__":
    bare = bench_bare_window_best()
    shown = bench_window_shown_best()
    ready = bench_form_ready_best()
    floor = bench_form_only_best()
    print(f"空白 PySide6 窗口:          {bare * 1000:.0f} ms")
    print(f"下限:只有 f17 表单页的窗口: {floor * 1000:.0f} ms({floor / bare:.2f} 倍)")
    print(f"编辑器窗口显示:            {shown * 1000:.0f} ms({shown / bare:.2f} 倍)")
    print(f"f17 打开完毕、可以输入:    {ready * 1000:.0f} ms({ready / bare:.2f} 倍)")
