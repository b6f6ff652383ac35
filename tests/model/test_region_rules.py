"""DOMAIN § "Rules from other regions", on small forms and leaves built in the test."""
from __future__ import annotations

from dataclasses import replace

import pytest

from model import assess
from model.form import Category, FundsRow
from model.scoring import score_leaf
from model.targets import COST, TIMING
from model.template_registry import get_template
from tests.builders import D, leaf, make_form, template_with

RULES = get_template("guizhou-2024").rules


def auto(target, actual, weight="10", rules=RULES, cost=False, kind=""):
    return score_leaf(leaf(target, actual, weight), rules, COST if cost else kind)


def codes(form, template=None):
    return [(i.severity, i.code, i.where) for i in assess(form, template).issues]


# --- bare numeric targets ------------------------------------------------------------------

@pytest.mark.parametrize("target, actual, cost, score", [
    ("100人", "80人", False, "8.00"),  # as ≥: 10 × 80 ÷ 100
    ("100人", "120人", False, "10"),
    ("90%", "95%", False, "10"),
    ("1", "1", False, "10"),
    ("20万元", "25万元", True, "8.00"),  # under 成本 as ≤: 10 × 20 ÷ 25
    ("20万元", "15万元", True, "10"),
    ("20万元", "200000元", True, "10"),  # equal after the unit is converted
])
def test_bare_numeric_target_is_compared(target, actual, cost, score):
    result = auto(target, actual, cost=cost)
    assert str(result.score) == score and result.auto
    op = "≤" if cost else "≥"
    assert result.explanation.startswith(f"目标未写比较符,按“{op}”计算")
    assert result.tier is None


def test_bare_target_under_a_cost_category_or_dimension_is_a_ceiling():
    over_budget = [leaf("20万元", "25万元", "50", name="印刷费", reason="价格上涨")]
    form = make_form(over_budget)
    form.indicators[0].children[0].name = "成本指标"
    evaluation = assess(form)
    assert str(evaluation.leaf(form.leaf_at((0, 0, 0))).score) == "40.00"  # 50 × 20 ÷ 25
    form = make_form(over_budget)
    form.indicators[0].name = "成本指标"  # the 2020 national frame: 成本指标 as 一级
    form.indicators[0].children[0].name = "经济成本指标"
    assert str(assess(form).leaf(form.leaf_at((0, 0, 0))).score) == "40.00"
    form = make_form(over_budget)  # under 数量指标 the same figures are a floor: met
    assert assess(form).leaf(form.leaf_at((0, 0, 0))).score == 50


@pytest.mark.parametrize("target, actual, cost, score", [
    ("95%以上", "90%", False, "9.47"),  # ≥ written after the number: 10 × 90 ÷ 95
    ("95%以上", "96%", False, "10"),
    ("5%以下", "10%", False, "5.00"),  # ≤ even outside a 成本指标: 10 × 5 ÷ 10
    ("30万元以内", "25万元", False, "10"),
    ("200人次及以上", "100人次", True, "5.00"),  # a written ≥ is kept under 成本指标 too
])
def test_comparator_written_after_the_number_is_no_bare_target(target, actual, cost, score):
    result = auto(target, actual, cost=cost)
    assert str(result.score) == score and result.auto
    assert "目标未写比较符" not in result.explanation


@pytest.mark.parametrize("target", ["2024年12月前", "2024年12月31日", "2024年", "12月底前", "按法院规定时间",
                                    "3个工作日内", "2024年底"])
def test_dates_and_deadlines_stay_qualitative(target):
    result = auto(target, "2024年11月")
    assert result.score is None and "定性指标" in result.explanation
    assert auto(target, "达成预期指标").score == 10


def test_a_tier_phrase_in_the_actual_wins_over_a_numeric_target():
    assert auto("≥100人", "达成预期指标").score == 10
    assert auto("100人", "未达成预期指标且效果较差").score == 0
    assert auto("100人", "部分达成预期指标并具有一定效果").score is None


