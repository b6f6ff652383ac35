"""Rows pasted from a sheet in a split layout (model.split_rows): joined into the draft's fields."""
from __future__ import annotations

import pytest

from model.split_rows import looks_split, split_leaf_rows, split_row_fields, split_texts
from model.targets import COST
from model.template_registry import get_template
from model.tsv import leaf_rows, parse_tsv


def fields_of(template_id):
    return split_row_fields([column.key for column in get_template(template_id).layout.indicator_columns])


def test_only_layouts_that_split_the_target_have_their_own_rows():
    assert fields_of("sichuan-2023") == ("name", "comparator", "target_value", "unit", "actual_value", "weight",
                                         "score", "reason")
    assert fields_of("mof-2020-split")[:6] == ("name", "polarity", "comparator_name", "target_value",
                                               "actual_value", "unit")
    for one_cell in ("guizhou-2024", "mof-2020", "hubei-2021", "guizhou-dept-2022"):
        assert fields_of(one_cell) is None


SICHUAN_SHEET = ("三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析\n"
                 "供水人数\t≥\t12\t万人\t11.8\t30\t29.5\t部分村组管网未通\n"
                 "水质达标率\t=\t100\t%\t100\t30\t30\t\n"
                 "群众满意度\t定性\t明显提高\t\t达成预期指标\t30\t30\t\n"
                 "\t\t\t\t\t\t\t\n")


def test_sichuan_rows_are_joined_as_the_draft_keeps_them():
    table = parse_tsv(SICHUAN_SHEET)
    fields = fields_of("sichuan-2023")
    assert looks_split(table, fields)
    rows = split_leaf_rows(table, fields)
    assert [(r["name"], r["target"], r["actual"], r["weight"], r["reason"]) for r in rows] == [
        ("供水人数", "≥12万人", "11.8万人", "30", "部分村组管网未通"),
        ("水质达标率", "=100%", "100%", "30", ""),
        ("群众满意度", "明显提高", "达成预期指标", "30", "")]  # the title row and the blank row dropped


def test_national_split_rows_read_the_direction_or_else_the_polarity():
    fields = fields_of("mof-2020-split")
    table = parse_tsv("培训人数\t正向\t大于等于\t200\t250\t人次\t10\t10\t\n"
                      "单位成本\t反向\t\t30\t28\t万元\t10\t10\t\n"
                      "服务效果\t正向\t\t显著提升\t显著提升\t\t10\t10\t\n")
    assert looks_split(table, fields)
    assert [(r["target"], r["actual"]) for r in split_leaf_rows(table, fields)] == [
        ("≥200人次", "250人次"), ("≤30万元", "28万元"), ("显著提升", "显著提升")]


@pytest.mark.parametrize("text", [
    "供水人数\t≥12万人\t11.8万人\t30\t29.5\t原因\t\n",  # the editor's own row (copied from its tree)
    "供水人数\t12万人\t11.8\t万人\t11.8\t30\t29.5\t\n",  # a number where the sign goes
    "供水人数\t≥\t12\t万人\n",  # too few cells for the layout
])
def test_other_rows_are_left_to_the_editors_own_reading(text):
    table = parse_tsv(text)
    assert not looks_split(table, fields_of("sichuan-2023"))


def test_a_split_title_row_is_known_as_a_title_row_by_the_plain_reading_too():
    assert leaf_rows(parse_tsv(SICHUAN_SHEET.split("\n", 1)[0] + "\n"), 0) == []


def test_split_texts_read_as_the_scorer_and_keep_an_actual_in_another_unit_whole():
    texts = split_texts("≥1.2万人", "11800人", kind="", bare_rule="compare")
    assert (texts["comparator"], texts["target_value"], texts["unit"], texts["actual_value"]) == (
        "≥", "1.2", "万人", "11800人")  # not 11800 under 万人
    texts = split_texts("20万元", "18万元", kind=COST, bare_rule="compare")  # a bare ceiling under 成本
    assert (texts["comparator"], texts["polarity"], texts["comparator_name"], texts["actual_value"]) == (
        "≤", "反向", "小于等于", "18")
