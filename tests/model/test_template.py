"""Templates are data: both shipped layouts load, a user's file is picked up, a broken one is named."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from model.paths import bundled_templates_dir
from model.template import TemplateError
from model.template_parse import load_template_file, template_from_dict
from model.template_registry import TemplateRegistry


def test_shipped_templates():
    registry = TemplateRegistry([bundled_templates_dir()])
    assert {"guizhou-2024", "mof-2020"} <= set(registry.ids())
    guizhou, mof = registry.get("guizhou-2024"), registry.get("mof-2020")
    assert guizhou.money_unit == "元" and mof.money_unit == "万元"
    assert [r.label for r in mof.funds_rows] == ["年度资金总额", "其中:当年财政拨款", "上年结转资金", "其他资金"]
    assert guizhou.funds_rows[0].sum_of == ("财政拨款", "其他")
    assert mof.reason_title == "偏差原因分析及改进措施" and mof.remark_title is None
    assert guizhou.reason_title == "未完成原因分析" and guizhou.remark_title == "备注"
    assert [(d.name, d.weight) for d in guizhou.dimensions] == [
        ("产出指标", Decimal(50)), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10))]
    assert guizhou.rules.equal_rule == "strict"
    assert guizhou.rules.deviation_threshold == Decimal("0.2")


def test_shipped_templates_print_their_own_wording():
    registry = TemplateRegistry([bundled_templates_dir()])
    guizhou, mof = registry.get("guizhou-2024"), registry.get("mof-2020")
    assert guizhou.title == "项目支出绩效目标自评表" and mof.title == "项目支出绩效自评表"
    assert guizhou.labels.closing == (("联系人:", "contact"),) and mof.labels.closing == ()
    assert mof.labels.text("department", "") == "主管部门"
    assert guizhou.page.margin_mm >= 10 and guizhou.page.font_size >= 9


def _template_data() -> dict:
    return json.loads((bundled_templates_dir() / "guizhou-2024.json").read_text(encoding="utf-8"))


def test_user_template_folder_adds_and_overrides(tmp_path):
    data = _template_data()
    data.update(id="region-x", name="某地区")
    data["funds"]["weight"] = 20
    data["dimensions"][0]["weight"] = 40  # 20 + 40 + 30 + 10 = 100
    data["scoring"]["rate_caps"] = [{"low": 70, "high": 80, "cap": 89}]
    (tmp_path / "region-x.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    registry = TemplateRegistry([bundled_templates_dir(), tmp_path])
    template = registry.get("region-x")
    assert template.funds_weight == 20
    assert template.rules.rate_caps[0].cap == 89


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d.pop("funds"), "funds"),
    (lambda d: d["scoring"].update(equal_rule="loose"), "equal_rule"),
    (lambda d: d["scoring"]["tiers"].update(partial=[0.8, 0.6]), "tiers.partial"),
    (lambda d: d["funds"].update(weight="十"), "funds.weight"),
    (lambda d: d["funds"]["rows"][0].update(sum_of=["不存在的行"]), "不存在的行"),
    (lambda d: d["dimensions"][0].pop("weight"), "weight"),
    (lambda d: d["dimensions"][0].update(weight=None), "indicator_weight"),
    (lambda d: d.update(indicator_weight=80), "indicator_weight"),
    (lambda d: d["dimensions"][1].update(weight=40), "100"),
    (lambda d: d["funds"]["rows"][2].pop("label"), "funds.rows[2]"),
    (lambda d: d["funds"]["rows"][2].update(aliases=["财政拨款"]), "重复"),
    (lambda d: d["funds"]["rows"][2].update(aliases="x"), "funds.rows[2].aliases"),
    (lambda d: d["funds"].update(reason_below=120), "funds.reason_below"),
    (lambda d: d["funds"].update(note=90), "funds.note 应为文字"),
    (lambda d: d["funds"].update(note=["预算执行率"]), "funds.note 应为文字"),
    (lambda d: d["funds"].update(note=None), "funds.note 应为文字"),
    (lambda d: d.update(kind="county"), "kind"),
    (lambda d: d.update(year="2024"), "year"),
    (lambda d: d["scoring"].update(reverse_rule="square"), "reverse_rule"),
    (lambda d: d["scoring"].update(equal_zero="zero"), "equal_zero"),
    (lambda d: d["scoring"]["deviation"].update(mode="deduct"), "deviation.points"),
    (lambda d: d["scoring"]["deviation"].update(mode="shout"), "deviation.mode"),
    (lambda d: d["scoring"]["deviation"].update(inclusive="yes"), "deviation.inclusive"),
    (lambda d: d["scoring"].update(progress={"gap": 5}), "scoring.progress.gap"),
    (lambda d: d["scoring"].update(progress={"rate_below": 0}), "scoring.progress.rate_below"),
    (lambda d: d["scoring"].update(progress={"rate": 80}), "scoring.progress 中有不认识的字段:rate"),
    (lambda d: d["scoring"].update(progress=[0.05]), "scoring.progress 应为对象"),
    (lambda d: d["scoring"].update(qualitative_note="备注"), "scoring.qualitative_note 只能是"),
    (lambda d: (d["columns"].update(remark=None), d["scoring"].update(qualitative_note="remark")),
     "模板没有备注列"),
    (lambda d: d["scoring"].update(rate_caps=[{"low": 70, "cap": 89}]), "rate_caps[0]"),
    (lambda d: d["scoring"].update(grades=[[90]]), "grades[0]"),
    (lambda d: d.update(indicator_columns=[{"key": "colour", "title": "颜色"}]), "colour"),
    (lambda d: d.update(indicator_columns=[{"key": "name"}]), "indicator_columns[0]"),
    (lambda d: d.update(header_fields=[{"key": "name", "title": "项目名称", "options": ["a"]}]), "勾选框"),
    (lambda d: d.update(closing_blocks=[{"key": "a", "title": "甲"}, {"key": "a", "title": "乙"}]), "重复"),
    (lambda d: d.update(signatures="项目负责人"), "signatures"),
    (lambda d: d["funds"].update(columns=[{"key": "budget", "title": 5}]), "funds.columns[0]"),
    (lambda d: d["labels"].update(year_line="年度"), "{year}"),
    (lambda d: d["labels"].update(funds_headers=["资金来源"]), "labels.funds_headers"),
    (lambda d: d["labels"].update(closing=[{"label": "联系人:", "field": "email"}]), "email"),
    (lambda d: d["labels"].update(titel="x"), "titel"),
    (lambda d: d["scoring"].update(rate_cap=[]), "scoring 中有不认识的字段:rate_cap"),
    (lambda d: d["scoring"].update(deviation={"mod": "require"}), "scoring.deviation 中有不认识的字段:mod"),
    (lambda d: d.update(page={"font_size": 6}), "page.font_size"),
])
def test_malformed_template_is_a_clear_error(mutate, words):
    data = _template_data()
    mutate(data)
    with pytest.raises(TemplateError) as info:
        template_from_dict(data)
    assert words in str(info.value)


def test_broken_file_reported_not_fatal(tmp_path):
    (tmp_path / "bad.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="第 1 行第 3 列:此处应为用双引号括起的字段名"):
        load_template_file(tmp_path / "bad.json")
    registry = TemplateRegistry([bundled_templates_dir(), tmp_path])
    assert "guizhou-2024" in registry.ids()
    assert len(registry.errors) == 1 and "bad.json" in registry.errors[0]
    with pytest.raises(TemplateError, match="另有无法读取的模板文件:.*bad.json"):
        registry.get("bad-2024")  # a draft naming the template that file was meant to be


def test_a_template_saved_by_notepad_with_a_bom_loads_and_gbk_is_named(tmp_path):
    text = json.dumps({**_template_data(), "id": "bom-2024"}, ensure_ascii=False)
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_template_file(tmp_path / "bom.json").id == "bom-2024"
    (tmp_path / "gbk.json").write_bytes(text.encode("gbk"))
    with pytest.raises(TemplateError, match="不是 UTF-8 文本") as info:
        load_template_file(tmp_path / "gbk.json")
    assert "codec" not in str(info.value)


def test_unknown_template_names_the_known_ones():
    with pytest.raises(TemplateError, match="guizhou-2024"):
        TemplateRegistry([bundled_templates_dir()]).get("nowhere")


def test_options_read_from_the_file():
    data = _template_data()
    data["scoring"].update(reverse_rule="linear", equal_zero="at_most", bare_target="qualitative")
    data["scoring"]["deviation"] = {"threshold": 0.3, "mode": "deduct", "points": 2, "inclusive": True}
    data["scoring"]["rate_caps"] = [{"low": 70, "high": 80, "cap": 89}, {"high": 50, "cap": 59}]
    data["scoring"]["progress"] = {"gap": 0.05, "rate_below": 80}
    rules = template_from_dict(data).rules
    assert (rules.progress_gap, rules.progress_rate_below) == (Decimal("0.05"), Decimal(80))
    assert (rules.reverse_rule, rules.equal_zero, rules.bare_target) == ("linear", "at_most", "qualitative")
    assert (rules.deviation_threshold, rules.deviation_mode, rules.deviation_points) == (
        Decimal("0.3"), "deduct", Decimal(2))
    assert rules.deviation_inclusive and rules.is_over_deviation(Decimal("0.3"))
    assert not template_from_dict(_template_data()).rules.deviation_inclusive  # DOMAIN: beyond the threshold
    assert rules.rate_caps[1].low == 0 and rules.rate_caps[1].cap == 59
    assert rules.qualitative_note is None  # DOMAIN asks no scoring basis


@pytest.mark.parametrize("written, field", [(True, "reason"), ("reason", "reason"), ("remark", "remark"),
                                            (False, None), (None, None)])
def test_qualitative_note_names_its_column(written, field):
    data = _template_data()
    data["scoring"]["qualitative_note"] = written
    assert template_from_dict(data).rules.qualitative_note == field


def test_defaults_reproduce_the_guizhou_layout():
    guizhou = TemplateRegistry([bundled_templates_dir()]).get("guizhou-2024")
    layout = guizhou.layout
    assert [c.title for c in layout.indicator_columns] == [
        "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分", "未完成原因分析", "备注"]
    assert [b.title for b in layout.closing_blocks] == ["自评结论"]
    assert [f.key for f in layout.header_fields if f.required] == ["name", "department", "unit"]
    rules = guizhou.rules
    assert (rules.reverse_rule, rules.equal_zero, rules.bare_target, rules.deviation_mode) == (
        "ratio", "as_equal", "compare", "suggest")
    assert (guizhou.region, guizhou.year, guizhou.kind) == ("贵州", 2024, "project")


def test_the_funds_note_is_read_as_written():
    registry = TemplateRegistry([bundled_templates_dir()])
    assert registry.get("sichuan-2023").funds_note == "预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因"
    assert all(registry.get(i).funds_note == "" for i in registry.ids() if i != "sichuan-2023")
    data = _template_data()
    data["funds"]["note"] = "  执行率低于80%须说明原因 "
    assert template_from_dict(data).funds_note == "执行率低于80%须说明原因"


def test_a_deduction_column_is_a_layout_key():
    data = _template_data()
    data["indicator_columns"] = [{"key": k, "title": t} for k, t in (
        ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("weight", "分值"), ("score", "得分"),
        ("deduction", "扣分"), ("reason", "扣分原因"))]
    layout = template_from_dict(data).layout
    assert layout.has_indicator_column("deduction")
    assert [c.title for c in layout.indicator_columns][-2:] == ["扣分", "扣分原因"]
