"""The command-line contract: exit codes, text report, bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from model.draft import load_draft, save_draft
from model.version import VERSION
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


# --- issue #14: a command line a clerk can read -----------------------------------------------------

def run_without_display(*args, cwd=ROOT):
    """As from a terminal with no display: if the program tried to open its window, Qt would abort
    (exit 134) instead of the exit code the test expects."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["QT_QPA_PLATFORM"] = "xcb"
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_version_is_printed_without_a_display():
    result = run_without_display("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"绩效自评表编辑器 {VERSION}"


@pytest.mark.parametrize("args", [["--frobnicate"], ["表单.json", "--xlsx", "x.xlsx"], ["check", "--js", "a.json"],
                                  ["export", "a.json", "--pdf"], ["check", "--json=yes", "a.json"]])
def test_a_wrong_option_exits_2_in_chinese_and_opens_no_window(args):
    result = run_without_display(*args)
    assert result.returncode == 2, result.stderr
    assert "参数错误" in result.stderr and "用法:" in result.stderr
    assert "error:" not in result.stderr and "usage:" not in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_chinese_throughout():
    for args in (["-h"], ["check", "-h"], ["export", "--help"], ["import", "-h"]):
        result = run_without_display(*args)
        assert result.returncode == 0, result.stderr
        text = result.stdout
        assert text.startswith("用法:perf-self-eval") and "显示此帮助信息并退出" in text
        for english in ("usage:", "positional arguments", "options:", "show this help", "optional arguments"):
            assert english not in text, (args, english)
    listing = run_without_display("-h").stdout
    assert all(name in listing for name in ("check", "export", "import", "--version"))


def test_check_json_lists_an_unreadable_file_with_its_error(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_bytes(b"\xff\xfe not a draft")
    result = run("check", "--json", bad, FORMS_DIR / "f01.json")
    assert result.returncode == 2
    forms = json.loads(result.stdout)["forms"]
    assert [entry["file"] for entry in forms] == [str(bad), str(FORMS_DIR / "f01.json")]
    assert "UTF-8" in forms[0]["error"] and "project" not in forms[0]
    assert forms[1]["project"] == "“三支一扶”考试经费"


def test_export_writes_every_readable_form_and_names_the_bad_one(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    pdf, xlsx = tmp_path / "汇总.pdf", tmp_path / "汇总.xlsx"
    result = run("export", FORMS_DIR / "f01.json", bad, FORMS_DIR / "f23.json", "--pdf", pdf, "--xlsx", xlsx)
    assert result.returncode == 2
    assert "坏.json" in result.stderr and "未导出" in result.stderr and "Traceback" not in result.stderr
    assert "已导出 2 张表" in result.stdout
    assert len(PdfReader(pdf).pages) >= 2
    assert len(load_workbook(xlsx, read_only=True).sheetnames) >= 2


def test_export_names_the_forms_that_still_have_errors_and_still_exports_them(tmp_path):
    form = load_draft(FORMS_DIR / "f01.json")
    form.project.unit = ""  # 实施单位 is required: one error
    flawed = tmp_path / "缺实施单位.json"
    save_draft(form, flawed, check=False)
    result = run("export", FORMS_DIR / "f23.json", flawed, "--pdf", tmp_path / "o.pdf")
    assert result.returncode == 0 and "已导出 2 张表" in result.stdout  # a draft with errors may be exported
    assert result.stderr.startswith("注意:以下表单仍有错误") and f"{form.project.name}(1 个错误)" in result.stderr
    assert "人事考试经费" not in result.stderr  # f23 has warnings only
    clean = run("export", FORMS_DIR / "f23.json", "--pdf", tmp_path / "p.pdf")
    assert clean.returncode == 0 and clean.stderr == ""


def test_export_with_only_bad_files_writes_nothing(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    result = run("export", bad, "--pdf", tmp_path / "out.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "未导出任何文件" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.json"]


def test_a_missing_font_is_a_chinese_message(tmp_path):
    code = ("import sys\n"
            "from pathlib import Path\n"
            "import exporters.pdf_fonts as fonts\n"
            f"fonts.bundled_font_path = lambda: Path({str(tmp_path / 'gone.ttc')!r})\n"
            "from model.cli import main\n"
            f"sys.exit(main(['export', {str(FORMS_DIR / 'f01.json')!r}, '--pdf', {str(tmp_path / 'o.pdf')!r}]))\n")
    env = dict(os.environ, PERF_EVAL_BUNDLED_FONT_ONLY="1")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert "找不到可用的中文字体" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_without_a_display_the_window_is_refused_in_chinese():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), str(FORMS_DIR / "f01.json")], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2 and "没有图形界面" in result.stderr
