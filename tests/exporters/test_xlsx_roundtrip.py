"""Export then import gives the same forms, also after the workbook was edited in a spreadsheet."""
from __future__ import annotations

import copy
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters.xlsx_reader import WorkbookError, cell_decimal, import_workbook, read_workbook
from exporters.xlsx_writer import workbook_bytes, write_workbook
from model.draft import form_to_dict, load_draft
from model.form import Leaf
from model.report import AssessedForm, assess_form, load_assessed
from tests.exporters.sheet_rows import label_rows


@pytest.fixture
def assessed(real_form_paths: list[Path]) -> list[AssessedForm]:
    return [load_assessed(p) for p in real_form_paths]


def _save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def _shifted_merges(ws, at: int, delta: int) -> list[tuple[int, int, int, int]]:
    """Unmerge everything and return the merged areas as Excel moves them when a row is inserted
    (``delta`` 1) or deleted (-1) at row ``at``; openpyxl's insert_rows/delete_rows leave them alone."""
    shifted = []
    for rng in list(ws.merged_cells.ranges):
        min_row, min_col, max_row, max_col = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        ws.unmerge_cells(str(rng))
        if delta < 0 and min_row == max_row == at:
            continue
        if min_row > at or (delta > 0 and min_row == at):
            min_row, max_row = min_row + delta, max_row + delta
        elif max_row >= at:
            max_row += delta
        shifted.append((min_row, min_col, max_row, max_col))
    return shifted


def _merge(ws, ranges: list[tuple[int, int, int, int]]) -> None:
    for min_row, min_col, max_row, max_col in ranges:
        if max_row > min_row or max_col > min_col:
            ws.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row, end_column=max_col)


def insert_row_like_excel(ws, at: int) -> None:
    ranges = _shifted_merges(ws, at, 1)
    ws.insert_rows(at)
    _merge(ws, ranges)


def delete_row_like_excel(ws, at: int) -> None:
    ranges = _shifted_merges(ws, at, -1)
    ws.delete_rows(at)
    _merge(ws, ranges)


def test_all_ten_real_forms_come_back_equal(assessed, tmp_path):
    path = tmp_path / "all.xlsx"
    write_workbook(assessed, path)
    sheets = read_workbook(path)
    assert [name for name, _ in sheets] == [item.name for item in assessed]
    for item, (_, form) in zip(assessed, sheets):
        assert form_to_dict(form) == form_to_dict(item.form), item.name


def test_single_form_workbook_round_trip(assessed, tmp_path):
    item = assessed[6]
    path = tmp_path / "one.xlsx"
    path.write_bytes(workbook_bytes([item]))
    [(name, form)] = read_workbook(path)
    assert name == item.name
    assert form_to_dict(form) == form_to_dict(item.form)


def test_reading_reports_each_sheet_and_stops_when_the_report_raises(assessed, tmp_path):
    path = tmp_path / "three.xlsx"
    path.write_bytes(workbook_bytes(assessed[:3]))  # a 汇总 sheet and three forms
    seen: list[tuple[int, int]] = []
    assert len(read_workbook(path, progress=lambda done, total: seen.append((done, total)))) == 3
    assert seen == [(n, 4) for n in range(1, 5)]

    class Stop(Exception):
        pass

    def stop_after_two(done: int, _total: int) -> None:
        if done == 2:
            raise Stop  # the window's 取消
    with pytest.raises(Stop):
        read_workbook(path, progress=stop_after_two)


def test_import_workbook_writes_drafts_with_safe_unique_names(assessed, tmp_path):
    forms = [copy.deepcopy(assessed[0].form) for _ in range(3)]
    forms[1].project.name = "a/b:c*?<>|\"名"
    forms[2].project.name = forms[0].project.name  # same project twice
    path = tmp_path / "book.xlsx"
    write_workbook([assess_form(f) for f in forms], path)
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / f"{forms[0].project.name}.json").write_text("keep", encoding="utf-8")
    written, broken = import_workbook(path, out)
    assert broken == []
    assert [p.name for p in written] == [f"{forms[0].project.name}(2).json", "a_b_c______名.json",
                                         f"{forms[0].project.name}(3).json"]
    assert (out / f"{forms[0].project.name}.json").read_text(encoding="utf-8") == "keep"
    for form, target in zip(forms, written):
        assert form_to_dict(load_draft(target)) == form_to_dict(form)