def test_template_may_keep_bare_targets_qualitative():
    rules = replace(RULES, bare_target="qualitative")
    assert auto("100人", "80人", rules=rules).score is None


# --- actuals with a comparator, equal values ------------------------------------------------

def test_actual_written_with_a_comparator_is_read_as_its_number():
    assert auto("≥266米", "≥266米").score == 10
    assert str(auto("≥300米", "≥266米").score) == "8.87"
    assert auto("≤5%", "＜3%").score == 10


@pytest.mark.parametrize("target", [">100人", "<100人", "≥100人", "≤100人", "=100人", "100人"])
def test_equal_values_always_score_full_marks(target):
    result = auto(target, "100人")
    assert result.score == 10 and "相等" in result.explanation


# --- qualitative targets met in their own words ----------------------------------------------

@pytest.mark.parametrize("target, actual", [("显著提升", "显著提升"), ("专款专用", "专款 专用。"),
                                            ("安全、自主可控", "安全自主可控"), ("2024年12月前", "2024年12月前"),
                                            ("≥良好", "≥良好")])
def test_qualitative_target_met_in_its_own_words(target, actual):
    result = auto(target, actual, "30")
    assert result.score == 30 and result.tier == "full"
    assert "达成预期指标" in result.explanation


def test_other_words_are_still_qualitative():
    assert auto("显著提升", "有所提升").score is None


# --- reverse rule, "=0", over-achievement ----------------------------------------------------

@pytest.mark.parametrize("target, actual, score", [
    ("≤100元", "125元", "7.50"),  # 10 × (1 − 25 ÷ 100)
    ("≤100元", "150元", "5.00"),
    ("≤100元", "199元", "0.10"),
    ("≤100元", "200元", "0"),  # a ≥ 2t
    ("≤100元", "500元", "0"),
    ("<100元", "80元", "10"),
    ("≤0元", "5元", "0"),
])
def test_linear_reverse_rule(target, actual, score):
    rules = replace(RULES, reverse_rule="linear")
    result = auto(target, actual, rules=rules)
    assert str(result.score) == score


def test_linear_explanation_shows_the_formula():
    rules = replace(RULES, reverse_rule="linear")
    assert auto("≤100元", "125元", rules=rules).explanation == "10 × (1 − (125 − 100) ÷ 100) = 7.50"
    assert str(auto("≤100元", "125元").score) == "8.00"  # ratio stays the default: 10 × 100 ÷ 125


@pytest.mark.parametrize("actual, score", [("0起", "10"), ("-1起", "10"), ("2起", "0")])
def test_equal_zero_at_most(actual, score):
    rules = replace(RULES, equal_zero="at_most")
    assert str(auto("=0起", actual, rules=rules).score) == score
    assert auto("=0起", "-1起").score == 0  # default: a missed "=" under the strict rule


def test_over_achievement_suggest_require_deduct():
    over = [leaf("≥100人", "150人", "50", name="人数")]
    where = "产出指标/数量指标/人数"
    assert codes(make_form(over)) == [("warning", "reason-suggested", where)]
    require = template_with(deviation_mode="require")
    assert codes(make_form(over), require) == [("error", "reason-required", where)]
    assert codes(make_form([leaf("≥100人", "150人", "50", reason="超额原因")]), require) == []
    deduct = template_with(deviation_mode="deduct", deviation_points=D(2), deviation_threshold=D("0.3"))
    form = make_form(over)
    result = assess(form, deduct).leaf(form.leaf_at((0, 0, 0)))
    assert result.score == 48 and "扣 2 分" in result.explanation
    assert codes(form, deduct) == [("error", "reason-required", where)]
    assert assess(form, deduct).issues[0].message.startswith("超出目标 30% 以上已扣分,得分 48")
    assert codes(make_form([leaf("≥100人", "130人", "50")]), deduct) == []  # not beyond 30 %


