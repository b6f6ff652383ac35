"""The table builders: text chunking, figures as model.values prints them, content widths, and the
self-splitting grouped table."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_lines import break_lines, chunk_lines
from exporters.pdf_tables import (GroupedTable, Layout, Row, build_table, grid_for, indicator_block, layout_for,
                                  markup, project_block)
from model.report import load_assessed
from model.values import format_money, format_score


def _layout() -> Layout:
    return Layout("landscape", register_cjk_font())


def test_markup_escapes_and_keeps_line_breaks():
    assert markup("a<b & c>\r\nd") == "a&lt;b &amp; c&gt;<br/>d"


def test_short_text_is_one_chunk():
    font = register_cjk_font()
    assert chunk_lines("因参考人员少,考试规模不大。", 150, font, 9, 8) == ["因参考人员少,考试规模不大。"]
    assert chunk_lines("", 150, font, 9, 8) == [""]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("因参考人员少,考试规模不大。，（ab1 \n")), max_size=3000),
       st.integers(min_value=40, max_value=400))
def test_chunks_keep_the_text_and_stay_bounded(text, width):
    font = register_cjk_font()
    chunks = chunk_lines(text, width, font, 9, 10)
    squash = lambda t: t.replace("\r", "").replace("\n", "").replace(" ", "")  # noqa: E731
    assert squash("".join(chunks)) == squash(text)
    for chunk in chunks:  # each chunk lays out again to at most ten lines of the column
        assert len(break_lines(chunk, width, font, 9)) <= 10 or len(chunks) == 1


def test_long_chunks_are_whole_lines():
    font = register_cjk_font()
    text = "第一句话说完了。" * 400
    chunks = chunk_lines(text, 150, font, 9, 8)
    assert len(chunks) > 3
    lines = break_lines(text, 150, font, 9)
    assert [line for chunk in chunks for line in chunk.split("\n")] == lines


def _grouped(rows_count: int) -> GroupedTable:
    layout = _layout()
    style = layout.styles["cell"]
    widths = [40, 60, 200]
    head = Row([("一级", style), ("二级", style), ("名称", style)], [None, None, None], shaded=True)
    rows = [head] + [Row([("产出指标", style), ("数量指标", style), (f"指标{i}", style)],
                         ["d", "c", None]) for i in range(rows_count)]
    return GroupedTable(rows, widths, repeat=1)


def test_grouped_table_splits_and_names_the_group_again():
    table = _grouped(60)
    width, height = table.wrap(300, 200)
    assert height > 200  # does not fit: the frame will ask it to split
    first, rest = table.split(300, 200)
    assert first.wrap(300, 200)[1] <= 200
    assert rest.rows[0] is first.rows[0]  # the header repeats
    assert rest.rows[1].cells[0][0] == "产出指标"  # the spanned name is there on the continuation
    spans = [cmd for cmd in build_table(rest.rows, rest.widths, rest.repeat)._spanCmds if cmd[1][0] == 0]
    assert spans and spans[0][1] == (0, 1)  # and spans the continuation's rows from its first body row
    assert len(first.rows) + len(rest.rows) - 1 == 61


def test_grouped_table_that_fits_is_not_split():
    table = _grouped(3)
    assert table.split(300, 500) == [table]


def test_grouped_table_refuses_a_split_with_no_room():
    table = _grouped(10)
    assert table.split(300, 5) == []


def test_indicator_block_rows_follow_the_form(real_form_paths):
    af = load_assessed(real_form_paths[0])
    layout = Layout(af.template.orientation, register_cjk_font())
    block = indicator_block(af, layout)
    leaves = list(af.form.iter_leaves())
    assert len(block.rows) == 1 + len(leaves)  # header + one row per leaf (no long texts here)
    header = [cell[0] for cell in block.rows[0].cells]
    assert header[-2:] == [af.template.reason_title, af.template.remark_title]
    for row, (dimension, category, leaf) in zip(block.rows[1:], leaves):
        texts = [cell[0] if cell else "" for cell in row.cells]
        assert texts[1].startswith(dimension.name) and texts[2] == category.name and texts[3] == leaf.name
        assert texts[6] == format_score(leaf.weight) and Decimal(texts[6]) == leaf.weight
        assert texts[7] == format_score(af.evaluation.leaf(leaf).score)
    assert abs(sum(block.widths) - layout.width) < 0.01


def test_project_block_holds_all_funds_rows(real_form_paths):
    af = load_assessed(real_form_paths[0])
    layout = layout_for(af, register_cjk_font())
    block = project_block(af, layout)
    labels = [row.cells[1][0] for row in block.rows if row.cells[1]]
    for funds_row in af.form.funds.rows:
        assert funds_row.label in labels
        row = next(r for r in block.rows if r.cells[1] and r.cells[1][0] == funds_row.label)
        assert [c[0] for c in row.cells[2:5]] == [format_money(funds_row.initial), format_money(funds_row.budget),
                                                  format_money(funds_row.executed)]
    margin = float(af.template.page.margin_mm)
    assert abs(sum(block.widths) - (layout.page_size[0] / mm - 2 * margin) * mm) < 0.01


def test_widths_come_from_the_content(real_form_paths):
    """A form with long explanations gives its reason column more room than one without any."""
    font = register_cjk_font()
    af = load_assessed(real_form_paths[0])
    layout = layout_for(af, font)
    for _, _, leaf in af.form.iter_leaves():
        leaf.reason = ""
    plain = grid_for(af, layout).indicators
    for _, _, leaf in af.form.iter_leaves():
        leaf.reason = "因参考人员少,考试规模不大,故产生的费用比预期费用少。" * 3
    wordy = grid_for(af, layout).indicators
    assert wordy[8] > plain[8] * 1.3
    assert abs(sum(wordy) - layout.width) < 0.01 and abs(sum(plain) - layout.width) < 0.01
    grid = grid_for(af, layout)  # the label column is shared by both grids, so the rules line up
    assert grid.funds[0] == grid.indicators[0]