def test_import_after_inserting_and_deleting_rows_in_the_indicator_block(assessed, tmp_path):
    item = assessed[0]  # f01: 成本指标 has 6 leaves
    wb = load_workbook(io.BytesIO(workbook_bytes([item])))
    ws = wb[item.name]
    first = label_rows(ws)["绩效指标"] + 1
    row = first + 4  # inside 成本指标, before "其他办公用品"
    assert ws.cell(row, L.COL_LEAF).value == "其他办公用品"
    insert_row_like_excel(ws, row)
    for col, value in zip(range(L.COL_LEAF, L.COL_REASON + 1), ("新增指标", "≥10人", "12人", 5, None, "")):
        ws.cell(row, col).value = value
    deleted = first + 6  # "体检考务费", one row lower than before
    assert ws.cell(deleted, L.COL_LEAF).value == "体检考务费"
    delete_row_like_excel(ws, deleted)
    # and a new last row under 满意度指标, with empty 一级/二级 cells (they inherit from above)
    total = label_rows(ws)["总分"]
    insert_row_like_excel(ws, total)
    for col, value in zip(range(L.COL_LEAF, L.COL_SCORE + 1), ("回访满意度", "≥80%", "70%", 0, 0)):
        ws.cell(total, col).value = value
    [(_, form)] = read_workbook(_save(wb, tmp_path / "edited.xlsx"))

    expected = copy.deepcopy(item.form)
    cost = expected.indicators[0].children[3].children
    cost.insert(1, Leaf("新增指标", "≥10人", "12人", Decimal(5)))
    del cost[3]
    expected.indicators[2].children[0].children.append(Leaf("回访满意度", "≥80%", "70%", Decimal(0)))
    assert form_to_dict(form) == form_to_dict(expected)
    # formulas are stale after openpyxl's edit, yet the model recomputes from the inputs
    evaluation = assess_form(form).evaluation
    assert evaluation.total == item.evaluation.total - 5 + 5  # 体检考务费 (5 of 5) out, 新增指标 5 of 5 in


def test_edited_values_are_read_as_exact_decimals(assessed, tmp_path):
    item = assessed[0]
    wb = load_workbook(io.BytesIO(workbook_bytes([item])))
    ws = wb[item.name]
    funds = label_rows(ws)["项目资金(元)"] + 1
    ws.cell(funds, L.COL_F_BUDGET).value = 6000000.0
    ws.cell(funds, L.COL_F_EXECUTED).value = 3980803.1499999999  # how a float may come back
    ws.cell(funds, L.COL_F_INITIAL).value = "1,234.50"  # typed as text
    ws.cell(funds + 1, L.COL_F_INITIAL).value = None
    [(_, form)] = read_workbook(_save(wb, tmp_path / "edited.xlsx"))
    total = form.funds.rows[0]
    assert (total.budget, total.executed, total.initial) == (Decimal(6000000), Decimal("3980803.15"),
                                                             Decimal("1234.5"))
    assert str(total.budget) == "6000000"
    assert form.funds.rows[1].initial is None
    evaluation = assess_form(form).evaluation
    assert (evaluation.funds_rate, evaluation.funds_score) == (Decimal("66.35"), Decimal("6.63"))


def test_cell_decimal_undoes_binary_floats():
    assert cell_decimal(0.1 + 0.2) == Decimal("0.3")
    assert str(cell_decimal(300000.0)) == "300000"
    assert str(cell_decimal(1e-7)) == "1E-7"
    assert cell_decimal(188480) == Decimal(188480)
    assert cell_decimal("１２３") == Decimal(123)
    for bad in (True, "十", float("nan"), float("inf")):
        with pytest.raises(ValueError):
            cell_decimal(bad)


def _leaf_row(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_LEAF).value == name)


def test_hand_set_and_automatic_scores_survive_editing(assessed, tmp_path):
    form = copy.deepcopy(assessed[0].form)
    leaves = {leaf.name: leaf for _, _, leaf in form.iter_leaves()}
    leaves["成功招募到岗率"].score = Decimal(5)  # hand-set, equal to the automatic score
    leaves["面试考务费"].score = Decimal("3.5")  # hand-set below the automatic 5
    wb = load_workbook(io.BytesIO(workbook_bytes([assess_form(form)])))
    ws = wb[form.project.name]
    [(_, unchanged)] = read_workbook(_save(wb, tmp_path / "same.xlsx"))
    assert form_to_dict(unchanged) == form_to_dict(form)

    ws.cell(_leaf_row(ws, "展板印刷等"), L.COL_ACTUAL).value = "6万元"  # score cell left at 0
    ws.cell(_leaf_row(ws, "体检考务费"), L.COL_SCORE).value = 4  # a person changes an automatic score
    ws.cell(_leaf_row(ws, "面试考务费"), L.COL_SCORE).value = None  # cleared: automatic again
    ws.cell(_leaf_row(ws, "招募人员满意度"), L.COL_SCORE).value = 10.0  # retyped, same as automatic
    [(_, edited)] = read_workbook(_save(wb, tmp_path / "edited.xlsx"))
    got = {leaf.name: leaf.score for _, _, leaf in edited.iter_leaves()}
    assert got["展板印刷等"] is None  # recomputed: 6万元 meets =6万元
    assert assess_form(edited).evaluation.leaf(
        next(lf for _, _, lf in edited.iter_leaves() if lf.name == "展板印刷等")).score == 5
    assert got["体检考务费"] == Decimal(4)
    assert got["面试考务费"] is None
    assert got["招募人员满意度"] is None
    assert got["成功招募到岗率"] == Decimal(5)


