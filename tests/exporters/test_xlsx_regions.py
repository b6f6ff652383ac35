"""Each template's workbook prints its own layout and imports back to the same form, v2 texts included
(funds 原因, extra header fields and tick boxes, closing blocks)."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.form_labels import labels_for
from exporters.xlsx_reader import read_workbook
from exporters.xlsx_writer import write_workbook
from model.draft import form_to_dict
from model.report import assess_form
from model.template_registry import get_template
from tests.region_forms import TEMPLATE_IDS, region_form


def _texts(path) -> list[str]:
    ws = load_workbook(path).worksheets[0]
    return [L.normalize_label(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_each_template_round_trips_through_its_workbook(template_id, tmp_path):
    form = region_form(template_id)
    path = tmp_path / f"{template_id}.xlsx"
    write_workbook([assess_form(form)], path)
    (_, got), = read_workbook(path)
    assert form_to_dict(got) == form_to_dict(form)
    assert got.header == form.header and got.closing == form.closing and got.funds.reason == form.funds.reason


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_each_template_prints_its_labels_in_the_workbook(template_id, tmp_path):
    template = get_template(template_id)
    labels = labels_for(template)
    path = tmp_path / "form.xlsx"
    write_workbook([assess_form(region_form(template_id))], path)
    texts = _texts(path)
    assert L.normalize_label(labels.title) in texts
    for field in labels.header_fields:
        assert L.normalize_label(field.title) in texts, field.title
    for block in labels.closing_blocks:
        assert L.normalize_label(block.title) in texts
    for column in labels.funds_columns:
        assert L.normalize_label(column.title) in texts, column.title
    joined = "".join(texts)
    for column in labels.indicator_columns:
        assert L.normalize_label(column.title) in joined, column.title
    for name in labels.signatures:
        assert any(t.startswith(f"{name}:") for t in texts)


def test_hubei_tick_boxes_and_sichuan_reason_in_cells(tmp_path):
    hubei, sichuan = region_form("hubei-2021"), region_form("sichuan-2023")
    path = tmp_path / "two.xlsx"
    write_workbook([assess_form(hubei), assess_form(sichuan)], path)
    wb = load_workbook(path)
    texts = [c.value for row in wb.worksheets[1].iter_rows() for c in row if isinstance(c.value, str)]
    assert "□部门预算项目\u3000□财政专项\u3000■市对下转移支付项目" in texts
    assert "年度财政资金总额" in texts and "年初预算数" not in texts
    texts = [c.value for row in wb.worksheets[2].iter_rows() for c in row if isinstance(c.value, str)]
    assert "原因" in texts and "部分工程款待审计后支付。" in texts and "项目负责人:" + L.SIGN_BLANK in texts


def test_a_tick_typed_by_hand_is_read(tmp_path):
    form = region_form("hubei-2021")
    path = tmp_path / "hubei.xlsx"
    write_workbook([assess_form(form)], path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("□持续性"):
                cell.value = "√持续性 □新增性"
    wb.save(path)
    (_, got), = read_workbook(path)
    assert got.header["project_attribute"] == "持续性"


def _leaf_row(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_LEAF).value == name)


def test_sichuan_prints_the_target_in_its_split_columns(tmp_path):
    path = tmp_path / "sichuan.xlsx"
    write_workbook([assess_form(region_form("sichuan-2023"))], path)
    ws = load_workbook(path).worksheets[0]
    cols = L.columns_for(get_template("sichuan-2023"))
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标(90分)")  # as REGIONS.md
    assert [ws.cell(header, c).value for c in range(2, cols.last + 1)] == list(labels_for(
        get_template("sichuan-2023")).table_headers())
    row = _leaf_row(ws, "指标1")
    assert [ws.cell(row, c).value for c in range(5, 9)] == ["≥", "95", "%", "96"]
    assert ws.cell(1, cols.mark).value.endswith(":sichuan-2023") and cols.mark == L.COL_MARK + 1


def _book_with_typed_cells(path, template_id: str, typed: dict[str, object]):
    """The template's sample form as a workbook at ``path``, then 指标1's cells named by ``typed``
    (split column keys) typed over as a clerk does in the sheet; the template's columns are returned."""
    write_workbook([assess_form(region_form(template_id))], path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cols = L.columns_for(get_template(template_id))
    row = _leaf_row(ws, "指标1")
    for key, value in typed.items():
        ws.cell(row, cols.col(key)).value = value
    wb.save(path)
    return cols


def test_an_edited_split_target_is_joined_back(tmp_path):
    path = tmp_path / "split.xlsx"
    _book_with_typed_cells(path, "mof-2020-split", {"target_value": "98", "actual_value": 97})
    (_, got), = read_workbook(path)
    leaves = {leaf.name: leaf for _, _, leaf in got.iter_leaves()}
    assert leaves["指标1"].target == "≥98%" and leaves["指标1"].actual == "97%"
    assert leaves["指标2"].target == "≤30万元" and leaves["指标2"].actual == "28万元"  # untouched: as written


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")
def test_libreoffice_marks_an_edited_split_target_stale(tmp_path):
    source = tmp_path / "sichuan.xlsx"
    cols = _book_with_typed_cells(source, "sichuan-2023", {"target_value": "99"})
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(source)], check=True, timeout=600,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ws = load_workbook(out / "sichuan.xlsx", data_only=True).worksheets[0]
    leaves = [_leaf_row(ws, name) for name in ("指标1", "指标2", "指标3")]
    assert [ws.cell(r, cols.status).value or "" for r in leaves] == [L.STALE, "", ""]
    (_, got), = read_workbook(out / "sichuan.xlsx")
    assert next(leaf for _, _, leaf in got.iter_leaves()).target == "≥99%"


