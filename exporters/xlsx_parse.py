"""One worksheet back into a Form: which template it was written for, and its blocks in order.

The reader finds every block by its label in column A, so rows added or removed in Excel, WPS or
LibreOffice are fine. It reads inputs only (texts, money, weights, leaf scores), never the
results of formulas: a formula's stored result may be stale after an edit (openpyxl does not
compute), and the model derives every figure anyway.

This module only puts the blocks together; each is read by its own module over the same
:class:`~exporters.xlsx_cells.SheetCells`: the labelled texts by :mod:`exporters.xlsx_read_fields`,
the funds by :mod:`exporters.xlsx_read_funds`, the indicators (with hand-set scores and continued
rows) by :mod:`exporters.xlsx_read_indicators`.
"""
from __future__ import annotations

from typing import Callable, Optional

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from exporters.xlsx_cells import SheetCells
from exporters.xlsx_read_fields import block_rows, closing, header_fields, sheet_year
from exporters.xlsx_read_funds import read_funds
from exporters.xlsx_read_indicators import check_header, read_indicators
from model.form import Form, Goals
from model.template import Template, TemplateError
from model.template_registry import default_registry, get_template


def read_sheet(ws: Worksheet, cached: Callable[[], Workbook]) -> Form:
    """One form sheet as a Form, or a WorkbookError naming the sheet and the cell.

    ``cached`` gives the same workbook opened with data_only=True (the results of formulas); it is
    called only where a cell holds a formula."""
    cells = SheetCells(ws, cached)
    template = _template(cells)
    labels = L.sheet_labels(template)
    cols = L.columns_for(template)
    if cols.mark == cells.mark_col:  # a workbook of an older layout keeps the fixed columns
        cells.cols = cols
    rows = block_rows(cells, labels)
    project_row, indicator_row = rows[L.L_PROJECT], rows[L.L_INDICATORS]
    form = Form(template=template.id, year=sheet_year(cells, project_row))
    form.project, form.header = header_fields(cells, project_row, rows[L.L_FUNDS_PREFIX], rows[L.L_TOTAL], labels)
    form.funds = read_funds(cells, rows[L.L_FUNDS_PREFIX], rows[L.L_GOALS], template)
    goals = rows[L.L_GOALS] + 1
    form.goals = Goals(cells.joined(goals, 2), cells.joined(goals, L.COL_ACTUAL))
    check_header(cells, indicator_row, template, labels)
    form.indicators = read_indicators(cells, indicator_row + 1, rows[L.L_TOTAL], template)
    form.conclusion, form.closing = closing(cells, rows[L.L_TOTAL], labels)
    return form


def _template(cells: SheetCells) -> Template:
    """The template the sheet's mark names or, for a sheet without one, the one its columns fit."""
    template = _marked_template(cells)
    if template is None:
        rows = block_rows(cells, L.sheet_labels(get_template("guizhou-2024")))
        template = _guessed_template(cells, rows[L.L_INDICATORS])
    return template


def _marked_template(cells: SheetCells) -> Optional[Template]:
    """The template named by the hidden mark in P1, or None for a sheet without one."""
    mark = cells.ws.cell(1, cells.mark_col).value
    if isinstance(mark, str) and mark.startswith(L.SHEET_MARK + ":"):
        parts = mark.split(":", 2)
        if len(parts) == 3:
            if parts[1].isdigit() and int(parts[1]) > L.MARK_VERSION:
                raise cells.fail(1, cells.mark_col, "此工作表由更新版本的程序导出,请升级程序后再导入")
            try:
                return get_template(parts[2])
            except TemplateError as exc:
                raise cells.fail(1, cells.mark_col, str(exc)) from None
    return None


def _guessed_template(cells: SheetCells, indicator_row: int) -> Template:
    """A sheet without a mark: the template whose reason and remark columns it has."""
    reason = L.normalize_label(cells.ws.cell(indicator_row, L.COL_REASON).value)
    remark = cells.ws.cell(indicator_row, L.COL_REMARK).value
    for template in default_registry().templates.values():
        if (L.normalize_label(template.reason_title) == reason
                and (template.remark_title is None) == (remark in (None, ""))):
            return template
    return get_template("guizhou-2024")
