"""Every check code of DOMAIN.md, each on a form that triggers only it."""
from __future__ import annotations

import pytest

from model import assess
from model.checks import conclusion_grade
from tests.builders import D, leaf, make_form, template_with


def codes(form, template=None):
    return [(i.severity, i.code, i.where) for i in assess(form, template).issues]


def test_valid_form_has_no_issues():
    assert codes(make_form()) == []


def test_reason_required_and_cleared_by_typing_a_reason():
    form = make_form([leaf("≥10次", "5次", "50", name="培训次数")])
    assert codes(form) == [("error", "reason-required", "产出指标/数量指标/培训次数")]
    issue = assess(form).issues[0]
    assert issue.index == (0, 0, 0) and issue.field == "reason"
    form.indicators[0].children[0].children[0].reason = "因疫情减少"
    assert codes(form) == []


def test_reason_suggested_above_threshold_only():
    over = make_form([leaf("≥100人", "121人", "50", name="人数")])
    assert codes(over) == [("warning", "reason-suggested", "产出指标/数量指标/人数")]
    assert codes(make_form([leaf("≥100人", "120人", "50")])) == []
    assert codes(make_form([leaf("≥100人", "121人", "50", reason="超额完成原因")])) == []
    assert codes(make_form([leaf("≥100人", "121人", "50")]), template_with(deviation_threshold=D("0.3"))) == []


def test_score_not_computable():
    form = make_form([leaf("≥100人", "100次", "50", name="单位不同")])
    assert codes(form) == [("error", "score-not-computable", "产出指标/数量指标/单位不同")]
    partial = make_form([leaf("有效", "部分达成预期指标并具有一定效果", "50", reason="原因", name="部分")])
    assert codes(partial) == [("error", "score-not-computable", "产出指标/数量指标/部分")]


def test_score_out_of_range():
    assert ("error", "score-out-of-range", "产出指标/数量指标/指标") in codes(
        make_form([leaf(weight="50", score="51")]))
    assert ("error", "score-out-of-range", "产出指标/数量指标/指标") in codes(
        make_form([leaf(weight="50", score="-1", reason="原因")]))


def test_a_hand_set_score_equal_to_its_weight_is_in_range_and_needs_no_reason():
    assert codes(make_form([leaf("有效", "有效", weight="50", score="50")])) == []
    assert codes(make_form([leaf("有效", "有效", weight="12.5", score="12.50"), leaf(weight="37.5")])) == []


def test_a_score_one_cent_below_its_weight_requires_a_reason():
    where = "产出指标/数量指标/指标"
    assert codes(make_form([leaf("有效", "有效", weight="50", score="49.99")])) == [
        ("error", "reason-required", where)]
    assert codes(make_form([leaf("有效", "有效", weight="50", score="49.99", reason="原因")])) == []
    # computed: 9999 of ≥10000 with weight 1 gives 0.9999, rounded to 1.00 — full marks, no reason
    assert codes(make_form([leaf("≥10000人", "9999人", weight="1"), leaf(weight="49")])) == []
    # 9990 of ≥10000 gives 0.999 → 1.00 too; 9949 gives 0.9949 → 0.99, one cent below: a reason is due
    assert codes(make_form([leaf("≥10000人", "9949人", weight="1"), leaf(weight="49")])) == [
        ("error", "reason-required", where)]


def test_tier_score_mismatch():
    def tier_form(actual, score):
        return make_form([leaf("有效", actual, "30", score=score, reason="说明"), leaf(weight="20")])
    where = "产出指标/数量指标/指标"
    assert codes(tier_form("部分达成预期指标并具有一定效果", "20")) == []
    assert codes(tier_form("部分达成预期指标并具有一定效果", "24")) == [("warning", "tier-score-mismatch", where)]
    assert codes(tier_form("部分达成预期指标并具有一定效果", "17.9")) == [("warning", "tier-score-mismatch", where)]
    assert codes(tier_form("达成预期指标", "24")) == []
    assert codes(tier_form("达成预期指标", "23")) == [("warning", "tier-score-mismatch", where)]
    assert codes(tier_form("未达成预期指标且效果较差", "17.99")) == []
    assert codes(tier_form("未达成预期指标且效果较差", "18")) == [("warning", "tier-score-mismatch", where)]


def test_weight_mismatch_level1_and_total():
    form = make_form()
    form.indicators[0].weight = D(45)
    assert codes(form) == [("error", "weight-mismatch", "产出指标"), ]
    form = make_form()
    form.funds.weight = D(20)
    assert codes(form) == [("error", "weight-mismatch", "total")]


