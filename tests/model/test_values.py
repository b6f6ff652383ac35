"""Reading values as people write them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from model.values import TIER_FULL, TIER_NONE, TIER_PARTIAL, common_scale, parse_value


@pytest.mark.parametrize("text, comparator", [
    ("≥100人", "≥"), (">=100人", "≥"), ("≧100人", "≥"), ("不低于100人", "≥"), ("不少于100人", "≥"),
    (">100人", ">"), ("＞100人", ">"), ("大于100人", ">"),
    ("≤100人", "≤"), ("<=100人", "≤"), ("不高于100人", "≤"), ("不超过100人", "≤"),
    ("<100人", "<"), ("＜100人", "<"), ("小于100人", "<"),
    ("=100人", "="), ("＝100人", "="), ("等于100人", "="),
    ("100人", None),
])
def test_comparators_in_all_forms(text, comparator):
    value = parse_value(text)
    assert value.comparator == comparator
    assert value.number == Decimal(100)
    assert value.unit == "人"


@pytest.mark.parametrize("text, number, unit", [
    ("１００％", Decimal(100), "%"),
    ("≥931,423人", Decimal(931423), "人"),
    ("12,750,000.50元", Decimal("12750000.50"), "元"),
    ("＝６万元", Decimal(6), "万元"),
    ("1.35万元", Decimal("1.35"), "万元"),
    (" ≥ 95 % ", Decimal(95), "%"),
    ("300元/人", Decimal(300), "元/人"),
    (".5万元", Decimal("0.5"), "万元"),
])
def test_numbers_separators_full_width_and_units(text, number, unit):
    value = parse_value(text)
    assert (value.number, value.unit) == (number, unit)


@pytest.mark.parametrize("text", ["2024年12月前", "有效促进", "2024年12月31日前", "", "高质量完成"])
def test_phrases_are_not_quantities(text):
    assert parse_value(text).number is None


@pytest.mark.parametrize("text, tier", [
    ("达成预期指标", TIER_FULL), ("部分达成预期指标并具有一定效果", TIER_PARTIAL),
    ("未达成预期指标且效果较差", TIER_NONE), ("未完成预期指标且效果较差", TIER_NONE), ("100人", None),
])
def test_tier_phrases(text, tier):
    assert parse_value(text).tier == tier


def test_money_units_convert_and_others_do_not():
    assert common_scale("万元", "元") == (Decimal(10000), Decimal(1), "元")
    assert common_scale("亿元", "万元") == (Decimal(10000), Decimal(1), "万元")
    assert common_scale("人", "人") == (Decimal(1), Decimal(1), "人")
    assert common_scale("元/人", "元/人") == (Decimal(1), Decimal(1), "元/人")
    assert common_scale("人", "次") is None
    assert common_scale("%", "元") is None
    assert common_scale("元/人", "元") is None