@pytest.mark.parametrize("mode", ["suggest", "require", "deduct"])
@pytest.mark.parametrize("inclusive", [False, True])
def test_exactly_at_the_threshold(mode, inclusive):
    """DOMAIN: "beyond the threshold"; a template may count the threshold itself (REGIONS' "≥ 130 %")."""
    rules = replace(RULES, deviation_mode=mode, deviation_points=D(2), deviation_threshold=D("0.3"),
                    deviation_inclusive=inclusive)
    assert auto("≥100人", "130人", "10", rules=rules).over_deviation is inclusive
    assert auto("≥100人", "130.01人", "10", rules=rules).over_deviation  # beyond it: always
    assert not auto("≥100人", "129.99人", "10", rules=rules).over_deviation
    deducted = auto("≥100人", "130人", "10", rules=rules).score == 8
    assert deducted is (inclusive and mode == "deduct")


def test_deduction_never_goes_below_zero():
    rules = replace(RULES, deviation_mode="deduct", deviation_points=D(5))
    assert auto("≥100人", "300人", "2", rules=rules).score == 0


# --- funds rows by meaning --------------------------------------------------------------------

def _mof_form(rows):
    form = make_form(template="mof-2020")
    form.funds.rows = rows
    form.indicators[2].children[0].name = "服务对象满意度指标"
    return form


def test_funds_rows_matched_by_meaning():
    rows = [FundsRow("年度资金总额", D(100), D(100), D(90)), FundsRow("其中：本年财政拨款 ", D(60), D(60), D(50)),
            FundsRow("上年结转资金:", D(40), D(40), D(40))]
    assert codes(_mof_form(rows)) == []
    rows[1] = FundsRow("财政拨款", D(60), D(60), D(49))
    assert codes(_mof_form(rows)) == [("warning", "funds-breakdown-mismatch", "funds")]


def test_missing_or_empty_part_rows_count_as_zero():
    rows = [FundsRow("年度资金总额", D(100), D(100), D(90)), FundsRow("其中:当年财政拨款", D(100), D(100), D(90)),
            FundsRow("其他资金")]
    assert codes(_mof_form(rows)) == []  # 上年结转资金 missing, 其他资金 empty
    assert codes(_mof_form(rows[:1])) == []  # no breakdown given at all: nothing to compare


def test_guizhou_rows_typed_with_full_width_colon_and_spaces():
    form = make_form()
    form.funds.rows[3] = FundsRow("其中：上级补助 ", D(5), D(5), D(5))
    assert codes(form) == [("warning", "funds-breakdown-mismatch", "funds")] * 3
    form.funds.rows[2] = FundsRow("本级 安排", D(95), D(95), D(95))
    assert codes(form) == []


# --- free level-1 weights ----------------------------------------------------------------------

def test_free_weights_check_the_total_alone():
    template = get_template("sichuan-2023")
    form = make_form(template="sichuan-2023")
    form.indicators[0].weight = D(0)  # a declared level-1 weight means nothing here
    assert codes(form, template) == []
    form.indicators[1].children.append(Category("社会效益指标", [leaf("有效", "达成预期指标", "5", name="多余")]))
    assert codes(form, template) == [("error", "weight-mismatch", "total")]
    assert "应为 90 分" in assess(form, template).issues[0].message


def test_fixed_weights_still_checked_per_dimension():
    form = make_form()
    form.indicators[0].weight = D(40)
    assert codes(form) == [("error", "weight-mismatch", "产出指标")]


# --- found reading other regions' forms: time limits, dotted dates, tier words, units -------------

@pytest.mark.parametrize("target, actual", [("24小时", "12小时"), ("30天", "25天"), ("6个月", "5个月"),
                                            ("10个工作日", "8个工作日"), ("12.31", "12.20")])
