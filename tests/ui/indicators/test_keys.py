"""The indicator tree driven with the keyboard alone, as a WPS/Excel user drives a sheet.

Every test sends real key events (``qtbot.keyClick`` / ``keyClicks``) to the widget that has the
focus: the tree, or the cell editor the keystroke opened.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from model.draft import load_draft
from model.form import Leaf
from ui.document import FormDocument
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_REASON, COL_SCORE, COL_TARGET, COL_WEIGHT
from ui.indicators.view import IndicatorView
from ui.qt import QApplication, QComboBox, QInputMethodEvent, QPlainTextEdit, Qt

from tests.ui.typing import type_keys

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
Key = Qt.Key


@pytest.fixture
def view(started_view: IndicatorView) -> IndicatorView:
    return started_view  # tests/ui/indicators/conftest.py


def leaves(view: IndicatorView) -> list[Leaf]:
    return [leaf for _d, _c, leaf in view.document.form.iter_leaves()]


def where(view: IndicatorView) -> tuple[object, int]:
    index = view.view.currentIndex()
    return view.model.node_for(index), index.column()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the focus (the tree, or the editor a keystroke opened)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def editor(view: IndicatorView):
    found = view.view.open_editor()
    assert found is not None, "no cell editor is open"
    return found[1]


def test_start_is_on_the_first_actual_value(view):
    first = leaves(view)[0]
    assert where(view) == (first, COL_ACTUAL)
    assert view.view.hasFocus()


def test_arrows_move_the_cell_in_four_directions(qtbot, view):
    first, second = leaves(view)[:2]
    press(qtbot, Key.Key_Right)
    assert where(view) == (first, COL_WEIGHT)
    press(qtbot, Key.Key_Down)
    assert where(view) == (second, COL_WEIGHT)
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_Left)
    assert where(view) == (second, COL_TARGET)
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_Up)  # onto the 二级 row above: arrows visit every row
    category = view.document.form.indicators[0].children[0]
    assert where(view) == (category, COL_TARGET)
    assert view.view.selectionModel().selectedIndexes() == [view.view.currentIndex()]  # a cell, not a row


def test_home_and_end_go_along_the_row_and_with_ctrl_to_the_corners(qtbot, view):
    """As in WPS/Excel (a tree's Home went to the first row, keeping the column)."""
    first = leaves(view)[0]
    last_column = max(c for c in range(view.model.columnCount()) if not view.view.isColumnHidden(c))
    press(qtbot, Key.Key_End)
    assert where(view) == (first, last_column)
    press(qtbot, Key.Key_Home)
    assert where(view) == (first, COL_NAME)
    press(qtbot, Key.Key_End, CTRL)
    assert where(view) == (leaves(view)[-1], last_column)  # the last row of the last category
    press(qtbot, Key.Key_Home, CTRL)
    assert where(view) == (view.document.form.indicators[0], COL_NAME)
    assert view.view.selectionModel().selectedIndexes() == [view.view.currentIndex()]


def test_ctrl_arrows_jump_to_the_edges_of_the_table_keeping_the_other_coordinate(qtbot, view):
    """As in WPS/Excel on a filled sheet; with Shift they select everything on the way."""
    first = leaves(view)[0]
    last_column = max(c for c in range(view.model.columnCount()) if not view.view.isColumnHidden(c))
    press(qtbot, Key.Key_Down, CTRL)
    assert where(view) == (leaves(view)[-1], COL_ACTUAL)
    assert view.view.selectionModel().selectedIndexes() == [view.view.currentIndex()]
    press(qtbot, Key.Key_Up, CTRL)
    assert where(view) == (view.document.form.indicators[0], COL_ACTUAL)
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_Right, CTRL)
    assert where(view) == (first, last_column)
    press(qtbot, Key.Key_Left, CTRL)
    assert where(view) == (first, COL_NAME)
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_Down, CTRL | SHIFT)
    selected = view.copy_paste.selected_cells()
    assert {view.model.node_for(index).name for index in selected} >= {leaf.name for leaf in leaves(view)}
    assert {index.column() for index in selected} == {COL_ACTUAL}
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_End, CTRL | SHIFT)  # to the last cell of the table, all selected
    block = view.copy_paste.selected_cells()
    assert {index.column() for index in block} == set(range(COL_ACTUAL, last_column + 1))


