"""The ten real forms compute exactly what expected.json says, through the model and the CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from model import assess
from model.draft import load_draft
from model.form import leaf_path
from tests.conftest import FORMS_DIR, REAL_FORM_PATHS, ROOT

EXPECTED = json.loads((FORMS_DIR / "expected.json").read_text(encoding="utf-8"))


def test_all_ten_forms_are_present():
    assert len(REAL_FORM_PATHS) == 10
    assert {p.name for p in REAL_FORM_PATHS} == set(EXPECTED)


@pytest.mark.parametrize("path", REAL_FORM_PATHS, ids=lambda p: p.name)
def test_figures_leaves_and_issues(path):
    expected = EXPECTED[path.name]
    form = load_draft(path)
    evaluation = assess(form)
    assert form.project.name == expected["project"]
    assert str(evaluation.funds_rate) == expected["funds_rate"]
    assert str(evaluation.funds_score) == expected["funds_score"]
    assert str(evaluation.total) == expected["total"]
    assert evaluation.grade == expected["grade"]
    leaves = {leaf_path(d, c, l): str(evaluation.leaf(l).score) for d, c, l in form.iter_leaves()}
    assert leaves == expected["leaves"]
    assert [f"{i.severity} {i.code} {i.where}" for i in evaluation.issues] == expected["issues"]


def test_check_json_command_gives_expected_figures():
    result = subprocess.run([sys.executable, "main.py", "check", "--json", *map(str, REAL_FORM_PATHS)],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    forms = json.loads(result.stdout)["forms"]
    assert len(forms) == 10
    for entry in forms:
        expected = EXPECTED[entry["file"].replace("\\", "/").rsplit("/", 1)[-1]]
        assert {k: entry[k] for k in ("project", "funds_rate", "funds_score", "total", "grade")} == {
            k: expected[k] for k in ("project", "funds_rate", "funds_score", "total", "grade")}
        assert {leaf["path"]: leaf["score"] for leaf in entry["leaves"]} == expected["leaves"]
        assert [f"{i['severity']} {i['code']} {i['where']}" for i in entry["issues"]] == expected["issues"]
        assert all(set(i) == {"severity", "code", "where", "message"} for i in entry["issues"])
        assert all(set(leaf) == {"path", "weight", "score", "auto"} for leaf in entry["leaves"])


def test_hand_set_score_is_reported_as_not_auto():
    form_path = FORMS_DIR / "f17.json"
    result = subprocess.run([sys.executable, "main.py", "check", "--json", str(form_path)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8")
    leaves = {leaf["path"]: leaf for leaf in json.loads(result.stdout)["forms"][0]["leaves"]}
    assert leaves["效益指标/社会效益指标/稳定就业和权益维护"] == {
        "path": "效益指标/社会效益指标/稳定就业和权益维护", "weight": "30", "score": "20", "auto": False}
    assert leaves["产出指标/数量指标/走访慰问人数"]["auto"] is True
