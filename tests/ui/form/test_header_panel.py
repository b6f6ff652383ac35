"""Header fields, funds table and conclusion editor: edits go through the document (undoable)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from model.draft import load_draft
from model.new_form import new_form
from model.template_registry import get_template
from ui.document import FormDocument
from ui.form.conclusion import ConclusionEditor
from ui.form.header_panel import FormPanel

from ui.form.summary_strip import SummaryBar


@pytest.fixture
def f17_document(forms_dir, qtbot):
    document = FormDocument(load_draft(forms_dir / "f17.json"))
    yield document
    # a stack destroyed while not clean emits cleanChanged into the dying document
    document.undo_stack.cleanChanged.disconnect()


def test_header_fields_show_form_and_commit_undoably(qtbot, f17_document):
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    assert panel.fields["name"].text() == "劳务协作站工作经费"
    assert panel.year.value() == 2024
    panel.fields["unit"].setText("  新单位 ")
    panel.fields["unit"].editingFinished.emit()
    assert f17_document.form.project.unit == "新单位"
    assert f17_document.undo_stack.count() == 1
    panel.fields["unit"].editingFinished.emit()  # nothing new: no second undo step
    assert f17_document.undo_stack.count() == 1
    f17_document.undo_stack.undo()
    assert panel.fields["unit"].text() == "黔南布依族苗族自治州人力资源和社会保障局"


def test_year_and_goals(qtbot, f17_document):
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    panel.year.setValue(2025)
    panel.year.editingFinished.emit()
    assert f17_document.form.year == 2025
    original = f17_document.form.goals.achieved
    panel.achieved.setPlainText("全部完成")
    panel.achieved.editingFinished.emit()
    assert f17_document.form.goals.achieved == "全部完成"
    f17_document.undo_stack.undo()
    assert panel.achieved.toPlainText() == original and original


def test_funds_table_layout_and_computed_cells(qtbot, f17_document):
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    table = panel.funds
    assert table.rowCount() == 5
    assert table.item(0, 0).text() == "年度资金总额:"
    assert [table.item(0, c).text() for c in (1, 2, 3, 4, 5, 6)] == [
        "300,000", "300,000", "135,474.83", "10", "45.16", "4.52"]
    assert [table.item(2, c).text() for c in (4, 5, 6)] == ["-", "-", "-"]
    assert "÷" in table.item(0, 6).toolTip()
    from ui.qt import Qt
    assert not table.item(0, 6).flags() & Qt.ItemFlag.ItemIsEditable
    assert table.item(0, 2).flags() & Qt.ItemFlag.ItemIsEditable


def test_zero_budget_says_rate_cannot_be_computed(qtbot, f17_document):
    panel = FormPanel(f17_document)
    summary = SummaryBar(f17_document)
    qtbot.addWidget(panel)
    qtbot.addWidget(summary)
    assert panel.funds.commit_money(0, "budget", "0")
    assert panel.funds.item(0, 5).text() == "无法计算"
    assert "无法计算" in summary.rate.text()
    assert summary.errors.text() == "错误 1"


def test_refused_money_is_reported(qtbot, f17_document):
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.message) as blocker:
        assert not panel.funds.commit_money(1, "executed", "十万")
    assert "财政拨款" in blocker.args[0]
    assert f17_document.form.funds.rows[1].executed == Decimal("135474.83")
    assert f17_document.undo_stack.count() == 0


def test_template_without_contact_hides_fields(qtbot):
    document = FormDocument(new_form(get_template("mof-2020"), 2024))
    panel = FormPanel(document)
    qtbot.addWidget(panel)
    assert panel.fields["contact"].isHidden() and panel.fields["fill_date"].isHidden()
    assert not panel.fields["name"].isHidden()
    assert panel.funds.horizontalHeaderItem(0).text() == "项目资金(万元)"
    assert [panel.funds.item(n, 0).text() for n in range(4)][1:] == ["其中:当年财政拨款", "上年结转资金", "其他资金"]


def test_conclusion_editor_commits_on_focus_loss(qtbot, f17_document):
    editor = ConclusionEditor(f17_document)
    qtbot.addWidget(editor)
    assert editor.text.toPlainText().startswith("中。")
    editor.text.setPlainText("良。改写")
    editor.text.editingFinished.emit()
    assert f17_document.form.conclusion == "良。改写"
    assert any(i.code == "grade-mismatch" for i in f17_document.evaluation.issues)
    f17_document.undo_stack.undo()
    assert editor.text.toPlainText().startswith("中。")


def test_flagged_fields_are_tinted_with_their_message(qtbot, f17_document):
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    assert panel.fields["name"].toolTip() == ""
    panel.fields["name"].setText("")
    panel.fields["name"].editingFinished.emit()
    assert panel.fields["name"].toolTip() == "项目名称不能为空"
    assert "background" in panel.fields["name"].styleSheet()
    panel.funds.commit_money(0, "executed", "400,000")
    assert "超过全年预算数" in panel.funds.item(0, 3).toolTip()
    f17_document.undo_stack.undo()
    assert "超过" not in panel.funds.item(0, 3).toolTip()
    f17_document.undo_stack.undo()
    assert panel.fields["name"].toolTip() == "" and panel.fields["name"].styleSheet() == ""


def _panel_typing_in(qtbot, document, field: str) -> FormPanel:
    """A shown panel with the keyboard in one of its header fields."""
    panel = FormPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.fields[field].setFocus()
    qtbot.waitUntil(panel.fields[field].hasFocus)
    return panel


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_tab_follows_the_header_as_laid_out(qtbot, f17_document):
    from ui.qt import QApplication, Qt

    panel = _panel_typing_in(qtbot, f17_document, "name")
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    year = [panel.year] + panel.year.findChildren(QApplication.focusWidget().__class__)
    assert seen[0] in year or panel.year.isAncestorOf(seen[0])
    assert seen[1] is panel.fields["fill_date"] and seen[2] is panel.fields["department"]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, on show()
def test_enter_commits_a_header_field_and_moves_on_as_tab_does(qtbot, f17_document):
    from ui.qt import QApplication, Qt

    panel = _panel_typing_in(qtbot, f17_document, "fill_date")
    date, department = panel.fields["fill_date"], panel.fields["department"]
    date.selectAll()
    qtbot.keyClicks(date, "2025-02-01")
    qtbot.keyClick(date, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert f17_document.form.project.fill_date == "2025-02-01"
    assert QApplication.focusWidget() is department
    qtbot.keyClick(department, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is date
    panel.year.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is date  # from the year on, in the order Tab follows


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, on show()
def test_short_fields_are_never_narrower_than_a_date_or_phone_number(qtbot, f17_document):
    """At 150 % on a laptop screen the 填报日期 field showed "如 2…": a narrow window scrolls the
    header sideways instead of cutting a date."""
    panel = FormPanel(f17_document)
    qtbot.addWidget(panel)
    panel.resize(400, panel.sizeHint().height())  # far narrower than the fields want
    panel.show()
    qtbot.waitExposed(panel)
    for attr, sample in (("fill_date", "如 2025-01-23"), ("phone", "0851-12345678")):
        edit = panel.fields[attr]
        assert edit.width() >= edit.fontMetrics().horizontalAdvance(sample) + 8, attr
    assert panel.fields["fill_date"].toolTip()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_ctrl_semicolon_fills_in_todays_date_as_in_excel(qtbot, f17_document):
    import datetime

    from ui.qt import Qt

    panel = _panel_typing_in(qtbot, f17_document, "fill_date")
    date = panel.fields["fill_date"]
    qtbot.keyClick(date, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)
    today = datetime.date.today().isoformat()
    assert date.text() == today and f17_document.form.project.fill_date == today  # one step, undoable
    assert "Ctrl+;" in date.toolTip()
    f17_document.undo_stack.undo()
    assert f17_document.form.project.fill_date != today


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("template_id", ["hubei-2021", "sichuan-2023"])
def test_tab_passes_through_the_templates_extra_fields_before_the_funds(qtbot, template_id):
    """湖北's 项目类别/属性/类型 tick boxes and 四川's funds 原因 sit between the header lines and
    the funds table: Tab from 单位名称 reached the funds table and skipped them."""
    from ui.qt import QApplication, Qt

    document = FormDocument(new_form(get_template(template_id), 2024))
    panel = _panel_typing_in(qtbot, document, "unit")
    extra = panel.extra.in_order
    assert extra  # both templates have extra fields
    after_unit = [w for w in (panel.fields["contact"], panel.fields["phone"]) if not w.isHidden()]
    expected = after_unit + extra + [panel.funds]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
