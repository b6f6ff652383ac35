"""Tab-separated text as Excel, WPS and LibreOffice put it on the clipboard; pure Python, no Qt.

Spreadsheets write one row per line and a tab between cells; a cell holding a newline, a tab or a
leading quote is wrapped in double quotes, with inner quotes doubled. Users paste indicator blocks
from last year's sheet, so the parser is lenient: a stray quote is kept as text rather than
swallowing the rest of the block. The system clipboard itself is :mod:`ui.clipboard`'s.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from model.values import NumberError, is_blank, read_score, read_weight

# The order of cells in a pasted or copied leaf row.
LEAF_FIELDS = ("name", "target", "actual", "weight", "score", "reason", "remark")
HEADER_WORDS = ("三级指标", "指标", "指标名称")
FULL_ROW_CELLS = 4  # 三级指标, 年度指标值, 实际完成值, 分值


def parse_tsv(text: str) -> list[list[str]]:
    """Split clipboard text into rows of cells; trailing empty lines are dropped."""
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        if at_cell_start and text[i] == '"':
            cell, i = _quoted_cell(text, i)
        else:
            j = i
            while j < n and text[j] not in "\t\r\n":
                j += 1
            cell, i = text[i:j], j
        row.append(cell)
        at_cell_start = True
        if i >= n:
            break
        if text[i] == "\t":
            i += 1
            if i >= n:
                row.append("")
            continue
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    while rows and all(not cell for cell in rows[-1]):
        rows.pop()
    return rows


def _quoted_cell(text: str, start: int) -> tuple[str, int]:
    """Read a quoted cell from ``start`` (on the opening quote); falls back to literal text when the
    quotes do not form a proper cell (e.g. a cell that merely begins with a quote)."""
    parts: list[str] = []
    i, n = start + 1, len(text)
    while i < n:
        if text[i] == '"':
            if text.startswith('""', i):
                parts.append('"')
                i += 2
                continue
            if i + 1 >= n or text[i + 1] in "\t\r\n":
                return "".join(parts), i + 1
            break
        parts.append(text[i])
        i += 1
    j = start  # not a well-formed quoted cell: take the raw text up to the next separator
    while j < n and text[j] not in "\t\r\n":
        j += 1
    return text[start:j], j


def _quote(cell: str) -> str:
    if any(ch in cell for ch in "\t\r\n") or cell.startswith('"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def format_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows as spreadsheet clipboard text (quoted where needed), each line ending in a newline."""
    return "".join("\t".join(_quote(cell) for cell in row) + "\n" for row in rows)


def is_header_row(row: Sequence[str]) -> bool:
    """A copied title row ("三级指标 年度指标值 …") is skipped rather than pasted as an indicator."""
    return bool(row) and row[0].strip() in HEADER_WORDS and any(
        "指标值" in cell or "目标值" in cell for cell in row[1:4])  # 四川: 指标性质 first, then 指标值


def is_full_block(rows: Sequence[Sequence[str]]) -> bool:
    """Whole indicator rows (三级指标 … 分值 at least) rather than a few cells of one or two columns."""
    return any(len(row) >= FULL_ROW_CELLS for row in rows)


def leaf_rows(rows: list[list[str]], first_field: int = 0) -> list[dict[str, str]]:
    """Map pasted rows to leaf fields (only the columns present), without a header row or blank rows.

    ``first_field`` is the position in :data:`LEAF_FIELDS` of the block's first column: 0 for whole
    rows; a narrower block pasted on, say, the 实际完成值 cell starts there, as in a spreadsheet.
    """
    if rows and first_field == 0 and is_header_row(rows[0]):
        rows = rows[1:]
    fields = LEAF_FIELDS[first_field:]
    return [{field: cell for field, cell in zip(fields, row)} for row in rows
            if any(cell.strip() for cell in row)]


def validate_leaf_rows(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Convert 分值 and 得分 to decimals; raise :class:`NumberError` naming the first bad row.

    Text cells are trimmed of surrounding whitespace; an empty 分值 reads as 0 and an empty
    得分 as None (automatic).
    """
    result: list[dict[str, object]] = []
    for number, row in enumerate(rows, start=1):
        values: dict[str, object] = {k: v.strip() for k, v in row.items() if k not in ("weight", "score")}
        try:
            if "weight" in row:
                weight = row["weight"]  # an empty 分值 is 0 (a row still being filled in), not refused
                values["weight"] = Decimal(0) if is_blank(weight) else read_weight(weight, "分值")
            if "score" in row:
                values["score"] = read_score(row["score"], "得分")
        except NumberError as exc:
            raise NumberError(f"第 {number} 行:{exc}") from None
        result.append(values)
    return result
