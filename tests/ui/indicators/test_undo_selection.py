"""Ctrl+Z and Ctrl+Y show where they acted, as in WPS/Excel: the cells they changed are selected,
the top-left one current and scrolled into view. The document reports what an undo or a redo
touched (``FormDocument.replayed``); the tree selects it; edits and pastes themselves report nothing."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from model.draft import load_draft
from model.form import Leaf
from ui.commands import InsertNodesCommand
from ui.document import FormDocument
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_REASON, COL_WEIGHT
from ui.indicators.view import IndicatorView
from ui.qt import Qt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(qtbot, forms_dir: Path) -> IndicatorView:
    widget = IndicatorView(FormDocument(load_draft(forms_dir / "f17.json")))
    qtbot.addWidget(widget)
    widget.resize(1366, 400)  # short: the last rows are scrolled out of view
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


def selected_cells(view: IndicatorView) -> set[tuple[str, int]]:
    return {(view.model.node_for(index).name, index.column())
            for index in view.view.selectionModel().selectedIndexes()}


def current_cell(view: IndicatorView) -> tuple[str, int]:
    index = view.view.currentIndex()
    return view.model.node_for(index).name, index.column()


def last_leaf(view: IndicatorView) -> Leaf:
    return list(view.document.form.iter_leaves())[-1][2]


def test_undo_of_an_edit_far_down_selects_and_shows_that_cell(qtbot, view):
    leaf = last_leaf(view)
    view.model.setData(view.model.index_for(leaf, COL_ACTUAL), "10%", Qt.ItemDataRole.EditRole)
    first = next(view.document.form.iter_leaves())[2]
    view.select_node(first, COL_NAME)  # the user went back up to the top
    view.view.scrollToTop()
    view.document.undo_stack.undo()
    assert current_cell(view) == (leaf.name, COL_ACTUAL)
    assert selected_cells(view) == {(leaf.name, COL_ACTUAL)}
    assert view.view.viewport().rect().intersects(view.view.visualRect(view.view.currentIndex()))
    view.select_node(first, COL_NAME)
    view.document.undo_stack.redo()
    assert current_cell(view) == (leaf.name, COL_ACTUAL) and leaf.actual == "10%"


def test_undo_of_a_pasted_block_selects_the_block_from_its_top_left_cell(qtbot, view):
    cost = view.document.form.indicators[0].children[3]
    view.select_node(cost.children[1], COL_ACTUAL)
    assert view.copy_paste.paste("90000元\t7\n50000元\t8\n")  # every cell changes
    view.select_node(view.document.form.indicators[0], COL_NAME)
    view.document.undo_stack.undo()
    names = [child.name for child in cost.children[1:3]]
    assert current_cell(view) == (names[0], COL_ACTUAL)
    assert selected_cells(view) == {(name, column) for name in names for column in (COL_ACTUAL, COL_WEIGHT)}


def test_undo_of_a_row_removal_selects_the_row_put_back(qtbot, view):
    view.confirm = lambda text: True
    category = view.document.form.indicators[0].children[0]
    removed = category.children[0]
    view.select_node(removed, COL_REASON)
    assert view.edits.delete_selected()
    view.select_node(view.document.form.indicators[2], COL_NAME)
    view.document.undo_stack.undo()
    assert category.children[0] is removed
    assert current_cell(view) == (removed.name, COL_NAME)


def test_undo_of_an_added_row_selects_the_row_in_its_place(qtbot, view):
    category = view.document.form.indicators[0].children[0]
    after = category.children[1]
    view.document.push(InsertNodesCommand(view.document, category, 1,
                                          [Leaf(name="新指标", target="≥1次", actual="1次", weight=Decimal(1))]))
    view.document.undo_stack.undo()
    assert current_cell(view) == (after.name, COL_NAME)


def test_an_edit_or_a_change_outside_the_tree_leaves_the_cursor_alone(qtbot, view):
    replayed: list = []
    view.document.replayed.connect(replayed.append)
    leaf = last_leaf(view)
    first = next(view.document.form.iter_leaves())[2]
    view.select_node(first, COL_ACTUAL)
    view.document.set_value(leaf, "remark", "见附件")  # an edit (here: from elsewhere) is not a replay
    view.document.set_value(view.document.form.project, "name", "另一个项目")
    assert replayed == [] and current_cell(view) == (first.name, COL_ACTUAL)
    view.document.undo_stack.undo()  # the project name: not in the tree
    assert replayed == [[(view.document.form.project, "name")]]
    assert current_cell(view) == (first.name, COL_ACTUAL)
