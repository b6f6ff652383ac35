"""Export, import and print from the window: the current form or the workspace, in the background."""
from __future__ import annotations

import pytest

from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from ui import dialogs  # noqa: E402
from ui.output import desktop  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "export_finished", lambda parent, text, folder: False)
    monkeypatch.setattr(desktop, "open_folder", lambda folder: pytest.fail("opened a folder"))
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def finish(qtbot, task):
    assert task is not None
    if task.is_running():
        with qtbot.waitSignal(task.finished, timeout=120_000):
            pass
    return task


def test_export_suggests_the_project_name_and_import_reads_it_back(qtbot, window, f17, tmp_path, monkeypatch):
    if not (window.availability["export_xlsx"] and window.availability["import_xlsx"]):
        pytest.skip("Excel 导出/导入模块尚未提供")
    out = tmp_path / "out.xlsx"
    suggested = []
    monkeypatch.setattr(dialogs, "save_file_name", lambda parent, name, *args: suggested.append(name) or str(out))
    original = window.file_actions.open_file(f17)
    assert finish(qtbot, window.output.export_current("export_xlsx")).outcome == "succeeded"
    assert out.is_file() and suggested == [str(f17.parent / f"{original.form.project.name}.xlsx")]
    reading = window.output.import_excel(str(out))
    assert window.tabs.count() == 1  # read on a worker thread, opened afterwards
    assert finish(qtbot, reading).outcome == "succeeded"
    qtbot.waitUntil(lambda: window.tabs.count() == 2)
    # Said once the opening is over, which on a loaded machine is a moment after the tab appears.
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"已从 {out} 导入 1 份表单(尚未保存)")
    imported = window.current_document()
    assert imported is not original and imported.path is None and imported.modified
    assert imported.form.project.name == original.form.project.name
    assert imported.evaluation.total == original.evaluation.total


def test_several_workbooks_chosen_at_once_open_all_their_forms_and_name_the_bad_one(
        qtbot, window, real_form_paths, tmp_path, monkeypatch):
    """A finance bureau imports each department's workbook in one go."""
    if not window.availability["import_xlsx"]:
        pytest.skip("Excel 导入模块尚未提供")
    from exporters.xlsx_writer import write_workbook
    from model.report import load_assessed

    two, one, bad = tmp_path / "教育局.xlsx", tmp_path / "民政局.xlsx", tmp_path / "损坏.xlsx"
    write_workbook([load_assessed(p) for p in real_form_paths[:2]], two)
    write_workbook([load_assessed(real_form_paths[2])], one)
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    warnings: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": warnings.append(text))
    monkeypatch.setattr(dialogs, "open_excel_names", lambda parent, folder="": [str(two), str(bad), str(one)])
    window.act.import_xlsx.trigger()
    assert finish(qtbot, window.output.task).outcome == "succeeded"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "已从 2 个工作簿 导入 3 份表单(尚未保存)")
    names = [load_assessed(p).form.project.name for p in real_form_paths[:3]]
    assert [d.form.project.name for d in window.documents()] == names
    assert len(warnings) == 1 and warnings[0].startswith("以下 1 个工作簿未能导入") and "损坏.xlsx:" in warnings[0]


