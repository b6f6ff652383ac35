"""The indicator tree widget as a user drives it: keyboard editing, toolbar actions, clipboard."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from model.draft import load_draft
from model.form import Category, Leaf
from model.new_form import new_form
from model.template_registry import get_template
from ui.document import FormDocument
from ui.indicators.view import IndicatorView
from ui.menu_text import plain_text
from ui.qt import QApplication, QComboBox, QLineEdit, QPlainTextEdit, Qt
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_REASON, COL_SCORE, COL_WEIGHT, FlagRole

from tests.ui.typing import type_keys

# The offscreen platform says it cannot propagate size hints or raise windows; not our warnings.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def view(qtbot, forms_dir: Path) -> IndicatorView:
    document = FormDocument(load_draft(forms_dir / "f17.json"))
    widget = IndicatorView(document)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.view.setFocus()
    return widget


def leaf_named(view: IndicatorView, name: str) -> Leaf:
    return next(leaf for _, _, leaf in view.document.form.iter_leaves() if leaf.name == name)


def start_editing(qtbot, view: IndicatorView, node, column: int):
    view.select_node(node, column)
    qtbot.keyClick(view.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view.view
    return editor


def test_toolbar_and_context_menu_are_in_chinese(view):
    texts = [action.iconText() for action in view.toolbar.actions()]
    assert texts == ["添加指标", "添加二级指标", "删除行", "上移", "下移", "恢复自动计算"]
    menu_texts = [a.text() for a in view.context_menu().actions() if not a.isSeparator()]
    assert [plain_text(text) for text in menu_texts] == texts + ["剪切", "复制", "复制指标行", "粘贴", "向下填充",
                                                              "清除内容"]
    assert all(action in view.actions() for action in view.toolbar.actions())


def test_every_entry_of_the_indicator_menu_has_its_own_alt_letter_as_in_wps(view):
    """剪切(T)、复制(C)、粘贴(P)、清除内容(N) as in WPS and Excel; no two entries share a letter."""
    texts = [a.text() for a in view.context_menu().actions() if not a.isSeparator()]
    letters = [re.search(r"\(&(\w)\)$", text) for text in texts]
    assert all(letters), texts
    assert len({match.group(1) for match in letters}) == len(texts)
    assert {"剪切(&T)", "复制(&C)", "粘贴(&P)", "清除内容(&N)"} <= set(texts)
    assert all("&" not in action.toolTip() and "&" not in action.iconText() for action in view.actions())


def test_typing_actual_value_in_the_combo_rescores(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    editor = start_editing(qtbot, view, leaf, COL_ACTUAL)
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "达成预期指标", "部分达成预期指标并具有一定效果", "未达成预期指标且效果较差"]
    assert combo.currentText() == "40人"
    assert combo.lineEdit().cursorPosition() == 3 and not combo.lineEdit().hasSelectedText()  # F2 keeps it
    combo.lineEdit().selectAll()
    type_keys(qtbot, "200人", combo.lineEdit())
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.actual == "200人")
    model = view.model
    assert model.data(model.index_for(leaf, COL_SCORE)) == "5"
    assert view.document.evaluation.total == Decimal("74.52")
    assert view.document.evaluation.grade == "中"


def test_reason_editor_is_multiline_and_ctrl_enter_commits(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    view.model.setData(view.model.index_for(leaf, COL_REASON), "")
    assert view.model.data(view.model.index_for(leaf, COL_REASON), FlagRole) == "error"
    editor = start_editing(qtbot, view, leaf, COL_REASON)
    assert isinstance(editor, QPlainTextEdit)
    type_keys(qtbot, "第一行", editor)
    qtbot.keyClick(editor, Qt.Key.Key_Return, ALT)  # Alt+Enter is a new line in a cell, as in WPS
    type_keys(qtbot, "第二行", editor)
    assert leaf.reason == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: leaf.reason == "第一行\n第二行")
    assert view.model.data(view.model.index_for(leaf, COL_REASON), FlagRole) is None


def test_escape_cancels_an_edit(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    editor = start_editing(qtbot, view, leaf, COL_NAME)
    type_keys(qtbot, "改名", editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.view.is_editing())
    assert leaf.name == "走访慰问人数"
    assert not view.document.undo_stack.canUndo()


def test_letters_in_weight_are_refused_with_a_message(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    editor = start_editing(qtbot, view, leaf, COL_WEIGHT)
    assert isinstance(editor, QLineEdit)
    with qtbot.waitSignal(view.message) as message:
        type_keys(qtbot, "五分", editor)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "应为数字" in message.args[0]
    assert leaf.weight == Decimal(5)
    assert view.model.data(view.model.index_for(leaf, COL_WEIGHT)) == "5"


def test_insert_key_adds_a_leaf_after_the_current_one_and_edits_its_name(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    category = view.document.form.indicators[0].children[0]
    view.select_node(leaf)
    with qtbot.waitSignal(view.model.rowsInserted) as inserted:
        qtbot.keyClick(view.view, Qt.Key.Key_Insert)
    assert inserted.args[1:] == [1, 1]
    assert len(category.children) == 3
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    type_keys(qtbot, "新的指标", editor)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: category.children[1].name == "新的指标")
    view.document.undo_stack.undo()  # the name
    view.document.undo_stack.undo()  # the row
    assert [c.name for c in category.children] == ["走访慰问人数", "组织各县市召开站点会"]


def test_add_leaf_on_a_category_appends(qtbot, view):
    category = view.document.form.indicators[0].children[3]
    view.select_node(category)
    leaf = view.edits.add_leaf(edit=False)
    assert category.children[-1] is leaf


def test_add_category_offers_unused_template_names(qtbot, view):
    offered: list[list[str]] = []
    view.ask_category_name = lambda dimension, names: offered.append(names) or names[0]
    view.select_node(view.document.form.indicators[1].children[0])
    category = view.edits.add_category(edit=False)
    assert offered == [["经济效益指标", "生态效益指标", "可持续影响指标"]]
    dimension = view.document.form.indicators[1]
    assert [c.name for c in dimension.children] == ["社会效益指标", "经济效益指标"]
    assert category.children and view.current_node() is category.children[0]
    view.document.undo_stack.undo()
    assert [c.name for c in dimension.children] == ["社会效益指标"]


def test_ctrl_minus_removes_a_leaf_without_asking(qtbot, view):
    asked: list[str] = []
    view.confirm = lambda text: asked.append(text) or True
    category = view.document.form.indicators[0].children[0]
    view.select_node(category.children[0], COL_ACTUAL)
    with qtbot.waitSignal(view.message) as said, qtbot.waitSignal(view.model.rowsRemoved):
        qtbot.keyClick(view.view, Qt.Key.Key_Minus, CTRL)
    assert said.args[0] == "已删除“走访慰问人数”(可撤销)"
    assert [c.name for c in category.children] == ["组织各县市召开站点会"]
    assert asked == []
    assert view.current_node() is category.children[0]
    view.document.undo_stack.undo()
    assert len(category.children) == 2


def test_deleting_a_category_with_children_asks_first(qtbot, view):
    dimension = view.document.form.indicators[0]
    answers = [False, True]
    asked: list[str] = []
    view.confirm = lambda text: asked.append(text) or answers.pop(0)
    view.select_node(dimension.children[3])
    assert not view.edits.delete_selected()
    assert len(dimension.children) == 4
    assert view.edits.delete_selected()
    assert [c.name for c in dimension.children] == ["数量指标", "质量指标", "时效指标"]
    assert "4 条三级指标" in asked[0]
    view.document.undo_stack.undo()
    assert len(dimension.children[3].children) == 4


def test_deleting_several_rows_is_one_undo_step(qtbot, view):
    view.confirm = lambda text: True
    cost = view.document.form.indicators[0].children[3]
    first, third = cost.children[0], cost.children[2]
    selection = view.view.selectionModel()
    view.select_node(first)
    selection.select(view.model.index_for(third), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert view.edits.delete_selected()
    assert [c.name for c in cost.children] == ["劳务协作站运转经费", "人员走访慰问经费"]
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert cost.children[0] is first and cost.children[2] is third


def test_dimensions_cannot_be_deleted(qtbot, view):
    view.select_node(view.document.form.indicators[0])
    with qtbot.waitSignal(view.message):
        assert not view.edits.delete_selected()
    assert not view.delete_action.isEnabled()


def test_alt_up_and_down_move_within_the_category(qtbot, view):
    view.select_node(view.document.form.indicators[0].children[0].children[0])
    assert not view.move_up_action.isEnabled()  # the very first 三级指标 of its 一级指标
    cost = view.document.form.indicators[0].children[3]
    names = [c.name for c in cost.children]
    view.select_node(cost.children[0])
    with qtbot.waitSignal(view.model.rowsMoved):
        qtbot.keyClick(view.view, Qt.Key.Key_Down, ALT)
    assert [c.name for c in cost.children] == [names[1], names[0]] + names[2:]
    assert view.current_node() is cost.children[1]  # the moved row stays current
    qtbot.keyClick(view.view, Qt.Key.Key_Up, ALT)
    assert [c.name for c in cost.children] == names
    view.document.undo_stack.undo()
    assert [c.name for c in cost.children] == [names[1], names[0]] + names[2:]


def test_a_leaf_at_the_edge_moves_into_the_neighbouring_category(qtbot, view):
    quality, timing = view.document.form.indicators[0].children[1:3]
    leaf = timing.children[0]
    view.select_node(leaf, COL_ACTUAL)
    qtbot.keyClick(view.view, Qt.Key.Key_Up, ALT)
    assert [c.name for c in quality.children] == ["各项工作任务完成率", "会议召开时间"]
    assert timing.children == []
    assert view.current_node() is leaf and view.view.currentIndex().column() == COL_ACTUAL
    assert view.document.undo_stack.count() == 1
    qtbot.keyClick(view.view, Qt.Key.Key_Down, ALT)
    assert timing.children == [leaf]
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert timing.children == [leaf] and len(quality.children) == 1


PASTE = ('召开会议费用\t=50000元\t50000元\t5\t\t\t\n'
         '人员走访慰问经费(新)\t=150000元\t150000元\t5\n'
         '宣传材料\t≥100份\t80份\t2\t\t"印刷推迟,\n次年补印"\n'
         '场地租用\t=1次\t1次\t3\n')


def test_paste_overwrites_from_the_current_leaf_and_appends_the_rest(qtbot, view):
    cost = view.document.form.indicators[0].children[3]
    start = cost.children[2]
    view.select_node(start)
    inserted = []
    view.model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    assert view.copy_paste.paste(PASTE)
    assert [c.name for c in cost.children] == ["项目或定额成本控制率", "劳务协作站运转经费", "召开会议费用",
                                               "人员走访慰问经费(新)", "宣传材料", "场地租用"]
    assert cost.children[2] is start and start.actual == "50000元"
    assert start.reason == ""  # an empty pasted cell overwrites
    assert cost.children[4].reason == "印刷推迟,\n次年补印"
    assert cost.children[4].weight == Decimal(2)
    assert inserted == [(4, 5)]
    assert view.model.data(view.model.index_for(cost.children[4], COL_SCORE)) == "1.60"
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert [c.name for c in cost.children] == ["项目或定额成本控制率", "劳务协作站运转经费", "召开会议费用",
                                               "人员走访慰问经费"]
    assert start.actual == "32474.83元"


def test_paste_onto_a_category_appends(qtbot, view):
    quantity = view.document.form.indicators[0].children[0]
    view.select_node(quantity)
    assert view.copy_paste.paste("甲\t≥1次\t1次\t1\n乙\t≥1次\t1次\t1\n")
    assert [c.name for c in quantity.children][-2:] == ["甲", "乙"]
    assert len(quantity.children) == 4


def test_a_single_cell_replaces_the_current_cell(qtbot, view):
    leaf = leaf_named(view, "走访慰问人数")
    view.select_node(leaf, COL_ACTUAL)
    assert view.copy_paste.paste("200人\n")
    assert leaf.actual == "200人" and leaf.name == "走访慰问人数"


def test_a_column_of_values_fills_down_from_the_current_cell(qtbot, view):
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost.children[1], COL_ACTUAL)
    assert view.copy_paste.paste("90000元\t4\n50000元\t5\n")
    assert [(c.actual, c.weight) for c in cost.children[1:3]] == [("90000元", 4), ("50000元", 5)]
    assert cost.children[1].name == "劳务协作站运转经费"
    assert view.document.undo_stack.count() == 1


def test_paste_with_a_bad_weight_changes_nothing(qtbot, view):
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost.children[0])
    with qtbot.waitSignal(view.message) as message:
        assert not view.copy_paste.paste("甲\t≥1次\t1次\t1\n乙\t≥1次\t1次\t一分\n")
    assert "第 2 行" in message.args[0]
    assert cost.children[0].name == "项目或定额成本控制率"
    assert not view.document.undo_stack.canUndo()


def test_ctrl_c_then_ctrl_v_round_trips_through_the_clipboard(qtbot, view):
    social = view.document.form.indicators[1].children[0]
    quantity = view.document.form.indicators[0].children[0]
    view.select_node(quantity)
    view.copy_rows_action.trigger()
    copied = QApplication.clipboard().text()
    assert copied.startswith("走访慰问人数\t≥200人\t40人\t5\t1\t")
    view.select_node(social)
    qtbot.keyClick(view.view, Qt.Key.Key_V, CTRL)
    pasted = social.children[1:]
    assert [leaf.name for leaf in pasted] == ["走访慰问人数", "组织各县市召开站点会"]
    assert pasted[0].reason == quantity.children[0].reason
    assert all(leaf.score is None for leaf in pasted)  # copied automatic scores stay automatic
    hand = view.document.form.indicators[1].children[0].children[0]
    view.select_node(hand)
    text = view.copy_paste.copy_selection()
    assert "\t20\t" in text  # the hand-set score is copied as its value


def test_restore_automatic_score(qtbot, view):
    leaf = view.document.form.indicators[1].children[0].children[0]
    view.select_node(leaf)
    assert leaf.score == Decimal(20)
    assert view.restore_auto_action.isEnabled()
    view.restore_auto_action.trigger()
    assert leaf.score is None
    index = view.model.index_for(leaf, COL_SCORE)
    assert view.model.data(index, FlagRole) == "error"  # 部分达成 needs a hand score
    assert not view.restore_auto_action.isEnabled()
    view.document.undo_stack.undo()
    assert leaf.score == Decimal(20)
    assert view.model.data(index) == "20(手)"


def test_focus_issue_selects_the_flagged_cell(qtbot, view):
    leaf = leaf_named(view, "召开会议费用")
    view.model.setData(view.model.index_for(leaf, COL_REASON), "")
    issue = next(i for i in view.document.evaluation.issues if i.code == "reason-required")
    view.view.collapseAll()
    view.focus_issue(issue)
    current = view.view.currentIndex()
    assert view.model.node_for(current) is leaf and current.column() == COL_REASON
    assert view.view.isExpanded(current.parent())
    assert view.view.visualRect(current).intersects(view.view.viewport().rect())


def test_focus_issue_keeps_the_names_in_view_in_a_narrow_tree(qtbot, view):
    """With the 问题 panel open the tree is narrower than its columns; going to a flagged 得分
    must not scroll the 指标 names away (Qt's centring would)."""
    view.resize(800, 400)
    qtbot.waitUntil(lambda: view.view.horizontalScrollBar().maximum() > 0)
    leaf = leaf_named(view, "召开会议费用")
    view.model.setData(view.model.index_for(leaf, COL_ACTUAL), "一些")
    issue = next(i for i in view.document.evaluation.issues if i.code == "score-not-computable")
    view.focus_issue(issue)
    current = view.view.currentIndex()
    assert view.model.node_for(current) is leaf and current.column() == COL_SCORE
    shown = view.view.viewport().rect()
    assert view.view.visualRect(current).intersects(shown)
    name = view.view.visualRect(current.siblingAtColumn(COL_NAME))
    assert name.left() >= shown.left() and name.intersects(shown)  # the whole name, not its end


def test_a_new_forms_unmatched_weight_fits_on_one_line(qtbot):
    """Every new form starts with "0 / 50" and an error icon in each 一级指标's 分值: one line, not
    a row twice as tall as the others."""
    document = FormDocument(new_form(get_template("guizhou-2024"), 2024))
    widget = IndicatorView(document)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    dimension = document.form.indicators[0]
    weight = widget.model.index_for(dimension, COL_WEIGHT)
    assert widget.model.data(weight) == "0 / 50"
    category = widget.model.index_for(dimension.children[0], COL_WEIGHT)
    assert widget.view.visualRect(weight).height() <= widget.view.visualRect(category).height()


def test_long_text_rows_grow(qtbot, view):
    def row(name):
        return view.view.visualRect(view.model.index_for(leaf_named(view, name), COL_REASON))

    # the first re-measure runs (40 ms) after the columns took their widths; visualRect lays out
    qtbot.waitUntil(lambda: not view.view._relayout.isActive())
    long_row = row("人员走访慰问经费")
    assert long_row.height() > 1.5 * row("劳务协作站运转经费").height()  # wrapped: two lines or more
    header = view.view.header()
    header.resizeSection(COL_NAME, header.sectionSize(COL_NAME) + 300)  # the reason column narrows
    qtbot.waitUntil(lambda: view.view.visualRect(
        view.model.index_for(leaf_named(view, "人员走访慰问经费"), COL_REASON)).height() > long_row.height())


def test_set_document_switches_forms_and_columns(qtbot, view, forms_dir):
    other = FormDocument(load_draft(forms_dir / "f01.json"), template=get_template("mof-2020"))
    view.set_document(other)
    assert view.model.columnCount() == 6
    assert view.model.rowCount() == len(other.form.indicators)
    assert isinstance(view.current_node(), Leaf)
    assert view.add_leaf_action.isEnabled()
    view.edits.add_leaf(edit=False)
    assert other.undo_stack.count() == 1


def test_each_column_is_at_least_as_wide_as_its_printed_title(qtbot, view, forms_dir):
    hubei = get_template("hubei-2021")
    long_title = "年初绩效目标指标值(A)"  # wider than the 年度指标值 column's usual 120 px
    columns = tuple(replace(c, title=long_title) if c.key == "target" else c for c in hubei.layout.indicator_columns)
    template = replace(hubei, layout=replace(hubei.layout, indicator_columns=columns))
    view.set_document(FormDocument(load_draft(forms_dir / "f01.json"), template=template))
    header = view.view.header()
    assert header.model().headerData(1, Qt.Orientation.Horizontal) == long_title
    assert all(header.sectionSize(c) >= header.sectionSizeHint(c) for c in range(header.count()))


def test_new_category_object_identity(qtbot, view):
    category = view.edits.add_category("自定义指标", edit=False)
    assert isinstance(category, Category) and category.name == "自定义指标"
    assert view.model.index_for(category).isValid()


@pytest.mark.parametrize("column, typed, attr", [(COL_ACTUAL, "300", "actual"), (COL_REASON, "abc", "reason")])
def test_focus_leaving_the_editor_commits(qtbot, view, column, typed, attr):
    leaf = leaf_named(view, "走访慰问人数")
    view.select_node(leaf, column)
    type_keys(qtbot, typed[0], view.view)  # typing on the cell opens its editor, replacing the text
    editor = QApplication.focusWidget()
    type_keys(qtbot, typed[1:], editor)
    view.view.setFocus()  # what the window does before saving
    qtbot.waitUntil(lambda: getattr(leaf, attr) == typed)


def test_a_pasted_cost_score_that_the_rules_give_stays_automatic(qtbot, view):
    """Under 成本指标 a bare target is a ceiling: 5万元 against "6万元" is met, so a pasted 5 of 5 is
    what the rules give and stays automatic (read as "≥" it would be 4.17 and become a hand score)."""
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost)
    assert view.copy_paste.paste("会议费\t6万元\t5万元\t5\t5\n")
    pasted = cost.children[-1]
    assert pasted.name == "会议费" and pasted.score is None


