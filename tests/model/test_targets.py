"""How a target is read: bare numbers, dates, own words, cost categories, split columns."""
from __future__ import annotations

import pytest

from model.targets import (TargetParts, is_cost_node, is_date_like, read_target, same_words, split_target,
                           words_key)
from model.values import parse_value


@pytest.mark.parametrize("text, date", [
    ("2024年", True), ("12月", True), ("31日", True), ("6月底前", True), ("3个工作日内", True), ("2024年底", True),
    ("5年", False), ("3个月", False), ("100人", False), ("90%", False), ("30天", False)])
def test_dates_and_deadlines_are_not_bare_numbers(text, date):
    assert parse_value(text).number is not None  # each reads as a number with a unit …
    assert is_date_like(parse_value(text)) == date  # … but a date or deadline stays qualitative
    assert (read_target(text, False).comparator is None) == date


def test_a_date_with_digits_after_it_is_no_number_at_all():
    assert parse_value("2024年12月31日").number is None and read_target("2024年12月31日", False).comparator is None


@pytest.mark.parametrize("text, cost, op, assumed", [
    ("90%", False, "≥", True), ("90%", True, "≤", True), ("≥90%", True, "≥", False), ("不超过5万元", False, "≤", False),
    ("有效提升", False, None, False), ("2024年12月前", False, None, False)])
def test_read_target(text, cost, op, assumed):
    reading = read_target(text, cost)
    assert (reading.comparator, reading.assumed) == (op, assumed)
    assert read_target(text, cost, "qualitative").comparator == (None if assumed else op)


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
