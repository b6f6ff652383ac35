"""A template's 扣分 column (REGIONS: 广西): 分值 − 得分 per leaf, printed in the PDF and in the workbook
as a formula of the row's cells, and ignored on import (it is computed)."""
from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters.form_labels import labels_for
from exporters.pdf_writer import pdf_bytes
from exporters.xlsx_reader import read_workbook
from exporters.xlsx_writer import write_workbook
from model import template_registry
from model.draft import form_to_dict
from model.report import assess_form
from model.values import format_score
from model.template_registry import TemplateRegistry, bundled_templates_dir, get_template
from tests.exporters.test_pdf_helpers import page_texts
from tests.region_forms import region_form

COLUMNS = [{"key": "level1", "title": "一级指标"}, {"key": "level2", "title": "二级指标"},
           {"key": "name", "title": "三级指标"}, {"key": "target", "title": "年度指标值"},
           {"key": "actual", "title": "实际完成值"}, {"key": "weight", "title": "分值"},
           {"key": "score", "title": "得分"}, {"key": "deduction", "title": "扣分"},
           {"key": "reason", "title": "扣分原因"}]


@pytest.fixture
def deduction_form(tmp_path, monkeypatch):
    """guizhou-2024 with a 扣分 column after 得分, as a user template; its sample form with 指标1
    short of its target (so it loses points) and 指标2 met."""
    data = json.loads((bundled_templates_dir() / "guizhou-2024.json").read_text(encoding="utf-8"))
    data.update(id="deduction-test", indicator_columns=COLUMNS)
    data["columns"] = {"reason": "扣分原因", "remark": None}
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "deduction-test.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(template_registry, "_default_registry",
                        TemplateRegistry([bundled_templates_dir(), folder]))
    form = region_form("guizhou-2024")
    form.template = "deduction-test"
    first = form.leaf_at((0, 0, 0))
    first.target, first.actual = "≥100人", "80人"
    return form


def _leaf_row(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_LEAF).value == name)


def test_the_workbook_prints_the_points_lost_as_a_formula(deduction_form, tmp_path):
    af = assess_form(deduction_form)
    first = deduction_form.leaf_at((0, 0, 0))
    lost = first.weight - af.evaluation.leaf(first).score
    assert lost > 0
    path = tmp_path / "form.xlsx"
    write_workbook([af], path)
    ws = load_workbook(path).worksheets[0]
    cols = L.columns_for(get_template("deduction-test"))
    assert cols.own and not cols.split and cols.col("deduction") == cols.score + 1
    header = ws.cell(_leaf_row(ws, "指标1") - 1, cols.col("deduction")).value
    assert header == "扣分"
    row = _leaf_row(ws, "指标1")
    weight, score = (L.letter(c) for c in (cols.weight, cols.score))
    assert ws.cell(row, cols.col("deduction")).value == f'=IF(ISNUMBER({score}{row}),MAX({weight}{row}-{score}{row},0),"")'
    stored = load_workbook(path, data_only=True).worksheets[0]
    assert Decimal(str(stored.cell(row, cols.col("deduction")).value)) == lost
    assert stored.cell(_leaf_row(ws, "指标2"), cols.col("deduction")).value == 0
    assert ws.cell(row, cols.reason).value == first.reason  # 扣分原因 after it


def test_the_workbook_imports_back_to_the_same_form(deduction_form, tmp_path):
    path = tmp_path / "form.xlsx"
    write_workbook([assess_form(deduction_form)], path)
    (_, got), = read_workbook(path)
    assert form_to_dict(got) == form_to_dict(deduction_form)


def test_the_pdf_prints_the_column_and_the_figure(deduction_form):
    af = assess_form(deduction_form)
    first = deduction_form.leaf_at((0, 0, 0))
    text = "".join(page_texts(pdf_bytes([af])))
    heads = "".join(labels_for(af.template).table_headers())
    assert "得分扣分扣分原因" in heads and "得分扣分扣分原因" in text
    score = af.evaluation.leaf(first).score
    assert f"80人{format_score(first.weight)}{format_score(score)}{format_score(first.weight - score)}" in text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")
def test_a_score_typed_in_the_sheet_changes_the_deduction(deduction_form, tmp_path):
    source = tmp_path / "form.xlsx"
    write_workbook([assess_form(deduction_form)], source)
    wb = load_workbook(source)
    ws = wb.worksheets[0]
    cols = L.columns_for(get_template("deduction-test"))
    row = _leaf_row(ws, "指标1")
    ws.cell(row, cols.score).value = 35  # a clerk sets the score by hand in Excel
    wb.save(source)
    out = tmp_path / "out"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)], check=True, timeout=600,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    computed = load_workbook(out / "form.xlsx", data_only=True).worksheets[0]
    weight = deduction_form.leaf_at((0, 0, 0)).weight
    assert Decimal(str(computed.cell(row, cols.col("deduction")).value)) == weight - 35
    (_, got), = read_workbook(out / "form.xlsx")
    assert got.leaf_at((0, 0, 0)).score == 35  # read as a hand-set score; 扣分 itself is not read
