"""Draft files: strict, located load errors; exact decimals; atomic save with a backup."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from model.draft import DraftError, dumps, form_to_dict, load_draft, parse_draft, save_draft
from model.atomic import WriteError, backup_path
from tests.conftest import FORMS_DIR
from tests.region_forms import region_form


def real_text(name="f17.json") -> str:
    return (FORMS_DIR / name).read_text(encoding="utf-8")


def test_money_is_exact_decimal():
    form = parse_draft(real_text())
    assert form.funds.rows[0].executed == Decimal("135474.83")
    assert isinstance(form.funds.rows[0].budget, Decimal)


def test_save_load_round_trip_keeps_everything(tmp_path):
    for path in sorted(FORMS_DIR.glob("f*.json")):
        form = load_draft(path)
        target = tmp_path / "草稿 文件夹" / f"{form.project.name}.json"
        target.parent.mkdir(exist_ok=True)
        save_draft(form, target)
        assert form_to_dict(load_draft(target)) == form_to_dict(form)
        original = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        assert json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal) == original


def test_save_keeps_previous_version_as_backup(tmp_path):
    target = tmp_path / "项目.json"
    form = parse_draft(real_text())
    save_draft(form, target)
    form.project.name = "改过的名字"
    save_draft(form, target)
    assert load_draft(target).project.name == "改过的名字"
    assert load_draft(backup_path(target)).project.name == "劳务协作站工作经费"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_failed_save_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    save_draft(parse_draft(real_text()), target)
    before = target.read_bytes()

    def broken_replace(*args):
        raise PermissionError(13, "locked")
    monkeypatch.setattr("model.atomic.os.replace", broken_replace)
    with pytest.raises(WriteError, match="占用"):
        save_draft(parse_draft(real_text("f01.json")), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_computed_values_in_file_are_ignored():
    data = json.loads(real_text())
    data["total"] = "99.99"
    data["funds"]["rows"][0]["rate"] = 100
    form = parse_draft(json.dumps(data, ensure_ascii=False))
    from model import assess
    assert str(assess(form).total) == "70.52"


def test_a_negative_hand_set_score_opens_and_is_flagged():
    """DOMAIN.md's score-out-of-range covers "a hand-set score below 0": such a draft is a form
    with an error, not an unreadable file."""
    data = json.loads(real_text())
    data["indicators"][0]["children"][0]["children"][0]["score"] = -1
    form = parse_draft(json.dumps(data, ensure_ascii=False))
    from model import assess
    leaf = form.indicators[0].children[0].children[0]
    assert leaf.score == Decimal(-1)
    flagged = [(i.code, i.where) for i in assess(form).issues if i.code == "score-out-of-range"]
    assert flagged == [("score-out-of-range", f"{form.indicators[0].name}/{form.indicators[0].children[0].name}/{leaf.name}")]


@pytest.mark.parametrize("blank", [None, "", "missing"])
def test_a_free_level_1_weight_may_be_left_null(blank):
    """四川's template leaves the split of its 90 points free (weight null): a draft written the same
    way opens, and checks as the editor's own 0 does."""
    from model import assess
    data = form_to_dict(region_form("sichuan-2023"))
    written = [d["weight"] for d in data["indicators"]]
    for dimension in data["indicators"]:
        if blank == "missing":
            del dimension["weight"]
        else:
            dimension["weight"] = blank
    form = parse_draft(dumps(data))
    assert [d.weight for d in form.indicators] == [Decimal(0)] * len(written)
    assert [i.code for i in assess(form).issues] == [i.code for i in assess(region_form("sichuan-2023")).issues]


@pytest.mark.parametrize("template_id", ["hubei-2021", "sichuan-2023", "guizhou-2024"])
def test_funds_unit_and_weight_left_out_are_the_templates(template_id):
    from model.template_registry import get_template

    data = form_to_dict(region_form(template_id))
    del data["funds"]["weight"], data["funds"]["unit"]
    form = parse_draft(dumps(data))
    template = get_template(template_id)
    assert (form.funds.unit, form.funds.weight) == (template.money_unit, template.funds_weight)


def test_funds_unit_and_weight_of_an_unknown_template_are_the_usual_ones():
    data = json.loads(real_text())
    data["template"] = "nowhere-2099"
    del data["funds"]["weight"], data["funds"]["unit"]
    form = parse_draft(dumps(data))
    assert (form.funds.unit, form.funds.weight) == ("元", Decimal(10))


def test_a_missing_fixed_level_1_weight_opens_as_a_weight_mismatch():
    from model import assess

    data = json.loads(real_text())
    del data["indicators"][0]["weight"]
    form = parse_draft(json.dumps(data, ensure_ascii=False))
    assert ("error", "weight-mismatch", form.indicators[0].name) in [
        (i.severity, i.code, i.where) for i in assess(form).issues]


