"""Reading an exported form sheet back in tests: where each label of column A stands, and the
figures expected.json gives for each form."""
from __future__ import annotations

from typing import Any

from exporters import xlsx_layout as L

FIGURE_KEYS = ("funds_rate", "funds_score", "total")  # the figures of expected.json a sheet shows


def label_rows(ws: Any) -> dict[str, int]:
    """Each label of column A with its first row (a label cut at a page break repeats below)."""
    rows: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            rows.setdefault(str(ws.cell(r, 1).value), r)
    return rows


def form_figures(ws: Any) -> dict[str, Any]:
    """The cells holding a form sheet's figures, as stored: :data:`FIGURE_KEYS`, the total's
    ``weight`` (100) and the ``grade`` cell ("等级:优")."""
    rows = label_rows(ws)
    funds, total = rows["项目资金(元)"] + 1, rows["总分"]
    return {"funds_rate": ws.cell(funds, L.COL_F_RATE).value, "funds_score": ws.cell(funds, L.COL_F_SCORE).value,
            "total": ws.cell(total, L.COL_SCORE).value, "weight": ws.cell(total, L.COL_WEIGHT).value,
            "grade": ws.cell(total, L.COL_REASON).value}
