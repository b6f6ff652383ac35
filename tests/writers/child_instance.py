"""Child process for the single-instance tests: the editor's real start-up, offscreen.

    python child_instance.py QUIT_FILE [DRAFT …]

Runs ``ui.app.start_editor`` exactly as ``main.py`` does. If a running editor took the files it
prints ``handed over`` and exits 0. Otherwise it prints ``ready`` and then ``tabs [paths…]`` (JSON)
once its own files are open (the window is shown first, then opens them) and again after each
hand-over from a later start, and closes its window (as a user would) when QUIT_FILE appears,
printing ``closed``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui.app import start_editor  # noqa: E402


def main(quit_file: str, *drafts: str) -> int:
    started = start_editor(list(drafts))
    if started is None:
        print("handed over", flush=True)
        return 0
    app, window, server = started
    from ui.qt import QTimer

    def report(_paths=None) -> None:
        paths = [str(tab.document.path) for tab in window.tab_widgets()]
        print("tabs " + json.dumps(paths, ensure_ascii=False), flush=True)

    def poll() -> None:
        if Path(quit_file).exists():
            timer.stop()
            window.close()

    def ready() -> None:
        print("ready", flush=True)
        report()
        server.filesReceived.connect(report)  # after the window's own slot: the files are open by now

    window.startFinished.connect(ready)  # the window shows first, then opens its files
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    code = app.exec()
    server.close()
    print("closed", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
