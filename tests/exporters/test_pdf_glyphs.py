"""A character the PDF's font lacks is printed from a fallback font found on the machine.

The fallback here is reportlab's own Vera.ttf (shipped with reportlab, so present on every machine):
it has ™ † ◊, which the bundled AR PL UMing lacks, as SimSun-ExtB has the rare name characters SimSun
lacks."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase import pdfmetrics

from exporters import pdf_glyphs, pdf_lines
from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_writer import pdf_bytes
from model.report import assess_form, load_assessed
from tests.conftest import REAL_FORM_PATHS
from tests.exporters.test_pdf_helpers import reader, squash

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
MARK = "™"


@pytest.fixture
def vera_fallback(monkeypatch):
    """Vera as the machine's only fallback font, with the lookups and measured widths forgotten."""
    monkeypatch.delenv("PERF_EVAL_BUNDLED_FONT_ONLY", raising=False)
    monkeypatch.setattr(pdf_glyphs, "fallback_font_paths", lambda: iter([VERA]))
    monkeypatch.setattr(pdf_glyphs, "_fallbacks", None)
    monkeypatch.setattr(pdf_glyphs, "_font_of", {})
    monkeypatch.setattr(pdf_lines, "_widths", {})
    font = register_cjk_font()
    if ord(MARK) in pdfmetrics.getFont(font).face.charToGlyph:
        pytest.skip(f"{font} has {MARK} itself")
    return font


def test_a_character_the_font_lacks_comes_from_the_fallback(vera_fallback):
    font = vera_fallback
    assert pdf_glyphs.font_for(MARK, font) == "Fallback-Vera"
    assert pdf_glyphs.font_for("项", font) == font
    assert pdf_glyphs.runs(f"产品{MARK}合格", font) == [(font, "产品"), ("Fallback-Vera", MARK), (font, "合格")]
    assert pdf_lines.text_width(MARK, font, 9) == pdfmetrics.stringWidth(MARK, "Fallback-Vera", 9)
    assert pdf_glyphs.unprintable_characters([f"产品{MARK}", "😀"]) == "😀"  # only what no font has


def test_the_pdf_prints_the_character_in_the_fallback_font(vera_fallback):
    form = copy.deepcopy(load_assessed(REAL_FORM_PATHS[0]).form)
    leaf = next(leaf for _, _, leaf in form.iter_leaves())
    leaf.reason = f"注册商标{MARK}已核准"
    form.project.name = f"商标{MARK}推广"  # also in the page header and footer
    pdf = reader(pdf_bytes([assess_form(form)]))
    fonts = {str(f.get_object()["/BaseFont"]) for page in pdf.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("Vera" in name for name in fonts), fonts
    text = squash("".join(page.extract_text() for page in pdf.pages))
    assert f"注册商标{MARK}已核准" in text


def test_without_fallbacks_the_character_is_reported(vera_fallback, monkeypatch):
    monkeypatch.setenv("PERF_EVAL_BUNDLED_FONT_ONLY", "1")
    assert pdf_glyphs.unprintable_characters([f"产品{MARK}"]) == MARK


def test_fallback_files_are_found_in_their_order_whatever_the_case(monkeypatch, tmp_path):
    (tmp_path / "dejavu").mkdir()
    (tmp_path / "dejavu" / "DejaVuSans.ttf").write_bytes(b"x")
    (tmp_path / "SIMSUNB.TTF").write_bytes(b"x")
    (tmp_path / "other.ttf").write_bytes(b"x")
    monkeypatch.setattr(pdf_glyphs, "system_font_folders", lambda: [tmp_path, tmp_path / "missing"])
    monkeypatch.setattr(pdf_glyphs.sys, "platform", "linux")
    assert [p.name for p in pdf_glyphs.fallback_font_paths()] == ["SIMSUNB.TTF", "DejaVuSans.ttf"]


def test_a_broken_fallback_file_is_skipped(monkeypatch, tmp_path):
    broken = tmp_path / "simsunb.ttf"
    broken.write_bytes(b"not a font")
    monkeypatch.setattr(pdf_glyphs, "fallback_font_paths", lambda: iter([broken, VERA]))
    assert [name for name, _ in pdf_glyphs._load_fallbacks()] == ["Fallback-Vera"]


def test_a_character_beyond_u_ffff_is_copied_from_the_pdf_as_itself():
    """reportlab maps 𫖮 (U+2B5AE) to <2B5AE>, read as U+2B5A; the map must hold its UTF-16 pair."""
    from reportlab.pdfbase import ttfonts

    register_cjk_font()
    register_cjk_font()  # wrapped once, however often the font is asked for
    cmap = ttfonts.makeToUnicodeCMap("F", [0x41, 0x2B5AE, 0x9879])
    assert "<00> <0041>" in cmap and "<02> <9879>" in cmap
    assert "<01> <D86DDDAE>" in cmap and "2B5AE" not in cmap


def test_a_rare_character_printed_from_a_fallback_font_is_extracted_right(tmp_path):
    astral = "😀"  # DejaVu Sans has it, as SimSun-ExtB has the rare name characters
    if pdf_glyphs.font_for(astral, register_cjk_font()) == register_cjk_font():
        pytest.skip("no font on this machine prints a character beyond U+FFFF")
    form = copy.deepcopy(load_assessed(REAL_FORM_PATHS[0]).form)
    form.project.contact = f"宋{astral}霖"
    pdf = reader(pdf_bytes([assess_form(form)]))
    assert f"宋{astral}霖" in squash("".join(page.extract_text() for page in pdf.pages))


def test_a_title_line_sets_the_characters_its_font_lacks_in_the_fallback(vera_fallback):
    from dataclasses import replace

    from exporters.pdf_text import markup

    font = vera_fallback
    assert markup(f"商标{MARK}<自评>", font) == f'商标<font name="Fallback-Vera">{MARK}</font>&lt;自评&gt;'
    assert markup(f"商标{MARK}") == f"商标{MARK}"  # no font given: escaped only
    item = load_assessed(REAL_FORM_PATHS[0])
    template = replace(item.template, title=f"项目支出绩效自评表{MARK}")
    pdf = reader(pdf_bytes([assess_form(copy.deepcopy(item.form), "f01", template)]))
    assert f"自评表{MARK}" in squash(pdf.pages[0].extract_text())
    fonts = {str(f.get_object()["/BaseFont"]) for f in pdf.pages[0]["/Resources"]["/Font"].values()}
    assert any("Vera" in name for name in fonts), fonts  # the title alone has the mark


def test_a_chart_label_sets_the_characters_its_font_lacks_in_the_fallback(vera_fallback):
    from exporters.pdf_chart import slanted_label

    font = vera_fallback
    label = slanted_label(100, 50, f"2.商标{MARK}推广", font)
    pieces = [(s.fontName, s.text) for s in label.contents]
    assert pieces == [(font, "2.商标"), ("Fallback-Vera", MARK), (font, "推广")]
    assert label.contents[-1].x + pdfmetrics.stringWidth("推广", font, 7) == pytest.approx(0)  # ends at (x, y)
    assert label.transform[4:] == (100, 50)


def test_the_summary_chart_prints_a_name_with_a_character_its_font_lacks(vera_fallback):
    forms = []
    for name in ("人事考试经费", f"商标{MARK}推广"):
        form = copy.deepcopy(load_assessed(REAL_FORM_PATHS[0]).form)
        form.project.name = name
        forms.append(assess_form(form))
    summary = reader(pdf_bytes(forms, summary=True)).pages[0]
    assert f"2.商标{MARK}推广" in squash(summary.extract_text())  # the chart's label, not the table's
