"""查找 (Ctrl+F) in the indicator tree, driven with the keyboard: type, Enter / Shift+Enter, Esc."""
from __future__ import annotations

import pytest

from ui.indicators.cells import COL_NAME, COL_TARGET
from ui.indicators.find_bar import folded
from ui.indicators.view import IndicatorView
from ui.qt import QApplication, Qt

from tests.ui.typing import type_keys

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(started_view: IndicatorView) -> IndicatorView:
    return started_view  # tests/ui/indicators/conftest.py


def current_text(view: IndicatorView) -> str:
    return str(view.view.currentIndex().data() or "")


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_full_width_and_case_are_folded():
    assert folded("９５％") == folded("95%") and folded("ＡＢｃ") == folded("abc")


def test_typing_goes_to_a_cell_holding_the_text_and_enter_walks_through_all_of_them(qtbot, view):
    bar = view.find_bar
    bar.open()
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    type_keys(qtbot, "慰问")
    assert "慰问" in current_text(view)
    total = 5  # f17: two names (走访慰问人数, 人员走访慰问经费) and three 原因分析 say 慰问
    assert bar.count.text().startswith("第 ") and bar.count.text().endswith(f"/ {total} 处")
    seen = [(view.view.currentIndex().internalId(), view.view.currentIndex().column())]
    for _ in range(total - 1):
        press(qtbot, Qt.Key.Key_Return)
        assert "慰问" in current_text(view)
        seen.append((view.view.currentIndex().internalId(), view.view.currentIndex().column()))
    assert len(set(seen)) == total  # each cell once
    press(qtbot, Qt.Key.Key_Return)  # past the last: back to the first, as WPS wraps
    assert (view.view.currentIndex().internalId(), view.view.currentIndex().column()) == seen[0]
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert (view.view.currentIndex().internalId(), view.view.currentIndex().column()) == seen[-1]
    assert QApplication.focusWidget() is bar.field  # Enter again finds the next one
    assert view.view.selectionModel().selectedIndexes() == [view.view.currentIndex()]


def test_a_match_in_a_collapsed_row_is_opened_and_esc_leaves_the_cursor_there(qtbot, view):
    dimension = view.document.form.indicators[1]  # 效益指标
    view.view.collapse(view.model.index_for(dimension, COL_NAME))
    view.find_bar.open()
    type_keys(qtbot, "有效稳定")
    leaf = dimension.children[0].children[0]
    assert view.model.node_for(view.view.currentIndex()) is leaf and view.view.currentIndex().column() == COL_TARGET
    assert view.view.isExpanded(view.model.index_for(dimension, COL_NAME))
    press(qtbot, Qt.Key.Key_Escape)
    assert view.find_bar.isHidden() and QApplication.focusWidget() is view.view
    assert view.model.node_for(view.view.currentIndex()) is leaf


def test_full_width_digits_find_half_width_ones_and_nothing_found_is_said(qtbot, view):
    said: list[str] = []
    view.message.connect(said.append)
    view.find_bar.open()
    type_keys(qtbot, "≥９５％")
    assert current_text(view) == "≥95%"
    view.find_bar.field.selectAll()
    type_keys(qtbot, "不存在的字")
    assert view.find_bar.count.text() == "找不到" and said[-1] == "找不到“不存在的字”"
    assert current_text(view) == "≥95%"  # the cursor stays where it was
