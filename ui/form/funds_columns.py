"""The funds table's column heads as the template prints them (四川 调整后预算数, 湖北 预算数(A)), and the
columns it does not print hidden (湖北 has no 年初预算数 or 分值, 部门整体 no 执行率), in the template's order
(四川 prints 预算执行率 before 权重).

The table keeps its fixed columns (the model's three amounts and three figures); only what shows changes.
A hidden amount column that holds a figure stays visible, so nothing typed disappears from view.
"""
from __future__ import annotations

from ui.qt import QTableWidget

from model.form import Funds
from model.template import Template

COLUMN_KEYS = ("initial", "budget", "executed", "weight", "rate", "score")  # table columns 1..6


def apply_template_columns(table: QTableWidget, template: Template, funds: Funds) -> None:
    titles = {c.key: c.title for c in template.layout.funds_columns}
    for column, key in enumerate(COLUMN_KEYS, 1):
        item = table.horizontalHeaderItem(column)
        if key in titles and item is not None:
            item.setText(titles[key])
        has_figure = key in ("initial", "budget", "executed") and any(
            getattr(row, key) is not None for row in funds.rows)
        table.setColumnHidden(column, key not in titles and not has_figure)
    header = table.horizontalHeader()
    order = [key for key in titles if key in COLUMN_KEYS] + [key for key in COLUMN_KEYS if key not in titles]
    for visual, key in enumerate(order, 1):  # only the view's order: the columns stay the model's
        header.moveSection(header.visualIndex(COLUMN_KEYS.index(key) + 1), visual)
    first = table.horizontalHeaderItem(0)
    if template.layout.funds_title and first is not None:
        first.setText(template.layout.funds_title.replace(f"({template.money_unit})", "")
                                              + f"({funds.unit})")