def test_left_and_right_fold_only_on_a_name_with_children(qtbot, view):
    category = view.document.form.indicators[0].children[0]
    view.select_node(category, COL_TARGET)
    press(qtbot, Key.Key_Left)  # not the 指标 cell: a plain move left
    assert where(view) == (category, COL_NAME)
    assert view.view.isExpanded(view.model.index_for(category))
    press(qtbot, Key.Key_Left)
    assert not view.view.isExpanded(view.model.index_for(category))
    assert where(view) == (category, COL_NAME)
    press(qtbot, Key.Key_Right)
    assert view.view.isExpanded(view.model.index_for(category))
    press(qtbot, Key.Key_Right)  # expanded already: on to the next column
    assert where(view) == (category, COL_TARGET)
    leaf = leaves(view)[0]
    view.select_node(leaf, COL_NAME)
    press(qtbot, Key.Key_Left)  # a leaf has nothing to fold and nothing on its left
    assert where(view) == (leaf, COL_NAME)


def test_typing_replaces_f2_keeps_escape_cancels(qtbot, view):
    first = leaves(view)[0]
    type_keys(qtbot, "200")  # on the first actual value, as the window opens
    assert view.view.is_editing()
    press(qtbot, Key.Key_Escape)
    assert first.actual == "40人" and not view.view.is_editing()
    press(qtbot, Key.Key_F2)
    line = editor(view).lineEdit() if isinstance(editor(view), QComboBox) else editor(view)
    assert line.text() == "40人" and line.cursorPosition() == len("40人") and not line.hasSelectedText()
    type_keys(qtbot, "0")
    press(qtbot, Key.Key_Return)
    assert first.actual == "40人0"
    view.select_node(first, COL_ACTUAL)
    type_keys(qtbot, "120")
    press(qtbot, Key.Key_Return)
    assert first.actual == "120"
    assert view.document.undo_stack.count() == 2


def test_enter_commits_and_moves_down_to_the_next_row_with_that_cell(qtbot, view):
    first, second, third = leaves(view)[:3]
    type_keys(qtbot, "41")
    press(qtbot, Key.Key_Return)
    assert first.actual == "41" and where(view) == (second, COL_ACTUAL)
    press(qtbot, Key.Key_Return)  # not editing: Enter only moves, past the 二级 row
    assert where(view) == (third, COL_ACTUAL)
    type_keys(qtbot, "90%")
    press(qtbot, Key.Key_Return, SHIFT)
    assert third.actual == "90%" and where(view) == (second, COL_ACTUAL)
    press(qtbot, Key.Key_Return, SHIFT)
    assert where(view) == (first, COL_ACTUAL)


def test_tab_commits_and_moves_right_wrapping_to_the_next_row(qtbot, view):
    first, second = leaves(view)[:2]
    last_column = view.model.columnCount() - 1
    view.select_node(first, last_column)
    type_keys(qtbot, "x")
    press(qtbot, Key.Key_Tab)
    assert getattr(first, "remark" if last_column > COL_REASON else "reason") == "x"
    assert where(view) == (second, COL_NAME)  # past the 二级 row's read-only cells
    press(qtbot, Key.Key_Tab)
    assert where(view) == (second, COL_TARGET)
    press(qtbot, Key.Key_Backtab, SHIFT)
    assert where(view) == (second, COL_NAME)
    type_keys(qtbot, "y")
    press(qtbot, Key.Key_Backtab, SHIFT)
    assert second.name == "y" and where(view) == (first, last_column)