def test_a_free_weight_layout_labels_each_level1_with_its_leaves_and_imports_them(tmp_path):
    form = region_form("hubei-2021")
    for dimension in form.indicators:
        dimension.weight = Decimal(0)  # not typed: 湖北 leaves the split to the form
    af = assess_form(form)
    path = tmp_path / "hubei.xlsx"
    write_workbook([af], path)
    sums = [af.evaluation.sum_of(d).weight for d in form.indicators]
    labels = [L.split_dimension_label(t) for t in _texts(path) if t.startswith(("产出", "效益", "满意度"))]
    assert [weight for _, weight in labels] == sums
    (_, got), = read_workbook(path)
    assert [d.weight for d in got.indicators] == sums  # the weights the form's leaves give it


def _sum_formula_value(ws, formula: str) -> Decimal:
    """The value of a "=A1+SUM(B2:B9)" formula from the cells' written values (what Excel computes)."""
    import re

    from openpyxl.utils import range_boundaries

    total = Decimal(0)
    for term in formula.lstrip("=").split("+"):
        ranged = re.fullmatch(r"SUM\(([A-Z]+\d+:[A-Z]+\d+)\)", term)
        if ranged:
            low_col, low_row, high_col, high_row = range_boundaries(ranged.group(1))
            cells = [ws.cell(r, c).value for r in range(low_row, high_row + 1) for c in range(low_col, high_col + 1)]
        elif re.fullmatch(r"[A-Z]+\d+", term):
            cells = [ws[term].value]
        else:
            cells = [term]
        total += sum((Decimal(str(v)) for v in cells if isinstance(v, (int, float, str)) and str(v).strip()
                      and not str(v).startswith("=")), Decimal(0))
    return total


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_the_total_weight_formula_adds_the_funds_weight_not_its_score(template_id, tmp_path):
    """四川, 湖北, the split national layout and the department form took the funds 得分 (or an empty
    cell) for the funds 分值: recalculated, the 总分 row's 分值 read 98.5, 97 or 90 instead of 100."""
    form = region_form(template_id)
    form.funds.rows[0].executed = form.funds.rows[0].budget * Decimal("0.85")  # score ≠ weight
    path = tmp_path / f"{template_id}.xlsx"
    write_workbook([assess_form(form)], path)
    ws = load_workbook(path).worksheets[0]
    total_row = next(r for r in range(1, ws.max_row + 1)
                     if L.normalize_label(ws.cell(r, 1).value) == L.normalize_label(labels_for(get_template(form.template)).total))
    formula = next(c.value for c in ws[total_row] if isinstance(c.value, str) and "+SUM(" in c.value
                   and not c.value.startswith("=ROUND"))
    expected = form.funds.weight + sum((leaf.weight for _, _, leaf in form.iter_leaves()), Decimal(0))
    assert _sum_formula_value(ws, formula) == expected == 100


