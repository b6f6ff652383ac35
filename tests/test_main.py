"""The command-line contract: exit codes, text report, bad input."""
from __future__ import annotations

import json
import subprocess
import sys

from model.draft import load_draft, save_draft
from tests.conftest import FORMS_DIR, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")


def test_check_text_report_lists_figures_then_problems():
    result = run("check", FORMS_DIR / "f23.json")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "人事考试经费" in lines[0]
    assert "总分 94.99" in lines[1] and "等级 优" in lines[1]
    assert lines[2].startswith(f"{FORMS_DIR / 'f23.json'}: 产出指标/数量指标/事业单位考试报名人数: ")


def test_check_exit_1_when_a_form_has_an_error(tmp_path):
    form = load_draft(FORMS_DIR / "f17.json")
    form.indicators[0].children[0].children[0].reason = ""
    path = tmp_path / "有错误.json"
    save_draft(form, path)
    result = run("check", "--json", FORMS_DIR / "f01.json", path)
    assert result.returncode == 1
    issues = json.loads(result.stdout)["forms"][1]["issues"]
    assert issues[0]["code"] == "reason-required"
    assert issues[0]["where"] == "产出指标/数量指标/走访慰问人数"


def test_check_exit_2_for_unreadable_file_with_chinese_message(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    result = run("check", FORMS_DIR / "f01.json", bad)
    assert result.returncode == 2
    assert "坏.json" in result.stderr and "JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8") == "{"
    assert "“三支一扶”考试经费" in result.stdout


def test_bad_arguments_get_a_message_not_a_traceback():
    result = run("check")
    assert result.returncode == 2 and "参数错误" in result.stderr
