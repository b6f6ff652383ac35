"""Text as the PDF prints it: paragraph markup, the cell padding and the chunk size of long texts.

Chunking is what lets a 20,000-character explanation flow over as many pages as it needs: each
chunk (:func:`exporters.pdf_lines.chunk_lines`, whole lines) becomes one table row, so no row is ever
taller than a page. Figures are formatted by :mod:`model.values`, never here.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from exporters.pdf_glyphs import runs

PAD = 3  # cell padding left/right, in points (the tables pad their cells by this much)
CHUNK_LINES = 8  # a text longer than this many lines is cut into several table rows, so pages fill up


def markup(text: str, font: str = "") -> str:
    """Plain text as paragraph markup: escaped, with its line breaks kept. Given the paragraph's
    ``font``, the characters it lacks are set in the fallback that has them (exporters.pdf_glyphs)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(_line_markup(line, font) for line in lines)


def _line_markup(line: str, font: str) -> str:
    if not font:
        return escape(line)
    return "".join(escape(piece) if name == font else f'<font name="{name}">{escape(piece)}</font>'
                   for name, piece in runs(line, font))
