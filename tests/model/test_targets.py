"""How a target is read: bare numbers, dates, own words, cost categories, split columns."""
from __future__ import annotations

import pytest

from model.targets import (COST, TIMING, TargetParts, is_cost_node, is_date_like, node_kind, read_target, same_words,
                           split_target, words_key)
from model.values import parse_value


@pytest.mark.parametrize("text, date", [
    ("2024年", True), ("12月", True), ("31日", True), ("6月底前", True), ("3个工作日内", True), ("2024年底", True),
    ("5年", False), ("3个月", False), ("100人", False), ("90%", False), ("30天", False)])
def test_dates_and_deadlines_are_not_bare_numbers(text, date):
    assert parse_value(text).number is not None  # each reads as a number with a unit …
    assert is_date_like(parse_value(text)) == date  # … but a date or deadline stays qualitative
    assert (read_target(text).comparator is None) == date


def test_a_date_with_digits_after_it_is_no_number_at_all():
    assert parse_value("2024年12月31日").number is None and read_target("2024年12月31日").comparator is None


@pytest.mark.parametrize("text, kind, op, assumed", [
    ("90%", "", "≥", True), ("90%", COST, "≤", True), ("≥90%", COST, "≥", False), ("不超过5万元", "", "≤", False),
    ("有效提升", "", None, False), ("2024年12月前", "", None, False), ("24小时", "", "≥", True),
    ("24小时", TIMING, None, False), ("≤24小时", TIMING, "≤", False), ("95%", TIMING, "≥", True)])
def test_read_target(text, kind, op, assumed):
    reading = read_target(text, kind)
    assert (reading.comparator, reading.assumed) == (op, assumed)
    assert read_target(text, kind, "qualitative").comparator == (None if assumed else op)


@pytest.mark.parametrize("text, kind, date", [
    # under 时效指标 a bare span of time is the time allowed, not a quantity to reach
    ("24小时", TIMING, True), ("30天", TIMING, True), ("6个月", TIMING, True), ("10个工作日", TIMING, True),
    ("45分钟", TIMING, True), ("2周", TIMING, True), ("24小时", "", False), ("40学时", TIMING, False),
    ("100%", TIMING, False), ("3次", TIMING, False),
    # dates written with points
    ("2024.12", "", True), ("2024.1", COST, True), ("12.31", TIMING, True), ("12.31", "", False),
    ("2024.5万元", "", False), ("13.31", TIMING, False), ("3.5", "", False)])
def test_time_limits_and_dates_written_with_points(text, kind, date):
    assert is_date_like(parse_value(text), kind) == date


@pytest.mark.parametrize("dimension, category, kind", [
    ("产出指标", "时效指标", TIMING), ("时效指标", "完成时限", TIMING), ("产出指标", "成本指标", COST),
    ("成本指标", "经济成本指标", COST), ("产出指标", "数量指标", ""), ("满意度指标", "服务对象满意度指标", "")])
def test_node_kind(dimension, category, kind):
    assert node_kind(dimension, category) == kind


def test_words_key_ignores_width_spaces_and_punctuation():
    assert words_key("安全、自主 可控。") == words_key("安全自主可控") == "安全自主可控"
    assert same_words("显著提升", "显著提升!")
    assert not same_words("显著提升", "有所提升") and not same_words("", "")


@pytest.mark.parametrize("name, cost", [("成本指标", True), ("经济成本指标", True), ("社会成本指标", True),
                                        ("数量指标", False), ("经济效益指标", False)])
def test_cost_nodes(name, cost):
    assert is_cost_node(name) == cost


def test_bare_target_prints_the_sign_it_is_scored_with():
    parts = split_target("90%")
    assert (parts.comparator, parts.value, parts.unit, parts.assumed) == ("≥", "90", "%", True)


def test_an_empty_target_splits_into_empty_parts_not_qualitative():
    assert split_target("") == split_target("   ") == TargetParts("", "", "", "", "")
    assert split_target("按期完成").comparator == "定性"  # a written text is qualitative