def test_a_bare_time_limit_under_timing_is_a_deadline_not_a_quantity(target, actual):
    """Finishing in 12 hours against "24小时" scored half as a ≥ quantity, with an error asking why."""
    result = auto(target, actual, kind=TIMING)
    assert result.score is None and "定性指标" in result.explanation
    assert auto(target, "达成预期指标", kind=TIMING).score == 10
    assert auto(f"≤{target}", actual, kind=TIMING).score == 10  # with its sign it is compared


def test_a_time_limit_under_timing_in_a_form_asks_for_a_tier_and_no_reason():
    form = make_form([leaf("24小时", "12小时", "10", name="问题处置时间")])
    form.indicators[0].children[0].name = "时效指标"
    found = codes(form)
    assert ("error", "score-not-computable", "产出指标/时效指标/问题处置时间") in found
    assert not any(code == "reason-required" for _, code, _ in found)


def test_a_year_and_month_written_with_a_point_is_a_date():
    result = auto("2024.12", "2025.03")  # three months late had full marks as 2025.03 ≥ 2024.12
    assert result.score is None and "定性指标" in result.explanation


@pytest.mark.parametrize("target, actual", [("≥3项", "达成合作协议2项"), ("≤5户", "未达到标准的3户"),
                                            ("≥100人", "未完成,实际80人")])
def test_a_value_that_only_opens_with_a_tier_word_is_not_a_tier(target, actual):
    result = auto(target, actual)
    assert result.tier is None and result.score is None  # scored by hand, not as 达成 / 未达成


@pytest.mark.parametrize("target, actual, score", [("≥15000", "1.6万", "10"), ("≥1.5万", "14000", "9.33"),
                                                   ("≥1.5亿", "12000万", "8.00")])
def test_a_bare_ten_thousand_is_a_number_word(target, actual, score):
    assert str(auto(target, actual).score) == score


def test_a_missing_unit_against_ten_thousand_yuan_is_asked_not_guessed():
    result = auto("≤30万元", "280000")  # 元 (met) or 万元 (far over)? It gave 0.00
    assert result.score is None
    assert "实际完成值未写单位" in result.explanation and "万元" in result.explanation
    assert str(auto("≥90%", "95").score) == "10"  # a missing % is still taken as the target's


def test_a_date_or_time_limit_says_why_it_is_scored_by_its_tier():
    limit = auto("24小时", "12小时", kind=TIMING).explanation
    assert "“24小时”是时限" in limit and "写成“≤24小时”则按实际用时计算" in limit
    assert "“12月底前”是日期或期限" in auto("12月底前", "11月").explanation
    assert auto("有效提升", "提升").explanation.startswith("定性指标:")


# --- the platforms' progress warnings (REGIONS), on where a template asks ----------------------

def _progress_form(executed, output_score, others=True):
    """Funds 100 / ``executed``; 产出 (50) scoring ``output_score``, 效益 and 满意度 (40) in full
    unless ``others`` is False (then 0)."""
    form = make_form([leaf("≥100人", f"{output_score * 2}人", "50", name="人数", reason="原因")])
    form.funds.rows[0] = replace(form.funds.rows[0], initial=D(100), budget=D(100), executed=D(executed))
    if not others:
        for dimension in form.indicators[1:]:
            dimension.children[0].children[0].score = D(0)
            dimension.children[0].children[0].reason = "原因"
    return form


def _progress_codes(form, **rules):
    template = template_with(**rules)
    return [(i.code, i.where) for i in assess(form, template).issues
            if i.code in ("indicators-ahead-of-funds", "funds-rate-low")]


def test_progress_warnings_are_off_by_default():
    assert _progress_codes(_progress_form(50, 50)) == []


