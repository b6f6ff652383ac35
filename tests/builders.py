"""Small forms built in tests, so each rule is tested on exactly the data it needs."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Optional

from model.form import Category, Dimension, Form, Funds, FundsRow, Leaf, Project
from model.template import Template
from model.template_registry import get_template


def D(value) -> Decimal:
    return Decimal(str(value))


def leaf(target: str = "≥100人", actual: str = "100人", weight="10", score=None, reason: str = "",
         name: str = "指标") -> Leaf:
    return Leaf(name=name, target=target, actual=actual, weight=D(weight),
                score=None if score is None else D(score), reason=reason)


def make_form(leaves: Optional[list[Leaf]] = None, *, budget="100", executed="100",
              template: str = "guizhou-2024") -> Form:
    """A complete, valid form: funds 10 + 产出 50 + 效益 30 + 满意度 10, with ``leaves`` in 产出/数量指标.

    When ``leaves`` do not weigh 50 in all, a filler leaf makes up the rest so only the rule under
    test can raise an issue.
    """
    leaves = leaves if leaves is not None else [leaf(weight="50")]
    rest = Decimal(50) - sum((l.weight for l in leaves), Decimal(0))
    if rest > 0:
        leaves = leaves + [leaf("≥1次", "1次", rest, name="补足")]
    rows = [FundsRow("年度资金总额", D(budget), D(budget), D(executed)),
            FundsRow("财政拨款", D(budget), D(budget), D(executed)),
            FundsRow("本级安排", D(budget), D(budget), D(executed)),
            FundsRow("其中:上级补助", D(0), D(0), D(0)), FundsRow("其他", D(0), D(0), D(0))]
    return Form(
        template=template, year=2024,
        project=Project(name="测试项目", department="[001]测试局", unit="测试局"),
        funds=Funds("元", D(10), rows),
        indicators=[
            Dimension("产出指标", D(50), [Category("数量指标", leaves)]),
            Dimension("效益指标", D(30), [Category("社会效益指标", [leaf("有效促进", "达成预期指标", "30",
                                                                   name="效益")])]),
            Dimension("满意度指标", D(10), [Category("满意度指标", [leaf("≥90%", "90%", "10", name="满意度")])]),
        ],
        conclusion="")


def template_with(**rules) -> Template:
    """guizhou-2024 with some scoring rules replaced."""
    base = get_template("guizhou-2024")
    return replace(base, rules=replace(base.rules, **rules))