def test_a_level1_label_retyped_with_full_width_brackets_keeps_its_weight(tmp_path):
    """"产出指标（55分）" typed with a Chinese input method came back as a level-1 of that name."""
    path = tmp_path / "guizhou.xlsx"
    write_workbook([assess_form(region_form("guizhou-2024"))], path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.replace("\n", "").startswith("产出指标("))
    cell.value = "产出指标（５５分）"
    wb.save(path)
    (_, got), = read_workbook(path)
    assert (got.indicators[0].name, got.indicators[0].weight) == ("产出指标", 55)


def test_a_percentage_typed_in_a_cell_is_read_as_shown_not_as_a_fraction(tmp_path):
    """Excel and WPS store a typed "95%" as 0.95 with a percent format: it imported as "0.95"
    and scored 0.05 points against ≥98%."""
    path = tmp_path / "guizhou.xlsx"
    write_workbook([assess_form(region_form("guizhou-2024"))], path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cols = L.columns_for(get_template("guizhou-2024"))
    row = _leaf_row(ws, "指标1")
    ws.cell(row, cols.col("actual")).value = 0.95
    ws.cell(row, cols.col("actual")).number_format = "0%"
    ws.cell(row, cols.col("target")).value = 0.5
    ws.cell(row, cols.col("target")).number_format = '0.0"%"'  # a literal "%": the number as it is
    wb.save(path)
    (_, got), = read_workbook(path)
    leaf = next(leaf for _, _, leaf in got.iter_leaves() if leaf.name == "指标1")
    assert (leaf.actual, leaf.target) == ("95%", "0.5")


def test_a_percentage_typed_in_a_split_value_column_is_not_doubled(tmp_path):
    path = tmp_path / "split.xlsx"
    cols = _book_with_typed_cells(path, "mof-2020-split", {})
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cell = ws.cell(_leaf_row(ws, "指标1"), cols.col("target_value"))
    cell.value, cell.number_format = 0.98, "0%"
    wb.save(path)
    (_, got), = read_workbook(path)
    assert next(leaf for _, _, leaf in got.iter_leaves() if leaf.name == "指标1").target == "≥98%"


@pytest.mark.parametrize("template_id, label", [("sichuan-2023", "绩效指标(90分)"), ("hubei-2021", "年度绩效目标(80分)")])
def test_the_indicator_block_is_labelled_as_the_region_prints_it(template_id, label, tmp_path):
    path = tmp_path / "book.xlsx"
    form = region_form(template_id)
    write_workbook([assess_form(form)], path)
    assert label in _texts(path)
    [(_, back)] = read_workbook(path)  # and found again by that label
    assert form_to_dict(back) == form_to_dict(form)


SICHUAN_NOTE = "预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因"  # REGIONS.md


def _note_row(ws, note: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_F_LABEL).value == note)


def test_sichuan_prints_its_funds_rule_under_the_funds_rows_and_reads_back(tmp_path):
    form = region_form("sichuan-2023")
    path = tmp_path / "sichuan.xlsx"
    write_workbook([assess_form(form)], path)
    ws = load_workbook(path).worksheets[0]
    cols = L.columns_for(get_template("sichuan-2023"))
    row = _note_row(ws, SICHUAN_NOTE)
    assert ws.cell(row - 1, L.COL_F_LABEL).value == form.funds.rows[-1].label
    assert ws.cell(row + 1, 2).value == L.L_EXPECTED
    assert f"{L.letter(L.COL_F_LABEL)}{row}:{L.letter(cols.last)}{row}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.cell(row, cols.role).value == L.ROLE_FUNDS_NOTE
    (_, got), = read_workbook(path)
    assert form_to_dict(got) == form_to_dict(form) and got.funds.reason == form.funds.reason
    ws.cell(row, cols.role).value = None  # the hidden mark lost (the row copied by hand): the text still tells
    wb = ws.parent
    wb.save(path)
    (_, got), = read_workbook(path)
    assert [r.label for r in got.funds.rows] == [r.label for r in form.funds.rows]
    assert got.funds.reason == form.funds.reason


