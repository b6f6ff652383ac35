"""Delete, Ctrl+C and Ctrl+V in the funds table, as a clerk does them in WPS/Excel.

Last year's workbook or the budget office's sheet holds the same rows (年度资金总额, 财政拨款 …) with
the amounts side by side: a block copied there pastes from the current cell across the amount
columns on screen and down the rows, a copied label column is dropped, and every amount is read
by :func:`model.values.read_money` as typing is. One bad amount refuses the whole paste with
its row and column, so nothing half-pasted reaches the form; a good paste is one undo step.
"""
from __future__ import annotations

from typing import Any, Optional, Protocol

from model.form import FundsRow
from model.tsv import format_tsv, parse_tsv
from model.values import NumberError, parse_value, read_money
from ui.commands import set_values
from ui.document import FormDocument


class FundsGrid(Protocol):
    """What the helper needs of the table (:class:`ui.form.funds_table.FundsTable`)."""

    document: FormDocument

    def rows(self) -> list[FundsRow]: ...
    def amount_columns(self) -> list[int]: ...
    def amount_attr(self, column: int) -> Optional[str]: ...
    def row_label(self, n: int) -> str: ...
    def current_cell(self) -> tuple[int, int]: ...
    def shown_text(self, n: int, column: int) -> str: ...


class FundsCells:
    """The clipboard and Delete of one funds table; returns what to tell the user."""

    def __init__(self, grid: FundsGrid) -> None:
        self.grid = grid

    def clear_current(self) -> str:
        """Empty the current amount (one undo step); a label or a computed figure stays."""
        n, column = self.grid.current_cell()
        attr = self.grid.amount_attr(column)
        if attr is None or not 0 <= n < len(self.grid.rows()):
            return "这一格不能清除:只能清除金额"
        set_values(self.grid.document, f"清除{self.grid.row_label(n)}的金额", [(self.grid.rows()[n], attr, None)])
        return ""

    def copy_current(self) -> str:
        """The current cell as it shows, for pasting into a sheet."""
        n, column = self.grid.current_cell()
        return format_tsv([[self.grid.shown_text(n, column)]]) if n >= 0 and column >= 0 else ""

    def paste(self, text: str) -> tuple[bool, str]:
        """(pasted, message). ``message`` is a refusal when nothing was pasted."""
        block = _drop_labels(parse_tsv(text))
        if not block:
            return False, "剪贴板中没有可粘贴的金额"
        n, column = self.grid.current_cell()
        columns = self.grid.amount_columns()
        start = next((k for k, c in enumerate(columns) if c >= column), None)
        if n < 0 or start is None:
            return False, "请先选中要粘贴到的金额单元格"
        changes: list[tuple[Any, str, Any]] = []
        left_out = 0
        for r, cells in enumerate(block):
            for k, text_cell in enumerate(cells):
                row, place = n + r, start + k
                if row >= len(self.grid.rows()) or place >= len(columns):
                    left_out += 1
                    continue
                attr = self.grid.amount_attr(columns[place])
                assert attr is not None  # amount_columns holds amount columns only
                try:
                    value = read_money(text_cell)
                except NumberError as exc:
                    return False, f"粘贴的第 {r + 1} 行第 {k + 1} 格“{text_cell.strip()}”:{exc}"
                changes.append((self.grid.rows()[row], attr, value))
        set_values(self.grid.document, "粘贴项目资金", changes)
        pasted = len(changes)
        note = f"已粘贴 {pasted} 个金额"
        return True, note + (f";超出表格的 {left_out} 格未粘贴" if left_out else "")


def _drop_labels(block: list[list[str]]) -> list[list[str]]:
    """Without a first column of row names (年度资金总额:, 财政拨款 …) copied with the amounts."""
    block = [row for row in block if any(cell.strip() for cell in row)]
    first = [row[0].strip() for row in block if row]
    if first and all(cell and not parse_value(cell).is_numeric for cell in first):
        return [row[1:] for row in block]
    return block
