"""Text and figures as the PDF tables print them: paragraph markup, money, two-decimal figures,
and long texts cut into chunks of a bounded number of lines.

Chunking is what lets a 20,000-character explanation flow over as many pages as it needs: each
chunk becomes one table row, so no row is ever taller than a page. Figures are only formatted
here, never computed (they come from the :class:`~model.scoring.Evaluation`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional
from xml.sax.saxutils import escape

from model.scoring import round2

PAD = 3  # cell padding left/right, in points (the tables pad their cells by this much)
CHUNK_LINES = 8  # a text longer than this (estimated) is cut into several table rows, so pages fill up


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, with its line breaks kept."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def money(value: Optional[Decimal]) -> str:
    """Money with thousands separators, as the paper form prints it (300,000; 1,234.50)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,}"
    if value.as_tuple().exponent >= -2:  # type: ignore[operator]
        return f"{value:,.2f}"
    return f"{value.normalize():,f}"


def two(value: Optional[Decimal], missing: str = "") -> str:
    """A rate or score with two decimals (the Evaluation's figure, only formatted)."""
    return missing if value is None else f"{round2(value):f}"


def _fits(text: str, per_line: int, max_lines: int) -> bool:
    """Whether a text takes at most ``max_lines`` lines (looks at no more lines than that)."""
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n", max_lines)) <= max_lines


def chunk_text(text: str, width: float, size: float, max_lines: int = CHUNK_LINES) -> list[str]:
    """Cut a text into pieces of at most about ``max_lines`` lines in a column ``width`` points wide.

    The estimate counts every character as a full-width one, so a piece never exceeds the bound;
    cuts fall after a sentence mark when one is near, else anywhere (Chinese has no word spaces).
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    per_line = max(2, int((width - 2 * PAD) // size))
    limit = per_line * max_lines
    if len(text) <= per_line or _fits(text, per_line, max_lines):
        return [text]
    chunks: list[str] = []
    rest = text
    while rest:
        if _fits(rest, per_line, max_lines):
            chunks.append(rest)
            break
        cut = _cut_point(rest, per_line, max_lines, limit)
        chunks.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    return chunks


def _cut_point(text: str, per_line: int, max_lines: int, limit: int) -> int:
    """Where the first chunk ends: before the line that would overflow, or inside an overlong first line."""
    lines = start = 0
    for line in text.split("\n", max_lines + 1):
        needed = max(1, -(-len(line) // per_line))
        if lines + needed > max_lines:
            return start if lines > 0 else _sentence_cut(line[:limit], per_line)
        lines += needed
        start += len(line) + 1
    return len(text)


def _sentence_cut(piece: str, per_line: int) -> int:
    for position in range(len(piece) - 1, max(0, len(piece) - 2 * per_line), -1):
        if piece[position] in "。;；!！?？,，、)）":
            return position + 1
    return len(piece)