def test_json_syntax_error_has_line_and_column():
    with pytest.raises(DraftError, match=r"第 3 行第 \d+ 列") as info:
        parse_draft('{\n "format": "perf-self-eval",\n "version": 1,,\n}', "x.json")
    assert str(info.value).startswith("x.json")


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["indicators"][0]["children"][0]["children"][0].update(weight="abc"),
     "indicators[0].children[0].children[0].weight"),
    (lambda d: d["funds"]["rows"][0].update(budget=True), "funds.rows[0].budget"),
    (lambda d: d["funds"]["rows"][0].update(initial=[2 ** 63, None, None]), "funds.rows[0].initial"),
    (lambda d: d["funds"]["rows"][0].update(budget=10 ** 16), "数值过大"),
    (lambda d: d.update(indicators={}), "indicators"),
    (lambda d: d["project"].update(name=5), "project.name"),
    (lambda d: d.update(format="other"), "format"),
    (lambda d: d.update(year="2024"), "year"),
    (lambda d: d["indicators"][0]["children"][0]["children"][0].update(children=[{"name": "x"}]),
     "的下级指标) 三级指标之下不能再有下级指标"),
    (lambda d: d["indicators"][0]["children"].__setitem__(0, {"name": "数量指标", "target": "≥1", "weight": 5}),
     "indicators[0].children[0](产出指标/数量指标) 是二级指标,其下没有三级指标"),
    (lambda d: d["indicators"].__setitem__(0, {"name": "产出指标", "weight": 50, "actual": "1"}),
     "indicators[0](产出指标) 是一级指标"),
])
def test_field_errors_name_the_field(mutate, words):
    data = json.loads(real_text())
    mutate(data)
    with pytest.raises(DraftError) as info:
        parse_draft(json.dumps(data, ensure_ascii=False))
    assert words in str(info.value)


def test_empty_groups_and_a_leaf_with_empty_children_still_open():
    data = json.loads(real_text())
    data["indicators"][0]["children"][0]["children"][0]["children"] = []
    data["indicators"][0]["children"][1] = {"name": "质量指标", "children": []}
    data["indicators"][1] = {"name": "效益指标", "weight": 30}
    form = parse_draft(json.dumps(data, ensure_ascii=False))
    assert form.indicators[0].children[1].children == [] and form.indicators[1].children == []


def test_newer_version_refused():
    data = json.loads(real_text())
    data["version"] = 3
    with pytest.raises(DraftError, match="第 3 版") as info:
        parse_draft(json.dumps(data))
    assert "第 2 版" in str(info.value)  # says which version this program reads


def test_version_1_draft_saves_as_version_1_until_a_version_2_text_is_used(tmp_path):
    form = parse_draft(real_text())
    target = tmp_path / "a.json"
    save_draft(form, target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["version"] == 1 and "header" not in saved and "reason" not in saved["funds"]
    form.funds.reason = "因项目延期,资金未拨付完毕"
    form.header["project_category"] = "财政专项"
    form.closing["problems"] = "宣传不足"
    save_draft(form, target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["version"] == 2
    assert saved["funds"]["reason"] == "因项目延期,资金未拨付完毕"
    assert saved["header"] == {"project_category": "财政专项"} and saved["closing"] == {"problems": "宣传不足"}
    again = load_draft(target)
    assert (again.funds.reason, again.header, again.closing) == (form.funds.reason, form.header, form.closing)
    form.funds.reason, form.header, form.closing = "", {"project_category": ""}, {}
    save_draft(form, target)
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d.__setitem__("header", ["x"]), "header"),
    (lambda d: d.__setitem__("closing", {"problems": 5}), "closing.problems"),
    (lambda d: d["funds"].__setitem__("reason", ["x"]), "funds.reason"),
])
def test_version_2_fields_are_checked(mutate, words):
    data = json.loads(real_text())
    data["version"] = 2
    mutate(data)
    with pytest.raises(DraftError, match=words):
        parse_draft(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize("text", ["", "[]", '"x"', "NaN", '{"format": "perf-self-eval", "version": 1, "budget": NaN}',
                                  "[" * 100000])
def test_not_a_form(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError):
        load_draft(path)
    assert path.read_text(encoding="utf-8") == text


def test_missing_path_directory_and_binary(tmp_path):
    with pytest.raises(DraftError, match="不存在"):
        load_draft(tmp_path / "无.json")
    with pytest.raises(DraftError, match="文件夹"):
        load_draft(tmp_path)
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(DraftError, match="UTF-8"):
        load_draft(binary)


def test_saved_file_gets_normal_permissions(tmp_path):
    import os
    import stat
    if os.name != "posix":
        return
    target = tmp_path / "权限.json"
    save_draft(parse_draft(real_text()), target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    os.chmod(target, 0o640)
    save_draft(parse_draft(real_text()), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
