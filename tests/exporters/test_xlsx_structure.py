"""The exported workbook looks like the paper form: merges, borders, formulas, print setup, names."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_sheet import plan_sheet
from exporters.xlsx_writer import workbook_bytes, write_workbook
from model.atomic import WriteError
from model.form import FundsRow
from model.report import AssessedForm, assess_form, load_assessed
from model.template_registry import get_template
from tests.exporters.sheet_rows import label_rows


def build_workbook(forms):
    """The exported workbook as openpyxl reads it (formulas, not their stored results)."""
    return load_workbook(io.BytesIO(workbook_bytes(forms)))


@pytest.fixture
def assessed(real_form_paths: list[Path]) -> list[AssessedForm]:
    return [load_assessed(p) for p in real_form_paths]


def _column(ws, col: int):
    """The column's <col> entry (one entry may stand for several columns)."""
    return next(d for d in ws.column_dimensions.values() if d.min <= col <= d.max)


def _cell_texts(ws) -> set[str]:
    return {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def _form_texts(form) -> list[str]:
    p = form.project
    texts = [p.name, p.department, p.unit, p.contact, p.phone, p.fill_date, form.goals.expected,
             form.goals.achieved, form.conclusion]
    texts += [row.label for row in form.funds.rows]
    for _, category, leaf in form.iter_leaves():
        texts += [category.name, leaf.name, leaf.target, leaf.actual, leaf.reason, leaf.remark]
    return [t for t in texts if t]


def mof_form(item: AssessedForm) -> AssessedForm:
    """A real form moved to the national layout: portrait, 万元, no 备注 column, other titles."""
    form = item.form
    form.template = "mof-2020"
    form.funds.unit = "万元"
    form.funds.rows = [FundsRow(label, Decimal("12.5"), Decimal("30.25"), Decimal("20.1"))
                       for label in ("年度资金总额", "其中:当年财政拨款", "上年结转资金", "其他资金")]
    for _, _, leaf in form.iter_leaves():
        leaf.remark = ""
    form.conclusion = ""
    form.project.contact = form.project.phone = form.project.fill_date = ""
    return assess_form(form, "mof")


def test_one_form_gives_one_sheet_without_summary(assessed):
    wb = build_workbook(assessed[:1])
    assert wb.sheetnames == [assessed[0].name]


def test_several_forms_give_summary_first_then_one_sheet_each(assessed):
    wb = build_workbook(assessed)
    assert wb.sheetnames[0] == "汇总"
    assert wb.sheetnames[1:] == [a.name for a in assessed]
    summary = wb["汇总"]
    assert [summary.cell(1, c).value for c in range(1, 10)] == list(L.SUMMARY_HEADERS)
    for n, item in enumerate(assessed, start=2):
        assert summary.cell(n, 1).value == n - 1
        assert summary.cell(n, 2).value == item.name
        assert summary.cell(n, 6).value.startswith(f"={L.quote_sheet(item.name)}!H")
        assert (summary.cell(n, 8).value, summary.cell(n, 9).value) == item.evaluation.counts()


def test_layout_labels_in_order_and_every_text_appears(assessed):
    wb = build_workbook(assessed)
    for item in assessed:
        ws = wb[item.name]
        rows = label_rows(ws)
        order = [rows["项目名称"], rows["主管部门及代码"], rows["项目资金(元)"], rows["年度总体目标"],
                 rows["绩效指标"], rows["总分"], rows["自评结论"]]
        assert order == sorted(order)
        texts = _cell_texts(ws)
        missing = [t for t in _form_texts(item.form) if t not in texts]
        assert not missing, (item.name, missing)
        squashed = {L.normalize_label(t) for t in texts}
        for dimension in item.form.indicators:
            assert L.normalize_label(L.dimension_label(dimension.name, dimension.weight)) in squashed
        assert ws["A1"].value == L.sheet_labels(item.template).title == "项目支出绩效目标自评表"
        assert f"({item.form.year}年度)" in texts
        assert {"单位(盖章):", "填报日期:", "联系人:", "实施单位", "未完成原因分析", "备注"} <= texts


def _column_segments(ws, col: int, first: int, last: int) -> list[tuple[int, int]]:
    """The merged areas of one column between two rows, top to bottom."""
    return sorted((r.min_row, r.max_row) for r in ws.merged_cells.ranges
                  if r.min_col == col == r.max_col and first <= r.min_row and r.max_row <= last)


def test_indicator_cells_merged_over_children(assessed):
    """产出指标 spans its 9 leaves, cut once at the page break before 成本指标 (its label repeated).
    Printed landscape (as mof-2020 is), f01's first page holds only the first three groups."""
    landscape = replace(assessed[0].template, orientation="landscape")
    item = replace(assessed[0], template=landscape)  # f01: 产出指标 over 9 leaves, 成本指标 over 6
    ws = build_workbook([item])[item.name]
    header = label_rows(ws)["绩效指标"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = header + 1
    breaks = [b.id + 1 for b in ws.row_breaks.brk]
    assert breaks == [first + 3]  # the 成本指标 group does not fit on the first page
    assert _column_segments(ws, 2, first, first + 8) == [(first, first + 2), (first + 3, first + 8)]
    # the label breaks before its weight where the column is narrow, as the bureau prints 满意度指标
    assert ws[f"B{first}"].value == ws[f"B{first + 3}"].value == "产出指标\n(50分)"
    assert ws.cell(first + 3, L.COL_ROLE).value == L.ROLE_DIM
    assert f"C{first + 3}:C{first + 8}" in merged
    assert _column_segments(ws, 1, header, header + 11) == [(header, first + 2), (first + 3, header + 11)]
    assert ws[f"A{first + 3}"].value == "绩效指标"
    assert ws[f"D{first + 3}"].value == "展板印刷等"
    assert ws[f"C{first + 3}"].value == "成本指标"


def test_every_cell_of_the_table_has_thin_borders_also_inside_merges(assessed):
    item = assessed[0]
    ws = build_workbook([item])[item.name]
    rows = label_rows(ws)
    first, last = rows["项目名称"], rows["自评结论"]
    inside = {}  # openpyxl keeps only the outline of a merged area: note which sides are inner
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                inside[(r, c)] = (r > rng.min_row, r < rng.max_row, c > rng.min_col, c < rng.max_col)
    for row in ws.iter_rows(min_row=first, max_row=last, max_col=L.COL_REMARK):
        for cell in row:
            skip = inside.get((cell.row, cell.column), (False,) * 4)
            sides = (cell.border.top, cell.border.bottom, cell.border.left, cell.border.right)
            for side, inner in zip(sides, skip):
                assert inner or side.style == "thin", cell.coordinate


def test_merged_cells_keep_their_own_style_in_the_file(assessed):
    """Each cell of a merged area is written with a style, so every office program draws its borders."""
    data = workbook_bytes(assessed[:1])
    ws = load_workbook(io.BytesIO(data))[assessed[0].name]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    styled = set(re.findall(r'<c r="([A-Z]+\d+)" s="[1-9]\d*"', xml))
    rows = label_rows(ws)
    first, last = rows["项目名称"], rows["自评结论"]
    for rng in ws.merged_cells.ranges:
        if rng.min_row >= first and rng.max_row <= last:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col,
                                    max_col=rng.max_col):
                assert all(c.coordinate in styled for c in row), str(rng)


def test_formulas_for_rate_funds_score_subtotals_and_total(assessed):
    item = assessed[0]
    ws = build_workbook([item])[item.name]
    rows = label_rows(ws)
    funds = rows["项目资金(元)"] + 1
    assert ws[f"H{funds}"].value == f'=IF(N(E{funds})=0,"",ROUND(N(F{funds})/E{funds}*100,2))'
    assert ws[f"I{funds}"].value == f"=IF(N(E{funds})=0,0,ROUND(G{funds}*MAX(0,MIN(N(F{funds})/E{funds},1)),2))"
    assert ws[f"G{funds}"].value == item.form.funds.weight
    for r in range(funds + 1, rows["年度总体目标"]):
        assert [ws.cell(r, c).value for c in (7, 8, 9)] == ["-", "-", "-"]
    first, total = rows["绩效指标"] + 1, rows["总分"]
    assert ws[f"H{total}"].value == f"=ROUND(I{funds}+SUM(H{first}:H{total - 1}),2)"
    assert ws[f"G{total}"].value == f"=G{funds}+SUM(G{first}:G{total - 1})"
    assert ws[f"N{first}"].value == f"=SUM(G{first}:G{first + 8})"  # 产出指标 分值
    assert ws[f"O{first}"].value == f"=SUM(H{first}:H{first + 8})"
    assert ws[f"L{first + 3}"].value == f"=SUM(G{first + 3}:G{first + 8})"  # 成本指标
    # leaf scores are values: what the model computed
    scores = [ws.cell(r, 8).value for r in range(first, total)]
    assert scores == [item.evaluation.leaf(leaf).score for _, _, leaf in item.form.iter_leaves()]


def test_text_that_looks_like_a_formula_stays_text(assessed):
    item = assessed[0]
    data = workbook_bytes([item])
    ws = load_workbook(io.BytesIO(data))[item.name]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=6万元")
    assert cell.data_type == "s"


def test_number_formats_as_the_paper_form_prints_them(assessed):
    """300,000 and 135,474.83; weights and scores 10 and 6.28; rates always 62.83 / 100.00."""
    f01, f17 = assessed[0], next(a for a in assessed if a.source.endswith("f17.json"))
    ws = build_workbook([f01])[f01.name]
    funds = label_rows(ws)["项目资金(元)"] + 1
    assert {ws.cell(funds, c).number_format for c in (4, 5, 6)} == {"#,##0"}  # 300,000 / 188,480
    assert (ws.cell(funds, 7).number_format, ws.cell(funds, 8).number_format) == ("0", "0.00")  # 10, 62.83
    assert ws.cell(funds, 9).number_format == "0.00"  # 6.28
    first, total = label_rows(ws)["绩效指标"] + 1, label_rows(ws)["总分"]
    assert {ws.cell(r, c).number_format for r in range(first, total) for c in (7, 8)
            if ws.cell(r, c).value is not None} == {"0"}  # 10, 5, 0
    assert (ws.cell(total, 7).number_format, ws.cell(total, 8).number_format) == ("0", "0.00")  # 100, 81.28
    ws17 = build_workbook([f17])[f17.name]
    funds17 = label_rows(ws17)["项目资金(元)"] + 1
    assert ws17.cell(funds17, 6).value == 135474.83 and ws17.cell(funds17, 6).number_format == "#,##0.00"
    # an edited figure keeps the paper's look: conditional number formats follow whole / fractional
    rules = {}  # range → its rules as (formula, number format); one rule may cover several ranges
    for cf in ws.conditional_formatting:
        found = [(r.formula[0], r.dxf.numFmt.formatCode if r.dxf and r.dxf.numFmt else None) for r in cf.rules]
        for rng in str(cf.sqref).split():
            rules[rng.replace(f"G{funds}:G{funds}", f"G{funds}")] = (str(cf.sqref).split()[0], found)
    g = f"G{funds}"  # the weights' rule is relative to the first (top left) range: the funds weight
    assert rules[f"G{first}:G{total - 1}"] == (g, [(f"AND(ISNUMBER({g}),ROUND({g},2)<>INT({g}))", "0.00"),
                                                           (f"ISNUMBER({g})", "0")])
    assert f"G{total}:H{total}" in rules and f"L{first}:O{total - 1}" in rules
    h = f"H{first}"
    assert rules[f"{h}:H{total - 1}"][1][-2:] == [(f"AND(ISNUMBER({h}),ROUND({h},2)<>INT({h}))", "0.00"),
                                                  (f"ISNUMBER({h})", "0")]
    assert rules[f"D{funds}:F{funds + 4}"][1][-1] == (f"ISNUMBER(D{funds})", "#,##0")


def test_fonts(assessed):
    item = assessed[0]
    ws = build_workbook([item])[item.name]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=L.COL_REMARK):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "宋体"
                assert 10 <= cell.font.size <= 16
    assert ws["A4"].font.bold and ws["B4"].font.bold is False
    assert ws["A1"].font.bold


