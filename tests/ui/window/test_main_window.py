"""The main window through its functions (no file dialogs): open, edit, save, close, recover."""
from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window, record_focus

ensure_indicator_view()

from model.draft import form_to_dict, load_draft  # noqa: E402
from model.paths import recovery_dir  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.window.window_start import first_placement  # noqa: E402
from ui.qt import QMessageBox  # noqa: E402
from tests.ui.typing import type_keys  # noqa: E402


@pytest.fixture
def expected(forms_dir):
    return json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def test_open_f17_shows_its_figures(window, f17, expected):
    document = window.file_actions.open_file(f17)
    assert document is not None and window.tabs.count() == 1
    texts = window.current_tab().summary.texts()
    want = expected["f17.json"]
    assert (texts["rate"], texts["funds_score"], texts["total"], texts["grade"]) == (
        want["funds_rate"], want["funds_score"], want["total"], want["grade"])
    assert "f17.json" in window.windowTitle() and not window.isWindowModified()
    assert window.file_actions.open_file(f17) is document and window.tabs.count() == 1  # already open: same tab


def test_funds_edit_updates_summary_and_undo(window, f17, expected):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    table = tab.panel.funds
    table.item(0, 3).setText("300,000")  # 全年执行数(B) of the total row, as typed in the cell
    texts = tab.summary.texts()
    assert texts["rate"] == "100.00" and texts["funds_score"] == "10.00"
    want = expected["f17.json"]
    leaves = Decimal(want["total"]) - Decimal(want["funds_score"])
    assert texts["total"] == str(leaves + 10)
    assert tab.document.form.funds.rows[0].executed == Decimal("300000")
    assert table.item(0, 3).text() == "300,000"
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    assert tab.summary.rate.text().find("100.00") >= 0
    window.act.undo.trigger()
    assert tab.document.form.funds.rows[0].executed == Decimal("135474.83")
    assert table.item(0, 3).text() == "135,474.83"
    assert not window.isWindowModified()
    assert window.act.tool_redo.isEnabled() and not window.act.tool_undo.isEnabled()
    window.act.tool_redo.trigger()
    assert tab.summary.texts()["rate"] == "100.00"
    assert window.act.undo.shortcuts()[0].toString() == "Ctrl+Z"
    assert {s.toString() for s in window.act.redo.shortcuts()} == {"Ctrl+Y", "Ctrl+Shift+Z"}


