"""One form as one worksheet, laid out like the paper form.

Inputs (money, weights, leaf scores, texts) are written as values; what Excel users expect to
update by themselves (执行率, 资金得分, subtotals, 总分) is written as formulas. Because openpyxl
does not compute formulas, the reader never relies on a formula's value: it reads inputs only and
lets the model recompute. Row heights are estimated here, since openpyxl cannot autofit.
"""
from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from model.form import Category, Dimension, FundsRow, Leaf
from model.report import AssessedForm


@dataclass
class _Span:
    """A vertically merged cell whose text may need more height than its rows give."""

    first: int
    last: int
    lines: int


@dataclass
class SheetCells:
    """Where the writer put the figures the 汇总 sheet refers to."""

    funds_total_row: int = 0
    total_row: int = 0


@dataclass
class _Builder:
    ws: Worksheet
    item: AssessedForm
    row: int = 1
    lines: dict[int, int] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)
    table_rows: list[int] = field(default_factory=list)  # first and last bordered row
    cells: SheetCells = field(default_factory=SheetCells)
    styles: dict[tuple, Any] = field(default_factory=dict)  # shared by all sheets of one workbook

    def __post_init__(self) -> None:
        self.has_remark = self.item.template.remark_title is not None
        self.last = L.last_column(self.has_remark)
        self.widths = L.column_widths(self.has_remark)

    # --- writing primitives ------------------------------------------------------------------
    def put(self, row: int, col: int, value: Any, *, end_col: Optional[int] = None,
            end_row: Optional[int] = None, font: Font = L.FONT, align: Alignment = L.WRAP_CENTER,
            number_format: Optional[str] = None, formula: bool = False) -> None:
        """Write one (possibly merged) cell; texts are always stored as text, even "=6万元"."""
        end_col = end_col or col
        end_row = end_row or row
        cell = self.ws.cell(row, col)
        if value == "":
            value = None  # an empty text would make the cell non-blank for ISBLANK, COUNTA, …
        if isinstance(value, str) and not formula:
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"
        else:
            cell.value = value
        self.style(cell, font, align, number_format)
        if end_col > col or end_row > row:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)
        if isinstance(value, str) and value and not formula and align.wrap_text:
            width = sum(self.widths[c - 1] for c in range(col, end_col + 1) if c <= len(self.widths))
            lines = L.text_lines(value, width or L.HELPER_WIDTH)
            if end_row > row:
                self.spans.append(_Span(row, end_row, lines))
            else:
                self.lines[row] = max(self.lines.get(row, 1), lines)

    def style(self, cell: Any, font: Font, align: Alignment, number_format: Optional[str]) -> None:
        """Give a cell a style, reusing the style record of an earlier cell styled the same way.

        openpyxl hashes every Font/Alignment/Border object assigned to a cell to find its index in
        the workbook's style tables; copying a finished style record instead makes the export
        several times faster (30 forms well under the 2 s target).
        """
        key = (id(font), id(align), number_format)
        cached = self.styles.get(key)
        if cached is None:
            cell.font, cell.alignment = font, align
            if number_format:
                cell.number_format = number_format
            self.styles[key] = copy(cell._style)
        else:
            cell._style = copy(cached)

    def add_border(self, cell: Any) -> None:
        base = ("border",) + tuple(cell._style or ())  # a cell never styled has no record yet
        cached = self.styles.get(base)
        if cached is None:
            cell.border = L.BORDER
            self.styles[base] = copy(cell._style)
        else:
            cell._style = copy(cached)

    def label(self, row: int, col: int, text: str, **kw: Any) -> None:
        self.put(row, col, text, font=L.FONT_BOLD, **kw)

    # --- blocks ------------------------------------------------------------------------------
    def header(self) -> None:
        form, template = self.item.form, self.item.template
        self.put(1, 1, template.title, end_col=self.last, font=L.FONT_TITLE, align=L.WRAP_CENTER)
        self.put(2, 1, f"({form.year}年度)", end_col=self.last, font=L.FONT_SUBTITLE)
        self.put(3, 1, L.L_UNIT, end_col=3, align=L.NO_WRAP_LEFT)
        if template.show_fill_date or form.project.fill_date:
            self.put(3, L.COL_WEIGHT, L.L_FILL_DATE, end_col=L.COL_SCORE, align=L.NO_WRAP_RIGHT)
            self.put(3, L.COL_REASON, form.project.fill_date, end_col=self.last, align=L.NO_WRAP_LEFT)
        self.ws.row_dimensions[1].height = 30
        self.ws.row_dimensions[2].height = 18
        self.ws.row_dimensions[3].height = 18
        self.row = 4

    def project(self) -> None:
        project, r = self.item.form.project, self.row
        self.table_rows.append(r)
        self.label(r, 1, L.L_PROJECT)
        self.put(r, 2, project.name, end_col=self.last, align=L.WRAP_LEFT)
        self.label(r + 1, 1, L.L_DEPARTMENT)
        self.put(r + 1, 2, project.department, end_col=L.COL_TARGET, align=L.WRAP_LEFT)
        self.label(r + 1, L.COL_ACTUAL, L.L_IMPL_UNIT)
        self.put(r + 1, L.COL_WEIGHT, project.unit, end_col=self.last, align=L.WRAP_LEFT)
        self.row = r + 2

    def funds(self) -> None:
        funds, r = self.item.form.funds, self.row
        rows = funds.rows or [FundsRow(spec.label) for spec in self.item.template.funds_rows]
        self.label(r, 1, L.money_header(funds.unit, self.item.template.money_unit), end_row=r + len(rows))
        starts = (L.COL_F_LABEL, L.COL_F_INITIAL, L.COL_F_BUDGET, L.COL_F_EXECUTED, L.COL_F_WEIGHT,
                  L.COL_F_RATE, L.COL_F_SCORE)
        ends = (L.COL_F_INITIAL - 1, None, None, None, None, None, self.last)
        for text, col, end in zip(L.L_FUNDS_HEADERS, starts, ends):
            self.label(r, col, text, end_col=end)
        for n, fr in enumerate(rows):
            row = r + 1 + n
            self.put(row, L.COL_F_LABEL, fr.label, end_col=L.COL_F_INITIAL - 1, align=L.WRAP_LEFT)
            for col, value in ((L.COL_F_INITIAL, fr.initial), (L.COL_F_BUDGET, fr.budget),
                               (L.COL_F_EXECUTED, fr.executed)):
                self.put(row, col, value, align=L.NO_WRAP_RIGHT, number_format=L.MONEY_FORMAT)
            if n == 0:
                self._funds_total(row, funds.weight)
            else:
                for col in (L.COL_F_WEIGHT, L.COL_F_RATE):
                    self.put(row, col, "-")
                self.put(row, L.COL_F_SCORE, "-", end_col=self.last)
        self.row = r + 1 + len(rows)

    def _funds_total(self, row: int, weight: Decimal) -> None:
        a, b = f"{L.letter(L.COL_F_BUDGET)}{row}", f"{L.letter(L.COL_F_EXECUTED)}{row}"
        w = f"{L.letter(L.COL_F_WEIGHT)}{row}"
        self.cells.funds_total_row = row
        self.put(row, L.COL_F_WEIGHT, weight, number_format=L.SCORE_FORMAT)
        self.put(row, L.COL_F_RATE, f'=IF(N({a})=0,"",N({b})/{a}*100)', formula=True,
                 number_format=L.SCORE_FORMAT)
        self.put(row, L.COL_F_SCORE, f"=IF(N({a})=0,0,ROUND({w}*MAX(0,MIN(N({b})/{a},1)),2))",
                 end_col=self.last, formula=True, number_format=L.SCORE_FORMAT)

    def goals(self) -> None:
        goals, r = self.item.form.goals, self.row
        self.label(r, 1, L.L_GOALS, end_row=r + 1)
        self.label(r, 2, L.L_EXPECTED, end_col=L.COL_TARGET)
        self.label(r, L.COL_ACTUAL, L.L_ACHIEVED, end_col=self.last)
        self.put(r + 1, 2, goals.expected, end_col=L.COL_TARGET, align=L.WRAP_LEFT)
        self.put(r + 1, L.COL_ACTUAL, goals.achieved, end_col=self.last, align=L.WRAP_LEFT)
        self.row = r + 2

    def indicators(self) -> tuple[int, int]:
        """Write the indicator block; returns the first and last leaf rows."""
        form, template, r = self.item.form, self.item.template, self.row
        headers = list(L.L_IND_HEADERS) + [template.reason_title]
        if self.has_remark:
            headers.append(template.remark_title)
        for n, text in enumerate(headers):
            self.label(r, 2 + n, text)
        for n, text in enumerate(L.L_SUBTOTALS):
            self.put(r, L.COL_CAT_WEIGHT + n, text, font=L.FONT_HELPER)
        self.ws.print_title_rows = f"{r}:{r}"
        first = row = r + 1
        for dimension in form.indicators:
            row = self._dimension(dimension, row)
        last = row - 1
        self.label(r, 1, L.L_INDICATORS, end_row=max(last, r))
        self.row = max(row, r + 1)
        return first, last

    def _dimension(self, dimension: Dimension, start: int) -> int:
        row = start
        for category in dimension.children or [None]:
            row = self._category(category, row)
        end = row - 1
        self.put(start, L.COL_DIM, L.dimension_label(dimension.name, dimension.weight), end_row=end)
        self._subtotal(start, end, L.COL_DIM_WEIGHT)
        return row

    def _category(self, category: Optional[Category], start: int) -> int:
        row = start
        leaves = category.children if category else []
        for leaf in leaves:
            self._leaf(leaf, row)
            row += 1
        if not leaves:  # keep an empty group visible so it comes back on import
            row += 1
        end = row - 1
        if category is not None:
            self.put(start, L.COL_CAT, category.name, end_row=end)
            self._subtotal(start, end, L.COL_CAT_WEIGHT)
        return row

    def _subtotal(self, first: int, last: int, col: int) -> None:
        for n, source in enumerate((L.COL_WEIGHT, L.COL_SCORE)):
            rng = f"{L.letter(source)}{first}:{L.letter(source)}{last}"
            self.put(first, col + n, f"=SUM({rng})", end_row=last, formula=True, font=L.FONT_HELPER,
                     number_format=L.SCORE_FORMAT)

    def _leaf(self, leaf: Leaf, row: int) -> None:
        result = self.item.evaluation.leaf(leaf)
        self.put(row, L.COL_LEAF, leaf.name, align=L.WRAP_LEFT)
        self.put(row, L.COL_TARGET, leaf.target)
        self.put(row, L.COL_ACTUAL, leaf.actual)
        self.put(row, L.COL_WEIGHT, leaf.weight, number_format=L.SCORE_FORMAT)
        self.put(row, L.COL_SCORE, result.score, number_format=L.SCORE_FORMAT)
        self.put(row, L.COL_REASON, leaf.reason, align=L.WRAP_LEFT)
        if self.has_remark:
            self.put(row, L.COL_REMARK, leaf.remark, align=L.WRAP_LEFT)
        # Hidden marker: "手工" for a hand-set score, else the automatic score as written, so the
        # reader can tell "left alone" from "changed by hand in Excel" (see xlsx_reader).
        mark = L.MANUAL_MARK if leaf.score is not None else result.score
        self.ws.cell(row, L.COL_MARK).value = mark

    def total(self, first: int, last: int) -> None:
        r, funds_row = self.row, self.cells.funds_total_row
        self.cells.total_row = r
        self.label(r, 1, L.L_TOTAL)
        self.put(r, 2, None, end_col=L.COL_ACTUAL)
        g, h = L.letter(L.COL_WEIGHT), L.letter(L.COL_SCORE)
        fw, fs = f"{g}{funds_row}", f"{L.letter(L.COL_F_SCORE)}{funds_row}"
        weights = f"{fw}+SUM({g}{first}:{g}{last})" if last >= first else fw
        scores = f"ROUND({fs}+SUM({h}{first}:{h}{last}),2)" if last >= first else f"ROUND({fs},2)"
        self.put(r, L.COL_WEIGHT, f"={weights}", formula=True, number_format=L.SCORE_FORMAT)
        self.put(r, L.COL_SCORE, f"={self._capped(scores, funds_row)}", formula=True,
                 number_format=L.SCORE_FORMAT)
        self.put(r, L.COL_REASON, None, end_col=self.last)
        self.row = r + 1

    def _capped(self, total: str, funds_row: int) -> str:
        """The template's caps of the total by execution rate, as Excel arithmetic."""
        caps = self.item.template.rules.rate_caps
        if not caps:
            return total
        a, b = f"{L.letter(L.COL_F_BUDGET)}{funds_row}", f"{L.letter(L.COL_F_EXECUTED)}{funds_row}"
        rate = f"N({b})/{a}*100"
        limits = ",".join(f"IF(AND({rate}>={c.low},{rate}<{c.high}),{c.cap},1E+300)" for c in caps)
        return f"IF(N({a})=0,{total},MIN({total},{limits}))"

    def conclusion(self) -> None:
        form, r = self.item.form, self.row
        if self.item.template.show_conclusion or form.conclusion:
            self.label(r, 1, L.L_CONCLUSION)
            self.put(r, 2, form.conclusion, end_col=self.last, align=L.WRAP_LEFT)
            self.row = r + 1
        self.table_rows.append(self.row - 1)

    def contact(self) -> None:
        project, r = self.item.form.project, self.row
        if not (self.item.template.show_contact or project.contact or project.phone):
            return
        self.ws.row_dimensions[r].height = 20
        self.put(r, 1, L.L_CONTACT, align=L.NO_WRAP_RIGHT)
        self.put(r, 2, project.contact, end_col=L.COL_LEAF, align=L.NO_WRAP_LEFT)
        self.put(r, L.COL_TARGET, L.L_PHONE, align=L.NO_WRAP_RIGHT)
        self.put(r, L.COL_ACTUAL, project.phone, end_col=L.COL_SCORE, align=L.NO_WRAP_LEFT)
        self.row = r + 1

    # --- finishing ---------------------------------------------------------------------------
    def finish(self, leaf_rows: tuple[int, int]) -> None:
        ws = self.ws
        first, last = self.table_rows[0], self.table_rows[-1]
        for row in ws.iter_rows(min_row=first, max_row=last, max_col=self.last):
            for cell in row:
                self.add_border(cell)
        header = leaf_rows[0] - 1
        for row in ws.iter_rows(min_row=header, max_row=max(leaf_rows[1], header),
                                min_col=L.COL_CAT_WEIGHT, max_col=L.COL_DIM_SCORE):
            for cell in row:
                cell.fill = L.HELPER_FILL
                self.add_border(cell)
        self._heights(first, last)
        for n, width in enumerate(self.widths):
            ws.column_dimensions[L.letter(n + 1)].width = width
        for col in range(L.COL_CAT_WEIGHT, L.COL_DIM_SCORE + 1):
            ws.column_dimensions[L.letter(col)].width = L.HELPER_WIDTH
        ws.column_dimensions[L.letter(L.COL_MARK)].hidden = True
        ws.cell(1, L.COL_MARK).value = f"{L.SHEET_MARK}:{L.MARK_VERSION}:{self.item.template.id}"
        self._print_setup()

    def _heights(self, first: int, last: int) -> None:
        heights = {r: L.row_height(self.lines.get(r, 1)) for r in range(first, last + 1)}
        for span in self.spans:
            have = sum(heights.get(r, L.MIN_ROW_HEIGHT) for r in range(span.first, span.last + 1))
            need = L.row_height(span.lines)
            if need > have and span.last in heights:
                heights[span.last] += need - have
        for r, height in heights.items():
            self.ws.row_dimensions[r].height = round(height, 1)

    def _print_setup(self) -> None:
        ws, template = self.ws, self.item.template
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait" if template.orientation == "portrait" else "landscape"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.3
        ws.print_area = f"A1:{L.letter(self.last)}{self.row - 1}"
        ws.sheet_view.showGridLines = False


def fill_sheet(ws: Worksheet, item: AssessedForm, styles: Optional[dict] = None) -> SheetCells:
    """Lay one assessed form out on an empty worksheet.

    ``styles`` caches style records between the sheets of one workbook (never across workbooks:
    the records are indexes into that workbook's style tables).
    """
    builder = _Builder(ws, item, styles=styles if styles is not None else {})
    builder.header()
    builder.project()
    builder.funds()
    builder.goals()
    leaf_rows = builder.indicators()
    builder.total(*leaf_rows)
    builder.conclusion()
    builder.contact()
    builder.finish(leaf_rows)
    return builder.cells
