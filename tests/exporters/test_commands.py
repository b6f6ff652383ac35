"""`main.py export` and `import`: what they refuse to write, and what they say about what they wrote."""
from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from exporters.commands import run_export, run_import
from exporters.xlsx_writer import write_workbook
from model.report import load_assessed


def test_export_on_the_command_line_names_the_unprintable_characters(tmp_path, real_form_paths, monkeypatch):
    monkeypatch.setenv("PERF_EVAL_BUNDLED_FONT_ONLY", "1")  # no fallback font that might have 𫖮
    draft = json.loads(real_form_paths[0].read_text(encoding="utf-8"))
    draft["project"]["contact"] = "张𫖮"
    source = tmp_path / "表.json"
    source.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_export([str(source)], None, str(tmp_path / "表.pdf"), out, err) == 0
    assert "注意" in err.getvalue() and "𫖮" in err.getvalue()
    err = io.StringIO()
    assert run_export([str(real_form_paths[0])], None, str(tmp_path / "真.pdf"), out, err) == 0
    assert "方框" not in err.getvalue()


def test_export_refuses_a_target_of_another_kind_or_open_in_another_program(tmp_path, real_form_paths):
    err = io.StringIO()
    assert run_export([str(real_form_paths[0])], str(tmp_path / "汇总.pdf"), None, io.StringIO(), err) == 2
    assert "应以 .xlsx 结尾" in err.getvalue() and not (tmp_path / "汇总.pdf").exists()
    book = tmp_path / "汇总.xlsx"
    book.write_bytes(b"the workbook LibreOffice shows")
    (tmp_path / ".~lock.汇总.xlsx#").write_text("张三,host,zs,01.01.2025 10:00,file:///;", encoding="utf-8")
    err = io.StringIO()
    assert run_export([str(real_form_paths[0])], str(book), None, io.StringIO(), err) == 2
    assert "正被 LibreOffice" in err.getvalue() and book.read_bytes() == b"the workbook LibreOffice shows"


def test_import_writes_the_readable_sheets_and_names_the_one_left_out(tmp_path, real_form_paths):
    forms = [load_assessed(p) for p in real_form_paths[:3]]
    book = tmp_path / "各单位.xlsx"
    write_workbook(forms, book)
    wb = load_workbook(book)
    wb[forms[1].name]["P1"] = "perf-self-eval:1:no-such-template"  # spoilt in Excel
    wb.save(book)
    out, err = io.StringIO(), io.StringIO()
    assert run_import(str(book), str(tmp_path / "草稿"), out, err) == 1
    assert out.getvalue().count("已导入:") == 2
    assert f"工作表“{forms[1].name}”单元格 P1" in err.getvalue() and "此工作表未导入" in err.getvalue()
    assert "已导入 2 张表,1 张工作表未导入" in err.getvalue()
    assert len(list((tmp_path / "草稿").iterdir())) == 2
    out, err = io.StringIO(), io.StringIO()
    assert run_import(str(tmp_path / "没有.xlsx"), str(tmp_path / "其他"), out, err) == 2
    assert err.getvalue().startswith("错误:") and not (tmp_path / "其他").exists()
