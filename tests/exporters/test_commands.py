"""`main.py export`: what it refuses to write, and what it says about the PDF it wrote."""
from __future__ import annotations

import io
import json

from exporters.commands import run_export


def test_export_on_the_command_line_names_the_unprintable_characters(tmp_path, real_form_paths):
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
