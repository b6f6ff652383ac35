"""Reading an exported form sheet back in tests: where each label of column A stands."""
from __future__ import annotations

from typing import Any


def label_rows(ws: Any) -> dict[str, int]:
    """Each label of column A with its first row (a label cut at a page break repeats below)."""
    rows: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            rows.setdefault(str(ws.cell(r, 1).value), r)
    return rows