def test_enter_commits_a_multi_line_cell_and_alt_enter_starts_a_line(qtbot, view):
    first, second = leaves(view)[:2]
    view.select_node(first, COL_REASON)
    type_keys(qtbot, "a")
    assert isinstance(editor(view), QPlainTextEdit)
    press(qtbot, Key.Key_Return, ALT)
    type_keys(qtbot, "b")
    assert view.view.is_editing()
    press(qtbot, Key.Key_Return)
    assert first.reason == "a\nb" and where(view) == (second, COL_REASON)


def test_a_refused_number_keeps_the_cursor_on_the_cell(qtbot, view):
    first = leaves(view)[0]
    view.select_node(first, COL_WEIGHT)
    with qtbot.waitSignal(view.message) as said:
        type_keys(qtbot, "abc")
        press(qtbot, Key.Key_Return)
    assert "应为数字" in said.args[0] and "abc" in said.args[0]
    assert first.weight == Decimal(5) and where(view) == (first, COL_WEIGHT)


def test_delete_clears_the_selected_cells_in_one_step_and_keeps_the_rows(qtbot, view):
    first, second = leaves(view)[:2]
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_Right, SHIFT)
    press(qtbot, Key.Key_Right, SHIFT)  # 实际完成值 … 得分 of two rows
    press(qtbot, Key.Key_Delete)
    assert (first.actual, first.weight, second.actual, second.weight) == ("", Decimal(0), "", Decimal(0))
    assert len(view.document.form.indicators[0].children[0].children) == 2
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert (first.actual, second.weight) == ("40人", Decimal(5))


def test_ctrl_minus_removes_the_row_and_says_which(qtbot, view):
    first = leaves(view)[0]
    category = view.document.form.indicators[0].children[0]
    with qtbot.waitSignal(view.message) as said:
        press(qtbot, Key.Key_Minus, CTRL)
    assert first not in category.children
    assert said.args[0] == f"已删除“{first.name}”(可撤销)"


def test_ctrl_c_copies_a_block_of_cells_and_ctrl_v_pastes_it_from_the_current_cell(qtbot, view):
    first, second, third = leaves(view)[:3]
    view.select_node(first, COL_TARGET)
    press(qtbot, Key.Key_Right, SHIFT)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "≥200人\t40人\n=2次\t2次\n"
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost.children[2], COL_TARGET)
    press(qtbot, Key.Key_V, CTRL)
    assert [(leaf.target, leaf.actual) for leaf in cost.children[2:]] == [("≥200人", "40人"), ("=2次", "2次")]
    assert cost.children[2].name == "召开会议费用"  # the names are not touched
    assert view.document.undo_stack.count() == 1
    assert third.target == "≥95%"


def test_ctrl_x_then_ctrl_v_moves_a_block_of_cells_and_one_undo_each_brings_it_back(qtbot, view):
    first, second = leaves(view)[:2]
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_Down, SHIFT)
    said: list[str] = []
    view.message.connect(said.append)
    press(qtbot, Key.Key_X, CTRL)
    assert QApplication.clipboard().text() == "40人\n2次\n" and said[-1] == "已剪切 2 个单元格(可撤销)"
    assert (first.actual, second.actual) == ("", "") and first.target == "≥200人"  # only the cut cells
    assert view.document.undo_stack.undoText() == "剪切 2 个单元格"
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost.children[0], COL_ACTUAL)
    press(qtbot, Key.Key_V, CTRL)
    assert [leaf.actual for leaf in cost.children[:2]] == ["40人", "2次"]
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert (first.actual, second.actual) == ("40人", "2次")


def test_ctrl_x_in_a_cell_editor_cuts_its_text_only(qtbot, view):
    first = leaves(view)[0]
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_F2)
    press(qtbot, Key.Key_A, CTRL)
    press(qtbot, Key.Key_X, CTRL)
    assert QApplication.clipboard().text() == "40人" and view.view.is_editing()
    press(qtbot, Key.Key_Escape)
    assert first.actual == "40人" and not view.document.undo_stack.canUndo()


