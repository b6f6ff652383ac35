"""The funds block of a form sheet: its unit, its columns by their heads, its rows and 原因.

Kept on its own because the funds block is a small table of its own wording: which column holds
which amount is read off its heads (a template may drop 年初预算数 or move the columns). The 原因 is
the cell of the column headed so (one cell merged beside the rows, as on paper); a workbook written
before that has it on a row of its own under the rows, marked "资金说明" like the template's note
and the 得分计算方法, which are the template's texts and not read.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from exporters import xlsx_layout as L
from exporters.form_labels import labels_for
from exporters.xlsx_cells import SheetCells
from model.form import Funds, FundsRow
from model.template import Template
from model.values import read_money

_AMOUNTS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


def read_funds(cells: SheetCells, header_row: int, end_row: int, template: Template) -> Funds:
    """The funds block from its label row down to (not including) ``end_row``."""
    funds = Funds(unit=_unit(cells, header_row, template), weight=template.funds_weight)
    reason_title = L.normalize_label(next((c.title for c in template.layout.funds_columns if c.key == "reason"),
                                          "原因"))
    cols = funds_columns(cells, header_row, template)
    reason_col = _reason_column(cells, header_row, reason_title)
    note = L.normalize_label(template.funds_note)
    reasons: list[str] = []
    for row in range(header_row + 1, end_row):
        role = cells.role(row)
        if role == L.ROLE_FUNDS_NOTE:  # the note; older workbooks: 原因 (read back) or 得分计算方法
            if not reason_col and L.normalize_label(cells.text(row, L.COL_F_LABEL)) == reason_title:
                funds.reason = cells.joined(row, L.COL_F_INITIAL)
            continue
        if reason_col:  # the merged cell's text is in its top row; a cell unmerged by hand is read too
            reasons.append(cells.text(row, reason_col))
        if role == L.ROLE_TEXT:
            continue
        label = L.normalize_label(cells.text(row, L.COL_F_LABEL))
        if note and label == note:  # the template's note where the hidden mark of its row was lost
            continue
        funds_row = _funds_row(cells, row, cols)
        if funds_row is None:
            continue
        if not funds.rows:
            weight = cells.number(row, cols["weight"], "资金分值") if "weight" in cols else None
            funds.weight = template.funds_weight if weight is None else weight
        funds.rows.append(funds_row)
    if reason_col:
        funds.reason = "".join(reasons)
    return funds


def _reason_column(cells: SheetCells, header_row: int, title: str) -> int:
    """The column headed 原因 (the template's title) in the block's head row, 0 for none (older layout)."""
    found = cells.find(title, range(header_row, header_row + 1), range(L.COL_F_INITIAL, max(L.COL_REMARK, cells.cols.last) + 1))
    return found[1] if found else 0


def _unit(cells: SheetCells, header_row: int, template: Template) -> str:
    """The money unit named in the block's label ("资金情况(万元)"), else the template's."""
    label = L.normalize_label(cells.ws.cell(header_row, L.COL_LABEL).value)
    match = re.search(r"[((](万?元)[))]", label) or re.search(r"[((]([^()()]+)[))]", label)
    return match.group(1) if match else template.money_unit


def _funds_row(cells: SheetCells, row: int, cols: dict[str, int]) -> Optional[FundsRow]:
    """One source of funds with its amounts, or None for an empty row."""
    text = cells.joined(row, L.COL_F_LABEL)
    money: list[Optional[Decimal]] = [cells.number(row, cols[key], what, read_money) if key in cols else None
                                      for key, what in _AMOUNTS]
    if not text and all(m is None for m in money):
        return None
    return FundsRow(text, *money)


def funds_columns(cells: SheetCells, header_row: int, template: Template) -> dict[str, int]:
    """Which figure each funds column holds, read off the block's heads (the template's wording or
    the guizhou one); the fixed columns when the heads say nothing."""
    labels = labels_for(template)
    found: dict[str, int] = {}
    for col in range(L.COL_F_INITIAL, max(L.COL_REMARK, cells.cols.last) + 1):
        key = L.funds_key_of(cells.text(header_row, col), labels)
        if key and key not in found:
            found[key] = col
    if "budget" not in found or "executed" not in found:
        return {"initial": L.COL_F_INITIAL, "budget": L.COL_F_BUDGET, "executed": L.COL_F_EXECUTED,
                "weight": L.COL_F_WEIGHT}
    return found
