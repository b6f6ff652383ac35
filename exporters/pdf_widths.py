"""Column widths from the content: each column as wide as its texts need, the long texts share the rest.

A fixed share per column (the old layout) gave a 100-character 未完成原因分析 the same 72 mm in every
form and wrapped it into six lines while the 得分 column stood half empty. Here every column states
the width its texts take on one line (*natural*) and the narrowest it may be (*minimum*: its widest
unbreakable word, or a few characters). Where the rows' texts are known (the indicator grid), the
room above the minimums goes, step by step, to the column whose widening saves most printed lines
per point, a row being as tall as its tallest cell; that is what decides how many pages a form
takes. Elsewhere short columns get their natural width and the rest is shared out so that the
columns that still wrap get equal room ("water filling").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from exporters.pdf_lines import text_width, units


@dataclass(frozen=True)
class Column:
    natural: float  # points, padding included
    minimum: float
    fixed: bool = False  # never more (nor less) than its natural width, e.g. 分值 and 得分


def natural_width(texts: Iterable[str], font: str, size: float) -> float:
    """The widest line of any of the texts, set on one line (line breaks in a text are kept)."""
    return max((text_width(line, font, size) for text in texts for line in (text or "").split("\n")), default=0.0)


def widest_unit(texts: Iterable[str], font: str, size: float) -> float:
    """The widest piece no line break may cut (a word, a number with its sign)."""
    return max((text_width(piece.strip(), font, size) for text in texts for line in (text or "").split("\n")
                for piece in units(line)), default=0.0)


def column(texts: Sequence[str], font: str, size: float, pad: float, min_chars: float = 2,
           words: Sequence[str] = (), fixed: bool = False, unbroken: float = 0.0) -> Column:
    """A column of ``texts``; ``words`` are the header's unbreakable words (they set the minimum too).

    A fixed column is as wide as its widest unbreakable piece; ``unbroken`` asks the same of a
    flexible one up to that many characters' width (a target "=12730000元" should not be cut)."""
    unit = widest_unit(texts, font, size) if fixed or unbroken else 0.0
    floor = max(min_chars * size, unit if fixed else min(unit, unbroken * size),
                max((text_width(w, font, size) for w in words), default=0.0))
    natural = max(natural_width(texts, font, size), floor)
    return Column(natural + 2 * pad, floor + 2 * pad, fixed)


def fit_widths(columns: Sequence[Column], total: float,
               rows: Optional[Sequence[Sequence[float]]] = None, pad: float = 0.0) -> list[float]:
    """Widths summing to ``total``: fixed columns at their natural width, the others water-filled,
    or, given ``rows`` (each row's text width per column, unpadded), grown where it saves most lines."""
    widths = [c.natural if c.fixed else c.minimum for c in columns]
    room = total - sum(widths)
    if room < 0:  # a page too narrow even for the minimums: shrink everything alike
        return [w * total / sum(widths) for w in widths]
    if rows:
        return _grow(columns, widths, room, rows, pad)
    flexible = sorted((i for i, c in enumerate(columns) if not c.fixed),
                      key=lambda i: columns[i].natural - columns[i].minimum)
    for position, i in enumerate(flexible):
        share = room / (len(flexible) - position)
        grant = min(columns[i].natural - columns[i].minimum, share)
        widths[i] += grant
        room -= grant
    if room > 1e-9:  # every text fits on one line: the spare room goes to the flexible columns
        growing = flexible or list(range(len(columns)))
        weight = sum(widths[i] for i in growing)
        for i in growing:
            widths[i] += room * widths[i] / weight
    return widths


SAMPLE_ROWS = 200  # a longer table is judged on rows spread evenly over it


def _row_lines(row: Sequence[float], inner: Sequence[float]) -> int:
    return max([1] + [math.ceil(text / inner[c] - 1e-9) for c, text in enumerate(row) if text])


def _grow(columns: Sequence[Column], widths: list[float], room: float, rows: Sequence[Sequence[float]],
          pad: float) -> list[float]:
    """Hand out ``room`` where it saves most lines per point of width.

    Each round looks, per flexible column, at the widths that would take one line off some row
    (a row is as tall as its tallest cell), and grants the column and width that save the most
    lines for the room they cost. When no saving fits in the room left, the rest is shared out.
    """
    if len(rows) > SAMPLE_ROWS:
        rows = [rows[i * len(rows) // SAMPLE_ROWS] for i in range(SAMPLE_ROWS)]
    flexible = [i for i, c in enumerate(columns) if not c.fixed]
    while room > 1e-6:
        inner = [max(w - 2 * pad - SLACK, 1.0) for w in widths]
        current = [_row_lines(row, inner) for row in rows]
        best: Optional[tuple[float, int, float]] = None  # (saving per point, column, extra width)
        for i in flexible:
            for extra in _candidates(rows, current, inner, i, room):
                trial = list(inner)
                trial[i] += extra
                saving = sum(now - _row_lines(row, trial) for row, now in zip(rows, current))
                if saving > 0 and (best is None or saving / extra > best[0]):
                    best = (saving / extra, i, extra)
        if best is None:
            break
        widths[best[1]] += best[2]
        room -= best[2]
    return _share(columns, widths, room)


SLACK = 2.0  # points kept free in a line: breaking by words and marks does not fill lines to the point


def _candidates(rows: Sequence[Sequence[float]], current: Sequence[int], inner: Sequence[float], column: int,
                room: float, limit: int = 6) -> list[float]:
    """The smallest widenings of ``column`` that take a line off one of the rows it makes tallest."""
    extras = set()
    for row, lines in zip(rows, current):
        text = row[column]
        if text and lines > 1 and math.ceil(text / inner[column] - 1e-9) == lines:
            extra = text / (lines - 1) - inner[column] + 1e-6
            if 0 < extra <= room:
                extras.add(math.ceil(extra * 1000) / 1000)
    return sorted(extras)[:limit]


def _share(columns: Sequence[Column], widths: list[float], room: float) -> list[float]:
    flexible = [i for i, c in enumerate(columns) if not c.fixed] or list(range(len(columns)))
    weight = sum(widths[i] for i in flexible)
    for i in flexible:
        widths[i] += room * widths[i] / weight
    return widths
