"""The last-resort handler, end to end: an exception escapes a Qt slot while a form has unsaved
edits. The handler (ui.app.handle_exception, installed as sys.excepthook by run_editor) must save a
recovery copy holding the edit, write the traceback to a log in the data folder, tell the user in
Chinese without the traceback, and leave the window working."""
from __future__ import annotations

import re
import shutil
import sys
from decimal import Decimal

import pytest

from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from model.draft import load_draft  # noqa: E402
from model.paths import data_home, log_dir, recovery_dir  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window import files  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.qt import QTimer  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def edited_window(qtbot, monkeypatch, forms_dir, tmp_path):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(app_module, "show_error_dialog", lambda text, details: shown.append((text, details)))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module.install_exception_hook()
    window = MainWindow()
    qtbot.addWidget(window)
    app_module.register_window(window)
    path = tmp_path / "f17.json"
    shutil.copy(forms_dir / "f17.json", path)
    window.file_actions.open_file(path)
    window.current_tab().panel.funds.commit_money(0, "executed", "299,999")
    assert window.current_document().modified
    window.shown = shown
    window.draft_path = path
    return window


def assert_user_message(text: str) -> None:
    assert CJK.search(text) and "意外错误" in text
    for leak in ("Traceback", "File \"", "ZeroDivisionError", "division by zero", "line "):
        assert leak not in text, f"{leak!r} shown to the user"


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_saves_logs_and_tells_the_user(qtbot, edited_window):
    window = edited_window
    original = window.draft_path.read_bytes()

    def broken_slot() -> None:
        1 / 0  # noqa: B018

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(window.shown), timeout=5000)
    text, details = window.shown[0]
    assert_user_message(text)
    assert "恢复副本" in text and str(log_dir()) in text
    assert "ZeroDivisionError" in details and "broken_slot" in details  # for the 详细信息 button only
    # the log in the data folder has the whole traceback
    logs = list(log_dir().glob("editor-*.log"))
    assert len(logs) == 1 and logs[0].is_relative_to(data_home())
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: division by zero" in log and "broken_slot" in log
    # the recovery copy holds the unsaved edit and belongs to the open file
    copies = list(recovery_dir().glob("*.meta.json"))
    assert len(copies) == 1
    draft = copies[0].with_name(copies[0].name.replace(".meta.json", ".json"))
    assert load_draft(draft).funds.rows[0].executed == Decimal("299999")
    assert window.draft_path.read_bytes() == original  # the user's file is not touched
    # the program keeps running: the user can go on and save
    window.current_tab().panel.funds.commit_money(0, "executed", "300,000")
    assert window.file_actions.save_current()
    assert load_draft(window.draft_path).funds.rows[0].executed == Decimal("300000")
    assert not files.list_recovery()  # saved: the copy is gone


def test_handler_still_tells_the_user_when_data_folder_is_unwritable(edited_window, monkeypatch, tmp_path):
    """No log and no copy can be written (disk full, folder read-only): the message still comes,
    in Chinese, and says nothing it cannot keep (no 恢复副本, no log path)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PERF_EVAL_HOME", str(blocker))
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        app_module.handle_exception(*sys.exc_info())
    text, details = edited_window.shown[0]
    assert_user_message(text)
    assert "恢复副本" not in text and "详细信息已记录" not in text
    assert "boom" in details


def test_an_exception_inside_the_handler_does_not_loop(edited_window, monkeypatch):
    """A window whose autosave itself fails is skipped; the user is still told, once."""
    monkeypatch.setattr(edited_window.file_actions, "autosave_now", lambda: 1 / 0)
    try:
        raise RuntimeError("first")
    except RuntimeError:
        app_module.handle_exception(*sys.exc_info())
    assert len(edited_window.shown) == 1
    assert_user_message(edited_window.shown[0][0])
    log = (log_dir() / next(p.name for p in log_dir().iterdir())).read_text(encoding="utf-8")
    assert "first" in log
    # the failed autosave is not swallowed: its own traceback is in the log too
    assert "保存恢复副本时出错" in log and "ZeroDivisionError" in log


def test_nothing_caught_is_dropped_when_no_log_can_be_written(edited_window, monkeypatch, tmp_path, capsys):
    """Data folder unwritable and the autosave failing: both land on the console, with the error."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PERF_EVAL_HOME", str(blocker))
    monkeypatch.setattr(edited_window.file_actions, "autosave_now", lambda: 1 / 0)
    try:
        raise RuntimeError("second")
    except RuntimeError:
        app_module.handle_exception(*sys.exc_info())
    console = capsys.readouterr().err
    assert "无法写入日志文件" in console
    assert "保存恢复副本时出错" in console and "ZeroDivisionError" in console
    assert "RuntimeError: second" in console
    assert len(edited_window.shown) == 1
