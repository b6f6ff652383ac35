"""Structural undo commands: the form changes, the model hears it as row signals, undo restores it."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.draft import load_draft
from model.form import Category, Leaf
from ui.commands import InsertNodesCommand, MacroCommand, MoveNodesCommand, RemoveNodesCommand, set_values
from ui.document import FormDocument, SetValueCommand
from ui.indicators.tree_model import IndicatorTreeModel


@pytest.fixture
def document(forms_dir: Path) -> FormDocument:
    return FormDocument(load_draft(forms_dir / "f17.json"))


def names(nodes) -> list[str]:
    return [node.name for node in nodes]


def record(model: IndicatorTreeModel, signal_name: str) -> list[tuple]:
    calls: list[tuple] = []
    getattr(model, signal_name).connect(lambda *args: calls.append(
        tuple(model.node_for(a) if hasattr(a, "isValid") else a for a in args)))
    return calls


def test_insert_fires_rows_inserted_and_undo_removes(qtmodeltester, document):
    model = IndicatorTreeModel(document)
    qtmodeltester.check(model)
    category = document.form.indicators[0].children[0]
    inserted, removed = record(model, "rowsInserted"), record(model, "rowsRemoved")
    new = Leaf(name="新指标", target="≥1次", actual="1次", weight=Decimal(2))
    document.push(InsertNodesCommand(document, category, 1, [new]))
    assert names(category.children) == ["走访慰问人数", "新指标", "组织各县市召开站点会"]
    assert inserted == [(category, 1, 1)]
    assert model.index_for(new).row() == 1
    assert document.evaluation.sum_of(category).weight == Decimal(12)
    document.undo_stack.undo()
    assert names(category.children) == ["走访慰问人数", "组织各县市召开站点会"]
    assert removed == [(category, 1, 1)]
    assert not model.index_for(new).isValid()
    document.undo_stack.redo()
    assert category.children[1] is new


def test_remove_keeps_the_objects_for_undo(document):
    model = IndicatorTreeModel(document)
    dimension = document.form.indicators[0]
    cost = dimension.children[3]
    removed = record(model, "rowsRemoved")
    document.push(RemoveNodesCommand(document, dimension, 3, 1, "删除二级指标"))
    assert names(dimension.children) == ["数量指标", "质量指标", "时效指标"]
    assert removed == [(dimension, 3, 3)]
    assert document.evaluation.sum_of(dimension).weight == Decimal(30)
    document.undo_stack.undo()
    assert dimension.children[3] is cost
    assert model.rowCount(model.index_for(cost)) == 4
    assert document.evaluation.total == Decimal("70.52")


def test_move_fires_rows_moved_with_qt_destination(document):
    model = IndicatorTreeModel(document)
    category = document.form.indicators[0].children[3]
    before = names(category.children)
    moved = record(model, "rowsMoved")
    document.push(MoveNodesCommand(document, category, 0, 1))  # down one
    assert names(category.children) == [before[1], before[0], before[2], before[3]]
    assert moved == [(category, 0, 0, category, 2)]  # Qt counts the destination before the move
    document.push(MoveNodesCommand(document, category, 3, 0))  # last to first
    assert moved[-1] == (category, 3, 3, category, 0)
    assert names(category.children)[0] == before[3]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert names(category.children) == before
    assert model.index_for(category.children[2]).row() == 2


@pytest.mark.parametrize("call", [
    lambda d, c: d.insert_nodes(c, 5, [Leaf()]),
    lambda d, c: d.remove_nodes(c, 1, 2),
    lambda d, c: d.move_nodes(c, 0, 1, 2),
    lambda d, c: d.move_nodes(c, -1, 1, 0),
])
def test_out_of_range_structure_changes_are_refused_before_any_signal(document, call):
    model = IndicatorTreeModel(document)
    category = document.form.indicators[0].children[0]
    signals = record(model, "rowsAboutToBeInserted") + record(model, "rowsAboutToBeRemoved")
    with pytest.raises(IndexError):
        call(document, category)
    assert names(category.children) == ["走访慰问人数", "组织各县市召开站点会"]
    assert signals == []


def test_macro_is_one_undo_step_and_one_evaluation(document):
    category = document.form.indicators[0].children[0]
    leaf = category.children[0]
    evaluations: list[int] = []
    document.evaluated.connect(lambda: evaluations.append(1))
    macro = MacroCommand(document, "粘贴", [
        SetValueCommand(document, leaf, "actual", "200人", "粘贴"),
        SetValueCommand(document, leaf, "remark", "备注", "粘贴"),
        InsertNodesCommand(document, category, 2, [Leaf(name="甲", weight=Decimal(1))]),
    ])
    document.push(macro)
    assert len(evaluations) == 1
    assert document.undo_stack.count() == 1
    assert document.evaluation.total == Decimal("74.52")
    document.undo_stack.undo()
    assert len(evaluations) == 2
    assert (leaf.actual, leaf.remark, len(category.children)) == ("40人", "", 2)
    assert document.evaluation.total == Decimal("70.52")


def test_set_values_skips_unchanged_and_groups_the_rest(document):
    leaf = document.form.indicators[0].children[0].children[0]
    assert not set_values(document, "无变化", [(leaf, "actual", "40人")])
    assert document.undo_stack.count() == 0
    assert set_values(document, "两处", [(leaf, "actual", "50人"), (leaf, "score", Decimal(2)),
                                        (leaf, "name", leaf.name)])
    assert document.undo_stack.count() == 1
    assert (leaf.actual, leaf.score) == ("50人", Decimal(2))
    document.undo_stack.undo()
    assert (leaf.actual, leaf.score) == ("40人", None)


def test_category_insert_with_children(document):
    model = IndicatorTreeModel(document)
    dimension = document.form.indicators[1]
    category = Category("经济效益指标", [Leaf(name="甲")])
    document.push(InsertNodesCommand(document, dimension, 0, [category], "添加二级指标"))
    assert model.rowCount(model.index_for(category)) == 1
    assert model.index_for(category.children[0]).parent() == model.index_for(category)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["insert", "remove", "move", "undo", "redo"]),
                          st.integers(0, 9), st.integers(0, 9)), max_size=12))
def test_random_structure_edits_keep_model_and_form_in_step(forms_dir, steps):
    document = FormDocument(load_draft(forms_dir / "f07.json"))
    model = IndicatorTreeModel(document)
    original = [names(c.children) for d in document.form.indicators for c in d.children]
    category = document.form.indicators[0].children[0]
    for kind, a, b in steps:
        count = len(category.children)
        if kind == "insert":
            document.push(InsertNodesCommand(document, category, a % (count + 1), [Leaf(name=f"新{a}")]))
        elif kind == "remove" and count:
            document.push(RemoveNodesCommand(document, category, a % count))
        elif kind == "move" and count:
            document.push(MoveNodesCommand(document, category, a % count, b % count))
        elif kind == "undo":
            document.undo_stack.undo()
        elif kind == "redo":
            document.undo_stack.redo()
        parent = model.index_for(category)
        assert [model.data(model.index(r, 0, parent)) for r in range(model.rowCount(parent))] == \
            names(category.children)
        assert all(model.parent(model.index(r, 3, parent)) == parent for r in range(model.rowCount(parent)))
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert [names(c.children) for d in document.form.indicators for c in d.children] == original
