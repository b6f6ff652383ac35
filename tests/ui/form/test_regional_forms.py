"""A form of each template created and filled in the window: the template's own header fields (湖北
tick boxes), the funds 原因 (四川), the closing blocks (评价结论 / 存在问题 / 改进措施); each edit one
undo step; then scored, printed to PDF and a workbook, and imported back unchanged."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

ensure_indicator_view()

from exporters.pdf_writer import pdf_bytes  # noqa: E402
from exporters.xlsx_reader import read_workbook  # noqa: E402
from exporters.xlsx_writer import write_workbook  # noqa: E402
from model.draft import form_to_dict  # noqa: E402
from model.report import assess_form  # noqa: E402
from tests.exporters.test_pdf_helpers import page_texts, squash  # noqa: E402
from tests.region_forms import TEMPLATE_IDS, region_form  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def _type(edit, text: str) -> None:
    edit.setText(text)
    edit.editingFinished.emit()


def _type_block(edit, text: str) -> None:
    edit.setPlainText(text)
    edit.editingFinished.emit()


def _fill(window, template_id: str):
    """Create the form through the window and type into its widgets what region_form holds."""
    document = window.file_actions.new_document(template_id, 2023)
    tab = window.current_tab()
    wanted = region_form(template_id)
    panel = tab.panel
    for attr, edit in panel.fields.items():
        if not edit.isHidden():
            _type(edit, getattr(wanted.project, attr))
    for key, combo in panel.extra.combos.items():
        combo.setCurrentIndex(combo.findData(wanted.header[key]))
        combo.activated.emit(combo.currentIndex())
    for key, edit in panel.extra.lines.items():
        _type(edit, wanted.header[key])
    if panel.extra.reason is not None:
        _type(panel.extra.reason, wanted.funds.reason)
    if not tab.conclusion.text.isHidden():
        _type_block(tab.conclusion.text, wanted.conclusion)
    for key, edit in tab.conclusion.blocks.edits.items():
        _type_block(edit, wanted.closing[key])
    _type_block(panel.expected, wanted.goals.expected)
    _type_block(panel.achieved, wanted.goals.achieved)
    # the funds figures and the indicator tree are the grid editors' part (tested in their own
    # modules); their edits reach the document through the same undoable set_value
    form = document.form
    with document.batch():
        for row, source in zip(form.funds.rows, wanted.funds.rows):
            for attr in ("initial", "budget", "executed"):
                document.set_value(row, attr, getattr(source, attr))
        form.indicators[:] = wanted.indicators
        document.reevaluate()
    return document, tab, wanted


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_a_form_of_each_template_filled_in_the_window_prints_and_comes_back(window, template_id, tmp_path):
    document, tab, wanted = _fill(window, template_id)
    form = document.form
    assert form.header == wanted.header and form.closing == wanted.closing
    assert form.funds.reason == wanted.funds.reason and form.conclusion == wanted.conclusion
    assert form_to_dict(form) == form_to_dict(wanted)
    assessed = assess_form(form)
    assert document.evaluation.total == assessed.evaluation.total > 0
    text = "".join(page_texts(pdf_bytes([assessed])))
    for value in list(wanted.header.values()) + list(wanted.closing.values()):
        assert squash(value) in text
    path = tmp_path / "form.xlsx"
    write_workbook([assessed], path)
    (_, back), = read_workbook(path)
    assert form_to_dict(back) == form_to_dict(form)


def test_hubei_shows_its_tick_boxes_and_titles_and_each_tick_is_one_undo_step(window):
    document = window.file_actions.new_document("hubei-2021", 2023)
    panel = window.current_tab().panel
    combo = panel.extra.combos["project_category"]
    assert [combo.itemText(i) for i in range(combo.count())][1:] == ["部门预算项目", "财政专项", "市对下转移支付项目"]
    assert panel.fields["contact"].isHidden() and not panel.fields["unit"].isHidden()
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert document.form.header == {"project_category": "财政专项"}
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "修改项目类别"
    document.undo_stack.undo()
    assert document.form.header == {} and combo.currentIndex() == 0
    document.undo_stack.redo()
    assert combo.currentData() == "财政专项"


def test_sichuan_closing_blocks_and_funds_reason_are_undoable(window):
    document = window.file_actions.new_document("sichuan-2023", 2023)
    tab = window.current_tab()
    assert not tab.conclusion.isHidden() and set(tab.conclusion.blocks.edits) == {"problems", "measures"}
    _type_block(tab.conclusion.blocks.edits["problems"], "进度偏慢")
    _type(tab.panel.extra.reason, "待审计")
    assert document.form.closing == {"problems": "进度偏慢"} and document.form.funds.reason == "待审计"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.form.closing == {} and document.form.funds.reason == ""
    assert tab.conclusion.blocks.edits["problems"].toPlainText() == ""


def test_new_dialog_describes_each_template(qtbot):
    from ui.dialog_windows import NewFormDialog

    dialog = NewFormDialog()
    qtbot.addWidget(dialog)
    seen = {}
    for index in range(dialog.templates.count()):
        dialog.templates.setCurrentIndex(index)
        seen[dialog.templates.itemData(index)] = dialog.description.text()
    assert "地区:湖北" in seen["hubei-2021"] and "资金(万元,20 分):年度财政资金总额" in seen["hubei-2021"]
    assert "类型:部门整体支出" in seen["guizhou-dept-2022"]
    assert "合计 90 分" in seen["sichuan-2023"] and "存在问题" in seen["sichuan-2023"]
    assert "产出指标 50 分" in seen["guizhou-2024"]


def test_the_sichuan_funds_reason_is_flagged_below_90_percent_and_found_from_its_issue(window):
    document = window.file_actions.new_document("sichuan-2023", 2023)
    tab = window.current_tab()
    total = document.form.funds.rows[0]
    with document.batch():
        document.set_value(total, "budget", Decimal(100))
        document.set_value(total, "executed", Decimal(80))
    issue = next(i for i in document.evaluation.issues if i.code == "funds-reason-required")
    reason = tab.panel.extra.reason
    assert reason.styleSheet() and "90%" in reason.toolTip()
    assert tab.panel.focus_issue(issue) is reason
    _type(reason, "工程款待审计")
    assert not reason.styleSheet() and all(i.code != "funds-reason-required" for i in document.evaluation.issues)
