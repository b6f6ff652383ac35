"""Exports run on a worker thread: progress per form, 取消 keeps the old file, a closing message
with 打开文件夹, and a question first when some forms still have errors."""
from __future__ import annotations

import copy
import threading
from typing import Optional

import pytest

from model.report import assess_form, load_assessed
from ui import dialogs
from ui.output import desktop, exporting
from ui.qt import QCoreApplication, QProgressDialog, QPushButton, QWidget


@pytest.fixture
def forms(real_form_paths):
    """20 forms: the ten real ones twice (a small bureau's year)."""
    real = [load_assessed(path) for path in real_form_paths]
    return (real * 2)[:20]


class Answers:
    """What the patched questions were asked and answer."""

    def __init__(self) -> None:
        self.finished: list[tuple[str, str]] = []
        self.errors_asked: list[list[str]] = []
        self.error_lines: list[list[str]] = []
        self.go_on = True
        self.open_folder = True
        self.opened: list[str] = []
        self.infos: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def answers(monkeypatch):
    record = Answers()

    def finished(parent, text, folder):
        record.finished.append((text, folder))
        return record.open_folder

    def with_errors(parent, names, total, verb="导出", errors=()):
        record.errors_asked.append(list(names))
        record.error_lines.append(list(errors))
        return record.go_on

    monkeypatch.setattr(dialogs, "export_finished", finished)
    monkeypatch.setattr(dialogs, "ask_export_with_errors", with_errors)
    monkeypatch.setattr(dialogs, "info", lambda parent, text, title="": record.infos.append(text))
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": record.errors.append(text))
    monkeypatch.setattr(desktop, "open_folder", lambda folder: record.opened.append(folder) or True)
    return record


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def run(qtbot, task: Optional[exporting.Export], timeout: int = 120_000) -> exporting.Export:
    """Wait for the whole export (every attempt of it, after 重试 too)."""
    assert task is not None
    if task.is_running():
        with qtbot.waitSignal(task.finished, timeout=timeout):
            pass
    return task


@pytest.mark.parametrize("entry, magic", [("export_pdf", b"%PDF-"), ("export_xlsx", b"PK")])
def test_batch_export_reports_every_form_and_ends_with_a_message(qtbot, parent, tmp_path, forms, answers, entry,
                                                                 magic):
    target = tmp_path / ("全部" + (".pdf" if entry == "export_pdf" else ".xlsx"))
    seen: list[tuple[int, int]] = []
    task = exporting.start_export(parent, entry, forms, str(target))
    assert task is not None
    task.progressed.connect(lambda done, total: seen.append((done, total)))
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and not dialog.isVisible()  # shown only once the export has run half a second
    assert dialog.findChild(QPushButton).text() == "取消"
    run(qtbot, task)
    assert task.outcome == "succeeded", task.error
    assert target.read_bytes().startswith(magic)
    done = [d for d, _total in seen]
    assert {total for _d, total in seen} == {20} and done == sorted(done) and done[-1] == 20
    assert len(set(done)) >= 10  # per form, not just start and end (never backwards)
    assert answers.errors_asked == []  # the real forms have no errors: nothing asked
    (text, folder), = answers.finished
    assert "20 份" in text and str(target) in text and folder == str(tmp_path.resolve())
    assert answers.opened == [str(tmp_path.resolve())]