def test_bad_money_is_refused_and_old_value_kept(window, f17, qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": warnings.append(text))
    window.file_actions.open_file(f17)
    table = window.current_tab().panel.funds
    for bad in ("abc", "-5", "12a"):
        table.item(0, 2).setText(bad)
        assert table.item(0, 2).text() == "300,000"
    assert window.current_document().form.funds.rows[0].budget == Decimal("300000")
    assert not window.current_document().modified
    qtbot.waitUntil(lambda: len(warnings) == 3)
    assert "负数" in warnings[1] and "应为数字" in warnings[0]


def test_save_close_reopen_gives_same_form(window, f17, tmp_path):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.panel.funds.commit_money(0, "initial", "299,999.5")
    tab.panel.fields["contact"].setText("张三")
    target = tmp_path / "saved.json"
    assert window.file_actions.save_tab_as(tab, target)
    assert not window.isWindowModified() and "saved.json" in window.windowTitle()
    edited = form_to_dict(document.form)
    assert edited["project"]["contact"] == "张三"
    assert window.file_actions.close_current() and window.tabs.count() == 0
    reopened = window.file_actions.open_file(target)
    assert form_to_dict(reopened.form) == edited
    assert form_to_dict(load_draft(target)) == edited


def test_close_prompt_cancel_keeps_window_open(qtbot, f17, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.file_actions.open_file(f17)
    window.current_tab().panel.funds.commit_money(0, "executed", "1")
    asked = []

    def answer(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.close()
    assert asked and "f17.json" in asked[0] and window.tabs.count() == 1
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_close_prompt_save_writes_file(qtbot, f17, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.file_actions.open_file(f17)
    window.current_tab().panel.funds.commit_money(0, "executed", "1")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    assert window.file_actions.close_current()
    assert load_draft(f17).funds.rows[0].executed == Decimal("1")


def _two_unsaved_forms(qtbot, f17, forms_dir, tmp_path) -> tuple[MainWindow, list[Path]]:
    other = tmp_path / "f23.json"
    other.write_bytes((forms_dir / "f23.json").read_bytes())
    window = MainWindow()
    qtbot.addWidget(window)
    for path in (f17, other):
        window.file_actions.open_file(path)
        window.current_tab().panel.funds.commit_money(0, "executed", "1")
    return window, [f17, other]


@pytest.mark.parametrize("answer", [dialogs.SAVE, dialogs.DISCARD, dialogs.CANCEL])
def test_closing_with_several_unsaved_forms_asks_once(qtbot, f17, forms_dir, tmp_path, monkeypatch, answer):
    """Sixty imported forms meant sixty questions before the window would close."""
    window, paths = _two_unsaved_forms(qtbot, f17, forms_dir, tmp_path)
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: asked.append(names) or answer)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: pytest.fail("asked one by one"))
    assert window.close() == (answer != dialogs.CANCEL)
    assert asked == [["f17.json", "f23.json"]]
    saved = [load_draft(p).funds.rows[0].executed == Decimal("1") for p in paths]
    assert saved == [answer == dialogs.SAVE] * 2


def test_closing_with_several_unsaved_forms_can_ask_one_by_one(qtbot, f17, forms_dir, tmp_path, monkeypatch):
    window, paths = _two_unsaved_forms(qtbot, f17, forms_dir, tmp_path)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.ONE_BY_ONE)
    answers = [dialogs.SAVE, dialogs.CANCEL]
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda parent, name: asked.append(name) or (answers.pop(0) if answers else dialogs.DISCARD))
    assert not window.close()  # 取消 at the second form: the window stays
    assert asked == ["f17.json", "f23.json"] and load_draft(paths[0]).funds.rows[0].executed == Decimal("1")
    assert window.close() and asked[2:] == ["f23.json"]  # f17 was saved: only f23 is asked about


def test_save_all_puts_forms_never_saved_into_one_folder_under_their_names(qtbot, window, f17, tmp_path,
                                                                           monkeypatch):
    """Sixty forms imported from a workbook meant sixty 另存为 dialogs."""
    original = load_draft(f17)
    for _ in range(2):  # the same project twice, as a re-sent workbook has it
        window.file_actions.open_form(copy.deepcopy(original))
    window.file_actions.open_file(f17)
    window.current_tab().panel.funds.commit_money(0, "executed", "1")
    folder = tmp_path / "收到的表"
    folder.mkdir()
    (folder / f"{original.project.name}.json").write_text("别人的", encoding="utf-8")
    asked = []
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, start, title: asked.append(title) or str(folder))
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args, **kwargs: pytest.fail("另存为 asked"))
    window.act.save_all.trigger()  # 文件 → 全部保存
    assert asked == ["把 2 份未保存过的表单保存到文件夹"]
    name = original.project.name
    assert sorted(p.name for p in folder.glob("*.json")) == sorted([f"{name}.json", f"{name}(2).json", f"{name}(3).json"])
    assert (folder / f"{name}.json").read_text(encoding="utf-8") == "别人的"  # never replaced
    assert not any(document.modified for document in window.documents())
    assert load_draft(f17).funds.rows[0].executed == Decimal("1")
    assert [d.path.name for d in window.documents()] == [f"{name}(2).json", f"{name}(3).json", "f17.json"]


def test_close_all_asks_once_and_keeps_the_window(qtbot, f17, forms_dir, tmp_path, monkeypatch):
    window, paths = _two_unsaved_forms(qtbot, f17, forms_dir, tmp_path)
    answers = [dialogs.CANCEL, dialogs.DISCARD]
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: answers.pop(0))
    window.act.close_all.trigger()  # 文件 → 关闭全部 (Ctrl+Shift+W)
    assert window.tabs.count() == 2 and not answers[1:]  # 取消: all stay
    window.act.close_all.trigger()
    assert window.tabs.count() == 0 and not answers
    assert all(load_draft(p).funds.rows[0].executed != Decimal("1") for p in paths)  # 全部不保存
    assert window.close()  # nothing left to ask about


