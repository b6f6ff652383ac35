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


def default_year(today: Optional[datetime.date] = None) -> int:
    """Forms are filled after the year ends, so the usual year is last year."""
    return (today or datetime.date.today()).year - 1


def new_form(template: Template, year: Optional[int] = None) -> Form:
    """An empty form of ``template``; computed figures stay empty until values are entered."""
    dimensions = [Dimension(spec.name, spec.weight, [Category(name, [Leaf()]) for name in spec.categories])
                  for spec in template.dimensions]
    funds = Funds(unit=template.money_unit, weight=template.funds_weight,
                  rows=[FundsRow(spec.label) for spec in template.funds_rows])
    return Form(template=template.id, year=year if year is not None else default_year(), project=Project(),
                funds=funds, goals=Goals(), indicators=dimensions, conclusion="")