def test_rows_from_a_sichuan_sheet_paste_into_the_one_target_cell(qtbot):
    """A 四川 clerk pastes last year's rows in the printed layout (指标性质 | 指标值 | 度量单位 | 完成值):
    the parts are joined as the draft keeps them, scored, in one undo step; before, the unit
    went into 分值 and the paste was refused."""
    from tests.region_forms import region_form

    document = FormDocument(region_form("sichuan-2023"))
    widget = IndicatorView(document)
    qtbot.addWidget(widget)
    category = document.form.indicators[0].children[0]
    widget.select_node(category.children[0])
    assert widget.copy_paste.paste("三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析\n"
                                   "供水人数\t≥\t12\t万人\t11.8\t30\t\t部分村组管网未通\n"
                                   "群众满意度\t定性\t明显提高\t\t达成预期指标\t20\t\t\n")
    first, second = category.children[:2]
    assert (first.name, first.target, first.actual, first.weight) == ("供水人数", "≥12万人", "11.8万人", Decimal(30))
    assert (second.target, second.actual) == ("明显提高", "达成预期指标")
    assert widget.model.data(widget.model.index_for(first, COL_SCORE)) == "29.50"  # 30 × 11.8 ÷ 12
    assert document.undo_stack.count() == 1


def test_rows_copied_from_a_sichuan_form_are_in_its_printed_columns_and_paste_back(qtbot):
    from tests.region_forms import region_form

    document = FormDocument(region_form("sichuan-2023"))
    widget = IndicatorView(document)
    qtbot.addWidget(widget)
    leaves = [leaf for _d, _c, leaf in document.form.iter_leaves()]
    leaves[0].actual = "11800人"  # another unit than the target's: 完成值 keeps its own
    leaves[0].target = "≥1.2万人"
    widget.select_node(leaves[0])
    text = widget.copy_paste.copy_selection()
    assert text.split("\n")[0].split("\t")[:5] == ["指标1", "≥", "1.2", "万人", "11800人"]
    before = [(leaf.target, leaf.actual) for leaf in leaves]
    widget.select_node(leaves[1])
    assert widget.copy_paste.paste(text)
    assert (leaves[1].target, leaves[1].actual) == before[0]
