"""The workbook opened by a real office program: LibreOffice recalculates what we stored.

Every formula of the workbook stores the program's result; LibreOffice recalculates on loading, so
a workbook it saves again holds *its* figures, which must be the same. Slow on a shared machine:
one LibreOffice run converts all the workbooks these tests look at (module-scoped fixture), one
more prints the ten forms to PDF. Skipped where ``soffice`` is not installed (Debian:
``apt-get install libreoffice-calc-nogui``).
"""
from __future__ import annotations

import copy
import json
import math
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_pages import page_height, page_setup
from exporters.xlsx_reader import read_workbook
from exporters.xlsx_sheet import plan_sheet
from exporters.xlsx_writer import write_workbook
from model.draft import form_to_dict
from model.report import assess_form, load_assessed
from model.template import RateCap
from model.template_registry import get_template
from model.values import format_rate, format_score
from tests.conftest import REAL_FORM_PATHS
from tests.exporters.sheet_rows import FIGURE_KEYS, form_figures, label_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")
LONG = ("因参考人员少,考试规模不大,故产生的展板、印刷等费用比预期费用少。See plan 2024-ABC. " * 400)[:20000]


def _convert(sources: list[Path], fmt: str, folder: Path) -> list[Path]:
    out = folder / f"converted-{fmt}"
    profile = (folder / "lo-profile").as_uri()  # own profile: never clash with another soffice
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), *map(str, sources)], check=True, timeout=600,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = [out / f"{source.stem}.{fmt}" for source in sources]
    for result in results:
        assert result.is_file(), f"LibreOffice 未生成 {result.name}"
    return results


def _two(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def _leaf_row(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, L.COL_LEAF).value == name)


def _edited(source: Path, target: Path, sheet: str) -> Path:
    """A person edits the exported workbook (here with openpyxl, which drops stored results)."""
    wb = load_workbook(source)
    ws = wb[sheet]
    ws.cell(_leaf_row(ws, "“三支一扶”招募人数"), L.COL_ACTUAL).value = "90人"  # the score's input
    ws.cell(_leaf_row(ws, "体检考务费"), L.COL_SCORE).value = 4  # a score set by hand
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The ten forms, an edited copy, a capped total and a 20,000-character text, through LibreOffice."""
    folder = tmp_path_factory.mktemp("lo")
    forms = [load_assessed(p) for p in REAL_FORM_PATHS]
    books = {name: folder / f"{name}.xlsx" for name in ("all", "edited", "capped", "long")}
    write_workbook(forms, books["all"])
    _edited(books["all"], books["edited"], forms[0].name)
    base = get_template("guizhou-2024")
    caps = (RateCap(Decimal(60), Decimal(70), Decimal(79)), RateCap(Decimal(0), Decimal(60), Decimal(69)))
    capped = replace(base, rules=replace(base.rules, rate_caps=caps))
    write_workbook([assess_form(copy.deepcopy(forms[0].form), "f01", capped)], books["capped"])
    long_form = copy.deepcopy(forms[0].form)
    next(leaf for _, _, leaf in long_form.iter_leaves()).reason = LONG + "说明结束"
    long_form.conclusion = LONG
    write_workbook([assess_form(long_form)], books["long"])
    converted = dict(zip(books, _convert(list(books.values()), "xlsx", folder)))
    return forms, books, converted, long_form


def test_libreoffice_recalculates_the_stored_figures(office):
    forms, books, converted, _ = office
    stored = load_workbook(books["all"], data_only=True)
    recalculated = load_workbook(converted["all"], data_only=True)
    for ws in stored.worksheets:
        again = recalculated[ws.title]
        formulas = load_workbook(books["all"])[ws.title]
        cells = [c.coordinate for row in formulas.iter_rows() for c in row if c.data_type == "f"]
        assert cells, ws.title
        for ref in cells:
            mine, theirs = ws[ref].value, again[ref].value
            if isinstance(mine, (int, float)):
                assert _two(theirs) == _two(mine), (ws.title, ref)
            else:
                assert (theirs or "") == (mine or ""), (ws.title, ref)


def test_libreoffice_computes_the_programs_figures_and_the_file_imports_back(office, forms_dir):
    forms, _, converted, _ = office
    expected = json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))
    wb = load_workbook(converted["all"], data_only=True)  # the values LibreOffice computed and cached
    summary = wb["汇总"]
    for n, item in enumerate(forms, start=2):
        figures = expected[Path(item.source).name]
        shown = form_figures(wb[item.name])
        assert {k: _two(shown[k]) for k in FIGURE_KEYS} == {k: Decimal(figures[k]) for k in FIGURE_KEYS}, item.name
        assert _two(shown["weight"]) == Decimal(100) and shown["grade"] == f"等级:{figures['grade']}"
        assert _two(summary.cell(n, 6).value) == Decimal(figures["total"])
        assert _two(summary.cell(n, 5).value) == Decimal(figures["funds_rate"])
        assert summary.cell(n, 7).value == figures["grade"]
    # what LibreOffice saved imports back to the same forms
    sheets = read_workbook(converted["all"])
    assert [form_to_dict(f) for _, f in sheets] == [form_to_dict(item.form) for item in forms]


def test_edited_input_marks_its_score_stale_and_imports_back_recomputed(office):
    forms, _, converted, _ = office
    item = forms[0]  # f01: 81.28
    ws = load_workbook(converted["edited"], data_only=True)[item.name]
    row, total = _leaf_row(ws, "“三支一扶”招募人数"), label_rows(ws)["总分"]
    assert ws.cell(row, L.COL_STATUS).value == L.STALE  # 90人 was not what the score 10 came from
    leaves = [r for r in range(label_rows(ws)["绩效指标"] + 1, total) if ws.cell(r, L.COL_LEAF).value]
    assert [r for r in leaves if ws.cell(r, L.COL_STATUS).value] == [row]  # the hand-set 4 is not stale
    assert _two(ws.cell(total, L.COL_SCORE).value) == Decimal("80.28")  # the total follows the edited 4
    assert "1项得分待重算" in ws.cell(total, L.COL_REASON).value
    [(_, form)] = [s for s in read_workbook(converted["edited"]) if s[0] == item.name]
    evaluation = assess_form(form).evaluation
    leaves = {leaf.name: evaluation.leaf(leaf).score for _, _, leaf in form.iter_leaves()}
    assert leaves["“三支一扶”招募人数"] == Decimal(9) and leaves["体检考务费"] == Decimal(4)
    assert evaluation.total == Decimal("79.28")


def test_rate_cap_formula_gives_the_capped_total(office):
    """A template capping the total by execution rate: the sheet's 总分 formula applies the cap too."""
    _, books, converted, _ = office
    for path in (books["capped"], converted["capped"]):  # stored by us, then recalculated by LibreOffice
        ws = load_workbook(path, data_only=True).worksheets[0]
        assert _two(ws.cell(label_rows(ws)["总分"], 8).value) == Decimal("79.00")  # rate 62.83: 81.28 capped


