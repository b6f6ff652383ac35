"""The CJK font: SimSun when the system has it, else the bundled AR PL UMing; never a broken file."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from exporters import pdf_fonts
from model.paths import fonts_dir


def test_bundled_font_and_licence_are_shipped():
    folder = fonts_dir()
    assert (folder / "uming.ttc").stat().st_size > 10_000_000
    licence = (folder / "LICENSE-ARPHICPL.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in licence and "文鼎公众授权书" in licence
    assert "AR PL UMing CN" in (folder / "README.md").read_text(encoding="utf-8")


def test_register_returns_a_registered_cjk_font():
    name = pdf_fonts.register_cjk_font()
    font = pdfmetrics.getFont(name)
    assert all(ord(ch) in font.face.charToGlyph for ch in "项目支出绩效自评表黔南≥")
    assert pdf_fonts.register_cjk_font() == name  # registered once


def test_bundled_font_used_without_simsun(monkeypatch):
    monkeypatch.setattr(pdf_fonts, "system_simsun_candidates", lambda: iter(()))
    choice = pdf_fonts._choose()
    assert choice.path == fonts_dir() / "uming.ttc" and choice.family == "AR PL UMing CN"


def test_broken_simsun_candidate_is_skipped(monkeypatch, tmp_path: Path):
    fake = tmp_path / "simsun.ttc"
    fake.write_bytes(b"not a font at all")
    monkeypatch.setattr(pdf_fonts, "system_simsun_candidates", lambda: iter([fake]))
    assert pdf_fonts._choose().path == fonts_dir() / "uming.ttc"


def test_a_working_simsun_is_preferred(monkeypatch, tmp_path: Path):
    """Any TrueType CJK font found under SimSun's file name is taken before the bundled one."""
    stand_in = tmp_path / "simsun.ttc"
    stand_in.write_bytes((fonts_dir() / "uming.ttc").read_bytes())
    monkeypatch.setattr(pdf_fonts, "system_simsun_candidates", lambda: iter([stand_in]))
    choice = pdf_fonts._choose()
    assert choice.name == "SimSun" and choice.path == stand_in


def test_simsun_search_finds_fonts_in_sub_folders(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(pdf_fonts, "_unix_fonts_dirs", lambda: [tmp_path])
    monkeypatch.setattr(pdf_fonts.sys, "platform", "linux")
    (tmp_path / "wine").mkdir()
    (tmp_path / "wine" / "SimSun.ttc").write_bytes(b"x")
    assert [p.name for p in pdf_fonts.system_simsun_candidates()] == ["SimSun.ttc"]


def test_bundled_only_switch(monkeypatch, tmp_path: Path):
    stand_in = tmp_path / "simsun.ttc"
    stand_in.write_bytes(b"x")
    monkeypatch.setattr(pdf_fonts, "system_simsun_candidates", lambda: iter([stand_in]))
    monkeypatch.setenv("PERF_EVAL_BUNDLED_FONT_ONLY", "1")
    assert pdf_fonts._choose().path == fonts_dir() / "uming.ttc"


def test_characters_the_font_cannot_print_are_named_once_each(monkeypatch):
    from exporters.pdf_glyphs import unprintable_characters, unprintable_note

    monkeypatch.setenv("PERF_EVAL_BUNDLED_FONT_ONLY", "1")  # no fallback fonts (tests/exporters/test_pdf_glyphs.py)

    assert unprintable_characters(["张𫖮", "☑ 完成", "𫖮", "项目支出绩效 ≥95% ①"]) == "𫖮☑"
    assert unprintable_note(["项目支出绩效自评表", "联系人:宋怡霖"]) == ""
    assert "𫖮" in unprintable_note(["张𫖮"])