def test_a_negative_hand_set_score_comes_back_to_be_flagged(assessed, tmp_path):
    """A clerk who typed −1 in a score cell gets the form back with score-out-of-range, not a refusal."""
    form = copy.deepcopy(assessed[0].form)
    wb = load_workbook(io.BytesIO(workbook_bytes([assess_form(form)])))
    ws = wb[form.project.name]
    ws.cell(_leaf_row(ws, "体检考务费"), L.COL_SCORE).value = -1
    [(_, edited)] = read_workbook(_save(wb, tmp_path / "negative.xlsx"))
    got = next(lf for _, _, lf in edited.iter_leaves() if lf.name == "体检考务费")
    assert got.score == Decimal(-1)
    assert "score-out-of-range" in [i.code for i in assess_form(edited).evaluation.issues]


def test_new_row_score_is_hand_set_only_when_it_differs_from_the_rules(assessed, tmp_path):
    item = assessed[0]
    wb = load_workbook(io.BytesIO(workbook_bytes([item])))
    ws = wb[item.name]
    for score in (Decimal("7.2"), Decimal(6)):
        total = label_rows(ws)["总分"]
        insert_row_like_excel(ws, total)
        for col, value in zip(range(L.COL_LEAF, L.COL_SCORE + 1), (f"新{score}", "≥2500", "1800", 10, score)):
            ws.cell(total, col).value = value
    [(_, form)] = read_workbook(_save(wb, tmp_path / "edited.xlsx"))
    new = {leaf.name: leaf.score for _, _, leaf in form.iter_leaves() if leaf.name.startswith("新")}
    assert new == {"新7.2": None, "新6": Decimal(6)}  # 10 × 1800 ÷ 2500 = 7.2 is the rules' score


def test_dates_and_numbers_typed_into_text_cells(assessed, tmp_path):
    import datetime
    item = assessed[0]
    wb = load_workbook(io.BytesIO(workbook_bytes([item])))
    ws = wb[item.name]
    date_cell = next(c for row in ws.iter_rows(max_row=3) for c in row if c.value == "2025-01-23")
    date_cell.value = datetime.datetime(2025, 2, 1)
    ws.cell(_leaf_row(ws, "招募人员满意度"), L.COL_ACTUAL).value = 95
    [(_, form)] = read_workbook(_save(wb, tmp_path / "edited.xlsx"))
    assert form.project.fill_date == "2025-02-01"
    assert form.indicators[2].children[0].children[0].actual == "95"


def test_formula_typed_into_an_input_cell_uses_its_saved_result(assessed, tmp_path):
    item = assessed[0]
    wb = load_workbook(io.BytesIO(workbook_bytes([item])))
    ws = wb[item.name]
    row = _leaf_row(ws, "招募人员满意度")
    ws.cell(row, L.COL_WEIGHT).value = "=5+5"
    with pytest.raises(WorkbookError) as info:
        read_workbook(_save(wb, tmp_path / "formula.xlsx"))
    assert f"单元格 G{row}" in str(info.value) and "公式" in str(info.value)


def test_unusual_structures_round_trip(assessed, tmp_path):
    """Declared weights that differ from the leaves, empty groups, an empty leaf, "=" texts, no 备注."""
    from tests.exporters.test_xlsx_structure import mof_form
    form = copy.deepcopy(assessed[0].form)
    form.indicators[0].weight = Decimal("45.5")
    form.indicators[1].children.append(type(form.indicators[1].children[0])(name="空的二级指标"))
    form.indicators.append(type(form.indicators[0])(name="空的一级指标", weight=Decimal(0)))
    form.indicators[2].children[0].children.append(Leaf())
    form.indicators[2].children[0].children[0].remark = "=备注以等号开头"
    form.goals.expected = "第一行\n第二行"
    mof = mof_form(copy.deepcopy(assessed[1]))
    path = tmp_path / "unusual.xlsx"
    write_workbook([assess_form(form), mof], path)
    (_, got), (_, got_mof) = read_workbook(path)
    assert form_to_dict(got) == form_to_dict(form)
    assert form_to_dict(got_mof) == form_to_dict(mof.form)
    assert got_mof.template == "mof-2020" and got_mof.funds.rows[0].budget == Decimal("30.25")


def test_a_sheet_whose_cells_were_all_unmerged_keeps_its_fill_date_and_contact(assessed, tmp_path):
    """After 取消合并 the 填报日期 value sits further right than the cell after its label: it was lost."""
    path = tmp_path / "book.xlsx"
    write_workbook(assessed[:1], path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]  # one form: no 汇总 sheet
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    _save(wb, path)
    (_, got), = read_workbook(path)
    original = assessed[0].form.project
    assert got.project.fill_date == original.fill_date != ""
    assert (got.project.contact, got.project.phone) == (original.contact, original.phone)
