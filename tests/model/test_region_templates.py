"""The four regional templates of REGIONS.md, each checked against its section on a small form."""
from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from model import assess
from model.draft import load_draft, save_draft
from model.form import Category, Dimension, Form, FundsRow, Leaf
from model.new_form import new_form
from model.paths import bundled_templates_dir
from model.scoring import shown_dimension_weight
from model.targets import COST, join_target, split_actual, split_target
from model.template import DimensionSpec, Template
from model.template_parse import template_from_dict
from model.template_registry import TemplateRegistry
from tests.builders import D

REGISTRY = TemplateRegistry([bundled_templates_dir()])


def codes(form: Form, template: Template) -> list[tuple[str, str, str]]:
    return [(i.severity, i.code, i.where) for i in assess(form, template).issues]


def regional_form(template: Template, weights: list[str], budget: str = "100", executed: str = "100") -> Form:
    """A valid form of ``template``: one met leaf of each weight, one level-1 node per weight (the
    template's own level-1 names as far as they go), the total funds row filled."""
    form = new_form(template, 2023)
    form.project.name, form.project.department, form.project.unit = "测试项目", "测试局", "测试局"
    dimensions = []
    for n, weight in enumerate(weights):
        spec = template.dimensions[n % len(template.dimensions)]
        dimensions.append(Dimension(spec.name, D(weight), [Category(spec.categories[0], [
            Leaf(f"指标{n}", "≥10次", "10次", D(weight))])]))
    form.indicators = dimensions
    form.funds.rows[0] = FundsRow(form.funds.rows[0].label, D(budget), D(budget), D(executed))
    return form


# --- sichuan-2023 -----------------------------------------------------------------------------

SICHUAN = REGISTRY.get("sichuan-2023")


def test_sichuan_template_says_what_regions_md_says():
    t = SICHUAN
    assert (t.title, t.region, t.year, t.kind, t.money_unit, t.funds_weight) == (
        "部门预算项目支出绩效自评表", "四川", 2023, "project", "万元", 10)
    assert [r.label for r in t.funds_rows] == ["总额", "其中:财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    assert t.funds_rows[0].sum_of == ("其中:财政资金", "财政专户管理资金", "单位资金", "其他资金")
    assert t.free_weights and t.indicators_total == 90 and t.funds_reason_below == 90
    assert "经济成本指标" in t.dimensions[0].categories
    layout = t.layout
    assert [c.title for c in layout.funds_columns] == ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重",
                                                       "得分", "原因"]
    assert [c.title for c in layout.indicator_columns] == [
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]
    assert [(b.key, b.title) for b in layout.closing_blocks] == [
        ("conclusion", "评价结论"), ("problems", "存在问题"), ("measures", "改进措施")]
    assert layout.signatures == ("项目负责人", "财务负责人")
    assert [f.title for f in layout.header_fields] == ["项目名称", "主管部门", "实施单位"]
    assert not t.show_contact


@pytest.mark.parametrize("weights", [["60", "30"], ["22.5"] * 4, ["90"]])
def test_sichuan_any_split_of_the_90_points(weights):
    assert codes(regional_form(SICHUAN, weights), SICHUAN) == []


def test_sichuan_split_that_misses_90_is_a_total_mismatch():
    assert codes(regional_form(SICHUAN, ["60", "20"]), SICHUAN) == [("error", "weight-mismatch", "total")]


@pytest.mark.parametrize("executed, needs_reason", [("85", True), ("89.996", True), ("90", False), ("100", False)])
def test_sichuan_funds_reason_below_90_percent(executed, needs_reason):
    form = regional_form(SICHUAN, ["60", "30"], budget="100", executed=executed)
    expected = [("error", "funds-reason-required", "funds")] if needs_reason else []
    assert codes(form, SICHUAN) == expected
    form.funds.reason = "部分项目未完工,资金未拨付"
    assert codes(form, SICHUAN) == []


def test_sichuan_breakdown_and_closing_blocks_kept_in_the_draft(tmp_path):
    form = regional_form(SICHUAN, ["90"], budget="100", executed="80")
    form.funds.rows[1:] = [FundsRow("其中：财政资金", D(100), D(100), D(80)), FundsRow("单位资金")]
    form.funds.reason = "项目延期"
    form.conclusion = "良。"
    form.closing.update(problems="宣传不够", measures="加强宣传")
    assert codes(form, SICHUAN) == [("warning", "grade-mismatch", "conclusion")]  # 8 + 90 = 98: 优
    path = tmp_path / "四川.json"
    save_draft(form, path)
    again = load_draft(path)
    assert (again.funds.reason, again.closing, again.conclusion) == ("项目延期", form.closing, "良。")
    assert codes(again, SICHUAN) == codes(form, SICHUAN)


