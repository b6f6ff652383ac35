"""Export assessed forms to one Excel workbook (.xlsx).

One form gives a workbook with that form's sheet; several give a 汇总 sheet first and then one
sheet per form. The workbook is written with XlsxWriter, which stores every formula's result (the
program's figure), so readers that do not calculate see the same numbers as the program; the file
is written through :func:`model.atomic.atomic_write`, so an interrupted export never leaves a
broken workbook where a good one was. Reading back stays with openpyxl (:mod:`exporters.xlsx_reader`).
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from typing import IO, Any, Callable, Optional, Sequence

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters import xlsx_styles as S
from exporters.xlsx_emit import header_text, write_sheet, write_value
from exporters.xlsx_plan import SheetPlan, clean_text
from exporters.xlsx_sheet import grade_formula, plan_sheet
from exporters.xlsx_styles import Formats
from model.atomic import atomic_write
from model.report import AssessedForm

APP_NAME = "绩效自评表编辑器"
SUMMARY_WIDTHS = (6, 40, 16, 16, 10, 10, 8, 8, 8)
_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False}
Progress = Optional[Callable[[int, int], None]]  # (done, total) after each form; may raise to cancel


class _FormWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet that skips XlsxWriter's rewriting of newer Excel functions in formulas.

    XlsxWriter runs some thirty regular expressions over every formula (and conditional format)
    to prefix functions such as FILTER or XLOOKUP; our formulas use only IF, ROUND, SUM, N, MIN,
    MAX, AND, OR, COUNTIF, ISNUMBER, INT, LEN and TRIM, and that rewriting was a third of the
    export's time. Should XlsxWriter rename the hook, this merely stops saving time.
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if "(" in formula and not _PLAIN_FUNCTIONS.issuperset(_FUNCTION.findall(formula)):
            return str(super()._prepare_formula(formula, expand_future_functions))
        return formula[1:] if formula.startswith("=") else formula


_FUNCTION = re.compile(r"([A-Z][A-Z0-9.]*)\(")
_PLAIN_FUNCTIONS = frozenset({"IF", "ROUND", "SUM", "N", "MIN", "MAX", "AND", "OR", "COUNTIF", "ISNUMBER", "INT",
                              "LEN", "TRIM"})


def _summary_row(ws: Any, formats: Formats, n: int, title: str, plan: SheetPlan) -> None:
    """One form's line of the 汇总 sheet: references to its sheet, stored with the program's figures."""
    item, row = plan.item, n + 1
    ref = L.quote_sheet(title)
    funds = item.form.funds.total
    budget, executed = (funds.budget, funds.executed) if funds else (None, None)
    a = f"{ref}!{L.letter(plan.funds_cols.budget)}{plan.funds_total_row}"
    b = f"{ref}!{L.letter(plan.funds_cols.executed)}{plan.funds_total_row}"
    total = f"{ref}!{L.letter(plan.cols.score)}{plan.total_row}"
    grade = grade_formula(item.template.rules.grades, f"F{row}")
    errors, warnings = item.evaluation.counts()
    centre = S.TEXT.boxed()
    cells: list[tuple[Any, S.Style, str]] = [
        (n, centre, ""),
        (budget, replace(centre, align="right").with_number(L.money_format(budget)), f"=N({a})" if budget is None else f"={a}"),
        (executed, replace(centre, align="right").with_number(L.money_format(executed)),
         f"=N({b})" if executed is None else f"={b}"),
        (item.evaluation.funds_rate, centre.with_number(L.RATE_FORMAT), f'=IF(N(C{row})=0,"",ROUND(N(D{row})/C{row}*100,2))'),
        (item.evaluation.total, centre.with_number(L.score_format(item.evaluation.total)), f"={total}"),
        (item.evaluation.grade, centre, f"={grade}" if grade else ""),
        (errors, centre, ""), (warnings, centre, "")]
    for col, (value, style, formula) in zip((1, 3, 4, 5, 6, 7, 8, 9), cells):
        if col in (3, 4) and value is None:
            value = 0
        write_value(ws, row, col, value, formats.get(style), formula)
    ws.write_url(row - 1, 1, f"internal:{ref}!A1", formats.get(S.LEFT.boxed()), clean_text(item.name) or title)
    ws.set_row(row - 1, wrap.row_height(wrap.text_lines(item.name, wrap.column_points(SUMMARY_WIDTHS[1]))))


def _summary(ws: Any, formats: Formats, titles: Sequence[str], plans: Sequence[SheetPlan]) -> None:
    """The 汇总 sheet: each form's budget, execution, rate, total and grade, and the problem counts."""
    for col, text in enumerate(L.SUMMARY_HEADERS):
        ws.write_string(0, col, text, formats.get(S.BOLD.boxed()))
    for n, (title, plan) in enumerate(zip(titles, plans), start=1):
        _summary_row(ws, formats, n, title, plan)
    for col, width in enumerate(SUMMARY_WIDTHS):
        ws.set_column(col, col, width)
    ws.set_column(L.COL_MARK - 1, L.COL_MARK - 1, None, None, {"hidden": True})
    ws.write_string(0, L.COL_MARK - 1, f"{L.SUMMARY_MARK}:{L.MARK_VERSION}")
    ws.set_row(0, 22)
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0)
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    font = f'&9&"{wrap.FONT_NAME},常规"'  # size first: "&9" + "2026年…" would read as size 92026
    ws.set_header(f"&C{font}{header_text(L.SUMMARY_SHEET)}")
    ws.set_footer(f"&C{font}第 &P 页 共 &N 页")
    ws.print_area(0, 0, len(plans), len(SUMMARY_WIDTHS) - 1)


def _save(forms: Sequence[AssessedForm], stream: IO[bytes], progress: Progress = None) -> None:
    if not forms:
        raise ValueError("没有可导出的表单")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, _OPTIONS)
    workbook.set_properties({"creator": APP_NAME, "author": APP_NAME, "title": L.sheet_labels(forms[0].template).title})
    formats = Formats(workbook)
    several = len(forms) > 1
    titles = L.unique_titles([item.name for item in forms], [L.SUMMARY_SHEET] if several else [])
    summary = workbook.add_worksheet(L.SUMMARY_SHEET, _FormWorksheet) if several else None
    plans = [plan_sheet(item) for item in forms]
    for done, (title, plan) in enumerate(zip(titles, plans), start=1):
        write_sheet(workbook.add_worksheet(title, _FormWorksheet), plan, formats)
        if progress is not None:
            progress(done, len(plans))
    if summary is not None:
        _summary(summary, formats, titles, plans)
    workbook.close()
    stream.write(buffer.getvalue())


def workbook_bytes(forms: Sequence[AssessedForm]) -> bytes:
    buffer = io.BytesIO()
    _save(forms, buffer)
    return buffer.getvalue()


def write_workbook(forms: Sequence[AssessedForm], path: os.PathLike[str] | str, progress: Progress = None) -> None:
    """Write all forms into one workbook at ``path``; raises WriteError with a Chinese message.

    ``progress(done, total)`` is called after each form; an exception it raises (the window's
    取消) ends the export and, the write being atomic, leaves the old file as it was."""
    atomic_write(path, lambda stream: _save(forms, stream, progress))
