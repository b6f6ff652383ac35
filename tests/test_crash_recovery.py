"""Crash recovery: the real editor is killed with unsaved edits; the next start offers them back.

The editor runs in a child process (tests/writers/child_editor.py) with the same data folder
(PERF_EVAL_HOME) as this test. It opens a copy of f17, changes 全年执行数(B) of the total row through
the document's undo stack and autosaves, either explicitly or by its own timer; the test then kills
it with SIGKILL, so nothing of a normal shutdown runs. A new MainWindow here must find the copy and,
on 恢复, show the edit, point at the original file and be marked modified; the original file is as
it was. The default autosave interval is 60 s, so at most the last minute of typing is lost.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from model.paths import recovery_dir  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import AUTOSAVE_MS, MainWindow  # noqa: E402

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

CHILD = Path(__file__).resolve().parent / "writers" / "child_editor.py"
EDITED = "288888.88"


@pytest.fixture
def f17(forms_dir, tmp_path):
    path = tmp_path / "f17.json"
    shutil.copy(forms_dir / "f17.json", path)
    return path


def run_and_kill(mode: str, draft: Path) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), mode, str(draft), EDITED], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    try:
        for _ in range(2):
            line = child.stdout.readline().strip()
            if not line:
                break
            lines.append(line)
    finally:
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    assert lines == ["interval 60000 active True", "autosaved"], err
    return lines


@pytest.mark.parametrize("mode", ["explicit", "timer"])
def test_killed_editor_offers_its_unsaved_edit(qtbot, monkeypatch, f17, mode):
    original = f17.read_bytes()
    run_and_kill(mode, f17)
    assert f17.read_bytes() == original  # the edit was never saved to the file
    assert len(list(recovery_dir().glob("*.meta.json"))) == 1

    asked = []
    monkeypatch.setattr(dialogs, "ask_recovery", lambda parent, entries: asked.append(entries) or dialogs.RECOVER)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.file_actions.offer_recovery() == 1
    assert len(asked[0]) == 1 and asked[0][0].original == f17.resolve()
    assert "劳务协作站工作经费" in asked[0][0].label
    document = window.current_document()
    assert document.form.funds.rows[0].executed == Decimal(EDITED)
    assert document.path == f17.resolve() and document.modified and window.isWindowModified()
    assert window.file_actions.save_current()  # saving writes the recovered edit and drops the copy
    assert not list(recovery_dir().glob("*.json"))
    from model.draft import load_draft
    assert load_draft(f17).funds.rows[0].executed == Decimal(EDITED)


def test_autosave_interval_is_one_minute(qtbot):
    assert AUTOSAVE_MS == 60_000
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.autosave_timer.interval() == 60_000 and window.autosave_timer.isActive()


def test_nothing_offered_after_a_clean_close(qtbot, monkeypatch, f17):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_recovery", lambda parent, entries: pytest.fail("nothing to recover"))
    window = MainWindow()
    qtbot.addWidget(window)
    document = window.file_actions.open_file(f17)
    document.set_value(document.form.funds.rows[0], "executed", Decimal(EDITED))
    assert window.file_actions.autosave_now() == 1
    window.close()  # 不保存: the user chose to drop the edit, so the copy goes too
    later = MainWindow()
    qtbot.addWidget(later)
    assert later.file_actions.offer_recovery() == 0