def test_sichuan_bare_cost_target_is_a_ceiling_and_prints_split():
    form = regional_form(SICHUAN, ["60", "30"])
    form.indicators[0].children = [Category("经济成本指标", [Leaf("培训费", "20", "25万元", D(60), reason="超支")])]
    form.indicators[0].children[0].children[0].target = "20万元"
    evaluation = assess(form, SICHUAN)
    result = evaluation.leaf(form.leaf_at((0, 0, 0)))
    assert str(result.score) == "48.00" and "按“≤”计算" in result.explanation
    parts = split_target("20万元", COST)
    assert (parts.comparator, parts.value, parts.unit, parts.assumed) == ("≤", "20", "万元", True)
    assert split_actual("25万元") == ("25", "万元")


# --- mof-2020-split -----------------------------------------------------------------------------

MOF_SPLIT = REGISTRY.get("mof-2020-split")


def test_mof_split_columns_and_funds_rows():
    keys = [c.key for c in MOF_SPLIT.layout.indicator_columns]
    assert keys == ["level1", "level2", "name", "polarity", "comparator_name", "target_value", "actual_value", "unit",
                    "weight", "score", "reason"]
    assert [c.title for c in MOF_SPLIT.layout.indicator_columns][3:8] == [
        "指标性质", "指标方向", "年度指标值", "实际完成值", "计量单位"]
    assert MOF_SPLIT.money_unit == "万元" and MOF_SPLIT.reason_title == "偏差原因分析及改进措施"
    assert set(MOF_SPLIT.funds_rows[1].aliases) == {"本年财政拨款", "财政拨款"}


@pytest.mark.parametrize("target, polarity, direction, value, unit", [
    ("≥95%", "正向", "大于等于", "95", "%"), ("≥ 95 %", "正向", "大于等于", "95", "%"),
    ("≤10万元", "反向", "小于等于", "10", "万元"), ("=3台", "正向", "等于", "3", "台"),
    ("有效提升", "定性", "定性", "有效提升", ""), ("2024年12月前", "定性", "定性", "2024年12月前", "")])
def test_mof_split_target_parts(target, polarity, direction, value, unit):
    parts = split_target(target)
    assert (parts.polarity, parts.comparator_name, parts.value, parts.unit) == (polarity, direction, value, unit)


def test_split_columns_join_back_to_one_target():
    assert join_target("大于等于", "95", "%") == "≥95%"
    assert join_target("≤", "10", "万元") == "≤10万元"
    assert join_target("定性", "有效提升", "") == "有效提升"


def test_mof_split_form_with_other_name_of_a_row():
    form = regional_form(MOF_SPLIT, ["50", "30", "10"])
    form.funds.rows[1:] = [FundsRow("其中:财政拨款", D(100), D(100), D(90))]
    assert codes(form, MOF_SPLIT) == [("warning", "funds-breakdown-mismatch", "funds")]  # executed 100 ≠ 90
    form.funds.rows[1].executed = D(100)
    assert codes(form, MOF_SPLIT) == []


# --- hubei-2021 ----------------------------------------------------------------------------------

HUBEI = REGISTRY.get("hubei-2021")


def test_hubei_template_says_what_regions_md_says():
    assert (HUBEI.title, HUBEI.region, HUBEI.funds_weight, HUBEI.indicators_total) == (
        "财政项目绩效自评表", "湖北", 20, 80)
    assert [r.label for r in HUBEI.funds_rows] == ["年度财政资金总额"]
    assert [c.title for c in HUBEI.layout.funds_columns] == ["预算数(A)", "执行数(B)", "执行率(B/A)",
                                                             "得分(20分*执行率)"]
    assert HUBEI.layout.funds_title == "预算执行情况(万元)(20分)"
    ticks = {f.title: f.options for f in HUBEI.layout.extra_header_fields()}
    assert ticks == {"项目类别": ("部门预算项目", "财政专项", "市对下转移支付项目"),
                     "项目属性": ("持续性", "新增性"), "项目类型": ("常年性", "延续性", "一次性")}
    assert [f.title for f in HUBEI.layout.header_fields][:4] == ["单位名称", "填报日期", "项目名称", "主管部门"]


def test_hubei_funds_worth_20_times_the_rate():
    form = regional_form(HUBEI, ["50", "20", "10"], budget="1172.55", executed="938.04")
    evaluation = assess(form, HUBEI)
    assert str(evaluation.funds_rate) == "80.00"
    assert evaluation.funds_score == (D(20) * D("938.04") / D("1172.55")).quantize(D("0.01"))
    assert str(evaluation.funds_score) == "16.00" and str(evaluation.total) == "96.00"
    assert codes(form, HUBEI) == []
    form.header["project_category"] = "财政专项"
    assert codes(form, HUBEI) == []


def test_hubei_required_unit_is_called_by_its_title():
    form = regional_form(HUBEI, ["80"])
    form.project.unit = ""
    issues = assess(form, HUBEI).issues
    assert [(i.code, i.field, i.message) for i in issues] == [("required-field", "unit", "单位名称不能为空")]


def test_hubei_funds_weight_10_breaks_the_100():
    form = regional_form(HUBEI, ["80"])
    form.funds.weight = Decimal(10)
    assert codes(form, HUBEI) == [("error", "weight-mismatch", "total")]


