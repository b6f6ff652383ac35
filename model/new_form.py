"""A new, empty form laid out by a template.

The tree starts with every 一级/二级 node of the template and one empty 三级 row under each
二级, so the user sees the whole paper layout at once and only has to fill in the rows; funds rows
come from the template so the breakdown check knows how they add up.
"""
from __future__ import annotations

import datetime
from typing import Optional

from model.form import Category, Dimension, Form, Funds, FundsRow, Goals, Leaf, Project
from model.template import Template


# From this month on, a new form is for the year now ending: its self-evaluation is being prepared
# (the year-end accounts close in December); before it, for the year that has ended.
CURRENT_YEAR_FROM_MONTH = 12


def default_year(today: Optional[datetime.date] = None) -> int:
    """The year a new form is most likely for: forms are filled once the year is over, from its
    closing month to the next spring."""
    today = today or datetime.date.today()
    return today.year if today.month >= CURRENT_YEAR_FROM_MONTH else today.year - 1


def new_form(template: Template, year: Optional[int] = None) -> Form:
    """An empty form of ``template``; computed figures stay empty until values are entered."""
    dimensions = [Dimension(spec.name, spec.weight, [Category(name, [Leaf()]) for name in spec.categories])
                  for spec in template.dimensions]
    funds = Funds(unit=template.money_unit, weight=template.funds_weight,
                  rows=[FundsRow(spec.label) for spec in template.funds_rows])
    return Form(template=template.id, year=year if year is not None else default_year(), project=Project(),
                funds=funds, goals=Goals(), indicators=dimensions, conclusion="")
