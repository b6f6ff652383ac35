"""Scoring rules of DOMAIN.md on small forms built in the test."""
from __future__ import annotations

from decimal import Decimal

import pytest

from model import assess
from model.form import Funds, FundsRow
from model.scoring import rate_short_of, score_funds, score_leaf
from model.template import RateCap
from model.template_registry import get_template
from tests.builders import D, leaf, make_form, template_with

RULES = get_template("guizhou-2024").rules


def auto(target, actual, weight="10", rules=RULES):
    return score_leaf(leaf(target, actual, weight), rules)


@pytest.mark.parametrize("target, actual, weight, score", [
    ("≥2500人", "1800人", "10", "7.20"),
    ("≥931423人", "668607人", "5", "3.59"),
    ("≥100人", "100人", "10", "10"),
    ("≥100人", "150人", "10", "10"),
    (">100人", "100人", "10", "10"),  # equal values always score full marks, even against a strict ">"
    ("≤1%", "0%", "10", "10"),
    ("≤1137万元", "849.63万元", "5", "5"),
    ("≤100元", "200元", "10", "5.00"),
    ("<100元", "125元", "10", "8.00"),
    ("=2次", "2次", "5", "5"),
    ("=6万元", "1.35万元", "5", "0"),
    ("=6万元", "60000元", "5", "5"),
    ("≥1亿元", "5000万元", "10", "5.00"),
    ("≥85%", "0%", "10", "0.00"),
])
def test_comparators(target, actual, weight, score):
    result = auto(target, actual, weight)
    assert str(result.score) == score
    assert result.auto


def test_explanation_shows_the_calculation():
    assert auto("≥931423人", "668607人", "5").explanation == "5 × 668607 ÷ 931423 = 3.59"
    assert "4000 ÷ 5000" in auto("≥0.5万元", "4000元").explanation


def test_half_up_rounding():
    # 10 × 1 ÷ 8 = 1.25 exactly; 10 × 2.005 ÷ 10 = 2.005 → 2.01 (half-up, not banker's)
    assert str(auto("≥10次", "2.005次").score) == "2.01"


def test_equal_rule_strict_and_proportional():
    assert auto("=50000元", "32474.83元", "5").score == 0
    proportional = template_with(equal_rule="proportional").rules
    assert str(auto("=50000元", "32474.83元", "5", proportional).score) == "3.25"
    assert str(auto("=100元", "125元", "10", proportional).score) == "8.00"


def test_tiers():
    assert auto("有效促进", "达成预期指标", "30").score == 30
    assert auto("有效促进", "未完成预期指标且效果较差", "30").score == 0
    partial = auto("有效促进", "部分达成预期指标并具有一定效果", "30")
    assert partial.score is None and "18 至 24" in partial.explanation


def test_hand_set_score_is_taken_as_entered():
    result = score_leaf(leaf("≥100人", "50人", "10", score="7.777"), RULES)
    assert result.score == Decimal("7.777") and not result.auto
    assert result.auto_score == Decimal("5.00")


@pytest.mark.parametrize("target, actual", [
    ("≥100人", "100次"), ("≥100人", "很多"), ("有效促进", "100人"), ("≥100人", ""), ("≥很多", "100人")])
def test_not_computable(target, actual):
    assert auto(target, actual).score is None


def test_funds_from_exact_ratio():
    funds = Funds("元", D(10), [FundsRow("年度资金总额", D(6000000), D(6000000), D(3980803))])
    result = score_funds(funds)
    assert (str(result.rate), str(result.score)) == ("66.35", "6.63")


def test_funds_budget_zero_cannot_compute_rate():
    result = score_funds(Funds("元", D(10), [FundsRow("年度资金总额", D(0), D(0), D(5))]))
    assert result.rate is None and result.score == 0 and "无法计算" in result.explanation


def test_funds_over_execution_scores_at_most_the_weight():
    result = score_funds(Funds("元", D(20), [FundsRow("年度资金总额", D(100), D(100), D(120))]))
    assert (str(result.rate), str(result.score)) == ("120.00", "20.00")


def test_sums_total_and_grade():
    form = make_form([leaf("≥10次", "8次", "40", reason="原因"), leaf("=1项", "1项", "10")],
                     budget="100", executed="80")
    evaluation = assess(form)
    dimension = form.indicators[0]
    assert evaluation.sum_of(dimension).weight == 50
    assert str(evaluation.sum_of(dimension).score) == "42.00"
    assert str(evaluation.total) == "90.00"  # 8 + 42 + 30 + 10
    assert evaluation.grade == "优"


@pytest.mark.parametrize("total_leaf, grade", [("50", "优"), ("39.99", "良"), ("40", "优"),
                                               ("30", "良"), ("29.99", "中"), ("10", "中"), ("9.99", "差")])
def test_grade_bands(total_leaf, grade):
    # funds 10 + 效益 30 + 满意度 10 = 50, plus the hand-set 产出 leaf
    form = make_form([leaf("≥1次", "1次", "50", score=total_leaf, reason="说明")])
    assert assess(form).grade == grade


def test_execution_rate_caps():
    caps = (RateCap(D(70), D(80), D(89)), RateCap(D(60), D(70), D(79)), RateCap(D(0), D(60), D(69)),
            RateCap(D(0), D(50), D(59)))
    template = template_with(rate_caps=caps)
    cases = {"75": "89.00", "65": "79.00", "55": "69.00", "40": "59.00", "90": "99.00"}
    for executed, total in cases.items():
        evaluation = assess(make_form(budget="100", executed=executed), template)
        assert str(evaluation.total) == total, executed
    assert "89" in assess(make_form(executed="75"), template).cap_note
    # 79.999 % is shown as 80.00 %, which would read as outside the 70–80 % band
    just_under = assess(make_form(budget="100000", executed="79999"), template)
    assert str(just_under.total) == "89.00" and "执行率 79.999% 时" in just_under.cap_note


def test_a_rate_is_never_shown_as_reaching_a_limit_it_falls_short_of():
    funds = assess(make_form(budget="100000", executed="89996")).funds
    assert str(funds.rate) == "90.00"
    assert rate_short_of(funds, D(90)) == "89.996" and rate_short_of(funds, D(80)) == "90.00"
    assert rate_short_of(assess(make_form(budget="3", executed="2.69999")).funds, D(90)) == "89.999"


def test_deviation_deduction_when_configured():
    template = template_with(deviation_deduct_ratio=D("0.1"))
    plain = score_leaf(leaf("≥100人", "200人", "10"), template.rules)
    explained = score_leaf(leaf("≥100人", "200人", "10", reason="超额原因"), template.rules)
    assert str(plain.score) == "9.00" and explained.score == 10


def test_absurd_budget_ratio_still_rounds():
    result = score_funds(Funds("元", D(10), [FundsRow("年度资金总额", D("1E-189"), D("5E-189"), D(300000))]))
    assert result.score == D(10) and result.rate > 10 ** 190


def test_a_funds_score_of_nothing_prints_as_any_other_score():
    """"0" beside "0.00": a budget of 0 gave a bare 0 where nothing spent gave 0.00."""
    assert str(assess(make_form(budget="0", executed="5")).funds.score) == "0.00"
    assert str(assess(make_form(budget="100", executed="0")).funds.score) == "0.00"
