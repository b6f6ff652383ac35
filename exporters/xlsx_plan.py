"""What a form sheet is made of before any file is written: rows of cells, merged labels, the plan.

:mod:`exporters.xlsx_sheet` fills a :class:`SheetPlan`, :mod:`exporters.xlsx_pages` cuts it into
pages, :mod:`exporters.xlsx_emit` writes it; none of them needs the others' code, only these types.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Union

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_styles import Style
from model.report import AssessedForm

Value = Union[str, Decimal, int, None]
# Characters XML 1.0 cannot carry; a carriage return would come back as a line feed anyway.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@lru_cache(maxsize=256)
def top_aligned(style: Style) -> Style:
    """A continued text flows from row to row, so it starts at the top of each."""
    return replace(style, valign="top")


def clean_text(text: str) -> str:
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass
class Put:
    """One cell, or a horizontally merged one, of one row."""

    col: int
    value: Value
    style: Style
    end_col: int = 0
    formula: str = ""  # the cell's formula; ``value`` is its stored result

    def __post_init__(self) -> None:
        self.end_col = self.end_col or self.col


@dataclass
class Span:
    """A cell merged over several rows (and perhaps columns)."""

    col: int
    first: int
    last: int
    value: Value
    style: Style
    end_col: int = 0
    formula: str = ""
    role: str = ""  # ROLE_DIM / ROLE_CAT: cut at a page break, the label repeats with this role
    split: bool = True  # False: outside the print area, never cut
    flow: float = 0.0  # a text (the funds 原因) this many points wide: cut at a page break, each piece
    # holds its own lines of it instead of the whole text as a label does

    def __post_init__(self) -> None:
        self.end_col = self.end_col or self.col


@dataclass
class Row:
    puts: list[Put] = field(default_factory=list)
    height: float = wrap.MIN_ROW_HEIGHT
    table: bool = True  # a bordered row of the form's table
    role: str = ""
    unit: int = 0  # first row of the group this row is printed with (see xlsx_pages)
    hidden: dict[int, Value] = field(default_factory=dict)  # hidden columns P..U
    helper: list[Put] = field(default_factory=list)  # beside the form, not printed


@dataclass
class SheetPlan:
    item: AssessedForm
    labels: L.SheetLabels
    last_col: int
    widths: tuple[int, ...]
    cols: L.SheetColumns = L.SheetColumns(L.INDICATOR_SLOTS, L.WIDTHS_WITH_REMARK)
    funds_cols: L.FundsColumns = L.FundsColumns(L.FUNDS_SLOTS, L.L_FUNDS_HEADERS[1:])
    rows: dict[int, Row] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    header_row: int = 0  # the indicator header, repeated on every printed page
    leaf_rows: list[int] = field(default_factory=list)
    funds_total_row: int = 0
    funds_rows: tuple[int, int] = (0, 0)
    total_row: int = 0

    @property
    def last_row(self) -> int:
        return max(self.rows)