# --- guizhou-dept-2022 -----------------------------------------------------------------------------

DEPT = REGISTRY.get("guizhou-dept-2022")


def test_department_template_says_what_regions_md_says():
    assert (DEPT.kind, DEPT.title, DEPT.money_unit, DEPT.funds_weight) == ("department", "部门整体支出绩效自评表",
                                                                           "万元", 10)
    assert [r.label for r in DEPT.funds_rows] == ["年度资金总额", "基本支出", "项目支出", "其他"]
    assert DEPT.funds_rows[0].sum_of == ("基本支出", "项目支出", "其他")
    assert DEPT.layout.funds_title == "部门(单位)总体资金(万元)"
    method = [c for c in DEPT.layout.funds_columns if c.key == "method"]
    assert method and method[0].text == "执行率*该指标分值,最高不得超过分值上限"
    assert [f.title for f in DEPT.layout.header_fields if f.required] == ["部门(单位)"]
    assert [(d.name, d.weight) for d in DEPT.dimensions] == [
        ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]


def test_department_over_execution_caps_the_funds_score_at_10():
    form = regional_form(DEPT, ["50", "30", "10"], budget="1172.55", executed="1268.72")
    form.project.department = form.project.unit = ""  # a department form names the 部门(单位) only
    form.funds.rows[1:] = [FundsRow("基本支出", D("800"), D("800"), D("900.72")),
                           FundsRow("项目支出", D("372.55"), D("372.55"), D("368"))]
    evaluation = assess(form, DEPT)
    assert str(evaluation.funds_rate) == "108.20" and evaluation.funds_score == 10
    assert codes(form, DEPT) == [("warning", "funds-over-executed", "funds")]
    form.project.name = ""
    assert ("error", "required-field", "project") in codes(form, DEPT)


def test_department_breakdown_is_checked_only_in_the_columns_its_form_prints():
    """The department form has no 年初预算数 column: a leftover figure there is not a mismatch
    (it was reported twice, both times as "年初预算数")."""
    form = regional_form(DEPT, ["50", "30", "10"], budget="1172.55", executed="1172.55")
    form.project.department = form.project.unit = ""
    form.funds.rows[1:] = [FundsRow("基本支出", D("1"), D("800"), D("800")),
                           FundsRow("项目支出", D("2"), D("372.55"), D("372.55"))]
    assert codes(form, DEPT) == []
    form.funds.rows[2].budget = D("300")
    issues = [i for i in assess(form, DEPT).issues if i.code == "funds-breakdown-mismatch"]
    assert [i.field for i in issues] == ["budget"] and "年初预算数(A)" in issues[0].message


def test_every_bundled_template_loads_and_makes_100():
    assert not REGISTRY.errors
    for template_id in ("guizhou-2024", "mof-2020", "sichuan-2023", "mof-2020-split", "hubei-2021",
                        "guizhou-dept-2022"):
        template = REGISTRY.get(template_id)
        assert template.funds_weight + template.indicators_total == 100
        assert template.region and template.year


def test_free_level1_weight_prints_as_its_leaves_sum():
    form = regional_form(SICHUAN, ["60", "30"])
    form.indicators[0].weight = D(0)
    evaluation = assess(form, SICHUAN)
    assert shown_dimension_weight(form.indicators[0], SICHUAN, evaluation) == 60
    guizhou = REGISTRY.get("guizhou-2024")
    fixed = regional_form(guizhou, ["50", "30", "10"])
    fixed.indicators[0].weight = D(45)
    assert shown_dimension_weight(fixed.indicators[0], guizhou, assess(fixed, guizhou)) == 45


def test_mixed_template_checks_only_its_fixed_level1_weights():
    specs = (DimensionSpec("产出指标", D(50), ("数量指标",)), DimensionSpec("效益指标", D(0), ("社会效益指标",), True))
    mixed = replace(SICHUAN, dimensions=specs)
    form = regional_form(mixed, ["50", "40"])
    assert codes(form, mixed) == []
    form.indicators[0].weight = D(60)  # 产出 is fixed by the template: its declared 60 ≠ its leaves 50
    assert codes(form, mixed) == [("error", "weight-mismatch", "产出指标")]


@pytest.mark.parametrize("executed, total", [("80", "98.00"), ("79.99", "89.00"), ("70", "89.00"), ("69.99", "79.00"),
                                             ("60", "79.00"), ("59.99", "69.00"), ("50", "69.00"), ("49.99", "59.00")])
def test_rate_caps_of_the_platforms_as_template_data(executed, total):
    data = json.loads((bundled_templates_dir() / "guizhou-2024.json").read_text(encoding="utf-8"))
    data["scoring"]["rate_caps"] = [{"low": 70, "high": 80, "cap": 89}, {"low": 60, "high": 70, "cap": 79},
                                    {"high": 60, "cap": 69}, {"high": 50, "cap": 59}]
    template = template_from_dict(data)
    form = regional_form(template, ["50", "30", "10"], budget="100", executed=executed)
    assert str(assess(form, template).total) == total
