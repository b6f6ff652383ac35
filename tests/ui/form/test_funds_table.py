"""The funds table by keyboard in layouts that hide an amount column (湖北 预算数(A) | 执行数(B); 部门整体
年初预算数(A) | 全年执行数(B)): what is typed lands in the column on screen, Tab walks the columns on
screen only, and the computed 得分 shows in full."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ui import dialogs
from ui.clipboard import clipboard_text, set_clipboard_text
from ui.form.funds_table import FIRST_MONEY_COLUMN, MONEY_ATTRS, SCORE_COLUMN
from ui.qt import QApplication, Qt

from tests.ui.typing import type_keys

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
Key = Qt.Key
HIDING_AN_AMOUNT = ("hubei-2021", "guizhou-dept-2022")


def _funds_of_new_form(qtbot, window, template_id: str):
    """A new form once its tab has started (the cursor in 项目名称), its header open."""
    window.file_actions.new_document(template_id, 2023)
    tab = window.current_tab()
    qtbot.waitUntil(tab.panel.fields["name"].hasFocus)
    tab.set_header_shown(True)
    return tab.document, tab.panel.funds


def _enter_by_tab(qtbot, funds) -> None:
    """Focus arrives as from the header field before the table, the table with no current cell."""
    funds.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(funds.hasFocus)


def _press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


@pytest.mark.parametrize("template_id", HIDING_AN_AMOUNT)
def test_amounts_typed_after_tabbing_in_go_to_the_columns_on_screen(qtbot, window, template_id):
    document, funds = _funds_of_new_form(qtbot, window, template_id)
    hidden = [attr for n, attr in enumerate(MONEY_ATTRS) if funds.isColumnHidden(FIRST_MONEY_COLUMN + n)]
    assert hidden == ["initial"]  # the layouts this is about
    _enter_by_tab(qtbot, funds)
    type_keys(qtbot, "1172.55")
    _press(qtbot, Key.Key_Tab)
    type_keys(qtbot, "800")
    _press(qtbot, Key.Key_Tab)
    total = document.form.funds.rows[0]
    assert (total.initial, total.budget, total.executed) == (None, Decimal("1172.55"), Decimal(800))
    assert document.evaluation.funds.rate is not None  # A and B are what the rate reads


@pytest.mark.parametrize("template_id", HIDING_AN_AMOUNT)
def test_tab_walks_only_the_amounts_on_screen_and_then_leaves(qtbot, window, template_id):
    _document, funds = _funds_of_new_form(qtbot, window, template_id)
    _enter_by_tab(qtbot, funds)
    visited = []
    while funds.hasFocus() and len(visited) < 20:
        visited.append((funds.currentRow(), funds.currentColumn()))
        _press(qtbot, Key.Key_Tab)
    shown = funds.amount_columns()
    assert shown and all(not funds.isColumnHidden(column) for _row, column in visited)
    assert visited == [(row, column) for row in range(funds.rowCount()) for column in shown]
    assert not funds.isAncestorOf(QApplication.focusWidget())


def test_a_hidden_amount_asked_for_by_a_problem_selects_one_on_screen(qtbot, window):
    _document, funds = _funds_of_new_form(qtbot, window, "hubei-2021")
    funds.focus_attr("initial")
    assert not funds.isColumnHidden(funds.currentColumn())


@pytest.mark.parametrize("template_id", ["guizhou-2024", *HIDING_AN_AMOUNT])
def test_the_funds_score_shows_in_full_once_amounts_are_typed(qtbot, window, template_id):
    document, funds = _funds_of_new_form(qtbot, window, template_id)
    total = document.form.funds.rows[0]
    funds.commit_money(0, "budget", "1268.72")
    funds.commit_money(0, "executed", "1172.55")
    shown = funds.item(0, SCORE_COLUMN).text()
    assert shown == str(document.evaluation.funds.score) and "." in shown
    assert funds.fontMetrics().horizontalAdvance(shown) + 6 <= funds.columnWidth(SCORE_COLUMN)
    assert total.budget == Decimal("1268.72")


def test_enter_commits_an_amount_and_moves_down_shift_enter_up(qtbot, window):
    document, funds = _funds_of_new_form(qtbot, window, "guizhou-2024")
    executed = FIRST_MONEY_COLUMN + MONEY_ATTRS.index("executed")
    funds.setFocus()
    funds.setCurrentCell(0, executed)
    type_keys(qtbot, "123")
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: funds.currentRow() == 1)
    assert document.form.funds.rows[0].executed == Decimal(123) and funds.currentColumn() == executed
    type_keys(qtbot, "45")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: funds.currentRow() == 2)
    assert document.form.funds.rows[1].executed == Decimal(45)
    _press(qtbot, Key.Key_Return)  # not editing: Enter moves on
    assert funds.currentRow() == 3 and funds.hasFocus()
    qtbot.keyClick(funds, Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert (funds.currentRow(), funds.currentColumn()) == (2, executed)


def test_enter_on_a_refused_amount_stays_on_its_cell(qtbot, window, monkeypatch):
    document, funds = _funds_of_new_form(qtbot, window, "guizhou-2024")
    refused: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": refused.append(text))
    funds.setFocus()
    funds.setCurrentCell(1, FIRST_MONEY_COLUMN + 1)
    type_keys(qtbot, "abc")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: bool(refused))
    assert funds.currentRow() == 1 and document.form.funds.rows[1].budget is None


def _at(qtbot, window, row: int, attr: str):
    document, funds = _funds_of_new_form(qtbot, window, "guizhou-2024")
    funds.setFocus()
    funds.setCurrentCell(row, FIRST_MONEY_COLUMN + MONEY_ATTRS.index(attr))
    return document, funds


def test_delete_empties_the_amount_in_one_undo_step_and_leaves_labels_alone(qtbot, window):
    document, funds = _at(qtbot, window, 0, "budget")
    funds.commit_money(0, "budget", "300000")
    notes: list[str] = []
    funds.note.connect(notes.append)
    steps = document.undo_stack.count()
    qtbot.keyClick(funds, Key.Key_Delete)
    assert document.form.funds.rows[0].budget is None and document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert document.form.funds.rows[0].budget == Decimal(300000)
    funds.setCurrentCell(0, 0)  # 年度资金总额: a label
    qtbot.keyClick(funds, Key.Key_Delete)
    assert notes and document.undo_stack.count() == steps + 1 and document.undo_stack.canRedo()


def test_backspace_opens_the_amount_empty_and_esc_brings_it_back(qtbot, window):
    document, funds = _at(qtbot, window, 1, "executed")
    funds.commit_money(1, "executed", "1500")
    qtbot.keyClick(funds, Key.Key_Backspace)
    editor = QApplication.focusWidget()
    assert editor is not funds and editor.text() == ""
    qtbot.keyClick(editor, Key.Key_Escape)
    assert document.form.funds.rows[1].executed == Decimal(1500) and funds.item(1, 3).text() == "1,500"
    qtbot.keyClick(funds, Key.Key_Backspace)
    type_keys(qtbot, "900")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: document.form.funds.rows[1].executed == Decimal(900))


def test_a_block_copied_from_a_sheet_pastes_across_the_amounts_in_one_step(qtbot, window):
    document, funds = _at(qtbot, window, 1, "initial")
    notes: list[str] = []
    funds.note.connect(notes.append)
    set_clipboard_text("财政拨款:\t100,000\t120,000\t90,000\r\n本级安排\t50,000\t60,000\t55,000\r\n")
    steps = document.undo_stack.count()
    qtbot.keyClick(funds, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = document.form.funds.rows
    assert (rows[1].initial, rows[1].budget, rows[1].executed) == (Decimal(100000), Decimal(120000), Decimal(90000))
    assert (rows[2].initial, rows[2].budget, rows[2].executed) == (Decimal(50000), Decimal(60000), Decimal(55000))
    assert document.undo_stack.count() == steps + 1 and notes == ["已粘贴 6 个金额"]
    document.undo_stack.undo()
    assert rows[1].budget is None and rows[2].executed is None


def test_a_paste_with_a_bad_amount_changes_nothing(qtbot, window, monkeypatch):
    document, funds = _at(qtbot, window, 0, "initial")
    refused: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": refused.append(text))
    set_clipboard_text("300000\t300000\t18万\n")
    steps = document.undo_stack.count()
    qtbot.keyClick(funds, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(refused))
    assert "第 1 行第 3 格“18万”" in refused[0]
    assert document.form.funds.rows[0].initial is None and document.undo_stack.count() == steps


def test_what_runs_past_the_table_is_left_out_and_said(qtbot, window):
    document, funds = _at(qtbot, window, 4, "executed")  # 其他, the last row and amount
    notes: list[str] = []
    funds.note.connect(notes.append)
    set_clipboard_text("7\t10\t62.83\n8\t10\t0\n")
    qtbot.keyClick(funds, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.form.funds.rows[4].executed == Decimal(7)
    assert notes == ["已粘贴 1 个金额;超出表格的 5 格未粘贴"]


def test_ctrl_c_copies_the_amount_as_it_shows(qtbot, window):
    _document, funds = _at(qtbot, window, 0, "budget")
    funds.commit_money(0, "budget", "188480.5")
    qtbot.keyClick(funds, Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard_text().strip() == funds.item(0, 2).text() == "188,480.50"


def test_ctrl_x_copies_the_amount_and_empties_it_in_one_undo_step(qtbot, window):
    document, funds = _at(qtbot, window, 0, "budget")
    funds.commit_money(0, "budget", "188480.5")
    steps = document.undo_stack.count()
    qtbot.keyClick(funds, Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert clipboard_text().strip() == "188,480.50" and document.form.funds.rows[0].budget is None
    assert document.undo_stack.count() == steps + 1
    funds.setCurrentCell(1, FIRST_MONEY_COLUMN + MONEY_ATTRS.index("budget"))
    qtbot.keyClick(funds, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.form.funds.rows[1].budget == Decimal("188480.50")  # moved


def test_typing_on_a_computed_figure_or_a_row_name_says_why_nothing_happens(qtbot, window):
    document, funds = _at(qtbot, window, 0, "budget")
    notes: list[str] = []
    funds.note.connect(notes.append)
    steps = document.undo_stack.count()
    funds.setCurrentCell(0, SCORE_COLUMN)
    qtbot.keyClicks(funds, "5")
    funds.setCurrentCell(1, 0)
    qtbot.keyClicks(funds, "a")
    assert len(notes) == 2 and "由程序按金额计算" in notes[0] and "行名" in notes[1]
    assert document.undo_stack.count() == steps and not funds.state() == funds.State.EditingState


@pytest.mark.parametrize("template_id", ["guizhou-2024", "sichuan-2023", "hubei-2021"])
def test_the_columns_show_in_the_templates_order(qtbot, window, template_id):
    from model.template_registry import get_template

    _document, funds = _funds_of_new_form(qtbot, window, template_id)
    header = funds.horizontalHeader()
    shown = sorted((header.visualIndex(c), funds.horizontalHeaderItem(c).text())
                   for c in range(1, funds.columnCount()) if not funds.isColumnHidden(c))
    printed = [c.title for c in get_template(template_id).layout.funds_columns if c.key not in ("reason", "method")]
    assert [title for _visual, title in shown] == printed  # 四川: 预算执行率 before 权重