def test_row_heights_follow_text_length(assessed):
    item = assessed[0]
    ws = build_workbook([item])[item.name]
    first = label_rows(ws)["绩效指标"] + 1
    long_reason = next(r for r in range(first, first + 11) if ws.cell(r, 9).value)
    short = first  # "三支一扶" 招募人数, no reason
    reason = ws.cell(long_reason, 9).value
    lines = wrap.text_lines(reason, wrap.column_points(L.WIDTHS_WITH_REMARK[8]))
    assert lines >= 5
    # as tall as its lines, not twice as tall
    assert lines * wrap.LINE_HEIGHT <= ws.row_dimensions[long_reason].height <= lines * wrap.LINE_HEIGHT + 10
    assert ws.row_dimensions[short].height <= 2 * wrap.LINE_HEIGHT + 10  # a name of two lines at most
    planned = plan_sheet(item).widths  # the template's widths, the 执行率 column widened for 100.00
    assert all(p >= w for p, w in zip(planned, L.WIDTHS_WITH_REMARK))
    for n, width in enumerate(planned[:len(L.WIDTHS_WITH_REMARK)], start=1):
        assert int(_column(ws, n).width) == width  # XlsxWriter adds Excel's padding


def test_print_setup(assessed):
    item = assessed[0]
    ws = build_workbook([item])[item.name]
    header = label_rows(ws)["绩效指标"]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == item.template.orientation == "portrait"  # guizhou-2024 prints portrait
    # a fixed scale, not "fit to width": Excel ignores manual page breaks once fitting is on
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert 50 <= int(ws.page_setup.scale) <= 100
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.print_options.horizontalCentered is True
    assert 0.2 <= ws.page_margins.left <= 1
    assert ws.print_area.endswith(f"$A$1:$J${ws.max_row}")  # helper columns are not printed
    assert all(_column(ws, c).hidden for c in range(L.COL_MARK, L.LAST_HIDDEN + 1))