def test_a_workbook_with_a_spoilt_sheet_opens_its_other_forms_and_names_the_sheet(
        qtbot, window, real_form_paths, tmp_path, monkeypatch):
    """One department's sheet spoilt in Excel must not keep the bureau's other forms out."""
    if not window.availability["import_xlsx"]:
        pytest.skip("Excel 导入模块尚未提供")
    from openpyxl import load_workbook

    from exporters.xlsx_writer import write_workbook
    from model.report import load_assessed

    forms = [load_assessed(p) for p in real_form_paths[:3]]
    book = tmp_path / "汇总.xlsx"
    write_workbook(forms, book)
    wb = load_workbook(book)
    wb[forms[1].name]["P1"] = "perf-self-eval:1:no-such-template"
    wb.save(book)
    errors: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": errors.append(text))
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": warnings.append(text))
    assert finish(qtbot, window.output.import_excel(str(book))).outcome == "succeeded"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"已从 {book} 导入 2 份表单(尚未保存)")
    assert [d.form.project.name for d in window.documents()] == [forms[0].form.project.name,
                                                                  forms[2].form.project.name]
    assert errors == []  # a warning: the other forms did get in
    [message] = warnings
    assert message.startswith("以下 1 张工作表未能导入")
    assert f"汇总.xlsx:工作表“{forms[1].name}”单元格 P1" in message
    assert "其余 2 份表单将打开为未保存的标签页" in message


def test_export_failure_is_reported(qtbot, window, f17, tmp_path, monkeypatch):
    if not window.availability["export_xlsx"]:
        pytest.skip("Excel 导出模块尚未提供")
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": errors.append(text))
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args, **kwargs: str(tmp_path / "no" / "x.xlsx"))
    window.file_actions.open_file(f17)
    assert finish(qtbot, window.output.export_current("export_xlsx")).outcome == "failed"
    assert errors and errors[0].startswith("导出失败")


def test_workspace_export_all_to_pdf(qtbot, window, forms_dir, tmp_path, monkeypatch):
    if not window.availability["export_pdf"]:
        pytest.skip("PDF 导出模块尚未提供")
    out = tmp_path / "all.pdf"
    infos = []
    monkeypatch.setattr(dialogs, "info", lambda parent, text, title="": infos.append(text))
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args, **kwargs: str(out))
    window.open_workspace(forms_dir)
    if window.workspace.is_loading():  # still scoring: asked to wait, nothing written
        assert window.output.export_workspace("pdf") is None and "稍候" in infos[-1]
        qtbot.waitUntil(lambda: not window.workspace.is_loading(), timeout=60_000)
    assert finish(qtbot, window.output.export_workspace("pdf")).outcome == "succeeded"
    assert out.read_bytes().startswith(b"%PDF")


def test_print_entries_get_the_current_form_and_its_pdf(qtbot, window, f17, monkeypatch):
    from ui.output import runner
    calls = []
    monkeypatch.setattr(runner, "function", lambda entry: lambda *args: calls.append((entry, args)))
    document = window.file_actions.open_file(f17)
    finish(qtbot, window.output.print_current("print_preview"))
    finish(qtbot, window.output.print_current("print"))
    assert [entry for entry, _args in calls] == ["print_preview", "print"]
    parent, forms, data = calls[0][1]
    assert parent is window and data.startswith(b"%PDF-")
    *_same, done = calls[1][1]  # printing reports where the pages went, in the status bar
    done("已打印 2 页到文件 a.pdf")
    assert window.statusBar().currentMessage() == "已打印 2 页到文件 a.pdf"
    assert forms[0].form is not document.form  # a copy: the worker never reads the form being edited
    assert forms[0].evaluation.total == document.evaluation.total and forms[0].source == str(f17.resolve())


def test_print_all_sends_the_workspace_to_the_printer_after_naming_the_forms_with_errors(
        qtbot, window, real_form_paths, tmp_path, monkeypatch):
    import json
    import shutil

    from ui.output import exporting, runner
    for path in real_form_paths[:3]:
        shutil.copy(path, tmp_path / path.name)
    draft = json.loads(real_form_paths[3].read_text(encoding="utf-8"))
    draft["project"]["department"] = ""  # a required field left empty: an error
    (tmp_path / "缺主管部门.json").write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    calls = []
    monkeypatch.setattr(runner, "function", lambda entry: lambda *args: calls.append((entry, args)))
    asked = []
    answer = [False]
    monkeypatch.setattr(dialogs, "ask_export_with_errors",
                        lambda parent, names, total, verb="导出", errors=(): asked.append((names, total, verb, errors))
                        or answer[0])
    window.open_workspace(tmp_path)
    qtbot.waitUntil(lambda: not window.workspace.is_loading(), timeout=60_000)
    flawed = exporting.forms_with_errors(window.workspace.assessed_forms())
    assert len(flawed) == 1  # the clerk is told first
    assert window.output.export_workspace("print") is None and calls == []  # 取消: nothing printed
    assert asked == [(flawed, 4, "打印", [])]  # several forms: named, their errors not listed
    answer[0] = True
    window.act.workspace_print.trigger()
    finish(qtbot, window.output.task)
    assert [entry for entry, _args in calls] == ["print"]
    _parent, forms, data, _done = calls[0][1]
    assert len(forms) == 4 and data.startswith(b"%PDF-")


