"""The CJK font the PDF is set in, embedded as a subset so it prints the same on every machine.

reportlab embeds only TrueType outlines (``glyf``), so the choice is: the system's SimSun when it is
installed (the face Chinese offices expect on an official form; on Windows ``C:/Windows/Fonts/simsun.ttc``),
else the bundled AR PL UMing (a freely licensed Song/Ming face, ``resources/fonts/uming.ttc``). Every
candidate is opened and checked for CJK glyphs before it is used, so a broken or CFF-only file is skipped
instead of producing boxes.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from model.paths import fonts_dir

# Characters every form needs; a font lacking any of them is not used.
_PROBE = "项目支出绩效自评表第页共"


@dataclass(frozen=True)
class FontChoice:
    name: str  # the name registered with reportlab
    path: Path
    subfont: int  # face index inside a .ttc
    family: str  # the family name inside the file, for messages and documentation


_registered: Optional[FontChoice] = None


class FontError(RuntimeError):
    """No usable CJK font (the bundled file missing or broken): a Chinese message for the user."""


def _windows_fonts_dirs() -> list[Path]:
    root = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or "C:/Windows"
    folders = [Path(root) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # fonts installed per user
    return folders


def _unix_fonts_dirs() -> list[Path]:
    home = Path.home()
    return [home / ".local" / "share" / "fonts", home / ".fonts", Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]


def system_font_folders() -> list[Path]:
    """Where this system keeps its fonts (Windows' folder is flat, Linux's has sub-folders)."""
    return _windows_fonts_dirs() if sys.platform == "win32" else _unix_fonts_dirs()


def system_simsun_candidates() -> Iterator[Path]:
    """SimSun files in the usual places (UOS and Kylin often install the Windows file too)."""
    names = {"simsun.ttc", "simsun.ttf", "nsimsun.ttf"}
    for folder in system_font_folders():
        if not folder.is_dir():
            continue
        direct = [folder / name for name in ("simsun.ttc", "SimSun.ttc", "simsun.ttf", "SIMSUN.TTC")]
        for path in direct:
            if path.is_file():
                yield path
        if sys.platform != "win32":  # Linux keeps fonts in sub-folders; Windows' folder is flat
            for path in folder.rglob("*"):
                if path.name.lower() in names and path.is_file():
                    yield path


def bundled_font_path() -> Path:
    return fonts_dir() / "uming.ttc"


def _try_font(name: str, path: Path, subfont: int) -> Optional[TTFont]:
    """Open a candidate, or None when reportlab cannot embed it or it lacks Chinese glyphs."""
    try:
        font = TTFont(name, str(path), subfontIndex=subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None
    if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE):
        return None
    return font


def _family_of(font: TTFont) -> str:
    raw = getattr(font.face, "familyName", b"") or getattr(font.face, "name", b"")
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _choose() -> FontChoice:
    if not os.environ.get("PERF_EVAL_BUNDLED_FONT_ONLY"):  # tests and reproducible output use the bundled font
        for path in system_simsun_candidates():
            font = _try_font("SimSun", path, 0)
            if font is not None:
                pdfmetrics.registerFont(font)
                return FontChoice("SimSun", path, 0, _family_of(font))
    path = bundled_font_path()
    font = _try_font("ARPLUMingCN", path, 0)
    if font is None:
        raise FontError(f"找不到可用的中文字体:{path} 缺失或已损坏,请重新安装程序。")
    pdfmetrics.registerFont(font)
    return FontChoice("ARPLUMingCN", path, 0, _family_of(font))


_ASTRAL_ENTRY = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16(match: "re.Match[str]") -> str:
    code = int(match[2], 16) - 0x10000
    return f"{match[1]} <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


def _astral_as_surrogates(make: Any) -> Any:
    """reportlab's ToUnicode map with each character beyond U+FFFF written as its UTF-16 pair.

    reportlab writes 𫖮 (U+2B5AE) as the five digits <2B5AE>, which PDF readers take for U+2B5A: a
    rare name printed right came out wrong when copied from the PDF or searched for in it."""
    if getattr(make, "astral_as_surrogates", False):
        return make

    def make_cmap(fontname: str, subset: list[int]) -> str:
        return _ASTRAL_ENTRY.sub(_utf16, make(fontname, subset))

    make_cmap.astral_as_surrogates = True  # type: ignore[attr-defined]
    return make_cmap


def font_choice() -> FontChoice:
    """The font in use, registered with reportlab on first call (once per process)."""
    global _registered
    if _registered is None:
        ttfonts.makeToUnicodeCMap = _astral_as_surrogates(ttfonts.makeToUnicodeCMap)
        choice = _choose()
        # One face serves every style: <b> or <i> in a paragraph must not fall back to Helvetica.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(choice.name, bold, italic, choice.name)
        _registered = choice
    return _registered


def register_cjk_font() -> str:
    """Register the CJK font with reportlab and return the name to use in styles and on canvases."""
    return font_choice().name