def test_funds_breakdown_mismatch_and_over_execution():
    form = make_form(budget="100", executed="100")
    form.funds.rows[2].executed = D(90)  # 本级安排 no longer adds up to 财政拨款
    assert codes(form) == [("warning", "funds-breakdown-mismatch", "funds")]
    form.funds.rows[3].label = "其中：上级补助 "  # full-width colon and a space: still the template's row
    form.funds.rows[3].executed = D(10)  # 90 + 10 adds up again
    assert codes(form) == []
    over = make_form(budget="100", executed="120")
    assert codes(over) == [("warning", "funds-over-executed", "funds")]


def test_money_spent_against_a_budget_of_zero_is_over_executed_too():
    spent = codes(make_form(budget="0", executed="5"))
    assert ("error", "required-field", "funds") in spent and ("warning", "funds-over-executed", "funds") in spent
    assert ("warning", "funds-over-executed", "funds") not in codes(make_form(budget="0", executed="0"))


def test_grade_mismatch():
    form = make_form()
    form.conclusion = "良。项目执行良好"
    assert codes(form) == [("warning", "grade-mismatch", "conclusion")]
    form.conclusion = "优。项目执行良好"
    assert codes(form) == []
    form.conclusion = "项目执行良好"
    assert codes(form) == []


@pytest.mark.parametrize("conclusion, grade", [
    ("良好。项目执行较好", "良"), ("优秀等次", "优"), ("中等,部分指标未完成", "中"), ("差", "差"),
    ("中央和省级资金按时到位", None), ("优化了发放流程", None), ("差距主要在成本指标", None),
    ("  良,1.因本年……", "良"), ("良1.因本年", "良"),
])
def test_the_grade_a_conclusion_opens_with_is_a_whole_word(conclusion, grade):
    assert conclusion_grade(conclusion, ("优", "良", "中", "差")) == grade


def test_a_template_with_longer_grade_words_is_checked_with_its_own():
    words = ((D(90), "优秀"), (D(80), "良好"), (D(60), "合格"), (D(0), "不合格"))
    template = template_with(grades=words)
    assert conclusion_grade("不合格。", [w for _, w in words]) == "不合格"
    form = make_form()  # every indicator met: 优秀
    form.conclusion = "优秀。全部完成"
    assert codes(form, template) == []
    form.conclusion = "良好。"
    issues = assess(form, template).issues
    assert [i.code for i in issues] == ["grade-mismatch"] and "“良好”" in issues[0].message
    assert "“优秀”" in issues[0].message
    form.conclusion = "合格。"
    assert codes(form, template) == [("warning", "grade-mismatch", "conclusion")]
    form.conclusion = "中央资金到位"
    assert codes(form) == []  # guizhou's 中 is not the start of 中央


def test_required_fields():
    form = make_form()
    form.project.name = ""
    form.project.unit = "  "
    assert codes(form) == [("error", "required-field", "project")] * 2
    form = make_form(budget="0", executed="0")
    assert ("error", "required-field", "funds") in codes(form)


def test_a_place_reads_in_chinese_while_where_keeps_the_codes_of_the_json():
    form = make_form([leaf("≥10次", "", "50", name="")])
    form.project.unit = ""
    issues = assess(form).issues
    by_code = {issue.code: issue for issue in issues}
    unnamed = by_code["score-not-computable"]
    assert unnamed.where == "产出指标/数量指标/" and unnamed.place == "产出指标/数量指标/(未填名称)"
    assert unnamed.message == "无法自动计算得分:实际完成值为空"  # said once, not "…为空,无法计算得分"
    project = next(issue for issue in issues if issue.where == "project")
    assert project.place == "表头"


def test_the_text_report_names_places_in_chinese():
    from model.check_report import format_text
    from model.report import assess_form

    form = make_form([leaf("≥100人", "100次", "50", name="单位不同")])
    form.funds.weight = D("0")
    text = format_text(assess_form(form, "a.json"))
    assert "a.json: 产出指标/数量指标/单位不同: 错误:无法自动计算得分:目标值单位“人”与实际值单位“次”不同,请手工评分" in text
    assert ": total:" not in text and ": 总分: 错误:" in text


def test_an_actual_that_only_opens_like_a_tier_word_gets_no_tier_marks():
    """"达成率85%" against ≥98% had full marks: it was read as the tier 达成预期指标."""
    form = make_form([leaf("≥98%", "达成率85%", "50", name="到岗率")])
    assert codes(form) == [("error", "score-not-computable", "产出指标/数量指标/到岗率")]


def test_an_unnamed_level_1_weight_mismatch_says_which_one():
    form = make_form()
    form.indicators[1].name = ""
    form.indicators[1].weight = D(29)
    issue = next(i for i in assess(form).issues if i.code == "weight-mismatch")
    assert issue.message.startswith("第 2 个一级指标标明 29 分")


def test_a_slash_in_a_name_keeps_the_path_at_three_parts():
    form = make_form([leaf("≥10元", "5元", "50", name="人均补贴/元")])
    (issue,) = assess(form).issues
    assert issue.where == "产出指标/数量指标/人均补贴／元" and issue.where.count("/") == 2
