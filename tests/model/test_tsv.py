"""Tab-separated clipboard text as Excel/WPS write it: parsing, quoting, numbers (no Qt needed)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.tsv import (NumberError, format_tsv, is_full_block, is_header_row, leaf_rows, parse_tsv,
                       validate_leaf_rows)


def test_plain_rows_with_crlf_and_trailing_newline():
    assert parse_tsv("a\tb\tc\r\nd\te\tf\r\n") == [["a", "b", "c"], ["d", "e", "f"]]


def test_quoted_cell_with_embedded_newline_and_doubled_quote():
    text = '走访人数\t≥200人\t40人\t5\t\t"第一行\r\n第二行 ""引号"""\t\n'
    assert parse_tsv(text) == [["走访人数", "≥200人", "40人", "5", "", '第一行\r\n第二行 "引号"', ""]]


def test_empty_cells_are_kept_in_place():
    assert parse_tsv("\t\tx\n") == [["", "", "x"]]
    assert parse_tsv("a\t\n") == [["a", ""]]


def test_a_cell_that_merely_starts_with_a_quote_stays_literal():
    assert parse_tsv('"引用"的说明\t5\n') == [['"引用"的说明', "5"]]
    assert parse_tsv('"未闭合\t5\n') == [['"未闭合', "5"]]


def test_empty_text_gives_no_rows():
    assert parse_tsv("") == []
    assert parse_tsv("\n\n") == []


cell_text = st.text(alphabet=st.sampled_from(list('ab 中文\t\n\r"≥%')), max_size=12)


@given(st.lists(st.lists(cell_text, min_size=2, max_size=5), min_size=1, max_size=5))
def test_format_then_parse_round_trips(rows):
    # A row of only empty cells is indistinguishable from a blank line; make each row non-empty.
    rows = [row[:-1] + [row[-1] + "x"] for row in rows]
    assert parse_tsv(format_tsv(rows)) == rows


def test_validation_refuses_a_negative_weight_as_a_draft_does():
    rows = leaf_rows(parse_tsv("甲\t≥1人\t1人\t-5\n"))
    with pytest.raises(NumberError, match="第 1 行:分值不能为负数"):
        validate_leaf_rows(rows)


def test_header_and_blank_rows_are_skipped():
    rows = parse_tsv("三级指标\t年度指标值\t实际完成值\t分值\n甲\t≥1人\t1人\t5\n\t\t\t\n")
    assert is_header_row(rows[0])
    assert leaf_rows(rows) == [{"name": "甲", "target": "≥1人", "actual": "1人", "weight": "5"}]


def test_validation_names_the_bad_row():
    rows = leaf_rows(parse_tsv("甲\t≥1人\t1人\t5\n乙\t≥1人\t1人\t五分\n"))
    with pytest.raises(NumberError, match="第 2 行"):
        validate_leaf_rows(rows)


def test_validation_converts_numbers_and_trims_text():
    rows = leaf_rows(parse_tsv("甲 \t≥1人\t1人\t\t\t 原因 \n"))
    assert validate_leaf_rows(rows) == [{"name": "甲", "target": "≥1人", "actual": "1人",
                                         "weight": Decimal(0), "score": None, "reason": "原因"}]


def test_a_narrow_block_maps_from_the_given_column():
    rows = parse_tsv("200人\t5\n")
    assert not is_full_block(rows)
    assert leaf_rows(rows, 2) == [{"actual": "200人", "weight": "5"}]
    assert is_full_block(parse_tsv("甲\t≥1人\t1人\t5\n"))
