"""Export assessed forms to one Excel workbook (.xlsx).

One form gives a workbook with that form's sheet; several give a 汇总 sheet first and then one
sheet per form. The file is written through :func:`model.atomic.atomic_write`, so an interrupted
export never leaves a broken workbook where a good one was.
"""
from __future__ import annotations

import io
import os
from typing import IO, Callable, Optional, Sequence

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from exporters.xlsx_sheet import SheetCells, fill_sheet
from model.atomic import atomic_write
from model.report import AssessedForm

APP_NAME = "绩效自评表编辑器"
Progress = Optional[Callable[[int, int], None]]  # (done, total) after each form; may raise to cancel


def _summary(ws: Worksheet, forms: Sequence[AssessedForm], titles: Sequence[str],
             cells: Sequence[SheetCells]) -> None:
    """The 汇总 sheet: live references to each form sheet, plus the problem counts of the export."""
    for col, text in enumerate(L.SUMMARY_HEADERS, start=1):
        cell = ws.cell(1, col, text)
        cell.font, cell.alignment, cell.border = L.FONT_BOLD, L.WRAP_CENTER, L.BORDER
    for n, (item, title, where) in enumerate(zip(forms, titles, cells), start=1):
        row, ref = n + 1, L.quote_sheet(title)
        a = f"{ref}!{L.letter(L.COL_F_BUDGET)}{where.funds_total_row}"
        b = f"{ref}!{L.letter(L.COL_F_EXECUTED)}{where.funds_total_row}"
        total = f"{ref}!{L.letter(L.COL_SCORE)}{where.total_row}"
        errors, warnings = item.evaluation.counts()
        values = (n, item.name, f"={a}", f"={b}", f'=IF(N(C{row})=0,"",N(D{row})/C{row}*100)', f"={total}",
                  _grade_formula(item, f"F{row}"), errors, warnings)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            if col == 2:
                cell.data_type = "s"
                cell.hyperlink = f"#{ref}!A1"
            cell.font, cell.border = L.FONT, L.BORDER
            cell.alignment = L.WRAP_LEFT if col == 2 else L.WRAP_CENTER
            if col in (3, 4):
                cell.number_format = L.MONEY_FORMAT
            elif col in (5, 6):
                cell.number_format = L.SCORE_FORMAT
        ws.row_dimensions[row].height = L.row_height(L.text_lines(item.name, 40))
    for col, width in enumerate((6, 40, 16, 16, 10, 10, 8, 8, 8), start=1):
        ws.column_dimensions[L.letter(col)].width = width
    ws.row_dimensions[1].height = 22
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_options.horizontalCentered = True
    ws.cell(1, L.COL_MARK).value = f"{L.SUMMARY_MARK}:{L.MARK_VERSION}"
    ws.column_dimensions[L.letter(L.COL_MARK)].hidden = True


def _grade_formula(item: AssessedForm, total: str) -> str:
    """The template's grade bands as nested IFs, so the grade follows an edited total."""
    grades = list(item.template.rules.grades)
    if not grades:
        return ""
    expr = f'"{grades[-1][1]}"'
    for threshold, word in reversed(grades[:-1]):
        expr = f'IF({total}>={threshold},"{word}",{expr})'
    return f'=IF({total}="","",{expr})'


def build_workbook(forms: Sequence[AssessedForm], progress: Progress = None) -> Workbook:
    if not forms:
        raise ValueError("没有可导出的表单")
    wb = Workbook()
    wb.properties.creator = APP_NAME
    wb.calculation.fullCalcOnLoad = True  # openpyxl stores no results: make the office program compute
    reserved = [L.SUMMARY_SHEET] if len(forms) > 1 else []
    titles = L.unique_titles([item.name for item in forms], reserved)
    summary = wb.active
    if len(forms) > 1:
        summary.title = L.SUMMARY_SHEET
        sheets = [wb.create_sheet(title) for title in titles]
    else:
        summary.title = titles[0]
        sheets = [summary]
    styles: dict = {}
    cells = []
    for done, (ws, item) in enumerate(zip(sheets, forms), start=1):
        cells.append(fill_sheet(ws, item, styles))
        if progress is not None:
            progress(done, len(forms))
    if len(forms) > 1:
        _summary(summary, forms, titles, cells)
    return wb


def _save(forms: Sequence[AssessedForm], stream: IO[bytes], progress: Progress = None) -> None:
    build_workbook(forms, progress).save(stream)


def workbook_bytes(forms: Sequence[AssessedForm]) -> bytes:
    buffer = io.BytesIO()
    _save(forms, buffer)
    return buffer.getvalue()


def write_workbook(forms: list[AssessedForm], path: os.PathLike | str, progress: Progress = None) -> None:
    """Write all forms into one workbook at ``path``; raises WriteError with a Chinese message.

    ``progress(done, total)`` is called after each form; an exception it raises (the window's
    取消) ends the export and, the write being atomic, leaves the old file as it was."""
    atomic_write(path, lambda stream: _save(forms, stream, progress))
