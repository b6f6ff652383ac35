"""Child process for tests/test_crash_recovery.py: the real editor, offscreen, with unsaved edits.

    python child_editor.py MODE DRAFT VALUE

Opens DRAFT in a MainWindow, sets the total row's 全年执行数(B) to VALUE through the document
(one undo step, as typing in the cell does), then:

- MODE ``explicit``: calls ``autosave_now()`` and prints ``autosaved``;
- MODE ``timer``: builds the window with a 300 ms autosave interval and lets the timer do it,
  printing ``autosaved`` once the recovery copy exists.

Either way it then runs the event loop until the parent kills it with SIGKILL. It first checks
that a default window autosaves every 60 s, and prints ``interval 60000``.
"""
from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui.app import create_app, register_window  # noqa: E402


def main(mode: str, draft: str, value: str) -> int:
    app = create_app([sys.argv[0]])
    from model.paths import recovery_dir
    from ui.window.main_window import MainWindow
    from ui.qt import QTimer

    default = MainWindow()
    print(f"interval {default.autosave_timer.interval()} active {default.autosave_timer.isActive()}", flush=True)
    default.deleteLater()
    window = MainWindow(autosave_ms=300) if mode == "timer" else MainWindow()
    register_window(window)
    document = window.file_actions.open_file(draft)
    assert document is not None, "the draft did not open"
    document.set_value(document.form.funds.rows[0], "executed", Decimal(value), "修改全年执行数")
    assert document.modified and document.undo_stack.count() == 1
    if mode == "explicit":
        assert window.file_actions.autosave_now() == 1
        print("autosaved", flush=True)
    else:
        def announce() -> None:
            if any(recovery_dir().glob("*.meta.json")):
                print("autosaved", flush=True)
                poll.stop()
        poll = QTimer()
        poll.timeout.connect(announce)
        poll.start(50)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
