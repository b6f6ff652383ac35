"""Bad cell input typed into the real widgets: refused with a message (old value kept, nothing on the
undo stack) or accepted and flagged, never a crash, never silently dropped.

Edits go the way a user's do: the tree's own delegate editor (opened with ``view.edit``, typed
into, committed with Enter), the funds table's item editor, the header line edits, the goals text.
pytest-qt fails a test on any exception raised inside a Qt callback, so "no crash" is checked too.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.ui.window_helpers import ensure_indicator_view

REAL_TREE = ensure_indicator_view()

from model.draft import MAX_TEXT, load_draft  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.qt import QLineEdit, Qt  # noqa: E402

# the refusal tooltip is a popup the offscreen platform cannot raise; it says so as a Qt warning
pytestmark = [pytest.mark.skipif(not REAL_TREE, reason="needs the real indicator view"),
              pytest.mark.qt_log_ignore("This plugin does not support")]

LEAF = "走访慰问人数"  # f17: ≥ target, weight 10


@pytest.fixture
def window(qtbot, monkeypatch, f17):
    said: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": said.append(text))
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": said.append(text))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)  # not shown: the offscreen platform warns about window hints, and warnings fail
    win.file_actions.open_file(f17)
    win.said = said
    return win


def leaf_named(window, name: str = LEAF):
    return next(leaf for _, _, leaf in window.current_document().form.iter_leaves() if leaf.name == name)


def type_text(qtbot, editor: QLineEdit, text: str) -> None:
    """Key presses for ASCII; Chinese and full-width text arrives whole, as from an input method
    (QTest cannot synthesise key events for characters outside Latin-1); long text arrives as a paste."""
    if text.isascii() and len(text) <= 40:
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)


def type_into_tree_cell(qtbot, window, leaf, column: int, text: str) -> None:
    """Open the delegate's editor on the cell, replace its text, press Enter."""
    indicators = window.current_tab().indicators
    index = indicators.model.index_for(leaf, column)
    indicators.view.setCurrentIndex(index)
    indicators.view.edit(index)
    editor = indicators.view.indexWidget(index)
    assert isinstance(editor, QLineEdit), "分值/得分 are edited in a line edit"
    editor.selectAll()
    editor.del_()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: indicators.view.indexWidget(index) is None)  # committed and closed


def status(window) -> str:
    return window.statusBar().currentMessage()


TREE_REFUSED = [
    ("weight", "abc", "应为数字"), ("weight", "-5", "负数"), ("weight", "", "不能为空"),
    ("weight", "1e999999999", "应为数字"), ("weight", "1e-999999999", "应为数字"), ("weight", "NaN", "应为数字"),
    pytest.param("weight", "0." + "0" * 30 + "1", "小数", id="weight-31-decimals"), ("weight", "Infinity", "应为数字"),
    ("score", "五", "应为数字"), ("score", "-1", "负数"), ("score", "1e999999999", "应为数字"),
    pytest.param("score", "9" * 5000, "过大", id="score-5000-digits"),
]


@pytest.mark.parametrize("field, text, word", TREE_REFUSED)
def test_tree_refuses_bad_number_keeps_value_and_says_why(qtbot, window, field, text, word):
    from ui.indicators.cells import COL_SCORE, COL_WEIGHT
    leaf = leaf_named(window)
    before = getattr(leaf, field)
    stack = window.current_document().undo_stack
    depth = stack.count()
    type_into_tree_cell(qtbot, window, leaf, COL_WEIGHT if field == "weight" else COL_SCORE, text)
    assert getattr(leaf, field) == before
    assert stack.count() == depth and not window.current_document().modified
    assert word in status(window) and "已保留原值" in status(window)


@pytest.mark.parametrize("text, value", [("１２", Decimal(12)), ("8分", Decimal(8)), (" 7.5 ", Decimal("7.5"))])
def test_tree_accepts_numbers_as_people_type_them(qtbot, window, text, value):
    from ui.indicators.cells import COL_WEIGHT
    leaf = leaf_named(window)
    type_into_tree_cell(qtbot, window, leaf, COL_WEIGHT, text)
    assert leaf.weight == value and window.current_document().modified