def test_typing_on_a_read_only_cell_says_why_and_changes_nothing(qtbot, view):
    dimension = view.document.form.indicators[0]
    for column, words in ((COL_ACTUAL, "没有"), (COL_SCORE, "合计")):
        view.select_node(dimension, column)
        with qtbot.waitSignal(view.message) as said:
            type_keys(qtbot, "9")
        assert words in said.args[0]
        assert not view.view.is_editing()
    assert dimension.name == "产出指标" and not view.document.undo_stack.canUndo()
    view.select_node(leaves(view)[0], COL_SCORE)
    with qtbot.waitSignal(view.message) as said:
        press(qtbot, Key.Key_F2)
    assert "自动计算" in said.args[0]  # an automatic 得分 says what typing does to it
    press(qtbot, Key.Key_Escape)


def test_plus_and_minus_are_characters_outside_a_name_with_children(qtbot, view):
    first = leaves(view)[0]
    type_keys(qtbot, "+5")
    press(qtbot, Key.Key_Return)
    assert first.actual == "+5"
    category = view.document.form.indicators[0].children[0]
    view.select_node(category, COL_NAME)
    press(qtbot, Key.Key_Minus)
    assert not view.view.isExpanded(view.model.index_for(category)) and category.name == "数量指标"


def test_f17_a_morning_of_keyboard_work(qtbot, view, tmp_path):
    """From the first actual value: down the column, across a row, clear a cell, undo, save."""
    from model.draft import save_draft

    items = leaves(view)
    type_keys(qtbot, "180人")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Return)  # keep 2次
    type_keys(qtbot, "96%")
    press(qtbot, Key.Key_Tab)  # 实际完成值 → 分值
    press(qtbot, Key.Key_Tab)  # 分值 → 得分
    type_keys(qtbot, "9")
    press(qtbot, Key.Key_Tab)  # a hand score; on to 原因分析
    type_keys(qtbot, "按时完成")
    press(qtbot, Key.Key_Return)
    assert where(view) == (items[3], COL_REASON)
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_Delete)  # 会议召开时间's 实际完成值
    assert (items[0].actual, items[1].actual, items[2].actual) == ("180人", "2次", "96%")
    assert items[2].score == Decimal(9) and items[2].reason == "按时完成"
    assert items[3].actual == ""
    total = view.document.evaluation.total
    path = tmp_path / "f17.json"
    save_draft(view.document.form, path)
    again = load_draft(path)
    assert [leaf.actual for _d, _c, leaf in again.iter_leaves()][:4] == ["180人", "2次", "96%", ""]
    assert FormDocument(again).evaluation.total == total


def test_chinese_typed_on_a_cell_replaces_it_without_losing_a_character(qtbot, view):
    first = leaves(view)[0]
    view.select_node(first, COL_REASON)
    type_keys(qtbot, "受限")  # through the input method, straight on the cell
    assert isinstance(editor(view), QPlainTextEdit)
    press(qtbot, Key.Key_Return)
    assert first.reason == "受限"


def compose(widget, preedit: str = "", commit: str = "") -> None:
    """What an input method such as fcitx's pinyin sends while a word is typed, then chosen."""
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("column, attr", [(COL_ACTUAL, "actual"), (COL_REASON, "reason")])
def test_pinyin_composed_on_a_cell_keeps_its_first_letters(qtbot, view, column, attr):
    """Moving the focus in the middle of a composition resets the input method: "zoufang" would
    arrive as "oufang". The view keeps the focus until the word is chosen, then hands it over."""
    first = leaves(view)[0]
    view.select_node(first, column)
    for letters in ("z", "zou", "zou fang"):
        compose(view.view, preedit=letters)
        assert view.view.hasFocus() and view.view.is_editing()  # the editor shows the composition
    compose(view.view, commit="走访")
    assert editor(view).hasFocus()
    press(qtbot, Key.Key_Return)
    assert getattr(first, attr) == "走访"  # the cell's old text replaced, as by a key


