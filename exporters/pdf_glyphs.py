"""Characters the form's font lacks, printed from a second font found on the machine.

Names of people and places use rare characters (CJK Extension B and later: 𫖮, 𬀩) that SimSun and the
bundled AR PL UMing do not have, and a clerk may type a symbol (☑, ✓) they lack too. Windows ships
SimSun-ExtB and Segoe UI Symbol; many Linux desktops carry HanaMin or DejaVu Sans. A character the main
font lacks is drawn in the first of these that has it, so the PDF prints it instead of an empty box;
only what no font has is reported before the PDF is handed over (:func:`unprintable_note`).

The fallbacks are looked for the first time a character is missing, so a form without rare characters
never searches the disk. ``PERF_EVAL_BUNDLED_FONT_ONLY`` turns them off, as it turns off SimSun.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from exporters.pdf_fonts import register_cjk_font, system_font_folders

# Looked for in this order: Song faces for rare Chinese characters first, symbol faces last.
FALLBACK_FILES = ("simsunb.ttf", "simsunextg.ttf", "simsun-extg.ttf", "mingliub.ttc", "hanaminb.ttf",
                  "hanamina.ttf", "seguisym.ttf", "dejavusans.ttf")
LISTED_MISSING = 12

_fallbacks: Optional[list[tuple[str, Any]]] = None  # (registered name, its character map)
_font_of: dict[tuple[str, str], str] = {}


def fallback_font_paths() -> Iterator[Path]:
    """The fallback files on this machine, in FALLBACK_FILES order."""
    found: dict[str, Path] = {}
    for folder in system_font_folders():
        if not folder.is_dir():
            continue
        paths = folder.iterdir() if sys.platform == "win32" else folder.rglob("*")
        for path in paths:
            name = path.name.lower()
            if name in FALLBACK_FILES and name not in found and path.is_file():
                found[name] = path
    return (found[name] for name in FALLBACK_FILES if name in found)


def _load_fallbacks() -> list[tuple[str, Any]]:
    """Register every fallback reportlab can embed (TrueType outlines; a CFF file is skipped)."""
    fonts: list[tuple[str, Any]] = []
    for path in fallback_font_paths():
        name = f"Fallback-{path.stem}"
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (TTFError, OSError, ValueError, KeyError, IndexError):
            continue
        pdfmetrics.registerFont(font)
        fonts.append((name, font.face.charToGlyph))
    return fonts


def fallbacks() -> list[tuple[str, Any]]:
    global _fallbacks
    if os.environ.get("PERF_EVAL_BUNDLED_FONT_ONLY"):
        return []
    if _fallbacks is None:
        _fallbacks = _load_fallbacks()
    return _fallbacks


def _has(font: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(font).face.charToGlyph


def font_for(char: str, font: str) -> str:
    """The font that prints ``char``: ``font`` itself when it can, else the first fallback that has it,
    else ``font`` (the character prints as a box and is reported)."""
    key = (font, char)
    chosen = _font_of.get(key)
    if chosen is None:
        chosen = font
        if not _has(font, char) and not char.isspace():
            chosen = next((name for name, glyphs in fallbacks() if ord(char) in glyphs), font)
        if not os.environ.get("PERF_EVAL_BUNDLED_FONT_ONLY"):
            _font_of[key] = chosen
    return chosen


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """The text cut into (font, piece) runs, each piece printed in one font."""
    result: list[tuple[str, str]] = []
    for char in text:
        name = font_for(char, font)
        if result and result[-1][0] == name:
            result[-1] = (name, result[-1][1] + char)
        else:
            result.append((name, char))
    return result


def draw_text(canvas: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left") -> None:
    """Draw one line starting at ``x`` (or centred on it, or ending at it), switching to a fallback font
    for the characters ``font`` lacks. Leaves the canvas set to ``font``."""
    pieces = [(name, piece, pdfmetrics.stringWidth(piece, name, size)) for name, piece in runs(text, font)]
    if align != "left":
        width = sum(w for _, _, w in pieces)
        x -= width / 2 if align == "center" else width
    for name, piece, w in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += w
    canvas.setFont(font, size)


def unprintable_characters(texts: Iterable[str]) -> str:
    """The characters of ``texts`` no font here has a glyph for (they print as empty boxes), each once
    in the order met, at most LISTED_MISSING: rare name characters where no fallback font is installed,
    emoji. The export says so rather than hand over a PDF with boxes unseen."""
    font = register_cjk_font()
    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char.isspace() or not char.isprintable() or char in missing:
                continue
            if not _has(font_for(char, font), char):
                missing[char] = None
                if len(missing) >= LISTED_MISSING:
                    return "".join(missing)
    return "".join(missing)


def unprintable_note(forms_texts: Iterable[str]) -> str:
    """A sentence for the export's closing message, or "" when every character prints."""
    missing = unprintable_characters(forms_texts)
    if not missing:
        return ""
    return f"PDF 所用字体中没有以下字符,它们会打印为方框:{' '.join(missing)}(可改用常用字或在打印稿上手写)。"
