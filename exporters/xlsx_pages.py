"""Where a form sheet's printed pages break, and the merged labels cut at those breaks.

The sheet is printed at a fixed scale (the widest that fits the page width) rather than "fit to
one page wide": Excel ignores manual page breaks once fitting is on, and a known scale lets the
page heights be worked out here. Rows are printed in groups (the head of the form, the goals,
the indicator header with the first 二级 group, each further 二级 group, the closing rows): a page
breaks before the group that does not fit. A 二级 group is cut between two of its leaves, two at
least on each side, when moving it whole would leave the page less than 70 % full (LEAF_CUT_FILL)
or when it is taller than a page. Where it has no such cut, and for the other groups, a group is
cut at any row (never inside a leaf's long text that fits on a page) only when it is taller than a
page or moving it would leave the page more than half empty. Then every label over the break (一级,
二级, the block label in column A) is cut into one merged cell per page, each with its text, marked
so that the reader knows the second one continues the first. So a merged label
is never sliced: each page shows its own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Optional

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_plan import Row, SheetPlan, Span
from model.template import Template

INCH = 72.0
PAPER = {"landscape": (841.89, 595.28), "portrait": (595.28, 841.89)}  # A4 in points
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER = 0.4, 0.7, 0.7, 0.3  # inches
SLACK = 0.96  # office programs round row heights to pixels and pad pages; stay clear of the edge
# LibreOffice draws a column about 6 % wider than Excel (it measures the default font's digits
# unhinted): leave that much room so the form fits the page width in both.
WIDTH_SLACK = 1.07
MIN_FILL = 0.5  # a page ends before a group that is no 二级 group (funds, goals) when at least this full
# A page ends before a 二级 group only when it is at least this full; else the group is cut between two of
# its leaves (三级 rows), as the bureau's print and the paper forms cut long groups, the 一级/二级 labels
# repeated on the next page. A whole group reads best, but a page less than 70 % full ends in a blank
# of 30 % (seven one-line leaves), which looks like a part of the form gone missing; a higher mark would
# cut groups to win a blank of a line or two. The long 湖北 and 四川 forms of the tests (63 leaves) printed
# at 50 % on pages 55-65 % full; from 65 % up their plans are the same, every page but the last 72 % full
# or more, and the ten sample forms break where they did.
LEAF_CUT_FILL = 0.7
LEAVES_KEPT = 2  # a cut 二级 group keeps at least this many of its leaves on each page: no single row


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
    leaves = _leaf_starts(plan)
    breaks: list[int] = []
    top, used = min(rows), 0.0
    for r in sorted(rows):
        room = height - (repeat if top > plan.header_row > 0 else 0.0)
        row = rows[r]
        if used + row.height > room and r > top:
            unit = row.unit
            fits = group_height[unit] <= height - repeat
            before = used - sum(rows[x].height for x in range(unit, r)) if top < unit else 0.0
            starts = leaves.get(unit, ())
            if starts and top < unit < r and fits and before >= height * LEAF_CUT_FILL:
                top = unit  # a 二级 group moves whole when the page it leaves is full enough
            elif starts and (cut := _leaf_cut(starts, top, r, rows, height - repeat)):
                top = cut  # else it is cut between two of its leaves, two at least on each side
            # any other group goes to the next page whole, unless that leaves this page mostly empty;
            # cut inside, it never leaves its first row (a heading: 绩效指标's column heads,
            # 年度总体目标) alone at the foot of the page
            elif (top < unit < r and fits and before >= height * MIN_FILL) or (top < unit == r - 1):
                top = unit
            else:
                top = _before_continued_text(plan, starts, top, r, height - repeat)
            breaks.append(top)
            used = sum(rows[x].height for x in range(top, r))
        used += row.height
    return tuple(breaks)


def _leaf_starts(plan: SheetPlan) -> dict[int, tuple[int, ...]]:
    """The first row of every leaf (三级指标) by the 二级 group it is printed with (its unit): the rows
    a page may start at inside the group. A leaf whose long text goes on in rows below (ROLE_TEXT)
    is one leaf: its continuation rows are no place for a break."""
    starts: dict[int, list[int]] = {}
    for r in sorted(plan.leaf_rows):
        starts.setdefault(plan.rows[r].unit, []).append(r)
    return {unit: tuple(rows) for unit, rows in starts.items()}


def _cut_allowed(starts: tuple[int, ...], top: int, cut: int) -> bool:
    """A page that starts at ``top`` may end before the leaf at ``cut`` of a 二级 group (``starts``, its
    leaves' first rows): at least LEAVES_KEPT of the group's leaves stay on it and as many go on."""
    kept = sum(1 for s in starts if top <= s < cut)
    return top < cut and kept >= LEAVES_KEPT and sum(1 for s in starts if s >= cut) >= LEAVES_KEPT


def _leaf_cut(starts: tuple[int, ...], top: int, r: int, rows: Mapping[int, Row], room: float) -> int:
    """The last leaf of a 二级 group (``starts``) at or before row ``r``, the first row that does not fit
    on the page from ``top``, where the page may end, 0 when there is none: the rows from it to ``r``
    must fit on the next page (``room``)."""
    return next((cut for cut in reversed(starts) if cut <= r and _cut_allowed(starts, top, cut)
                 and sum(rows[x].height for x in range(cut, r + 1)) <= room), 0)


def _before_continued_text(plan: SheetPlan, starts: tuple[int, ...], top: int, r: int, room: float) -> int:
    """Where a page ends inside a group that no rule above cuts well (one taller than a page): at row
    ``r``, or at the first row of the leaf that ``r`` continues when that leaf, whole, fits on a page."""
    if plan.rows[r].role != L.ROLE_TEXT:
        return r
    first = max((s for s in starts if s < r), default=0)
    end = first + 1
    while plan.rows.get(end) is not None and plan.rows[end].role == L.ROLE_TEXT:
        end += 1
    return first if top < first and sum(plan.rows[x].height for x in range(first, end)) <= room else r


def _closing_kept_with_indicators(plan: SheetPlan, breaks: tuple[int, ...], height: float) -> tuple[int, ...]:
    """The breaks with a last page that would hold only the 总分 and closing rows (the conclusion
    blocks, the signatures) started one 二级 group earlier when that group and the rest fit on it,
    else between two of the group's leaves (the latest with two of them on each side), else at its
    last leaf: a page of signatures alone, under a repeated indicator header, is not a form page."""
    if not breaks or breaks[-1] < plan.total_row or plan.total_row not in plan.rows:
        return breaks
    previous = breaks[-2] if len(breaks) > 1 else min(plan.rows)
    repeat = plan.rows[plan.header_row].height if plan.header_row else 0.0
    unit = plan.rows[plan.total_row].unit
    starts = _leaf_starts(plan).get(unit, ())
    cuts = [c for c in reversed(starts) if _cut_allowed(starts, previous, c)]
    last_leaf = max((s for s in starts if s < plan.total_row), default=plan.total_row - 1)
    kept = sum(row.height for r, row in plan.rows.items() if previous <= r < unit)
    kept += repeat if previous > plan.header_row > 0 else 0.0
    # the whole last 二级 group (which the 总分 row closes) when the page before stays full enough
    # (as page_breaks moves a group), else a cut of it, else the whole group all the same, else its
    # last leaf
    first = (unit,) if kept >= height * LEAF_CUT_FILL else ()
    for start in (*first, *cuts, unit, last_leaf):
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