def test_template_without_remark_column_portrait_and_ten_thousand_unit(assessed):
    item = mof_form(assessed[0])
    ws = build_workbook([item])[item.name]
    texts = _cell_texts(ws)
    assert "项目资金(万元)" in texts
    assert "偏差原因分析及改进措施" in texts
    assert "备注" not in texts and "自评结论" not in texts and "联系人:" not in texts
    assert "填报日期:" not in texts
    assert ws.page_setup.orientation == "portrait"
    assert ws.print_area.endswith(f"$A$1:$I${ws.max_row}")
    assert "其中:当年财政拨款" in texts
    assert get_template("mof-2020").remark_title is None


def test_sheet_names_valid_and_unique(assessed):
    base = assessed[0]
    names = ["a/b:c*?[x]\\y", "同名项目", "同名项目", "汇总", "", "'引号'", "很" * 40, "很" * 40, "History"]
    forms = []
    for name in names:
        form = replace(base.form, project=replace(base.form.project, name=name))
        forms.append(assess_form(form))
    wb = build_workbook(forms)
    titles = wb.sheetnames
    assert titles[0] == "汇总"
    assert len({t.lower() for t in titles}) == len(titles)
    for title in titles:
        assert 1 <= len(title) <= 31
        assert not re.search(r"[\[\]:*?/\\]", title)
        assert not title.startswith("'") and not title.endswith("'")
    assert titles[1] == "a_b_c___x__y"
    assert titles[2:4] == ["同名项目", "同名项目(2)"]
    assert titles[4] == "汇总(2)"
    assert titles[5] == "未命名项目"
    assert titles[7] == "很" * 31 and titles[8] == "很" * 28 + "(2)"
    assert titles[9] != "History"
    # the 汇总 sheet's formulas refer to the sheets by their real names
    summary = wb["汇总"]
    assert summary["F5"].value.startswith("='汇总(2)'!H")


def test_write_workbook_is_atomic_and_reports_errors_in_chinese(assessed, tmp_path):
    target = tmp_path / "out.xlsx"
    write_workbook(assessed, target)
    assert load_workbook(target).sheetnames[0] == "汇总"
    with pytest.raises(WriteError) as info:
        write_workbook(assessed, tmp_path / "missing" / "out.xlsx")
    assert "文件夹不存在" in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_form_without_money_unit_takes_its_templates(assessed):
    item = mof_form(assessed[0])
    item.form.funds.unit = ""
    ws = build_workbook([item])[item.name]
    assert "项目资金(万元)" in _cell_texts(ws)
