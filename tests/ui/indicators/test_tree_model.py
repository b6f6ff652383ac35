"""The indicator tree model over real forms: Qt's model rules, live re-scoring, flags, edits."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from model.draft import load_draft
from model.form import Leaf
from model.values import format_score
from ui.commands import InsertNodesCommand, MoveNodesCommand, RemoveNodesCommand
from ui.document import FormDocument
from ui.qt import QModelIndex, Qt
from ui.indicators.cells import (COL_ACTUAL, COL_NAME, COL_REASON, COL_REMARK, COL_SCORE, COL_WEIGHT, ERROR_BACKGROUND,
                                 FlagRole, IssuesRole, LevelRole, ManualRole, NodeRole)
from ui.indicators.cells import FREE_WEIGHT_TIP
from ui.indicators.tree_model import IndicatorTreeModel
from tests.region_forms import region_form

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole


def open_model(forms_dir: Path, name: str = "f17.json") -> tuple[FormDocument, IndicatorTreeModel]:
    document = FormDocument(load_draft(forms_dir / name))
    return document, IndicatorTreeModel(document)


def find_leaf(document: FormDocument, name: str) -> Leaf:
    return next(leaf for _, _, leaf in document.form.iter_leaves() if leaf.name == name)


def text(model: IndicatorTreeModel, node, column: int, role=DISPLAY):
    return model.data(model.index_for(node, column), role)


def test_qt_model_rules_hold_for_every_real_form(qtmodeltester, real_form_paths):
    for path in real_form_paths:
        document = FormDocument(load_draft(path))
        qtmodeltester.check(IndicatorTreeModel(document))


def test_model_rules_hold_through_structural_edits_and_undo(qtmodeltester, forms_dir):
    document, model = open_model(forms_dir)
    qtmodeltester.check(model)  # the tester stays connected and checks every signal that follows
    category = document.form.indicators[0].children[3]
    document.push(InsertNodesCommand(document, category, 1, [Leaf(name="新增一"), Leaf(name="新增二")]))
    document.push(MoveNodesCommand(document, category, 0, 3))
    document.push(RemoveNodesCommand(document, category, 2, 2))
    document.push(MoveNodesCommand(document, document.form.indicators[0], 3, 0))
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    qtmodeltester.check(model)


def test_columns_follow_the_template(forms_dir):
    document, model = open_model(forms_dir)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分", "未完成原因分析", "备注"]  # as printed


def test_levels_sums_and_declared_weight(forms_dir):
    document, model = open_model(forms_dir)
    output = document.form.indicators[0]
    quantity = output.children[0]
    assert text(model, output, COL_NAME) == "产出指标"
    assert model.data(model.index_for(output), LevelRole) == 1
    assert model.data(model.index_for(quantity), LevelRole) == 2
    assert text(model, quantity, COL_WEIGHT) == "10"
    assert text(model, quantity, COL_SCORE) == "6"
    assert text(model, output, COL_WEIGHT) == "50"
    assert text(model, output, COL_SCORE) == "36"
    assert model.rowCount(model.index_for(quantity, COL_SCORE)) == 0  # only column 0 has children
    output.weight = Decimal(48)
    document.reevaluate()
    assert text(model, output, COL_WEIGHT) == "50 / 48"
    assert text(model, output, COL_WEIGHT, EDIT) == "48"
    assert model.data(model.index_for(output, COL_WEIGHT), FlagRole) == "error"


def test_editing_actual_value_rescores_leaf_sums_total_and_grade(qtbot, forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    category = document.form.indicators[0].children[0]
    dimension = document.form.indicators[0]
    assert text(model, leaf, COL_SCORE) == "1"
    assert document.evaluation.total == Decimal("70.52")
    changed: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((id(model.node_for(a)), a.column(), b.column())))

    assert model.setData(model.index_for(leaf, COL_ACTUAL), "200人", EDIT)

    assert leaf.actual == "200人"
    assert text(model, leaf, COL_SCORE) == "5"
    assert text(model, category, COL_SCORE) == "10"
    assert text(model, dimension, COL_SCORE) == "40"
    assert document.evaluation.total == Decimal("74.52")
    assert document.evaluation.grade == "中"
    repainted = {(node, first, last) for node, first, last in changed}
    for node in (leaf, category, dimension):
        assert any(n == id(node) and first <= COL_SCORE <= last for n, first, last in repainted)
    assert any(n == id(leaf) and first == COL_ACTUAL for n, first, _ in repainted)
    untouched = find_leaf(document, "在外务工人员满意度")
    assert not any(n == id(untouched) for n, _, _ in repainted)  # rows that did not change stay quiet


def test_score_tooltip_explains_the_calculation(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    assert text(model, leaf, COL_SCORE, Qt.ItemDataRole.ToolTipRole) == "5 × 40 ÷ 200 = 1.00"


def test_typing_a_reason_clears_the_flag(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    model.setData(model.index_for(leaf, COL_REASON), "", EDIT)
    reason = model.index_for(leaf, COL_REASON)
    assert model.data(reason, FlagRole) == "error"
    assert model.data(reason, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert model.data(reason, Qt.ItemDataRole.DecorationRole) is not None
    issues = model.data(reason, IssuesRole)
    assert [issue.code for issue in issues] == ["reason-required"]
    assert "未完成原因分析" in model.data(reason, Qt.ItemDataRole.ToolTipRole)

    model.setData(reason, "慰问计划调整", EDIT)

    assert model.data(reason, FlagRole) is None
    assert model.data(reason, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(reason, Qt.ItemDataRole.DecorationRole) is None


def test_warning_has_its_own_colour(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "各项工作任务完成率")
    model.setData(model.index_for(leaf, COL_ACTUAL), "150%", EDIT)  # far above ≥95%: explain it
    reason = model.index_for(leaf, COL_REASON)
    assert model.data(reason, FlagRole) == "warning"
    assert model.data(reason, Qt.ItemDataRole.BackgroundRole).color() != ERROR_BACKGROUND


@pytest.mark.parametrize("column, bad", [(COL_WEIGHT, "abc"), (COL_WEIGHT, "-5"), (COL_SCORE, "五"),
                                         (COL_SCORE, "-1")])
def test_bad_numbers_are_refused_and_the_old_value_stays(qtbot, forms_dir, column, bad):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    index = model.index_for(leaf, column)
    before = model.data(index, DISPLAY)
    with qtbot.waitSignal(model.message) as message:
        assert not model.setData(index, bad, EDIT)
    assert "已保留原值" in message.args[0]
    assert model.data(index, DISPLAY) == before
    assert not document.undo_stack.canUndo()


def test_hand_set_score_looks_different_and_empty_restores_automatic(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    index = model.index_for(leaf, COL_SCORE)
    assert model.setData(index, "3", EDIT)
    assert leaf.score == Decimal(3)
    assert model.data(index, DISPLAY) == "3(手)"
    assert model.data(index, EDIT) == "3"
    assert model.data(index, ManualRole) is True
    assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert model.setData(index, "", EDIT)
    assert leaf.score is None
    assert model.data(index, DISPLAY) == "1"
    assert model.data(index, ManualRole) is False


def test_typing_the_computed_score_keeps_it_automatic(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    assert model.setData(model.index_for(leaf, COL_SCORE), "1", EDIT)
    assert leaf.score is None
    assert not document.undo_stack.canUndo()


def test_dimension_weight_and_names_are_editable_sums_are_not(forms_dir):
    document, model = open_model(forms_dir)
    dimension = document.form.indicators[0]
    category = dimension.children[0]
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_for(dimension, COL_WEIGHT)) & editable
    assert not model.flags(model.index_for(dimension, COL_SCORE)) & editable
    assert not model.flags(model.index_for(category, COL_WEIGHT)) & editable
    assert model.flags(model.index_for(category, COL_NAME)) & editable
    assert model.setData(model.index_for(dimension, COL_WEIGHT), "45", EDIT)
    assert dimension.weight == Decimal(45)
    assert model.setData(model.index_for(category, COL_NAME), "数量指标(调整)", EDIT)
    assert category.name == "数量指标(调整)"


def test_undo_and_redo_restore_values(forms_dir):
    document, model = open_model(forms_dir)
    leaf = find_leaf(document, "走访慰问人数")
    model.setData(model.index_for(leaf, COL_ACTUAL), "200人", EDIT)
    model.setData(model.index_for(leaf, COL_REMARK), "备注一", EDIT)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert text(model, leaf, COL_ACTUAL) == "40人"
    assert text(model, leaf, COL_REMARK) == ""
    assert text(model, leaf, COL_SCORE) == "1"
    assert document.evaluation.total == Decimal("70.52")
    document.undo_stack.redo()
    assert text(model, leaf, COL_SCORE) == "5"
    assert document.undo_stack.undoText() == "修改“走访慰问人数”的实际完成值"


def test_parent_lookups_and_paths(forms_dir):
    document, model = open_model(forms_dir)
    leaf = document.form.indicators[1].children[0].children[0]
    index = model.index_for(leaf, COL_SCORE)
    assert model.path_of(leaf) == (1, 0, 0)
    assert model.node_at((1, 0, 0)) is leaf
    assert model.node_at((9,)) is None
    assert model.data(index, NodeRole) is leaf
    assert model.parent(index) == model.index_for(document.form.indicators[1].children[0])
    assert model.parent(model.index_for(document.form.indicators[1])) == QModelIndex()


def test_template_without_remark_column(forms_dir):
    document, model = open_model(forms_dir)
    from model.template_registry import get_template
    national = FormDocument(load_draft(forms_dir / "f01.json"), template=get_template("mof-2020"))
    model.set_document(national)
    assert model.columnCount() == 6
    assert model.headerData(COL_REASON, Qt.Orientation.Horizontal) == "偏差原因分析及改进措施"
    assert model.column_for_field("remark") == COL_NAME


def test_a_level1_weight_left_to_the_form_shows_its_leaves_and_is_not_typed(qtmodeltester):
    form = region_form("hubei-2021")
    dimension = form.indicators[0]
    dimension.weight = Decimal(0)  # 湖北 fixes only the 80 points of all indicators
    document = FormDocument(form)
    model = IndicatorTreeModel(document)
    qtmodeltester.check(model)
    leaves = sum((leaf.weight for category in dimension.children for leaf in category.children), Decimal(0))
    assert text(model, dimension, COL_WEIGHT) == format_score(leaves)  # not "40 / 0"
    assert FREE_WEIGHT_TIP in text(model, dimension, COL_WEIGHT, Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(model.index_for(dimension, COL_WEIGHT)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_for(dimension, COL_NAME)) & Qt.ItemFlag.ItemIsEditable


def test_a_fixed_level1_weight_can_still_be_typed(forms_dir):
    document, model = open_model(forms_dir)
    dimension = document.form.indicators[0]
    assert model.flags(model.index_for(dimension, COL_WEIGHT)) & Qt.ItemFlag.ItemIsEditable
    assert "标明分值" in text(model, dimension, COL_WEIGHT, Qt.ItemDataRole.ToolTipRole)
