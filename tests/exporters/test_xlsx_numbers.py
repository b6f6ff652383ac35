"""The workbook import reads weights, scores and amounts by the one reader drafts and the window use."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from exporters import xlsx_layout as L
from exporters.xlsx_reader import WorkbookError, read_workbook
from exporters.xlsx_writer import workbook_bytes
from model.report import load_assessed
from model.values import NumberError, read_money, read_weight


@pytest.fixture
def book(forms_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes([load_assessed(forms_dir / "f17.json")]))
    return path


def _cells(book: Path) -> tuple[int, int]:
    """Rows of the first leaf and of the funds total (column A labels, as the reader finds them)."""
    ws = load_workbook(book).active
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标")
    funds = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("项目资金"))
    return header + 1, funds + 1


def _edit(book: Path, row: int, col: int, value: Any) -> Path:
    wb = load_workbook(book)
    wb.active.cell(row, col).value = value
    wb.save(book)
    return book


@pytest.mark.parametrize("value", [-5, "-5", "五分", "1e5", 10 ** 15])
def test_a_weight_the_window_refuses_is_refused_with_the_same_message(book, value):
    leaf_row, _ = _cells(book)
    with pytest.raises(NumberError) as expected:
        read_weight(value, "分值")
    with pytest.raises(WorkbookError) as info:
        read_workbook(_edit(book, leaf_row, L.COL_WEIGHT, value))
    assert str(info.value).endswith(f"单元格 {L.letter(L.COL_WEIGHT)}{leaf_row}:{expected.value}")


@pytest.mark.parametrize("value", [-300000, "-300,000", "三十万"])
def test_a_negative_or_wordy_amount_is_refused(book, value):
    _, total_row = _cells(book)
    with pytest.raises(NumberError) as expected:
        read_money(value, "全年预算数")
    with pytest.raises(WorkbookError) as info:
        read_workbook(_edit(book, total_row, L.COL_F_BUDGET, value))
    assert str(info.value).endswith(f"单元格 {L.letter(L.COL_F_BUDGET)}{total_row}:{expected.value}")


@pytest.mark.parametrize("value, expected", [(3980803.15, Decimal("3980803.15")), ("300,000", Decimal(300000)),
                                             ("１０", Decimal(10)), (300000.0, Decimal(300000))])
def test_amounts_typed_in_a_spreadsheet_come_back_exact(book, value, expected):
    _, total_row = _cells(book)
    forms = read_workbook(_edit(book, total_row, L.COL_F_BUDGET, value))
    assert forms[0][1].funds.rows[0].budget == expected


def test_a_negative_weight_in_a_level_one_label_is_refused(book):
    leaf_row, _ = _cells(book)
    label = load_workbook(book).active.cell(leaf_row, L.COL_DIM).value
    assert "(50分)" in label
    with pytest.raises(WorkbookError, match="一级指标分值不能为负数"):
        read_workbook(_edit(book, leaf_row, L.COL_DIM, label.replace("(50分)", "(-50分)")))