@pytest.mark.parametrize("executed, output_score, others, ahead", [
    (50, 50, True, True),  # S ÷ 90 = 1, B ÷ A = 0.5: (1 − 0.5) ÷ 1 = 0.5
    (95, 50, True, False),  # (1 − 0.95) ÷ 1 = 0.05: not above 0.05
    (94, 50, True, True),  # 0.06
    (60, 14, True, False),  # S = 54: 0.6 against 0.6
    (10, 0, False, False),  # nothing completed: nothing runs ahead
])
def test_indicators_ahead_of_funds(executed, output_score, others, ahead):
    form = _progress_form(executed, output_score, others)
    assert assess(form, template_with(progress_gap=D("0.05"))).leaf_total == output_score + (40 if others else 0)
    assert _progress_codes(form, progress_gap=D("0.05")) == ([("indicators-ahead-of-funds", "total")] if ahead else [])


def test_indicators_ahead_says_the_figures():
    form = _progress_form(50, 50)
    issue = next(i for i in assess(form, template_with(progress_gap=D("0.05"))).issues
                 if i.code == "indicators-ahead-of-funds")
    assert issue.severity == "warning"
    assert issue.message.startswith("指标得分率 100.00%(指标得分 90 ÷ 90)高于预算执行率 50.00%,领先幅度 50.00%(超过 5%)")


@pytest.mark.parametrize("executed, low", [(79, True), (80, False), (100, False)])
def test_funds_rate_low(executed, low):
    form = _progress_form(executed, 50)
    assert _progress_codes(form, progress_rate_below=D(80)) == ([("funds-rate-low", "funds")] if low else [])


def test_progress_warnings_need_a_rate():
    form = _progress_form(50, 50)
    form.funds.rows[0] = replace(form.funds.rows[0], budget=D(0))
    assert _progress_codes(form, progress_gap=D("0.05"), progress_rate_below=D(80)) == []
    assert ("error", "required-field", "funds") in codes(form)  # the form says why instead


# --- 广西: qualitative leaves say how they were scored, where a template asks ----------------------

def _note_issues(form, note):
    return [(i.severity, i.code, i.where, i.index, i.field) for i in assess(form, template_with(qualitative_note=note)).issues
            if i.code in ("scoring-note-required", "reason-required")]


def test_scoring_note_is_asked_of_qualitative_leaves_only_where_a_template_says():
    form = make_form()  # 效益: "有效促进" met in full (达成预期指标), no text; 产出, 满意度: numeric
    assert _note_issues(form, None) == []
    assert _note_issues(form, "reason") == [("error", "scoring-note-required", "效益指标/社会效益指标/效益", (1, 0, 0),
                                             "reason")]
    issue = next(i for i in assess(form, template_with(qualitative_note="reason")).issues
                 if i.code == "scoring-note-required")
    assert issue.message == "定性指标(“达成”档,得分 30)须在未完成原因分析中写明评分依据"
    form.leaf_at((1, 0, 0)).reason = "走访 30 户,均反映良好"
    assert _note_issues(form, "reason") == []


def test_scoring_note_in_the_remark_column():
    form = make_form()
    form.leaf_at((1, 0, 0)).reason = "走访 30 户"  # the wrong column for this template
    assert [i[4] for i in _note_issues(form, "remark")] == ["remark"]
    form.leaf_at((1, 0, 0)).remark = "按走访记录评定"
    assert _note_issues(form, "remark") == []


def test_a_short_qualitative_leaf_is_asked_once_for_its_reason():
    form = make_form()
    form.leaf_at((1, 0, 0)).actual = "部分达成预期指标"
    form.leaf_at((1, 0, 0)).score = D(20)  # the partial tier is scored by hand
    found = _note_issues(form, "reason")
    assert [(code, field) for _, code, _, _, field in found] == [("reason-required", "reason")]
    assert [i[1] for i in _note_issues(form, "remark")] == ["reason-required", "scoring-note-required"]


def test_a_tier_phrase_against_a_numeric_target_is_qualitative_too():
    form = make_form()
    form.leaf_at((2, 0, 0)).actual = "达成预期指标"  # 满意度 ≥90%, scored by its tier
    assert [i[2] for i in _note_issues(form, "reason")] == ["效益指标/社会效益指标/效益", "满意度指标/满意度指标/满意度"]