def _funds_head(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_F_LABEL).value == "资金来源")


def _merge_at(ws, row: int, col: int):
    return next((m for m in ws.merged_cells.ranges if (m.min_row, m.min_col) == (row, col)), None)


@pytest.mark.parametrize("template_id, key, title", [("sichuan-2023", "reason", "原因"),
                                                     ("guizhou-dept-2022", "method", "得分计算方法")])
def test_the_funds_text_is_a_column_beside_all_the_funds_rows(template_id, key, title, tmp_path):
    """原因 (四川) and 得分计算方法 (部门整体) print as the PDF and the paper form print them: the last
    column of the funds block, headed in the head row, one cell merged over the rows."""
    template = get_template(template_id)
    form = region_form(template_id)
    path = tmp_path / "form.xlsx"
    write_workbook([assess_form(form)], path)
    ws = load_workbook(path).worksheets[0]
    head, last = _funds_head(ws), L.columns_for(template).last
    rows = len(form.funds.rows)
    text = form.funds.reason if key == "reason" else next(c.text for c in template.layout.funds_columns
                                                           if c.key == key)
    assert text
    heads = [ws.cell(head, c).value for c in range(L.COL_F_INITIAL, last + 1) if ws.cell(head, c).value]
    assert heads[-1] == title and heads == [c.title for c in template.layout.funds_columns]
    col = next(c for c in range(L.COL_F_INITIAL, last + 1) if ws.cell(head, c).value == title)
    merged = _merge_at(ws, head + 1, col)
    assert merged is not None and (merged.max_row, merged.max_col) == (head + rows, last)
    cell = ws.cell(head + 1, col)
    assert cell.value == text
    assert (cell.alignment.horizontal, cell.alignment.vertical, cell.alignment.wrap_text) == ("left", "top", True)
    assert all(ws.cell(r, L.COL_F_LABEL).value != title for r in range(head, ws.max_row + 1))  # no row of its own
    assert ws.cell(head + rows + 1, 1).value == L.L_GOALS or ws.cell(head + rows + 1, L.COL_F_LABEL).value == \
        template.funds_note


def test_every_template_fits_its_funds_columns_in_the_form(tmp_path):
    for template_id in TEMPLATE_IDS:
        template = get_template(template_id)
        fc = L.funds_columns_for(labels_for(template), has_initial=True)
        assert L.COL_F_INITIAL + len(fc.keys) - 1 <= L.columns_for(template).last, template_id
        keys = [c.key for c in template.layout.funds_columns]
        assert [k for k in fc.keys if k in keys] == keys, template_id  # the template's order, 原因 included


@pytest.mark.parametrize("repeat, sources", [(8, 5), (40, 5), (30, 1)])
def test_a_long_funds_reason_gets_tall_rows_and_round_trips(repeat, sources, tmp_path):
    """The funds rows together grow tall enough for the wrapped 原因; rows too short go on
    in blank rows inside the merge (which the import skips); cut by a page break, each page holds its
    own lines of the text."""
    form = region_form("sichuan-2023")
    form.funds.rows = form.funds.rows[:sources]
    form.funds.reason = "受上级资金下达时间影响,部分资金年底才到位。" * repeat
    path = tmp_path / "long.xlsx"
    item = assess_form(form)
    write_workbook([item], path)
    ws = load_workbook(path).worksheets[0]
    head = _funds_head(ws)
    col = next(c for c in range(L.COL_F_INITIAL, ws.max_column + 1) if ws.cell(head, c).value == "原因")
    goals = next(r for r in range(head, ws.max_row + 1) if ws.cell(r, 1).value == L.L_GOALS)
    pieces = sorted((m.min_row, m.max_row) for m in ws.merged_cells.ranges
                    if m.min_col == col and head < m.min_row < goals)
    assert pieces[0][0] == head + 1 and all(b + 1 == c for (_, b), (c, _) in zip(pieces, pieces[1:]))
    assert len(pieces) > 1 if repeat > 8 else len(pieces) == 1  # 四川 prints landscape: no page holds it all
    last = L.columns_for(item.template).last
    width = sum(wrap.column_points(ws.column_dimensions[L.letter(c)].width) for c in range(col, last + 1))
    for first, end in pieces:
        text = ws.cell(first, col).value
        height = sum(ws.row_dimensions[r].height for r in range(first, end + 1))
        assert height >= wrap.text_lines(text, width) * wrap.LINE_HEIGHT, (first, end)
    assert "".join(ws.cell(first, col).value for first, _ in pieces) == form.funds.reason
    assert all(ws.row_dimensions[r].height <= wrap.MAX_ROW_HEIGHT for r in range(head, goals))
    (_, got), = read_workbook(path)
    assert got.funds.reason == form.funds.reason
    assert form_to_dict(got) == form_to_dict(form)