def test_a_pdf_with_characters_its_font_cannot_print_says_which(qtbot, parent, tmp_path, forms, answers):
    """A contact named with a rare character (𫖮) printed as an empty box with no word of it."""
    edited = copy.deepcopy(forms[0].form)
    edited.project.contact = "张𫖮"
    form = assess_form(edited)
    target = tmp_path / "一份.pdf"
    task = run(qtbot, exporting.start_export(parent, "export_pdf", [form], str(target)))
    assert task.outcome == "succeeded", task.error
    (text, _folder), = answers.finished
    assert "注意" in text and "𫖮" in text and "方框" in text
    answers.finished.clear()
    run(qtbot, exporting.start_export(parent, "export_pdf", forms[:1], str(target)))
    assert "方框" not in answers.finished[0][0]  # the real forms print every character


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_every_receiver_sees_the_counts_in_order_while_the_dialog_shows(qtbot, parent, tmp_path, forms, answers,
                                                                        monkeypatch):
    """A shown modal progress dialog processes events in setValue(); the counts must still reach
    every receiver in order."""
    from ui.output import runner
    import time

    def quick_exporter(forms, path, progress):  # reports faster than the window takes them
        for done in range(1, 201):
            progress(done, 200)
            time.sleep(0.001)
    monkeypatch.setattr(runner, "function", lambda entry: quick_exporter)
    task = exporting.start_export(parent, "export_pdf", forms, str(tmp_path / "a.pdf"))
    assert task is not None
    parent.findChild(QProgressDialog).setMinimumDuration(0)  # shown at once, as after half a second
    seen: list[int] = []
    task.progressed.connect(lambda done, total: seen.append(done))
    run(qtbot, task)
    assert task.outcome == "succeeded" and seen == sorted(seen) and seen[-1] == 200


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_the_progress_dialog_stays_closed_behind_the_closing_message(qtbot, parent, tmp_path, forms, answers,
                                                                      monkeypatch):
    """Seen under Xvfb: the last count, delivered while the closing message ran its own event
    loop, showed the closed progress dialog again (at 100 %, in front of the message)."""
    from ui.output import runner
    monkeypatch.setattr(runner, "function", lambda entry: lambda forms, path, progress: progress(1, 2))
    visible: list[bool] = []

    def finished(parent_, text, folder):
        QCoreApplication.processEvents()  # a message box runs its own event loop
        visible.append(any(d.isVisible() for d in parent.findChildren(QProgressDialog)))
        return False

    monkeypatch.setattr(dialogs, "export_finished", finished)
    task = exporting.start_export(parent, "export_pdf", forms[:2], str(tmp_path / "a.pdf"))
    assert task is not None
    parent.findChild(QProgressDialog).setMinimumDuration(0)  # as after half a second
    run(qtbot, task)
    assert task.outcome == "succeeded" and visible == [False]


def cancel_at(monkeypatch, entry: str, at: int, cancel) -> threading.Event:
    """The real exporter of ``entry``, whose form ``at + 1`` waits until the window has handled
    the report of form ``at`` (and called ``cancel``): on a loaded machine the worker could
    otherwise write every form before the window sees the first report."""
    from ui.output import runner
    real = runner.function(entry)
    handled = threading.Event()

    def exporter(forms, path, progress):
        def paced(done, total):
            if done > at:
                assert handled.wait(30)
            progress(done, total)
        real(forms, path, progress=paced)

    monkeypatch.setattr(runner, "function", lambda name: exporter)
    return handled


def test_cancel_stops_the_export_and_keeps_the_old_file(qtbot, parent, tmp_path, forms, answers, monkeypatch):
    target = tmp_path / "全部.pdf"
    target.write_bytes(b"old")
    task = None

    def on_progress(done, total):
        if done >= 3 and not handled.is_set():
            task.cancel()
            handled.set()

    handled = cancel_at(monkeypatch, "export_pdf", 3, on_progress)
    task = exporting.start_export(parent, "export_pdf", forms, str(target))
    assert task is not None
    task.progressed.connect(on_progress)
    run(qtbot, task)
    assert task.outcome == "cancelled"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["全部.pdf"]  # no temporary file left
    assert answers.finished == [] and any("已取消" in text for text in answers.infos)


def test_the_progress_dialog_cancel_button_cancels(qtbot, parent, tmp_path, forms, answers, monkeypatch):
    target = tmp_path / "全部.xlsx"

    def on_progress(done, total):
        if done >= 2 and not handled.is_set():
            dialog.findChild(QPushButton).click()
            handled.set()

    handled = cancel_at(monkeypatch, "export_xlsx", 2, on_progress)
    task = exporting.start_export(parent, "export_xlsx", forms, str(target))
    assert task is not None
    dialog = parent.findChild(QProgressDialog)
    task.progressed.connect(on_progress)
    run(qtbot, task)
    assert task.outcome == "cancelled" and not target.exists()


def test_a_cancel_after_the_file_was_written_comes_too_late(qtbot, parent, tmp_path, forms, answers, monkeypatch):
    """取消 pressed while the last report travels to the window: the file is already replaced, so
    the user hears that it was exported, never 未改动."""
    from ui.output import runner
    target = tmp_path / "全部.pdf"
    target.write_bytes(b"old")
    real = runner.function("export_pdf")
    holder: list = []
    started = threading.Event()

    def exporter(forms, path, progress):
        real(forms, path, progress=progress)
        assert started.wait(30)
        holder[0].cancel()  # on the worker, after the write: as if pressed at that moment

    monkeypatch.setattr(runner, "function", lambda name: exporter)
    task = exporting.start_export(parent, "export_pdf", forms[:2], str(target))
    assert task is not None
    holder.append(task)
    started.set()
    run(qtbot, task)
    assert task.outcome == "succeeded" and target.read_bytes().startswith(b"%PDF-")
    assert len(answers.finished) == 1 and not any("已取消" in text for text in answers.infos)


