"""The table builders: text chunking, number formatting, and the self-splitting grouped table."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_tables import (GroupedTable, Layout, Row, build_table, chunk_text, indicator_block, markup, money,
                                  project_block, two)
from model.report import load_assessed


def _layout() -> Layout:
    return Layout("landscape", register_cjk_font())


def test_money_has_thousands_separators():
    assert money(Decimal("300000")) == "300,000"
    assert money(Decimal("3980803")) == "3,980,803"
    assert money(Decimal("1234.5")) == "1,234.50"
    assert money(Decimal("12.3456")) == "12.3456"
    assert money(Decimal("0")) == "0"
    assert money(None) == ""


def test_rates_and_scores_have_two_decimals():
    assert two(Decimal("62.83")) == "62.83"
    assert two(Decimal("10")) == "10.00"
    assert two(None, "未评分") == "未评分"


def test_markup_escapes_and_keeps_line_breaks():
    assert markup("a<b & c>\r\nd") == "a&lt;b &amp; c&gt;<br/>d"


def test_short_text_is_one_chunk():
    assert chunk_text("因参考人员少,考试规模不大。", 150, 9) == ["因参考人员少,考试规模不大。"]
    assert chunk_text("", 150, 9) == [""]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("因参考人员少,考试规模不大。ab1 \n")), max_size=3000),
       st.integers(min_value=40, max_value=400))
def test_chunks_keep_the_text_and_stay_bounded(text, width):
    chunks = chunk_text(text, width, 9, max_lines=10)
    per_line = max(2, int((width - 6) // 9))
    rebuilt = "".join(chunks).replace("\n", "")
    assert rebuilt == text.replace("\r", "").replace("\n", "")
    for chunk in chunks:
        lines = sum(max(1, -(-len(line) // per_line)) for line in chunk.split("\n"))
        assert lines <= 10 or len(chunks) == 1


def test_long_chunks_cut_after_sentence_marks():
    text = "第一句话说完了。" * 400
    chunks = chunk_text(text, 150, 9)
    assert len(chunks) > 3
    assert all(chunk.endswith("。") for chunk in chunks)


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
        assert texts[6] == f"{leaf.weight}" or Decimal(texts[6]) == leaf.weight
    widths = layout.indicator_widths(True)
    assert abs(sum(widths) - layout.width) < 0.01


def test_project_block_holds_all_funds_rows(real_form_paths):
    af = load_assessed(real_form_paths[0])
    block = project_block(af, Layout(af.template.orientation, register_cjk_font()))
    labels = [row.cells[1][0] for row in block.rows if row.cells[1]]
    for funds_row in af.form.funds.rows:
        assert funds_row.label in labels
    assert abs(sum(block.widths) - (297 - 24) * mm) < 0.01