def test_score_above_weight_is_kept_and_flagged(qtbot, window):
    from ui.indicators.cells import COL_SCORE, FlagRole
    leaf = leaf_named(window)
    type_into_tree_cell(qtbot, window, leaf, COL_SCORE, "99")
    assert leaf.score == Decimal(99)  # not silently dropped: the user's number stays, visibly wrong
    document = window.current_document()
    issues = [i for i in document.evaluation.issues if i.code == "score-out-of-range"]
    assert len(issues) == 1 and LEAF in issues[0].where
    model = window.current_tab().indicators.model
    index = model.index_for(leaf, COL_SCORE)
    assert model.data(index, FlagRole) == "error"
    assert issues[0].message in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert window.current_tab().summary.texts()["errors"] != "0"


# --- funds table --------------------------------------------------------------------------------

def type_into_funds(qtbot, window, row: int, column: int, text: str) -> None:
    table = window.current_tab().panel.funds
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.del_()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)


@pytest.mark.parametrize("column, attr", [(1, "initial"), (2, "budget"), (3, "executed")])
@pytest.mark.parametrize("text, word", [("-100", "负数"), ("－300,000", "负数"), ("三十万", "应为数字"),
                                        ("1e5", "应为数字"), ("9999999999999999", "过大"),
                                        ("0." + "0" * 30 + "1", "小数")])
def test_funds_refuse_bad_amount_with_a_warning(qtbot, window, column, attr, text, word):
    row = window.current_document().form.funds.rows[0]
    before = getattr(row, attr)
    type_into_funds(qtbot, window, 0, column, text)
    qtbot.waitUntil(lambda: bool(window.said))
    assert getattr(row, attr) == before and not window.current_document().modified
    assert word in window.said[0] and word in status(window)


def test_funds_negative_budget_refused_and_cell_shows_old_value(qtbot, window):
    table = window.current_tab().panel.funds
    shown = table.item(0, 2).text()
    type_into_funds(qtbot, window, 0, 2, "-300000")
    qtbot.waitUntil(lambda: bool(window.said))
    assert table.item(0, 2).text() == shown == "300,000"
    assert "负数" in window.said[0]


def test_funds_empty_budget_accepted_and_flagged(qtbot, window):
    type_into_funds(qtbot, window, 0, 2, "")
    document = window.current_document()
    assert document.form.funds.rows[0].budget is None
    assert any(i.code == "required-field" and i.where == "funds" for i in document.evaluation.issues)
    assert window.current_tab().summary.texts()["rate"] == ""  # no rate without A
    assert window.current_tab().panel.funds.item(0, 5).text() == "无法计算"
    assert window.current_tab().panel.funds.item(0, 2).toolTip()  # the cell says why


# --- header fields and long texts ---------------------------------------------------------------

def test_cleared_project_name_is_flagged_on_the_field(qtbot, window):
    field = window.current_tab().panel.fields["name"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    document = window.current_document()
    assert document.form.project.name == "" and document.modified
    issue = next(i for i in document.evaluation.issues if i.code == "required-field" and i.field == "name")
    assert field.toolTip() == issue.message and "background" in field.styleSheet()


def test_year_field_refuses_letters(qtbot, window):
    year = window.current_tab().panel.year
    year.setFocus()
    year.selectAll()
    qtbot.keyClicks(year, "abc")
    qtbot.keyClick(year, Qt.Key.Key_Return)
    assert window.current_document().form.year == 2024 and year.value() == 2024


def test_text_too_long_to_reopen_is_not_saved_and_not_lost(qtbot, window, f17):
    """A 150 000-character paste into 实际完成情况: the save is refused with a message (the file
    could not be opened again), the old file stays, the text stays in the window and in the
    recovery copy; once shortened, the save works and the file reopens."""
    before = f17.read_bytes()
    tab = window.current_tab()
    tab.panel.achieved.setPlainText("很" * (MAX_TEXT + 50_000))
    tab.panel.achieved.editingFinished.emit()
    assert not window.file_actions.save_current()
    assert window.said and "无法保存" in window.said[-1] and "过长" in window.said[-1]
    assert "Traceback" not in window.said[-1]
    assert f17.read_bytes() == before and window.current_document().modified
    assert window.file_actions.autosave_now() == 1  # the recovery copy keeps it whatever its length
    tab.panel.achieved.setPlainText("很" * 1000)
    tab.panel.achieved.editingFinished.emit()
    assert window.file_actions.save_current()
    assert load_draft(f17).goals.achieved == "很" * 1000