def _with_an_error(form_path):
    assessed = load_assessed(form_path)
    form = copy.deepcopy(assessed.form)
    form.project.unit = ""  # 实施单位 is required
    broken = assess_form(form, assessed.source, assessed.template)
    assert broken.evaluation.counts()[0] > 0
    return broken


def test_forms_with_errors_are_named_and_the_user_may_stop(qtbot, parent, tmp_path, forms, answers, real_form_paths):
    broken = _with_an_error(real_form_paths[3])
    target = tmp_path / "全部.pdf"
    answers.go_on = False
    assert exporting.start_export(parent, "export_pdf", forms[:4] + [broken], str(target)) is None
    assert answers.errors_asked == [[broken.name]]
    assert not target.exists() and answers.finished == []
    answers.go_on = True
    answers.open_folder = False
    task = exporting.start_export(parent, "export_pdf", [forms[0], broken], str(target))
    assert task is not None
    run(qtbot, task)
    assert task.outcome == "succeeded" and target.read_bytes().startswith(b"%PDF-")
    assert len(answers.errors_asked) == 2 and answers.opened == []  # 确定, not 打开文件夹
    assert answers.error_lines == [[], []]  # several forms: named, their errors not listed


def test_a_form_exported_alone_has_its_errors_listed_with_their_places(parent, tmp_path, answers, real_form_paths):
    broken = _with_an_error(real_form_paths[3])
    answers.go_on = False
    assert exporting.start_export(parent, "export_pdf", [broken], str(tmp_path / "一份.pdf")) is None
    expected = [f"{issue.place}:{issue.message}" for issue in broken.evaluation.issues if issue.severity == "error"]
    assert answers.error_lines == [expected] and any(line.startswith("表头:") for line in expected)


def test_a_write_failure_is_said_in_chinese(qtbot, parent, tmp_path, forms, answers):
    task = exporting.start_export(parent, "export_xlsx", forms[:2], str(tmp_path / "missing" / "x.xlsx"))
    assert task is not None
    run(qtbot, task)
    assert task.outcome == "failed"
    assert answers.errors and answers.errors[0].startswith("导出失败") and "文件夹不存在" in answers.errors[0]


def test_an_exporter_without_progress_still_exports(qtbot, parent, tmp_path, forms, answers, monkeypatch):
    written = []
    from ui.output import runner
    monkeypatch.setattr(runner, "function", lambda entry: lambda forms, path: written.append((len(forms), path)))
    task = exporting.start_export(parent, "export_pdf", forms, str(tmp_path / "a.pdf"))
    assert task is not None
    run(qtbot, task)
    assert task.outcome == "succeeded" and written == [(20, str(tmp_path / "a.pdf"))]


def test_export_finished_dialog_offers_open_folder(qtbot, monkeypatch):
    from ui.qt import QMessageBox
    seen = []

    def press(box):
        seen.append([b.text() for b in box.buttons()])
        return next(b for b in box.buttons() if b.text() == "打开文件夹")

    def fake_exec(box):
        press(box).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert dialogs.export_finished(None, "已导出 2 份表单到:\n/tmp/x.pdf", "/tmp")
    assert sorted(seen[0]) == sorted(["打开文件夹", "确定"])


def test_default_file_name_is_the_project_name(real_form_paths):
    from ui.output.names import UNNAMED, default_stem, safe_stem
    form = load_assessed(real_form_paths[0]).form
    assert default_stem(form) == form.project.name
    assert safe_stem('a/b:c*?"<>|') == "a_b_c_"
    assert safe_stem("  ") == UNNAMED


# Exports onto a file another program has open: asked in Chinese, never a broken file (#15).

