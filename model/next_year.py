"""新建下一年度: next year's form from this year's.

A project usually runs for several years with the same indicators and targets; what changes is
what actually happened. So the structure, names, targets and weights are kept and everything that
records the past year (actual values, hand-set scores, explanations, amounts, conclusion) is cleared,
leaving nothing from last year that could be mistaken for this year's result.
"""
from __future__ import annotations

import copy

from model.form import Form, FundsRow


def next_year_form(form: Form) -> Form:
    """A new form for ``form.year + 1``; ``form`` itself is not changed."""
    new = copy.deepcopy(form)
    new.year = form.year + 1
    new.project.fill_date = ""
    new.funds.rows = [FundsRow(row.label) for row in form.funds.rows]
    new.funds.reason = ""
    new.goals.achieved = ""
    new.conclusion = ""
    new.closing = {}  # 存在问题 / 改进措施 describe the past year; header ticks (项目类别 …) stay
    for _dimension, _category, leaf in new.iter_leaves():
        leaf.actual = ""
        leaf.score = None
        leaf.reason = ""
        leaf.remark = ""
    return new
