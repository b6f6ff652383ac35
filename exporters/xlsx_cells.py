"""The cells of one form sheet as the import reads them: values, texts, numbers and labels.

Every block reader of the import (:mod:`exporters.xlsx_parse` and the ``xlsx_read_*`` modules)
goes through :class:`SheetCells`, so a cell is read one way everywhere: a formula gives its stored
result (or an error naming the cell), a number in a percent format reads as it is shown ("95%"),
a text continued on "续文" rows below is joined back, and every error names the sheet and the cell.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Callable, Optional

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from model.values import NumberError, is_blank, plain_decimal, read_decimal, read_weight


class WorkbookError(ValueError):
    """A workbook that cannot be imported; ``str()`` is a complete Chinese message."""


def cell_decimal(value: Any) -> Decimal:
    """A number cell as a plain Decimal (10, not 10.00), read by the one reader drafts and the window
    use (model.values, which rounds a float to the 15 digits Excel keeps); raises NumberError."""
    number = read_decimal(value, "数值", negative=True)
    if number is None:
        raise NumberError("数值不能为空")
    return plain_decimal(number)


def _shows_percent(number_format: Optional[str]) -> bool:
    """Whether a cell's number format multiplies by 100 and adds "%" (not a quoted literal "%")."""
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in unquoted


_PLAIN_VALUES = (str, int, float, Decimal, bool, _dt.date, _dt.time, type(None))


class SheetCells:
    """One worksheet's cells, read as inputs; errors are WorkbookErrors naming the sheet and the cell."""

    def __init__(self, ws: Worksheet, cached: Callable[[], Workbook]) -> None:
        self.ws = ws
        self.cached = cached  # the same workbook opened with data_only=True, loaded only if needed
        self.tops = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        self.cols = L.SheetColumns(L.INDICATOR_SLOTS, L.WIDTHS_WITH_REMARK)  # the template's, once known
        self.mark_col = self._mark_column()

    def _mark_column(self) -> int:
        """Where the hidden sheet mark is: P1, or further right where a template's split columns moved it."""
        for col in range(L.COL_MARK, L.COL_MARK + 12):
            value = self.ws.cell(1, col).value
            if isinstance(value, str) and value.startswith(L.SHEET_MARK + ":"):
                return col
        return L.COL_MARK

    def fail(self, row: int, col: int, message: str) -> WorkbookError:
        return WorkbookError(f"工作表“{self.ws.title}”单元格 {L.letter(col)}{row}:{message}")

    def value(self, row: int, col: int) -> Any:
        """A cell's value; a formula's (or an odd object's) from the cached results, which must exist."""
        cell = self.ws.cell(row, col)
        value = cell.value
        if cell.data_type == "f" or not isinstance(value, _PLAIN_VALUES):
            value = self.cached()[self.ws.title].cell(row, col).value
            if value is None:
                raise self.fail(row, col, "此处应直接填写内容,而不是公式(公式没有已保存的计算结果)")
        return value

    def text(self, row: int, col: int) -> str:
        """A cell as the text it shows: dates in ISO form, numbers plain (and as a percent where shown so)."""
        value = self.value(row, col)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, _dt.datetime):
            return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(" ")
        if isinstance(value, (_dt.date, _dt.time)):
            return value.isoformat()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return self._number_text(row, col, value)
        return str(value)

    def _number_text(self, row: int, col: int, value: int | float | Decimal) -> str:
        try:
            number = cell_decimal(value)
        except NumberError:  # a figure no amount could be (1e300) is still a text
            return str(value)
        if _shows_percent(self.ws.cell(row, col).number_format):
            # "95%" typed in Excel/WPS is stored as 0.95 in a percent format: read it as shown
            return format(cell_decimal(number * 100), "f") + "%"
        return format(number, "f")

    def role(self, row: int) -> str:
        """The hidden ROLE_* of a row the writer continued ("续文", "续一级", …), or ""."""
        value = self.ws.cell(row, self.mark_col + (L.COL_ROLE - L.COL_MARK)).value
        return value if isinstance(value, str) else ""

    def joined(self, row: int, col: int) -> str:
        """The text of a cell together with its continuation rows below ("续文")."""
        parts = [self.text(row, col)]
        row += 1
        while row <= self.ws.max_row and self.role(row) == L.ROLE_TEXT:
            parts.append(self.text(row, col))
            row += 1
        return "".join(parts)

    def number(self, row: int, col: int, what: str, read: Callable[[object, str], Optional[Decimal]] = read_weight,
               *, optional: bool = True) -> Optional[Decimal]:
        """A weight (``read_weight``), score or amount (``read_money``) with a draft's limits and messages."""
        value = self.value(row, col)
        if is_blank(value):
            if optional:
                return None
            raise self.fail(row, col, f"{what}不能为空")
        try:
            number = read(value, what)
        except NumberError as exc:
            raise self.fail(row, col, str(exc)) from None
        return None if number is None else cell_decimal(number)

    def after(self, row: int, col: int) -> int:
        """The column right after the (possibly merged) cell at row, col."""
        merged = self.tops.get((row, col))
        return (merged.max_col if merged else col) + 1

    def find(self, text: str, rows: range, cols: Optional[range] = None) -> Optional[tuple[int, int]]:
        """The first cell (row by row) whose text is the label ``text``, as normalized labels compare."""
        cols = cols if cols is not None else range(1, max(L.COL_REMARK, self.cols.last) + 1)
        wanted = L.normalize_label(text)
        for row in rows:
            for col in cols:
                value = self.ws.cell(row, col).value
                if isinstance(value, str) and L.normalize_label(value) == wanted:
                    return row, col
        return None
