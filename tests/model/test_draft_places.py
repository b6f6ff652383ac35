"""The form's words for a refused field of a draft file (model/draft_places.py)."""
from __future__ import annotations

import json

import pytest

from model.draft import DraftError, parse_draft
from model.draft_places import describe

DATA = {
    "project": {"name": "培训项目"},
    "funds": {"rows": [{"label": "年度资金总额"}, {"label": " "}]},
    "indicators": [{"name": "产出指标", "children": [
        {"name": "数量指标", "children": [{"name": "培训人数"}, {"name": ""}]},
        {"children": []}]}],
}


@pytest.mark.parametrize("path, words", [
    ("indicators[0]", "产出指标"),
    ("indicators[0].weight", "产出指标 的分值"),
    ("indicators[0].children[0].children[0].weight", "产出指标/数量指标/培训人数 的分值"),
    ("indicators[0].children[0].children[0].target", "产出指标/数量指标/培训人数 的年度指标值"),
    ("indicators[0].children[0].children[1].actual", "产出指标/数量指标/第 2 个三级指标 的实际完成值"),
    ("indicators[0].children[1]", "产出指标/第 2 个二级指标"),
    ("indicators[0].children[0].children[0].children", "产出指标/数量指标/培训人数 的下级指标"),
    ("indicators[3].children[0]", "第 4 个一级指标/第 1 个二级指标"),  # past the list's end: by number
    ("funds.rows[0].budget", "资金第 1 行“年度资金总额”的全年预算数"),
    ("funds.rows[1].executed", "资金第 2 行的全年执行数"),
    ("funds.weight", "资金分值"),
    ("project.department", "主管部门"),
    ("goals.achieved", "实际完成情况"),
    ("indicators", ""), ("year", ""), ("indicators[0].colour", ""), ("文件.conclusion", ""),
    ("indicators[0].children[0].children[0].children[0].name", ""),  # deeper than a form goes
])
def test_places_in_the_forms_words(path, words):
    assert describe(path, DATA) == words


def test_places_of_a_file_that_is_not_an_object():
    assert describe("indicators[0].weight", ["not", "a", "draft"]) == "第 1 个一级指标 的分值"
    assert describe("funds.rows[0].budget", None) == "资金第 1 行的全年预算数"


def test_a_refused_draft_names_the_field_both_ways():
    data = {"format": "perf-self-eval", "version": 1, "template": "guizhou-2024", "year": 2024,
            "project": {}, "funds": {"rows": []},
            "indicators": [{"name": "产出指标", "weight": 50, "children": [
                {"name": "数量指标", "children": [{"name": "培训人数", "weight": "十"}]}]}]}
    with pytest.raises(DraftError) as info:
        parse_draft(json.dumps(data, ensure_ascii=False), "a.json")
    assert str(info.value).startswith(
        "a.json:字段 indicators[0].children[0].children[0].weight(产出指标/数量指标/培训人数 的分值) ")
