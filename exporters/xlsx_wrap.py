"""How a wrapped text prints in a worksheet cell: its lines, the row height it needs, and where a
text too long for one row is cut.

XlsxWriter cannot autofit, so row heights (and from them the page breaks) are worked out from an
estimate of how Excel wraps 10 pt 宋体 in a column of a given width. Kept apart from
:mod:`exporters.xlsx_layout` (where everything is on the sheet) because it is arithmetic on text
and widths only.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

FONT_NAME = "宋体"  # SimSun: what Chinese offices expect; Excel/WPS/LibreOffice all map it
FONT_SIZE = 10
# Points per wrapped line of 10 pt 宋体: Excel draws SimSun 10 pt lines 14 px (10.5 pt) apart,
# LibreOffice its stand-in about as far; a little more keeps a last line from being clipped.
LINE_HEIGHT = 11.5
ROW_PADDING = 5.0
MIN_ROW_HEIGHT = 20.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit
MAX_LINES = int((MAX_ROW_HEIGHT - 10 - ROW_PADDING) // LINE_HEIGHT)  # the most lines one row shows
# A text longer than that goes on in rows of this many lines: short enough that pages fill up
# (a page takes several of them) rather than one 400 pt row a page.
CHUNK_LINES = 10
CELL_MARGIN = 5.0  # points of a column's width that the cell's inner margins take


def column_points(width: float) -> float:
    """How wide a column of ``width`` units prints: Excel's pixels (7 per digit + 5) at 96 dpi."""
    return (int(width * 7 + 0.5) + 5) * 0.75


def char_points(char: str, size: float = FONT_SIZE) -> float:
    """Printed width of one character: 宋体 draws Chinese (and “”、…) one em wide, Latin about half."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return size
    return size * 0.55


@lru_cache(maxsize=8192)
def line_starts(text: str, width_points: float, size: float = FONT_SIZE) -> tuple[int, ...]:
    """Where each printed line of ``text`` begins when wrapped in a cell ``width_points`` wide.

    A greedy fill character by character, as Excel wraps: Chinese breaks anywhere, a Latin word
    ("2024-ABC") moves to the next line whole unless it is longer than a line; a line break in the
    text starts a new line. Cached: the same text in the same column is measured once.
    """
    usable = max(width_points - CELL_MARGIN, size)
    starts = [0]
    used = 0.0
    word = 0  # where the run of Latin word characters ending at the current one began
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
            used, word = 0.0, index + 1
            continue
        width = char_points(char, size)
        if not _in_word(char):
            word = index + 1
        if used + width > usable and used > 0:
            start = word if starts[-1] < word < index else index
            starts.append(start)
            used = sum(char_points(c, size) for c in text[start:index])
        used += width
    return tuple(starts)


def _in_word(char: str) -> bool:
    """A character Excel keeps on one line with its neighbours (Latin letters, digits, "-", ".")."""
    return not char.isspace() and char < "\u2e80" and unicodedata.east_asian_width(char) not in ("W", "F", "A")


def text_lines(text: str, width_points: float, size: float = FONT_SIZE) -> int:
    """How many lines a wrapped text needs in a column ``width_points`` wide."""
    return len(line_starts(text, width_points, size)) if text else 1


def row_height(lines: int, line_height: float = LINE_HEIGHT) -> float:
    return min(MAX_ROW_HEIGHT, max(MIN_ROW_HEIGHT, lines * line_height + ROW_PADDING))


def split_text(text: str, width_points: float, max_lines: int = MAX_LINES,
               chunk_lines: int = CHUNK_LINES) -> list[str]:
    """A text of more than ``max_lines`` printed lines cut into pieces of ``chunk_lines`` lines.

    "".join() of the pieces gives the text back exactly. The cuts fall where the wrapped text
    starts a new line anyway, so the pieces, printed one below the other, read like the text
    printed in one cell.
    """
    starts = line_starts(text, width_points)
    if len(starts) <= max_lines:
        return [text]
    cuts = list(starts[::chunk_lines]) + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]
