"""The workbook opened by a real office program: LibreOffice computes the formulas we wrote.

openpyxl stores formulas without results, so only an office program can show that the 执行率,
资金得分 and 总分 formulas give the program's figures. Skipped where ``soffice`` is not installed
(Debian: ``apt-get install libreoffice-calc-nogui``).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters.xlsx_reader import read_workbook
from exporters.xlsx_writer import write_workbook
from model.draft import form_to_dict
from model.report import load_assessed

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")


def _convert(source: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"converted-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()  # own profile: never clash with another soffice
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), str(source)], check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = out / f"{source.stem}.{fmt}"
    assert result.is_file(), f"LibreOffice 未生成 {result.name}"
    return result


def _two(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


@pytest.fixture
def exported(real_form_paths, tmp_path):
    forms = [load_assessed(p) for p in real_form_paths]
    path = tmp_path / "all.xlsx"
    write_workbook(forms, path)
    return forms, path


def test_libreoffice_computes_the_programs_figures_and_the_file_imports_back(exported, forms_dir, tmp_path):
    forms, path = exported
    expected = json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))
    resaved = _convert(path, "xlsx", tmp_path)
    wb = load_workbook(resaved, data_only=True)  # the values LibreOffice computed and cached
    summary = wb["汇总"]
    for n, item in enumerate(forms, start=2):
        figures = expected[Path(item.source).name]
        ws = wb[item.name]
        labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
        funds, total = labels["项目资金(元)"] + 1, labels["总分"]
        assert _two(ws.cell(funds, 8).value) == Decimal(figures["funds_rate"]), item.name
        assert _two(ws.cell(funds, 9).value) == Decimal(figures["funds_score"]), item.name
        assert _two(ws.cell(total, 8).value) == Decimal(figures["total"]), item.name
        assert _two(ws.cell(total, 7).value) == Decimal(100)
        assert _two(summary.cell(n, 6).value) == Decimal(figures["total"])
        assert _two(summary.cell(n, 5).value) == Decimal(figures["funds_rate"])
        assert summary.cell(n, 7).value == figures["grade"]
    # what LibreOffice saved imports back to the same forms
    sheets = read_workbook(resaved)
    assert [form_to_dict(f) for _, f in sheets] == [form_to_dict(item.form) for item in forms]


def test_pdf_from_libreoffice_shows_computed_totals(exported, tmp_path):
    from pypdf import PdfReader
    forms, path = exported
    pdf = _convert(path, "pdf", tmp_path)
    # digits only: they come out right even where the machine lacks a Chinese font
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    for item in forms:
        assert f"{item.evaluation.total:.2f}" in text, item.name
        if item.evaluation.funds_rate is not None:
            assert f"{item.evaluation.funds_rate:.2f}" in text, item.name


def test_rate_cap_formula_gives_the_capped_total(real_form_paths, tmp_path):
    """A template capping the total by execution rate: the sheet's 总分 formula applies the cap too."""
    from dataclasses import replace
    from model.report import assess_form
    from model.template import RateCap, get_template
    base = get_template("guizhou-2024")
    caps = (RateCap(Decimal(60), Decimal(70), Decimal(79)), RateCap(Decimal(0), Decimal(60), Decimal(69)))
    template = replace(base, rules=replace(base.rules, rate_caps=caps))
    item = assess_form(load_assessed(real_form_paths[0]).form, "f01", template)  # rate 62.83, 81.28
    assert item.evaluation.total == Decimal("79.00")
    path = tmp_path / "capped.xlsx"
    write_workbook([item], path)
    ws = load_workbook(_convert(path, "xlsx", tmp_path), data_only=True).worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    assert _two(ws.cell(total, 8).value) == Decimal("79.00")