def test_a_pasted_column_flows_down_the_leaves_across_categories(qtbot, view):
    items = leaves(view)
    view.select_node(items[1], COL_ACTUAL)  # 组织各县市召开站点会, the last of its 二级指标
    QApplication.clipboard().setText("3次\n\n99%\n")  # an empty cell empties its cell
    press(qtbot, Key.Key_V, CTRL)
    assert [leaf.actual for leaf in items[1:4]] == ["3次", "", "99%"]
    assert len(view.document.form.indicators[0].children[0].children) == 2  # no new rows
    view.select_node(items[-1], COL_ACTUAL)
    QApplication.clipboard().setText("96%\n90%\n")
    press(qtbot, Key.Key_V, CTRL)
    satisfaction = view.document.form.indicators[2].children[0]
    assert [leaf.actual for leaf in satisfaction.children] == ["96%", "90%"]  # past the last row: a new one
    assert view.document.undo_stack.count() == 2


def test_ctrl_d_fills_a_selected_column_down_from_its_top_cell_in_one_step(qtbot, view):
    """As in WPS/Excel; the 二级指标 row inside the block is not a 三级 cell and is left alone."""
    rows = leaves(view)
    view.select_node(rows[1], COL_WEIGHT)
    press(qtbot, Key.Key_Down, SHIFT)  # the 质量指标 row
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_Down, SHIFT)  # 各项工作任务完成率 (10)
    said: list[str] = []
    view.message.connect(said.append)
    press(qtbot, Key.Key_D, CTRL)
    assert [leaf.weight for leaf in rows[:3]] == [Decimal(5), Decimal(5), Decimal(5)]
    assert view.document.form.indicators[0].children[1].name == "质量指标"
    assert said[-1] == "已向下填充 1 个单元格(可撤销)" and view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert rows[2].weight == Decimal(10)


def test_ctrl_d_on_one_cell_copies_the_indicator_above_and_on_the_first_says_why_not(qtbot, view):
    first, second = leaves(view)[:2]
    view.select_node(second, COL_TARGET)
    press(qtbot, Key.Key_D, CTRL)
    assert second.target == first.target == "≥200人" and second.name == "组织各县市召开站点会"
    said: list[str] = []
    view.message.connect(said.append)
    view.select_node(first, COL_ACTUAL)
    press(qtbot, Key.Key_D, CTRL)
    assert first.actual == "40人" and view.document.undo_stack.count() == 1 and said[-1].startswith("向下填充:")


def test_ctrl_d_keeps_a_score_by_hand_by_hand_only_where_the_rules_give_another(qtbot, view):
    rows = leaves(view)
    manual = next(leaf for leaf in rows if leaf.score is not None)  # 稳定就业和权益维护: 20 by hand
    below = rows[rows.index(manual) + 1]  # 在外务工人员满意度: 10 of 10 by the rules
    view.select_node(manual, COL_SCORE)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_D, CTRL)
    assert below.score == manual.score == Decimal(20)
    view.document.undo_stack.undo()
    view.select_node(rows[0], COL_SCORE)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_D, CTRL)
    assert rows[0].score is None and rows[1].score is None  # automatic copied as automatic


def test_after_ctrl_v_only_the_pasted_block_is_selected_not_the_copied_one_too(qtbot, view):
    """Ctrl is still held when the paste moves the cursor; Qt would read it as "add to the selection"."""
    rows = leaves(view)
    view.select_node(rows[0], COL_ACTUAL)
    press(qtbot, Key.Key_Down, SHIFT)
    press(qtbot, Key.Key_C, CTRL)
    view.select_node(rows[5], COL_REASON)
    press(qtbot, Key.Key_V, CTRL)
    selected = {(view.model.node_for(index).name, index.column()) for index in view.copy_paste.selected_cells()}
    assert (rows[0].name, COL_ACTUAL) not in selected and (rows[5].name, COL_REASON) in selected
