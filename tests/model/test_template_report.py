"""`main.py templates [--json]`: every template a user has, a malformed file listed with its error."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from model.paths import bundled_templates_dir
from model.template_registry import TemplateRegistry
from model.template_report import run_templates
from tests.conftest import ROOT

KEYS = {"id", "title", "region", "year", "kind", "money_unit", "funds_weight", "dimensions"}


def _template(name: str = "sichuan-2023") -> dict:
    return json.loads((bundled_templates_dir() / f"{name}.json").read_text(encoding="utf-8"))


def _run(folder=None, as_json=True):
    folders = [bundled_templates_dir()] + ([folder] if folder else [])
    out, err = io.StringIO(), io.StringIO()
    code = run_templates(as_json, out, err, TemplateRegistry(folders))
    return code, out.getvalue(), err.getvalue()


def test_bundled_templates_listed_as_domain_says():
    code, out, _ = _run()
    assert code == 0
    listed = {t["id"]: t for t in json.loads(out)["templates"]}
    shipped = {"guizhou-2024", "mof-2020", "sichuan-2023", "mof-2020-split", "hubei-2021", "guizhou-dept-2022"}
    assert shipped <= set(listed)
    assert all(set(t) == KEYS for t in listed.values())
    assert listed["guizhou-2024"]["dimensions"] == [
        {"name": "产出指标", "weight": "50"}, {"name": "效益指标", "weight": "30"}, {"name": "满意度指标", "weight": "10"}]
    sichuan = listed["sichuan-2023"]
    assert (sichuan["region"], sichuan["year"], sichuan["kind"], sichuan["money_unit"], sichuan["funds_weight"]) == (
        "四川", 2023, "project", "万元", "10")
    assert all(d["weight"] is None for d in sichuan["dimensions"])
    assert listed["hubei-2021"]["funds_weight"] == "20"
    assert listed["guizhou-dept-2022"]["kind"] == "department"


def test_malformed_user_template_named_with_file_and_field(tmp_path):
    data = _template()
    del data["funds"]["rows"][2]["label"]
    (tmp_path / "我的地区.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    good = _template()
    good["id"] = "my-region"
    (tmp_path / "good.JSON").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(tmp_path)
    assert code == 1
    listed = json.loads(out)["templates"]
    errors = [t for t in listed if "error" in t]
    assert len(errors) == 1 and set(errors[0]) == {"file", "error"}
    assert errors[0]["file"].endswith("我的地区.json")
    assert "我的地区.json" in errors[0]["error"] and "funds.rows[2]" in errors[0]["error"]
    assert "label" in errors[0]["error"]
    assert "my-region" in {t.get("id") for t in listed}


def test_text_listing_shows_templates_and_errors(tmp_path):
    (tmp_path / "坏.json").write_text("{ 不是 json", encoding="utf-8")
    code, out, err = _run(tmp_path, as_json=False)
    assert code == 1
    assert "sichuan-2023:部门预算项目支出绩效自评表" in out and "分值不固定,合计 90 分" in out
    assert "坏.json" in err and "第 1 行" in err


def test_user_template_replaces_a_builtin_one_of_the_same_id(tmp_path):
    data = _template("guizhou-2024")
    data["title"] = "本地改过的标题"
    (tmp_path / "guizhou.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(tmp_path)
    listed = [t for t in json.loads(out)["templates"] if t.get("id") == "guizhou-2024"]
    assert code == 0 and [t["title"] for t in listed] == ["本地改过的标题"]


def test_two_user_files_with_one_id_are_an_error(tmp_path):
    for name in ("a.json", "b.json"):
        data = _template()
        data["id"] = "same-id"
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(tmp_path)
    errors = [t["error"] for t in json.loads(out)["templates"] if "error" in t]
    assert code == 1 and len(errors) == 1 and "b.json" in errors[0] and "a.json" in errors[0]


def test_main_templates_command(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.json").write_text('{"id": "x"}', encoding="utf-8")
    env = {**os.environ, "PERF_EVAL_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "main.py", "templates", "--json"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", env=env)
    assert result.returncode == 1
    listed = json.loads(result.stdout)["templates"]
    assert any("x.json" in t.get("error", "") and "funds" in t["error"] for t in listed)
    (tmp_path / "templates" / "x.json").unlink()
    result = subprocess.run([sys.executable, "main.py", "templates"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", env=env)
    assert result.returncode == 0 and "guizhou-2024" in result.stdout and result.stderr == ""


def test_the_guide_example_is_a_valid_template(tmp_path):
    guide = (bundled_templates_dir() / "README.md").read_text(encoding="utf-8")
    example = guide.split("```json\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example-city-2024.json").write_text(example, encoding="utf-8")
    code, out, _ = _run(tmp_path, as_json=False)
    assert code == 0
    assert "example-city-2024:项目支出绩效自评表(某市 2024年,项目支出,用户模板" in out
    assert "分值不固定,合计 90 分" in out


def test_scoring_options_are_said_where_they_depart_from_the_defaults():
    from model.template_parse import template_from_dict
    from model.template_report import describe_template, rule_notes

    assert rule_notes(template_from_dict(_template("guizhou-2024"))) == []
    assert "计分" not in describe_template(template_from_dict(_template("guizhou-2024")))
    data = _template("guizhou-2024")
    data["scoring"].update(reverse_rule="linear", rate_caps=[{"high": 50, "cap": 59}],
                           grades=[[80, "优"], [70, "良"], [60, "中"], [0, "差"]],
                           deviation={"threshold": 0.3, "mode": "deduct", "points": 2, "inclusive": True},
                           progress={"gap": 0.05, "rate_below": 80}, qualitative_note=True)
    notes = rule_notes(template_from_dict(data))
    assert notes == ["超出目标达到 30% 扣 2 分", "反向指标未达到按 分值×(1−超出÷目标) 计分,超出一倍得 0 分",
                     "等级:优 ≥ 80、良 ≥ 70、中 ≥ 60、差 ≥ 0", "总分按预算执行率封顶:0%–50% 最高 59 分",
                     "指标得分率领先预算执行率超过 5% 时提示", "预算执行率低于 80% 时提示",
                     "定性指标须在未完成原因分析中写明评分依据"]
    assert describe_template(template_from_dict(data)).endswith("\n计分:\n" + "\n".join(f"· {n}" for n in notes))
    data["scoring"]["deviation"] = {"threshold": 0.3, "mode": "require"}
    assert rule_notes(template_from_dict(data))[0] == "超出目标超过 30% 须说明原因"
    data["scoring"]["deviation"] = {"deduct_ratio": 0.1}
    assert rule_notes(template_from_dict(data))[0] == "超额完成未说明原因扣分值的 10%"
    code, out, _ = _run(as_json=False)
    assert "  计分:预算执行率低于 90% 须说明原因" in out  # 四川, in the text listing too
