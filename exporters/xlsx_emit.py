"""A planned form sheet (:mod:`exporters.xlsx_sheet`) written with XlsxWriter, with its print setup.

XlsxWriter, unlike openpyxl, stores a formula together with its result, so every computed cell
carries the program's figure for readers that do not calculate (pandas, import tools, previewers).
Excel and LibreOffice still recalculate on opening, and the formulas give the same figures.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters import xlsx_styles as S
from exporters.xlsx_pages import MARGIN_BOTTOM, MARGIN_HEADER, MARGIN_SIDE, MARGIN_TOP, cut_spans, page_setup
from exporters.xlsx_plan import SheetPlan, Span, Value
from exporters.xlsx_styles import Formats, Style

MAX_HEADER_NAME = 80  # Excel allows 255 characters for a whole header


def _result(value: Value) -> Any:
    """A formula's stored result as XlsxWriter wants it."""
    if value is None:
        return ""
    return float(value) if isinstance(value, (Decimal, int)) else value


def write_value(ws: Any, row: int, col: int, value: Value, fmt: Any = None, formula: str = "") -> None:
    """Write one cell (1-based row and column); texts always as texts, even "=6万元"."""
    r, c = row - 1, col - 1
    if formula:
        ws.write_formula(r, c, formula, fmt, _result(value))
    elif value is None:
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        if value.startswith("<r>") and value.endswith("</r>"):
            # XlsxWriter would take this for rich-text XML: write it as a rich string of plain pieces
            ws.write_rich_string(r, c, value[:1], value[1:2], value[2:], fmt)
        else:
            ws.write_string(r, c, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    else:
        ws.write_number(r, c, float(value), fmt)


def _write_put(ws: Any, formats: Formats, row: int, col: int, end_col: int, value: Value, style: Style,
               formula: str = "", end_row: int = 0) -> None:
    fmt = formats.get(style)
    end_row = end_row or row
    if end_col > col or end_row > row:
        ws.merge_range(row - 1, col - 1, end_row - 1, end_col - 1, None, fmt)
    write_value(ws, row, col, value, fmt, formula)


def _write_span(ws: Any, formats: Formats, span: Span) -> None:
    style = span.style.boxed() if span.split else span.style
    _write_put(ws, formats, span.first, span.col, span.end_col, span.value, style, span.formula, span.last)


def _rows(ws: Any, plan: SheetPlan, formats: Formats, breaks: set[int], roles: dict[int, str],
          covered: set[tuple[int, int]]) -> None:
    for r, row in sorted(plan.rows.items()):
        ws.set_row(r - 1, row.height)
        nxt = plan.rows.get(r + 1)
        top = row.role != L.ROLE_TEXT or r in breaks
        bottom = nxt is None or nxt.role != L.ROLE_TEXT or (r + 1) in breaks
        done: set[int] = set()
        for put in row.puts:
            style = put.style.boxed(top, bottom) if row.table else put.style
            _write_put(ws, formats, r, put.col, put.end_col, put.value, style, put.formula)
            done.update(range(put.col, put.end_col + 1))
        if row.table:
            blank = formats.get(S.TEXT.boxed(top, bottom))
            for c in range(1, plan.last_col + 1):
                if c not in done and (r, c) not in covered:
                    ws.write_blank(r - 1, c - 1, None, blank)
        for put in row.helper:
            _write_put(ws, formats, r, put.col, put.end_col, put.value, put.style, put.formula)
        for col, value in row.hidden.items():
            write_value(ws, r, col, value)
        role = row.role or roles.get(r, "")
        if role:
            write_value(ws, r, plan.cols.role, role)


def _rule(ws: Any, ranges: list[tuple[int, int, int, int]], criteria: str, fmt: Any) -> None:
    """One formula rule over several ranges; references are relative to the first range's top left."""
    r1, c1, r2, c2 = ranges[0]
    options: dict[str, Any] = {"type": "formula", "criteria": criteria, "format": fmt}
    if len(ranges) > 1:
        options["multi_range"] = " ".join(f"{L.letter(a)}{r}:{L.letter(b)}{q}" for r, a, q, b in ranges)
    ws.conditional_format(r1 - 1, c1 - 1, r2 - 1, c2 - 1, options)


def _fraction(ref: str) -> str:
    return f"AND(ISNUMBER({ref}),ROUND({ref},2)<>INT({ref}))"


def _conditional_formats(ws: Any, plan: SheetPlan, formats: Formats) -> None:
    """Number formats that follow an edited figure (10 but 6.28), and the mark of a stale score.

    Few rules over many ranges: XlsxWriter's formula handling is the slowest part of the export.
    """
    first, last = plan.header_row + 1, plan.total_row - 1
    total, funds = plan.total_row, plan.funds_total_row
    cols = plan.cols
    fc = plan.funds_cols
    scores = [(funds, c, funds, c) for c in (fc.weight, fc.score) if c] + [(total, cols.weight, total, cols.score)]
    if last >= first:
        h = f"{L.letter(cols.score)}{first}"
        stale = f'${L.letter(cols.status)}{first}="{L.STALE}"'
        leaf_scores = [(first, cols.score, last, cols.score)]
        _rule(ws, leaf_scores, f"=AND({stale},{_fraction(h)})",
              formats.conditional(fill=S.ORANGE, num=L.SCORE_CENTS, bold=True))
        _rule(ws, leaf_scores, f"={stale}", formats.conditional(fill=S.ORANGE, num=L.SCORE_WHOLE, bold=True))
        _rule(ws, leaf_scores, f"={_fraction(h)}", formats.conditional(num=L.SCORE_CENTS))
        _rule(ws, leaf_scores, f"=ISNUMBER({h})", formats.conditional(num=L.SCORE_WHOLE))
        scores = [(first, cols.weight, last, cols.weight), (first, cols.cat_weight, last, cols.dim_score)] + scores
    scores.sort()  # the rule's references are relative to the top left cell of the first range
    ref = f"{L.letter(scores[0][1])}{scores[0][0]}"
    _rule(ws, scores, f"={_fraction(ref)}", formats.conditional(num=L.SCORE_CENTS))
    _rule(ws, scores, f"=ISNUMBER({ref})", formats.conditional(num=L.SCORE_WHOLE))
    a, b = plan.funds_rows
    low, high = fc.money()
    money = [(a, low, b, high)]
    ref = f"{L.letter(low)}{a}"
    _rule(ws, money, f"={_fraction(ref)}", formats.conditional(num=L.MONEY_CENTS))
    _rule(ws, money, f"=ISNUMBER({ref})", formats.conditional(num=L.MONEY_WHOLE))


def header_text(text: str) -> str:
    """A text for a page header or footer: "&" doubled, short enough for Excel's 255 characters."""
    short = text if len(text) <= MAX_HEADER_NAME else text[:MAX_HEADER_NAME - 1] + "…"
    return short.replace("&", "&&")


def print_setup(ws: Any, plan: SheetPlan, scale: int, breaks: tuple[int, ...], orientation: str) -> None:
    ws.set_paper(9)  # A4
    if orientation == "portrait":
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.set_print_scale(scale)
    ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
    font = f'&9&"{wrap.FONT_NAME},常规"'  # size first: "&9" + "2026年…" would read as size 92026
    ws.set_header(f"&R{font}{header_text(plan.item.name)}", {"margin": MARGIN_HEADER})
    # The total is this form's page count, not &N: LibreOffice's &N counts every page of the
    # workbook, while each form is signed and handed in with its own pages 1..N.
    ws.set_footer(f"&C{font}第 &P 页 共 {len(breaks) + 1} 页", {"margin": MARGIN_HEADER})
    ws.set_start_page(1)  # every form's pages count from 1, as it is handed in on its own
    ws.center_horizontally()
    if plan.header_row:
        ws.repeat_rows(plan.header_row - 1)
    ws.print_area(0, 0, plan.last_row - 1, plan.last_col - 1)
    if breaks:
        ws.set_h_pagebreaks([b - 1 for b in breaks])
    ws.hide_gridlines(2)


def write_sheet(ws: Any, plan: SheetPlan, formats: Formats) -> None:
    """Write the planned form onto an empty XlsxWriter worksheet."""
    setup = page_setup(plan)
    spans, roles = cut_spans(plan.spans, setup.breaks, {r: row.height for r, row in plan.rows.items()})
    covered = {(r, c) for s in spans for r in range(s.first, s.last + 1) for c in range(s.col, s.end_col + 1)}
    _rows(ws, plan, formats, set(setup.breaks), roles, covered)
    for span in spans:
        _write_span(ws, formats, span)
    _conditional_formats(ws, plan, formats)
    for n, width in enumerate(plan.widths):
        ws.set_column(n, n, width)
    cols = plan.cols
    ws.set_column(cols.status - 1, cols.status - 1, L.STATUS_WIDTH)
    ws.set_column(cols.cat_weight - 1, cols.dim_score - 1, L.HELPER_WIDTH)
    ws.set_column(cols.mark - 1, cols.last_hidden - 1, None, None, {"hidden": True})
    _write_put(ws, formats, 1, cols.status, cols.dim_score, L.STALE_NOTE, S.NOTE, end_row=3)
    write_value(ws, 1, cols.mark, f"{L.SHEET_MARK}:{L.MARK_VERSION}:{plan.item.template.id}")
    print_setup(ws, plan, setup.scale, setup.breaks, setup.orientation)