def _as_old_layout(path) -> None:
    """The 四川 workbook as the writer laid it out before 原因 became a column: 得分 spanning to the right
    edge, and the 原因 on a row of its own under the funds rows (marked "资金说明"). The note row
    becomes that row, as in a workbook written before the note too."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    head, last = _funds_head(ws), ws.max_column
    last = L.columns_for(get_template("sichuan-2023")).last
    col = next(c for c in range(L.COL_F_INITIAL, last + 1) if ws.cell(head, c).value == "原因")
    reason = ws.cell(head + 1, col).value
    note = _note_row(ws, SICHUAN_NOTE)
    for merged in [m for m in ws.merged_cells.ranges if head <= m.min_row <= note and m.max_col >= col - 1
                   and m.min_col > L.COL_F_LABEL]:
        ws.unmerge_cells(str(merged))
    ws.unmerge_cells(f"{L.letter(L.COL_F_LABEL)}{note}:{L.letter(last)}{note}")
    for r in range(head, note):
        ws.cell(r, col).value = None
        ws.merge_cells(start_row=r, start_column=col - 1, end_row=r, end_column=last)
    ws.cell(note, L.COL_F_LABEL).value = "原因"
    ws.merge_cells(start_row=note, start_column=L.COL_F_LABEL, end_row=note, end_column=L.COL_F_INITIAL - 1)
    ws.cell(note, L.COL_F_INITIAL).value = reason
    ws.merge_cells(start_row=note, start_column=L.COL_F_INITIAL, end_row=note, end_column=last)
    wb.save(path)


def test_a_workbook_with_the_funds_reason_on_a_row_of_its_own_still_imports(tmp_path):
    form = region_form("sichuan-2023")
    path = tmp_path / "old.xlsx"
    write_workbook([assess_form(form)], path)
    _as_old_layout(path)
    ws = load_workbook(path).worksheets[0]
    head = _funds_head(ws)
    assert "原因" not in [ws.cell(head, c).value for c in range(1, ws.max_column + 1)]
    (_, got), = read_workbook(path)
    assert got.funds.reason == form.funds.reason == "部分工程款待审计后支付。"
    assert form_to_dict(got) == form_to_dict(form)


def test_a_sichuan_workbook_written_before_the_note_still_imports(tmp_path):
    form = region_form("sichuan-2023")
    path = tmp_path / "old.xlsx"
    write_workbook([assess_form(form, template=replace(get_template("sichuan-2023"), funds_note=""))], path)
    assert SICHUAN_NOTE not in _texts(path)
    (_, got), = read_workbook(path)
    assert form_to_dict(got) == form_to_dict(form)


def test_a_template_without_a_note_adds_no_row_to_the_workbook(tmp_path):
    form = region_form("guizhou-2024")
    plain, noted = tmp_path / "plain.xlsx", tmp_path / "noted.xlsx"
    write_workbook([assess_form(form)], plain)
    write_workbook([assess_form(form, template=replace(get_template("guizhou-2024"), funds_note="说明"))], noted)
    ws, with_note = load_workbook(plain).worksheets[0], load_workbook(noted).worksheets[0]
    assert ws.max_row == with_note.max_row - 1 and not ws.row_breaks.brk
    row = _note_row(with_note, "说明")
    funds_end = row - 1  # the sources end where the note begins; the plain sheet goes on with 年度总体目标
    assert ws.cell(funds_end + 1, 1).value == L.L_GOALS
    assert all(ws.cell(r, L.COL_ROLE).value != L.ROLE_FUNDS_NOTE for r in range(1, ws.max_row + 1))
