"""What a finance bureau sees without recalculating: stored figures, print pages, long texts, stale marks."""
from __future__ import annotations

import copy
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_reader import read_workbook
from exporters.xlsx_writer import workbook_bytes, write_workbook
from model.draft import form_to_dict
from model.report import AssessedForm, assess_form, load_assessed
from tests.exporters.sheet_rows import FIGURE_KEYS, form_figures, label_rows

LONG = ("因参考人员少,考试规模不大,故产生的展板、印刷等费用比预期费用少。See plan 2024-ABC. " * 400)[:20000]


@pytest.fixture(scope="module")
def assessed() -> list[AssessedForm]:
    from tests.conftest import REAL_FORM_PATHS
    return [load_assessed(p) for p in REAL_FORM_PATHS]


@pytest.fixture(scope="module")
def book(assessed) -> bytes:
    return workbook_bytes(assessed)


def _number(value) -> Decimal:
    """A stored number as the figure it stands for (floats come back as their shortest repr)."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return Decimal(repr(value)).normalize()


def _leaf_scores(ws) -> dict[str, Decimal]:
    """"一级/二级/三级" → stored score, read as a plain reader would: merged labels and leaf rows."""
    rows = label_rows(ws)
    dim = cat = ""
    scores = {}
    for r in range(rows["绩效指标"] + 1, rows["总分"]):
        if ws.cell(r, L.COL_ROLE).value == L.ROLE_TEXT:
            continue
        if ws.cell(r, L.COL_DIM).value:
            dim = L.split_dimension_label(ws.cell(r, L.COL_DIM).value)[0]
        if ws.cell(r, L.COL_CAT).value:
            cat = ws.cell(r, L.COL_CAT).value
        if ws.cell(r, L.COL_LEAF).value:
            scores[f"{dim}/{cat}/{ws.cell(r, L.COL_LEAF).value}"] = _number(ws.cell(r, L.COL_SCORE).value)
    return scores


def test_a_reader_that_does_not_calculate_sees_every_figure_of_expected_json(assessed, book, forms_dir):
    expected = json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))
    wb = load_workbook(io.BytesIO(book), data_only=True)
    summary = wb["汇总"]
    for n, item in enumerate(assessed, start=2):
        figures = expected[Path(item.source).name]
        ws = wb[item.name]
        shown = form_figures(ws)
        assert {k: _number(shown[k]) for k in FIGURE_KEYS} == {k: Decimal(figures[k]).normalize() for k in FIGURE_KEYS}
        assert _number(shown["weight"]) == 100 and shown["grade"] == f"等级:{figures['grade']}"
        assert _leaf_scores(ws) == {path: Decimal(s).normalize() for path, s in figures["leaves"].items()}
        assert summary.cell(n, 2).value == item.name
        assert _number(summary.cell(n, 5).value) == Decimal(figures["funds_rate"]).normalize()
        assert _number(summary.cell(n, 6).value) == Decimal(figures["total"]).normalize()
        assert summary.cell(n, 7).value == figures["grade"]


def test_subtotals_store_their_sums(assessed, book):
    wb = load_workbook(io.BytesIO(book), data_only=True)
    item = assessed[0]
    ws = wb[item.name]
    first = label_rows(ws)["绩效指标"] + 1
    output = item.form.indicators[0]
    assert _number(ws.cell(first, L.COL_DIM_WEIGHT).value) == 50
    assert _number(ws.cell(first, L.COL_DIM_SCORE).value) == item.evaluation.sum_of(output).score


def test_header_and_footer_on_every_form_sheet(assessed, book):
    wb = load_workbook(io.BytesIO(book))
    for item in assessed:
        ws = wb[item.name]
        pages = len(ws.row_breaks.brk) + 1
        assert item.name in ws.oddHeader.right.text
        assert ws.oddFooter.center.text.endswith(f"第 &P 页 共 {pages} 页")
        assert ws.page_setup.useFirstPageNumber and ws.page_setup.firstPageNumber in (None, 1)  # 1 by default
    assert "第 &P 页" in wb["汇总"].oddFooter.center.text


def test_page_breaks_fall_between_groups_and_cut_no_merged_label(assessed, book):
    """No merged cell runs over a break; a break starts a 二级 group or a block, or else (a group cut
    because moving it whole would leave a page half empty) repeats the 二级 label on the new page."""
    wb = load_workbook(io.BytesIO(book))
    pages = cut = 0
    for item in assessed:
        ws = wb[item.name]
        breaks = [b.id + 1 for b in ws.row_breaks.brk]  # the first row of each further page
        pages += len(breaks) + 1
        last_col = L.last_column(item.template.remark_title is not None)
        for rng in ws.merged_cells.ranges:
            if rng.max_col <= last_col:
                assert not any(rng.min_row < b <= rng.max_row for b in breaks), (item.name, str(rng))
        for b in breaks:
            assert ws.cell(b, L.COL_CAT).value or ws.cell(b, L.COL_LABEL).value, (item.name, b)
            if ws.cell(b, L.COL_ROLE).value == L.ROLE_CAT:
                above = next(r for r in range(b - 1, 0, -1) if ws.cell(r, L.COL_CAT).value)
                assert ws.cell(b, L.COL_CAT).value == ws.cell(above, L.COL_CAT).value
                cut += 1
    assert 10 < pages < 40
    assert cut <= 2  # the ten forms break between groups, but for one or two


def test_no_row_taller_than_excel_allows_and_twenty_thousand_characters_round_trip(assessed, tmp_path):
    form = copy.deepcopy(assessed[0].form)
    leaf = next(leaf for _, _, leaf in form.iter_leaves())
    leaf.reason = LONG + "说明结束"
    leaf.remark = "备注\n" * 300
    form.goals.expected = LONG
    form.conclusion = "  " + LONG + "\n"  # spaces and line breaks at the ends stay too
    path = tmp_path / "long.xlsx"
    write_workbook([assess_form(form)], path)
    ws = load_workbook(path).worksheets[0]
    heights = [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
    assert max(h or 0 for h in heights) <= wrap.MAX_ROW_HEIGHT
    continued = [r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_ROLE).value == L.ROLE_TEXT]
    assert len(continued) > 30  # three long texts, each over many rows
    [(_, back)] = read_workbook(path)
    assert form_to_dict(back) == form_to_dict(form)
    assert len(ws.row_breaks.brk) > 20  # pages break between the continuation rows


def test_editing_an_input_flags_the_score_and_imports_back_recomputed(assessed, book, tmp_path):
    item = assessed[0]  # f01: ≥100人 with 100人 scores 10; 90人 would score 9
    wb = load_workbook(io.BytesIO(book))
    ws = wb[item.name]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_LEAF).value == "“三支一扶”招募人数")
    k, h = f"{L.letter(L.COL_STATUS)}{row}", f"{L.letter(L.COL_SCORE)}{row}"
    assert ws[k].value == (f'=IF(AND($P{row}<>"手工",OR(E{row}<>$R{row},F{row}<>$S{row},G{row}<>$T{row})),'
                           f'"待重算","")')
    assert (ws[f"R{row}"].value, ws[f"S{row}"].value, ws[f"T{row}"].value) == ("≥100人", "100人", 10)
    rules = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    score_rules = next(v for key, v in rules.items() if key.startswith(f"H{label_rows(ws)['绩效指标'] + 1}:"))
    first = label_rows(ws)["绩效指标"] + 1
    assert score_rules[1].formula == [f'$K{first}="待重算"'] and score_rules[1].dxf.fill is not None
    total = label_rows(ws)["总分"]
    assert "COUNTIF(K" in ws.cell(total, L.COL_REASON).value  # the total row says how many are stale
    ws[f"F{row}"].value = "90人"
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    [(_, form)] = [s for s in read_workbook(path) if s[0] == item.name]
    evaluation = assess_form(form).evaluation
    leaf = next(lf for _, _, lf in form.iter_leaves() if lf.name == "“三支一扶”招募人数")
    assert leaf.score is None and evaluation.leaf(leaf).score == Decimal(9)
    assert evaluation.total == item.evaluation.total - 1
    assert ws[h].value == 10  # the sheet itself still holds the old score, marked by the rule above


def test_a_project_name_starting_with_digits_keeps_them_in_the_page_header(assessed):
    """Excel reads digits right after a font-size code as part of the size ("&9" + "2026年…")."""
    form = copy.deepcopy(assessed[0].form)
    form.project.name = "2026年法律援助专项经费"
    wb = load_workbook(io.BytesIO(workbook_bytes([assess_form(form)])))
    header = wb[wb.sheetnames[-1]].oddHeader.right
    assert header.text == "2026年法律援助专项经费" and header.size == 9