class Asked(list):
    """The questions asked and the error boxes shown, in order; ``answers[name]`` lists the
    replies (a callable is called)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict = {"ask_target_in_use": [], "ask_retry_write": []}


@pytest.fixture
def asked(monkeypatch, answers):
    record = Asked()

    def answer(name):
        def ask(parent, *args):
            record.append((name, args))
            reply = record.answers[name].pop(0)
            return reply() if callable(reply) else reply
        return ask

    for name in record.answers:
        monkeypatch.setattr(dialogs, name, answer(name))
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": record.append(("error", (text,))))
    return record


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_workbook_open_in_wps_is_asked_about_until_it_is_closed(qtbot, parent, tmp_path, forms, answers, asked):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")
    owner = tmp_path / "~$汇总.xlsx"
    owner.write_bytes(b"")
    asked.answers["ask_target_in_use"] += [dialogs.RETRY, dialogs.CANCEL]
    assert exporting.start_export(parent, "export_xlsx", forms[:2], str(target)) is None  # nothing started
    assert [name for name, _ in asked] == ["ask_target_in_use"] * 2  # 重试 while still open: asked again
    assert asked[0][1] == (str(target), "Excel 或 WPS")
    assert target.read_bytes() == b"old" and answers.finished == []

    def close_in_wps_then_retry():
        owner.unlink()
        return dialogs.RETRY

    asked.answers["ask_target_in_use"] += [close_in_wps_then_retry]
    task = run(qtbot, exporting.start_export(parent, "export_xlsx", forms[:2], str(target)))
    assert task.outcome == "succeeded", task.error
    assert target.read_bytes()[:2] == b"PK" and len(asked) == 3
    assert len(answers.finished) == 1 and "2 份" in answers.finished[0][0]


def test_write_anyway_exports_over_a_leftover_lock(qtbot, parent, tmp_path, forms, answers, asked):
    target = tmp_path / "汇总.pdf"
    (tmp_path / ".~lock.汇总.pdf#").write_text("张三,PC,zhang,01.12.2026 08:00,x;", encoding="utf-8")
    asked.answers["ask_target_in_use"] += [dialogs.WRITE_ANYWAY]
    task = run(qtbot, exporting.start_export(parent, "export_pdf", forms[:1], str(target)))
    assert task.outcome == "succeeded", task.error
    assert asked == [("ask_target_in_use", (str(target), "LibreOffice(用户“张三”)"))]
    assert target.read_bytes()[:5] == b"%PDF-" and len(answers.finished) == 1


def test_a_file_locked_by_windows_offers_retry_and_keeps_the_old_file(qtbot, parent, tmp_path, forms, answers,
                                                                      asked, monkeypatch):
    """On Windows, replacing a workbook that Excel has open fails with PermissionError; 重试
    writes it again in the background, without the errors question again."""
    import os
    broken = _with_an_error(forms[0].source)
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")
    real_replace = os.replace
    refusals = [1, 1]

    def locked_replace(src, dst):
        if str(dst) == str(target) and refusals:
            refusals.pop()
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked_replace)
    asked.answers["ask_retry_write"] += [True, False]
    task = run(qtbot, exporting.start_export(parent, "export_xlsx", [forms[1], broken], str(target)))
    assert task.outcome == "failed" and task.attempts == 2 and not task.is_running()
    assert [name for name, _ in asked] == ["ask_retry_write"] * 2  # and no error box after 取消
    assert "被其他程序占用" in asked[0][1][0]
    assert answers.errors_asked == [[broken.name]]  # asked once, not again for the retry
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == [] and answers.finished == []
    refusals.append(1)
    asked.answers["ask_retry_write"] += [True]
    task = run(qtbot, exporting.start_export(parent, "export_xlsx", [forms[1], broken], str(target)))
    assert task.outcome == "succeeded" and task.attempts == 2, task.error
    assert target.read_bytes()[:2] == b"PK" and leftovers(tmp_path) == []
    assert len(answers.finished) == 1 and "2 份" in answers.finished[0][0]  # one closing message


def test_other_write_errors_are_reported(qtbot, parent, tmp_path, forms, answers, asked):
    task = run(qtbot, exporting.start_export(parent, "export_xlsx", forms[:1], str(tmp_path / "无此文件夹" / "a.xlsx")))
    assert task.outcome == "failed" and task.attempts == 1
    assert asked[-1][0] == "error" and "导出失败" in asked[-1][1][0] and "文件夹不存在" in asked[-1][1][0]
    assert [name for name, _ in asked] == ["error"]  # no 重试 offered: retrying would not help
