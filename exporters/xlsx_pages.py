"""Where a form sheet's printed pages break, and the merged labels cut at those breaks.

The sheet is printed at a fixed scale (the widest that fits the page width) rather than "fit to
one page wide": Excel ignores manual page breaks once fitting is on, and a known scale lets the
page heights be worked out here. Rows are printed in groups (the head of the form, the goals,
the indicator header with the first 二级 group, each further 二级 group, the closing rows): a page
breaks before the group that does not fit. A group is broken inside only when it is taller than
a page or when moving it whole would leave the page more than half empty; then every label over
the break (一级, 二级, the block label in column A) is cut into one merged cell per page, each with
its text, marked so that the reader knows the second one continues the first. So a merged label
is never sliced: each page shows its own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Optional

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_plan import SheetPlan, Span
from model.template import Template

INCH = 72.0
PAPER = {"landscape": (841.89, 595.28), "portrait": (595.28, 841.89)}  # A4 in points
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER = 0.4, 0.7, 0.7, 0.3  # inches
SLACK = 0.96  # office programs round row heights to pixels and pad pages; stay clear of the edge
# LibreOffice draws a column about 6 % wider than Excel (it measures the default font's digits
# unhinted): leave that much room so the form fits the page width in both.
WIDTH_SLACK = 1.07
MIN_FILL = 0.5  # a page ends before a 二级 group only when it is at least this full; else the group is cut


@dataclass(frozen=True)
class PageSetup:
    orientation: str
    scale: int  # percent
    breaks: tuple[int, ...]  # the first row of every page after the first


def fill_width(widths: tuple[int, ...], orientation: str) -> tuple[int, ...]:
    """The columns widened in proportion when at 100 % they leave part of the page's width empty.

    The widths are set for a portrait page; a landscape form would otherwise print a narrow table
    in the middle of the sheet, with its rows taller than they need to be."""
    room = (PAPER[orientation][0] - 2 * MARGIN_SIDE * INCH) / WIDTH_SLACK
    used = sum(wrap.column_points(w) for w in widths)
    if used >= room:
        return widths
    grown = [round(w * room / used) for w in widths]
    while sum(wrap.column_points(w) for w in grown) > room:
        grown[grown.index(max(grown))] -= 1
    return tuple(grown)


def print_scale(plan: SheetPlan, orientation: str) -> int:
    """The largest whole percentage at which the printed columns fit the page width."""
    width = sum(wrap.column_points(w) for w in plan.widths[:plan.last_col]) * WIDTH_SLACK
    usable = PAPER[orientation][0] - 2 * MARGIN_SIDE * INCH
    return max(10, min(100, int(usable / width * 100)))


def page_height(orientation: str, scale: int) -> float:
    """Points of sheet rows one page holds at ``scale``."""
    usable = PAPER[orientation][1] - (MARGIN_TOP + MARGIN_BOTTOM) * INCH
    return usable * 100 / scale * SLACK


def page_breaks(plan: SheetPlan, height: float) -> tuple[int, ...]:
    """The first row of each new page, greedily: a page takes whole groups while they fit."""
    rows = plan.rows
    repeat = rows[plan.header_row].height if plan.header_row else 0.0
    group_height: dict[int, float] = {}
    for row in rows.values():
        group_height[row.unit] = group_height.get(row.unit, 0.0) + row.height
    breaks: list[int] = []
    top, used = min(rows), 0.0
    for r in sorted(rows):
        room = height - (repeat if top > plan.header_row > 0 else 0.0)
        row = rows[r]
        if used + row.height > room and r > top:
            unit = row.unit
            fits = group_height[unit] <= height - repeat
            before = used - sum(rows[x].height for x in range(unit, r)) if top < unit else 0.0
            # the group goes to the next page whole, unless that leaves this page mostly empty;
            # cut inside, it never leaves its first row (a heading: 绩效指标's column heads,
            # 年度总体目标) alone at the foot of the page
            whole = top < unit < r and fits and before >= height * MIN_FILL
            top = unit if whole or (top < unit == r - 1) else r
            breaks.append(top)
            used = sum(rows[x].height for x in range(top, r))
        used += row.height
    return tuple(breaks)


def _closing_kept_with_indicators(plan: SheetPlan, breaks: tuple[int, ...], height: float) -> tuple[int, ...]:
    """The breaks with a last page that would hold only the 总分 and closing rows (the conclusion
    blocks, the signatures) started one 二级 group earlier when that group and the rest fit on it, else
    at the group's last row: a page of signatures alone, under a repeated indicator header, is not a
    form page."""
    if not breaks or breaks[-1] < plan.total_row or plan.total_row not in plan.rows:
        return breaks
    previous = breaks[-2] if len(breaks) > 1 else min(plan.rows)
    repeat = plan.rows[plan.header_row].height if plan.header_row else 0.0
    # the whole last 二级 group (which the 总分 row closes), else at least its last row
    for start in (plan.rows[plan.total_row].unit, plan.total_row - 1):
        rest = sum(row.height for r, row in plan.rows.items() if r >= start)
        if previous < start < plan.total_row and rest + repeat <= height:
            return breaks[:-1] + (start,)
    return breaks


def cut_spans(spans: list[Span], breaks: tuple[int, ...],
              heights: Optional[Mapping[int, float]] = None) -> tuple[list[Span], dict[int, str]]:
    """Spans cut at the page breaks, and the role of each row where a cut label starts again.

    A label is repeated on each page; a flowing text (``Span.flow``) is cut where its lines cross
    the break, each piece as many lines as its rows hold (``heights``, the rows' heights), so the
    pieces read as the text and join back to it."""
    result: list[Span] = []
    roles: dict[int, str] = {}
    for span in spans:
        cuts = [b for b in breaks if span.first < b <= span.last] if span.split else []
        if not cuts:
            result.append(span)
            continue
        edges = [span.first] + cuts + [span.last + 1]
        pieces = list(zip(edges, edges[1:]))
        texts = (_flowed(span.value, span.flow, [sum(heights.get(r, 0.0) for r in range(a, b)) for a, b in pieces])
                 if span.flow and isinstance(span.value, str) and heights is not None else None)
        for n, (first, end) in enumerate(pieces):
            piece = replace(span, first=first, last=end - 1)
            if texts is not None:
                piece.value = texts[n] or None
            result.append(piece)
            if n and span.role and roles.get(first) != L.ROLE_CAT:
                roles[first] = span.role
    return result, roles


def _flowed(text: str, width: float, heights: list[float]) -> list[str]:
    """``text`` cut into one piece per height: as many of its printed lines as each holds, the rest in
    the last. "".join() of the pieces is the text."""
    starts = wrap.line_starts(text, width)
    pieces: list[str] = []
    line = 0
    for n, height in enumerate(heights):
        lines = max(1, int((height - wrap.ROW_PADDING) // wrap.LINE_HEIGHT))
        begin = starts[line] if line < len(starts) else len(text)
        line = len(starts) if n == len(heights) - 1 else line + lines
        pieces.append(text[begin:starts[line] if line < len(starts) else len(text)])
    return pieces


def sheet_orientation(template: Template) -> str:
    """"portrait" or "landscape" (a template that names neither prints landscape)."""
    return "portrait" if template.orientation == "portrait" else "landscape"


def page_setup(plan: SheetPlan) -> PageSetup:
    orientation = sheet_orientation(plan.item.template)
    scale = print_scale(plan, orientation)
    height = page_height(orientation, scale)
    return PageSetup(orientation, scale, _closing_kept_with_indicators(plan, page_breaks(plan, height), height))
