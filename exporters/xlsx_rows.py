"""The small cell factory every block of a form sheet lays its rows with.

The blocks of a sheet (the header and closing lines in :mod:`exporters.xlsx_sheet`, the funds in
:mod:`exporters.xlsx_funds`, the indicators in :mod:`exporters.xlsx_indicator_rows`) all put cells
into one :class:`~exporters.xlsx_plan.SheetPlan`, and all must clean texts, size rows and continue
a too long text the same way. Those few operations live here, bound to the plan, and are handed to
each block; the blocks do not know of each other or of the builder that calls them.
"""
from __future__ import annotations

from typing import Any, Optional

from exporters import xlsx_layout as L
from exporters import xlsx_styles as S
from exporters import xlsx_wrap as wrap
from exporters.xlsx_plan import Put, Row, SheetPlan, Span, Value, clean_text, top_aligned
from exporters.xlsx_styles import Style


class SheetRows:
    """Cells, rows and merged labels of one planned sheet (``plan``), measured by its column widths."""

    def __init__(self, plan: SheetPlan) -> None:
        self.plan = plan

    def points(self, col: int, end_col: int) -> float:
        """How wide the columns ``col``..``end_col`` print, in points."""
        widths = self.plan.widths
        return sum(wrap.column_points(widths[c - 1]) for c in range(col, end_col + 1) if c <= len(widths))

    def cell(self, col: int, value: Value, style: Style = S.TEXT, end_col: int = 0, formula: str = "") -> Put:
        """One cell of a row (a text cleaned of what XML cannot carry; an empty text is no value)."""
        if isinstance(value, str):
            value = clean_text(value) or None
        return Put(col, value, style, end_col, formula)

    def label(self, col: int, text: str, end_col: int = 0) -> Put:
        return self.cell(col, text, S.BOLD, end_col)

    def lay(self, r: int, puts: list[Put], *, unit: int = 0, table: bool = True,
            hidden: Optional[dict[int, Value]] = None, helper: Optional[list[Put]] = None) -> int:
        """Lay out one row of the form; a text too long for 409 pt goes on in rows below.

        Returns how many rows it took. The continuation rows repeat the row's horizontal merges
        (empty where a cell has nothing more to say), so each column prints as one tall cell.
        """
        pieces = [wrap.split_text(p.value, self.points(p.col, p.end_col))
                  if isinstance(p.value, str) and p.style.wrap and not p.formula else [p.value] for p in puts]
        count = max((len(chunks) for chunks in pieces), default=1)
        for n in range(count):
            row = Row(table=table, role=L.ROLE_TEXT if n else "", unit=unit or r,
                      hidden=dict(hidden or {}) if n == 0 else {}, helper=list(helper or []) if n == 0 else [])
            lines = 1
            for put, chunks in zip(puts, pieces):
                value = chunks[n] if n < len(chunks) else None
                style = put.style if count == 1 else top_aligned(put.style)
                row.puts.append(Put(put.col, value, style, put.end_col, put.formula if n == 0 else ""))
                if isinstance(value, str) and style.wrap:
                    lines = max(lines, wrap.text_lines(value, self.points(put.col, put.end_col), style.size))
            row.height = wrap.row_height(lines)
            self.plan.rows[r + n] = row
        return count

    def span(self, col: int, first: int, last: int, value: Value, style: Style = S.BOLD, **kw: Any) -> None:
        """A cell merged over rows ``first``..``last`` (see :class:`~exporters.xlsx_plan.Span` for ``kw``)."""
        if isinstance(value, str):
            value = clean_text(value) or None
        self.plan.spans.append(Span(col, first, max(first, last), value, style, **kw))


class SheetBlock:
    """A block of a sheet (funds, indicators, and the builder's own blocks): it lays its rows with
    ``sheet``'s cell factory, under these short names, and reads the form, its labels and the last
    column from the plan."""

    def __init__(self, sheet: SheetRows) -> None:
        self.sheet, self.plan = sheet, sheet.plan
        self.cell, self.label, self.lay = sheet.cell, sheet.label, sheet.lay
        self.span, self.points = sheet.span, sheet.points
        self.item, self.labels, self.last = self.plan.item, self.plan.labels, self.plan.last_col
