"""Text as the PDF prints it: paragraph markup, the cell padding and the chunk size of long texts.

Chunking is what lets a 20,000-character explanation flow over as many pages as it needs: each
chunk (:func:`exporters.pdf_lines.chunk_lines`, whole lines) becomes one table row, so no row is ever
taller than a page. Figures are formatted by :mod:`model.values`, never here.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

PAD = 3  # cell padding left/right, in points (the tables pad their cells by this much)
CHUNK_LINES = 8  # a text longer than this many lines is cut into several table rows, so pages fill up


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, with its line breaks kept."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)