def test_menu_and_workspace_exports_ask_when_the_target_is_open_elsewhere(qtbot, window, f17, forms_dir, tmp_path,
                                                                          monkeypatch):
    """Both the 导出 menu (the current form) and 导出全部 (the workspace) go through the export
    that asks about a file open in WPS and offers 重试 when Windows refuses it (#15)."""
    if not window.availability["export_xlsx"]:
        pytest.skip("Excel 导出模块尚未提供")
    asked = []
    target = tmp_path / "汇总.xlsx"
    (tmp_path / "~$汇总.xlsx").write_bytes(b"")
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args, **kwargs: str(target))
    monkeypatch.setattr(dialogs, "ask_target_in_use",
                        lambda parent, path, program: asked.append((parent, path, program)) or dialogs.WRITE_ANYWAY)
    window.file_actions.open_file(f17)
    assert finish(qtbot, window.output.export_current("export_xlsx")).outcome == "succeeded"
    assert asked == [(window, str(target), "Excel 或 WPS")] and target.read_bytes()[:2] == b"PK"
    window.open_workspace(forms_dir)
    qtbot.waitUntil(lambda: not window.workspace.is_loading(), timeout=60_000)
    monkeypatch.setattr(dialogs, "ask_target_in_use",
                        lambda parent, path, program: asked.append((parent, path, program)) or dialogs.CANCEL)
    target.write_bytes(b"old")
    assert window.output.export_workspace("xlsx") is None  # 取消: nothing started, the old file kept
    assert len(asked) == 2 and asked[1][1] == str(target) and target.read_bytes() == b"old"


def test_the_next_import_and_saving_the_imported_forms_start_in_the_workbooks_folder(
        qtbot, window, real_form_paths, tmp_path, monkeypatch):
    """Each department's workbook arrives in one folder: the clerk should not browse to it again."""
    if not window.availability["import_xlsx"]:
        pytest.skip("Excel 导入模块尚未提供")
    from exporters.xlsx_writer import write_workbook
    from model.report import load_assessed
    from ui.window import files

    incoming = tmp_path / "各单位报来"
    incoming.mkdir()
    book = incoming / "教育局.xlsx"
    write_workbook([load_assessed(p) for p in real_form_paths[:2]], book)
    assert not files.get_setting(files.LAST_FOLDER)  # a fresh user: no drafts folder yet
    started: list[str] = []
    monkeypatch.setattr(dialogs, "open_excel_names", lambda parent, folder="": started.append(folder) or [str(book)])
    window.act.import_xlsx.trigger()
    assert finish(qtbot, window.output.task).outcome == "succeeded"
    qtbot.waitUntil(lambda: window.tabs.count() == 2)
    window.act.import_xlsx.trigger()  # the next import opens where the last workbook was
    assert finish(qtbot, window.output.task).outcome == "succeeded"
    assert started[1] == str(incoming)
    qtbot.waitUntil(lambda: window.tabs.count() == 4)
    chooser: list[str] = []
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, folder="", title="": chooser.append(folder) or "")
    assert window.file_actions.save_all() is False  # cancelled in the chooser
    assert chooser == [str(incoming)]
