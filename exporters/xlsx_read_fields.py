"""The labelled texts of a form sheet: where its blocks start, its year, header fields and closing.

Everything here is found by its label, so rows added or removed in Excel, WPS or LibreOffice are
fine. A label matches its template's wording or the guizhou-2024 one (workbooks written before
templates had their own wording). Kept apart from the funds and indicator blocks, which are tables
read row by row under their heads.
"""
from __future__ import annotations

import re
from typing import Optional

from exporters import xlsx_layout as L
from exporters.form_labels import FormLabels
from exporters.xlsx_cells import SheetCells
from model.form import Project
from model.template_layout import CONCLUSION_KEY, HeaderField

_LINE_LABELS = {L.normalize_label(label) for label in (L.L_FILL_DATE, L.L_CONTACT, L.L_PHONE)}
_BLOCK_ORDER = (L.L_PROJECT, L.L_DEPARTMENT, L.L_FUNDS_PREFIX, L.L_GOALS, L.L_INDICATORS, L.L_TOTAL)


def _first_field(form: FormLabels) -> str:
    return form.header_fields[0].title if form.header_fields else L.L_PROJECT


def _label_rows(cells: SheetCells, labels: L.SheetLabels) -> dict[str, int]:
    """The first row of each label in column A, keyed by the guizhou-2024 label it stands for."""
    form = labels.form
    funds_heads = {L.normalize_label(L.L_FUNDS_PREFIX), L.normalize_label(form.funds),
                   L.normalize_label(form.funds_title(""))[:-2]}
    names = {L.L_PROJECT: {L.L_PROJECT, _first_field(form)}, L.L_GOALS: {L.L_GOALS, labels.goals},
             L.L_INDICATORS: {L.L_INDICATORS, labels.indicators}, L.L_TOTAL: {L.L_TOTAL, labels.total},
             L.L_DEPARTMENT: {L.L_DEPARTMENT, labels.department}}
    wanted_of = {L.normalize_label(text): key for key, texts in names.items() for text in texts}
    found: dict[str, int] = {}
    for row in range(1, cells.ws.max_row + 1):
        text = L.normalize_label(cells.ws.cell(row, L.COL_LABEL).value)
        key = L.L_FUNDS_PREFIX if text and any(h and text.startswith(h) for h in funds_heads) \
            else wanted_of.get(text, text)
        if key not in found:
            found[key] = row
    return found


def block_rows(cells: SheetCells, labels: L.SheetLabels) -> dict[str, int]:
    """Rows of the block labels in column A, checked to be present and in order."""
    form = labels.form
    found = _label_rows(cells, labels)
    wanted = [key for key in _BLOCK_ORDER if key != L.L_DEPARTMENT or form.header_field("department") is not None]
    shown = {L.L_PROJECT: _first_field(form), L.L_DEPARTMENT: labels.department,
             L.L_FUNDS_PREFIX: f"{form.funds_title('')[:-2] or L.L_FUNDS_PREFIX}(…)"}
    previous = 0
    for n, key in enumerate(wanted):
        at = found.get(key)
        if at is None or at <= previous:
            where = previous + 1 if previous else 4 + n
            raise cells.fail(where, L.COL_LABEL, f"找不到“{shown.get(key, key)}”标签(A 列,应在上一栏之后)。"
                                                 "此工作表不是本程序导出的绩效自评表,或版式已被改动")
        previous = at
    found.setdefault(L.L_DEPARTMENT, found[L.L_PROJECT])
    return found


def sheet_year(cells: SheetCells, project_row: int) -> int:
    """The year of the "(2024年度)" text above the header grid."""
    for row in range(1, project_row):
        for col in range(1, L.COL_REMARK + 1):
            match = re.search(r"(\d{4})\s*年度", L.normalize_label(cells.ws.cell(row, col).value))
            if match and 1900 <= int(match.group(1)) <= 2999:
                return int(match.group(1))
    raise cells.fail(2, 1, "找不到年度(应为标题下方的“(2024年度)”这样的文字)")


def _field_label(cells: SheetCells, field: HeaderField, rows: range) -> Optional[tuple[int, int]]:
    """The cell of a header field's label: its template's wording, or the one of a workbook from
    before templates had their own."""
    where = cells.find(field.title, rows)
    if where is None and field.key == "department":
        where = cells.find(L.L_DEPARTMENT, rows)
    if where is None and field.key == "unit":
        where = cells.find(L.L_IMPL_UNIT, rows)
    return where


def header_fields(cells: SheetCells, name_row: int, funds_row: int, total_row: int,
                  labels: L.SheetLabels) -> tuple[Project, dict[str, str]]:
    """The header fields by their labels (each value in the cell after its label), and the lines
    above the grid and under it (填报日期:, 联系人:, 联系电话:)."""
    project, extra = Project(), {}
    for field in labels.form.header_fields:
        where = _field_label(cells, field, range(name_row, funds_row))
        if where is None:
            if field.key in ("name", "department", "unit") and field.required:
                raise cells.fail(name_row, L.COL_LABEL, f"找不到“{field.title}”标签")
            continue
        text = cells.joined(where[0], cells.after(*where))
        if field.options:
            text = L.ticked_option(text, field.options)
        if field.in_project:
            setattr(project, field.key, text)
        elif text:
            extra[field.key] = text
    _read_lines(cells, project, name_row, total_row)
    return project, extra


def _read_lines(cells: SheetCells, project: Project, name_row: int, total_row: int) -> None:
    """填报日期: above the grid, 联系人: and 联系电话: under it, where the header fields left them empty."""
    below = range(total_row + 1, cells.ws.max_row + 1)
    for label, attr, rows in ((L.L_FILL_DATE, "fill_date", range(1, name_row)),
                              (L.L_CONTACT, "contact", below), (L.L_PHONE, "phone", below)):
        where = cells.find(label, rows)
        if where and not getattr(project, attr):
            setattr(project, attr, _line_value(cells, *where))


def _line_value(cells: SheetCells, row: int, col: int) -> str:
    """The value of a 填报日期: / 联系人: / 联系电话: line: the cell after the label or, where the
    sheet's cells were unmerged (the value then sits further right), the first one with text
    before the next label."""
    for column in range(cells.after(row, col), cells.ws.max_column + 1):
        text = cells.text(row, column)
        if L.normalize_label(text) in _LINE_LABELS:
            return ""
        if text.strip():
            return text
    return ""


def closing(cells: SheetCells, total_row: int, labels: L.SheetLabels) -> tuple[str, dict[str, str]]:
    """The closing blocks under 总分 by their labels in column A (自评结论 also by its old label)."""
    conclusion, blocks = "", {}
    after = range(total_row + 1, cells.ws.max_row + 1)
    for block in labels.form.closing_blocks:
        where = cells.find(block.title, after, range(1, 2))
        if where is None and block.key == CONCLUSION_KEY:
            where = cells.find(L.L_CONCLUSION, after, range(1, 2))
        text = cells.joined(where[0], 2) if where else ""
        if block.key == CONCLUSION_KEY:
            conclusion = text
        elif text:
            blocks[block.key] = text
    if not any(b.key == CONCLUSION_KEY for b in labels.form.closing_blocks):
        where = cells.find(L.L_CONCLUSION, after, range(1, 2))
        conclusion = cells.joined(where[0], 2) if where else ""
    return conclusion, blocks