def test_twenty_thousand_characters_survive_libreoffice(office):
    _, _, converted, long_form = office
    [(_, form)] = read_workbook(converted["long"])
    assert form_to_dict(form) == form_to_dict(long_form)
    ws = load_workbook(converted["long"]).worksheets[0]
    assert max(ws.row_dimensions[r].height or 0 for r in range(1, ws.max_row + 1)) <= wrap.MAX_ROW_HEIGHT


def test_pdf_from_libreoffice_shows_computed_totals_on_the_planned_pages(office):
    from pypdf import PdfReader
    forms, books, _, _ = office
    [pdf] = _convert([books["all"]], "pdf", books["all"].parent)
    # LibreOffice breaks the pages where the sheet does (no more, no fewer): the summary's one page and
    # each form's planned pages, which are no more than the bureau printed (tests/exporters/test_xlsx_pages.py)
    planned = sum(len(page_setup(plan_sheet(item)).breaks) + 1 for item in forms)
    assert len(PdfReader(pdf).pages) == 1 + planned
    # digits only: they come out right even where the machine lacks a Chinese font
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    for item in forms:  # as the paper prints them: 81.28 but 100
        assert format_score(item.evaluation.total) in text, item.name
        if item.evaluation.funds_rate is not None:
            assert format_rate(item.evaluation.funds_rate) in text, item.name


def test_a_long_hubei_form_prints_on_its_planned_pages_with_groups_cut_between_leaves(tmp_path):
    """湖北's long form, its 二级 groups cut between two leaves to fill the pages
    (tests/exporters/test_xlsx_pages.py): LibreOffice breaks where the plan does, no page more or fewer,
    and the workbook, its labels cut at the breaks, imports back to the same form."""
    from pypdf import PdfReader
    from tests.exporters.test_xlsx_pages import long_region_form
    items = {name: long_region_form("hubei-2021", long_leaf) for name, long_leaf in (("short", False), ("long", True))}
    books = {name: tmp_path / f"{name}.xlsx" for name in items}
    for name, item in items.items():
        write_workbook([item], books[name])
        [(_, form)] = [s for s in read_workbook(books[name]) if s[0] == item.name]
        assert form_to_dict(form) == form_to_dict(item.form), name
    for name, pdf in zip(books, _convert(list(books.values()), "pdf", tmp_path)):
        plan = plan_sheet(items[name])
        setup = page_setup(plan)
        planned = len(setup.breaks) + 1
        assert len(PdfReader(pdf).pages) == planned, name  # one form: no 汇总 sheet
        # no more than one page beyond what the rows take (whole groups moved took two or three more)
        rows = sum(row.height for row in plan.rows.values())
        assert 3 < planned <= math.ceil(rows / page_height(setup.orientation, setup.scale)) + 1, name