def test_the_question_for_all_lists_the_forms(qtbot, monkeypatch):
    texts = []

    def answer(box):
        texts.append(box.text())
        box.buttons()[1].click()  # 全部不保存
    monkeypatch.setattr(QMessageBox, "exec", answer)
    names = [f"表{n}.json" for n in range(20)]
    assert dialogs.ask_save_all(None, names) == dialogs.DISCARD
    assert texts[0].startswith("有 20 份表单有未保存的修改") and "· 表11.json" in texts[0]
    assert "表12.json" not in texts[0] and "……等共 20 份" in texts[0]


def _window_with_recovery_copy(qtbot, f17, executed: str) -> MainWindow:
    """A window with f17 open and its 执行数 changed to ``executed``, its recovery copy written."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.file_actions.open_file(f17)
    window.current_tab().panel.funds.commit_money(0, "executed", executed)
    assert window.file_actions.autosave_now() == 1
    return window


def test_recovery_after_crash(qtbot, f17, monkeypatch):
    first = _window_with_recovery_copy(qtbot, f17, "250,000")
    files = {p.name: p.read_bytes() for p in recovery_dir().iterdir()}
    assert len(files) == 2
    # the crash: the window goes away without a clean close, the copies stay behind
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    first.close()
    for name, data in files.items():
        (recovery_dir() / name).write_bytes(data)
    second = MainWindow()
    qtbot.addWidget(second)
    offered = []
    monkeypatch.setattr(dialogs, "ask_recovery", lambda parent, entries: offered.extend(entries) or dialogs.RECOVER)
    assert second.file_actions.offer_recovery() == 1
    assert offered[0].original == f17.resolve()
    document = second.current_document()
    assert document.path == f17.resolve() and document.modified and second.isWindowModified()
    assert document.form.funds.rows[0].executed == Decimal("250000")
    assert second.file_actions.save_current()
    assert not any(recovery_dir().iterdir())
    assert load_draft(f17).funds.rows[0].executed == Decimal("250000")


def test_many_recovery_copies_come_back_one_per_turn(qtbot, window, forms_dir, monkeypatch):
    """A crash after importing a workbook leaves a copy per form: they are not built in one go."""
    from ui.window import files
    names = ("f07.json", "f01.json", "f02.json")  # the order of their tabs
    for place, name in enumerate(names):
        files.write_recovery(files.new_recovery_key(), load_draft(forms_dir / name), None, place)
    offered = []
    monkeypatch.setattr(dialogs, "ask_recovery", lambda parent, entries: offered.extend(entries) or dialogs.RECOVER)
    assert window.file_actions.offer_recovery() == 3
    assert [e.name for e in offered] == [load_draft(forms_dir / name).project.name for name in names]
    assert window.tabs.count() == 0  # nothing built before the event loop turns
    qtbot.waitUntil(lambda: window.tabs.count() == 3)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "已恢复 3 份表单,请检查后保存。")
    assert all(document.modified and document.path is None for document in window.documents())
    assert window.tabs.currentIndex() == 0  # the first is shown, the others behind it
    assert [d.form.project.name for d in window.documents()] == [e.name for e in offered]


def test_recovery_discard_deletes_copies(qtbot, f17, monkeypatch):
    first = _window_with_recovery_copy(qtbot, f17, "1")
    first.autosave_timer.stop()
    monkeypatch.setattr(dialogs, "ask_recovery", lambda parent, entries: dialogs.DISCARD_ALL)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": False)
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.file_actions.offer_recovery() == 0
    assert len(list(recovery_dir().iterdir())) == 2  # not confirmed: kept
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": True)
    assert second.file_actions.offer_recovery() == 0
    assert not any(recovery_dir().iterdir())
    first.current_document().mark_saved()


def test_autosave_drops_copy_once_saved(window, f17):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.panel.funds.commit_money(0, "executed", "1")
    window.file_actions.autosave_now()
    assert any(recovery_dir().iterdir())
    window.file_actions.save_current()
    assert not any(recovery_dir().iterdir())


def test_open_errors_change_nothing(window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": errors.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert window.file_actions.open_file(bad) is None
    unknown = tmp_path / "unknown.json"
    data = json.loads((tmp_path.parent / "x.json").read_text()) if False else None
    assert data is None
    unknown.write_text(json.dumps({"format": "perf-self-eval", "version": 1, "template": "nowhere-1999"}),
                       encoding="utf-8")
    assert window.file_actions.open_file(unknown) is None
    assert window.tabs.count() == 0 and len(errors) == 2
    assert "JSON" in errors[0] and "nowhere-1999" in errors[1]


def test_save_error_keeps_document_modified(window, f17, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": errors.append(text))
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.panel.funds.commit_money(0, "executed", "1")
    assert not window.file_actions.save_tab_as(tab, tmp_path / "missing-folder" / "x.json")
    assert errors and "文件夹不存在" in errors[0]
    assert window.isWindowModified() and tab.document.path == f17.resolve()


def test_issues_panel_lists_f23_warning_and_jumps(window, forms_dir, monkeypatch):
    window.file_actions.open_file(forms_dir / "f23.json")
    calls = record_focus(monkeypatch, window)
    panel = window.issues
    codes = [issue.code for issue in panel.issues]
    assert "reason-suggested" in codes
    row = codes.index("reason-suggested")
    item = panel.tree.topLevelItem(row)
    assert item.text(0) == "警告" and "建议" in item.text(2)
    panel.tree.itemActivated.emit(item, 0)  # what a double-click emits
    assert calls and calls[0].code == "reason-suggested" and calls[0].index is not None


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_issue_double_click_on_viewport(window, forms_dir, monkeypatch, qtbot):
    window.file_actions.open_file(forms_dir / "f23.json")
    calls = record_focus(monkeypatch, window)
    window.show()
    window.show_issues()
    tree = window.issues.tree
    qtbot.waitExposed(window)
    rect = tree.visualItemRect(tree.topLevelItem(0))
    from ui.qt import Qt
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls and calls[0].code == "reason-suggested"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_project_issue_focuses_header_field(window, f17, qtbot):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.panel.fields["name"].setText("")
    tab.panel.fields["name"].editingFinished.emit()
    issue = next(i for i in document.evaluation.issues if i.code == "required-field")
    assert window.issues.issues and issue in window.issues.issues
    row = window.issues.issues.index(issue)
    item = window.issues.tree.topLevelItem(row)
    assert item.text(1) == item.toolTip(1) == "表头"  # the place in Chinese, never the code "project"
    window.show()
    qtbot.waitExposed(window)
    window.focus_issue(issue)
    qtbot.waitUntil(lambda: tab.panel.fields["name"].hasFocus())


def test_summary_counts_open_issues_panel(window, forms_dir):
    window.file_actions.open_file(forms_dir / "f23.json")
    summary = window.current_tab().summary
    assert summary.warnings.text() == "警告 1" and summary.errors.text() == "错误 0"
    assert window.issues_dock.isHidden()
    summary.warnings.click()
    assert not window.issues_dock.isHidden()


def test_generate_conclusion_asks_before_overwriting(window, f17, monkeypatch):
    document = window.file_actions.open_file(f17)
    original = document.form.conclusion
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": False)
    assert not window.generate_conclusion() and document.form.conclusion == original
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": True)
    assert window.generate_conclusion()
    assert document.form.conclusion.startswith("中。1.")
    assert window.current_tab().conclusion.text.toPlainText() == document.form.conclusion
    window.act.undo.trigger()
    assert document.form.conclusion == original


def test_new_form_and_next_year(window, f17):
    document = window.file_actions.new_document("mof-2020", 2024)
    assert document.path is None and document.form.funds.unit == "万元"
    tab = window.current_tab()
    assert tab.panel.fields["contact"].isHidden() and tab.conclusion.isHidden()
    assert not window.act.conclusion.isEnabled()
    window.file_actions.open_file(f17)
    next_doc = window.file_actions.new_next_year()
    assert next_doc.form.year == 2025 and next_doc.path is None and next_doc.modified
    assert window.tabs.count() == 3 and "2025" in window.windowTitle()
    leaves = [leaf for _d, _c, leaf in next_doc.form.iter_leaves()]
    assert all(not leaf.actual for leaf in leaves) and leaves[0].target == "≥200人"


def test_recent_files_menu(window, f17):
    window.file_actions.open_file(f17)
    window.menus.fill_recent()
    texts = [a.text() for a in window.menus.recent.actions()]
    assert any(str(f17.resolve()) in t for t in texts)


def test_missing_exporters_are_disabled_not_broken(window, f17):
    window.file_actions.open_file(f17)
    for action, entry in ((window.act.export_xlsx, "export_xlsx"), (window.act.export_pdf, "export_pdf"),
                          (window.act.print, "print"), (window.act.import_xlsx, "import_xlsx")):
        assert action.isEnabled() == window.availability[entry]


def test_issue_jumps_to_the_cell_in_the_real_tree(window, forms_dir):
    window.file_actions.open_file(forms_dir / "f23.json")
    tab = window.current_tab()
    if not hasattr(tab.indicators, "model"):
        pytest.skip("指标表尚未提供(使用的是替身)")
    panel = window.issues
    row = [issue.code for issue in panel.issues].index("reason-suggested")
    issue = panel.issues[row]
    panel.tree.itemActivated.emit(panel.tree.topLevelItem(row), 0)
    current = tab.indicators.view.currentIndex()
    leaf = tab.document.form.leaf_at(issue.index)
    assert current.isValid() and current.row() == tab.indicators.model.index_for(leaf).row()
    assert current.column() == tab.indicators.model.column_for_field("reason")


@pytest.mark.parametrize("name, stem", [("道路/桥梁:维修项目", "道路_桥梁_维修项目"), ("", "未命名")])
def test_save_as_suggests_the_name_the_exports_get(window, f17, tmp_path, monkeypatch, name, stem):
    """另存为 of a form never saved suggests the project name, made safe, as 导出 Excel/PDF do."""
    from ui.output.names import default_stem
    form = load_draft(f17)
    form.project.name = name
    suggested = []
    monkeypatch.setattr(dialogs, "save_file_name", lambda parent, text, *args: suggested.append(text) or "")
    window.file_actions.open_form(form)
    assert not window.file_actions.save_current_as()  # the dialog was cancelled: nothing written
    assert [Path(text).name for text in suggested] == [f"{stem}.json"] == [f"{default_stem(form)}.json"]


def test_the_frame_switches_its_actions_on_once_complete(qtbot, monkeypatch):
    """Before its helpers exist the frame's menu entries are off (a click would reach nothing);
    complete() switches them on, and 撤销/重做 follow the undo group throughout."""
    window = MainWindow(frame_only=True)
    qtbot.addWidget(window)
    assert not window.ready
    assert not any(action.isEnabled() for action in window.act.switchable())
    window.act.new.trigger()  # disabled: nothing happens, nothing fails
    window.complete()
    assert window.ready and window.act.new.isEnabled() and window.act.open.isEnabled()
    assert not window.act.save.isEnabled()  # no form open
    assert not window.act.undo.isEnabled() and not window.act.tool_undo.isEnabled()
    view_menu = ["问题面板(&P)", "工作区面板(&W)", "", "放大(&I)", "缩小(&O)", "实际大小(&0)"]
    assert [a.text() for a in window.menus.view.actions()] == view_menu
    window.complete()  # a second call changes nothing
    assert [a.text() for a in window.menus.view.actions()] == view_menu


def test_every_menu_entry_has_its_own_alt_key_as_in_wps(window, f17):
    """Alt+F, then a letter: each entry of each menu (submenus included) answers one letter."""
    import re

    window.file_actions.open_file(f17)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        menu.aboutToShow.emit()  # the 指标 menu is filled as it opens
        entries = [a for a in menu.actions() if not a.isSeparator()]
        keys = [re.search(r"\(&(\w)\)", a.text()) for a in entries]
        if menu_action.text() == "指标(&I)":  # the tree's own entries, shown in its toolbar as well
            continue
        assert all(keys), [a.text() for a, k in zip(entries, keys) if not k]
        letters = [k.group(1) for k in keys if k]
        assert len(letters) == len(set(letters)), (menu_action.text(), letters)


def test_toolbar_buttons_read_without_the_menus_alt_letters(window):
    buttons = [window.menus.toolbar.widgetForAction(a) for a in (window.act.new, window.act.open, window.act.save,
                                                                 window.act.conclusion)]
    assert [b.text() for b in buttons] == ["新建", "打开", "保存", "生成结论草稿"]
    assert window.act.new.text() == "新建(&N)…"  # the menu keeps its letter


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen: not our warning
def test_a_first_start_on_a_laptop_screen_opens_maximised(qtbot, monkeypatch):
    """The offscreen screen is 800×600 (1366×768 less a taskbar is about as small): a first start,
    with no saved geometry, opens maximised; 还原 then gives the placed window."""
    window = new_window(qtbot, monkeypatch)
    window.restore_geometry()
    window.show_at_start()
    qtbot.waitUntil(window.isMaximized)
    assert window.normalGeometry().size() == first_placement(window.screen().availableGeometry()).size()


def test_many_drafts_open_one_per_turn_and_can_be_cancelled(qtbot, window, forms_dir, tmp_path, monkeypatch):
    """Thirty drafts chosen at once used to freeze the window while every page was built."""
    paths = []
    for name in ("f01.json", "f02.json", "f07.json", "f08.json"):
        (tmp_path / name).write_bytes((forms_dir / name).read_bytes())
        paths.append(str(tmp_path / name))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": errors.append(text))
    task = window.file_actions.open_files(paths[:2] + [str(tmp_path / "bad.json")])
    assert task is not None and window.tabs.count() == 0  # nothing built before the event loop turns
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert window.tabs.count() == 2 and len(errors) == 1 and task.outcome == "succeeded"
    assert window.statusBar().currentMessage() == "已打开 2 份表单,1 份未能打开"
    assert window.current_document().path.name == "f01.json"  # the first is shown, the rest open behind it
    task = window.file_actions.open_files(paths[2:] + paths[:1])  # f01 is open already: its tab is shown
    task.progressed.connect(lambda done, _count: task.cancel() if done == 1 else None)  # 取消 after the first
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert window.tabs.count() == 3 and task.outcome == "cancelled"
    assert window.current_document().path.name == "f07.json"
    assert window.statusBar().currentMessage() == "已打开 1 份表单,已取消其余 2 份"


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_f12_saves_as_ctrl_f2_previews_and_ctrl_f4_closes_the_form_as_in_excel_and_wps(window, f17, qtbot, tmp_path, monkeypatch):
    from ui.qt import Qt

    target = tmp_path / "另存.json"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args, **kwargs: str(target))
    window.file_actions.open_file(f17)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F12)
    assert target.is_file() and window.current_document().path == target
    previews = []
    monkeypatch.setattr(window.output, "print_current", lambda entry: previews.append(entry))
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2, Qt.KeyboardModifier.ControlModifier)
    assert previews == ["print_preview"]  # Ctrl+F2: Excel's print preview
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 0


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_ctrl_f_opens_the_find_line_of_the_current_form_even_from_the_header(window, f17, qtbot):
    from ui.qt import QApplication, Qt

    window.file_actions.open_file(f17)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab = window.current_tab()
    tab.panel.fields["name"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.indicators.find_bar.isVisible() and QApplication.focusWidget() is tab.indicators.find_bar.field
    type_keys(qtbot, "慰问")
    first = tab.indicators.view.currentIndex()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert tab.indicators.find_bar.isHidden()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)  # the next one, the line shown again
    second = tab.indicators.view.currentIndex()
    assert second != first and "慰问" in str(second.data()) and tab.indicators.find_bar.isVisible()
    assert QApplication.focusWidget() is tab.indicators.view  # F3 again from the tree, as in WPS
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert tab.indicators.view.currentIndex() == first


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_ctrl_f_in_the_workspace_goes_to_its_filter(window, f17, forms_dir, qtbot):
    from ui.qt import QApplication, Qt

    window.file_actions.open_file(f17)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_workspace(forms_dir)
    qtbot.waitUntil(lambda: not window.workspace.is_loading(), timeout=60_000)
    window.workspace.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.workspace.filter
    assert window.current_tab().indicators.find_bar.isHidden()
