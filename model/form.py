"""The self-evaluation form as plain typed objects.

These classes hold only what a person enters. Everything that can be derived (rates, scores,
sums, grade) lives in :mod:`model.scoring`, so a file can never smuggle in a stale figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Optional

FORMAT_NAME = "perf-self-eval"
FORMAT_VERSION = 2  # 2 adds funds.reason, header and closing (model.draft writes 1 when they are empty)


@dataclass
class Project:
    """The header of the form: who spends the money and who answers for it."""

    name: str = ""
    department: str = ""  # 主管部门及代码
    unit: str = ""  # 实施单位
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    fill_date: str = ""  # 填报日期, kept as typed (YYYY-MM-DD by convention)


@dataclass
class FundsRow:
    """One row of the funds block; the first row of a form is the total."""

    label: str
    initial: Optional[Decimal] = None  # 年初预算数
    budget: Optional[Decimal] = None  # 全年预算数 (A)
    executed: Optional[Decimal] = None  # 全年执行数 (B)


@dataclass
class Funds:
    unit: str = "元"
    weight: Decimal = Decimal(10)
    rows: list[FundsRow] = field(default_factory=list)
    reason: str = ""  # 原因 of the whole funds block (四川: required below a 90 % execution rate)

    @property
    def total(self) -> Optional[FundsRow]:
        return self.rows[0] if self.rows else None


@dataclass
class Goals:
    expected: str = ""  # 预期目标
    achieved: str = ""  # 实际完成情况


@dataclass
class Leaf:
    """A 三级指标: the row a user writes. ``score`` is None when the program computes it."""

    name: str = ""
    target: str = ""  # 年度指标值 (A), as written, e.g. "≥100人"
    actual: str = ""  # 实际完成值 (B)
    weight: Decimal = Decimal(0)
    score: Optional[Decimal] = None  # hand-set score, or None for automatic
    reason: str = ""  # 未完成原因分析 / 偏差原因分析及改进措施
    remark: str = ""  # 备注


@dataclass
class Category:
    """A 二级指标: only groups leaves."""

    name: str = ""
    children: list[Leaf] = field(default_factory=list)


@dataclass
class Dimension:
    """A 一级指标 with its declared weight (产出指标 50, …)."""

    name: str = ""
    weight: Decimal = Decimal(0)
    children: list[Category] = field(default_factory=list)


@dataclass
class Form:
    template: str = "guizhou-2024"
    year: int = 2024
    project: Project = field(default_factory=Project)
    funds: Funds = field(default_factory=Funds)
    goals: Goals = field(default_factory=Goals)
    indicators: list[Dimension] = field(default_factory=list)
    conclusion: str = ""
    header: dict[str, str] = field(default_factory=dict)  # the template's extra header fields and ticks
    closing: dict[str, str] = field(default_factory=dict)  # closing blocks other than the conclusion

    def iter_leaves(self) -> Iterator[tuple[Dimension, Category, Leaf]]:
        """Every leaf with its parents, in the order of the paper form."""
        for dimension in self.indicators:
            for category in dimension.children:
                for leaf in category.children:
                    yield dimension, category, leaf

    def texts(self) -> Iterator[str]:
        """Every text the user wrote on the form (to look for characters a font cannot print)."""
        project = self.project
        yield from (project.name, project.department, project.unit, project.contact, project.phone,
                    project.fill_date, self.goals.expected, self.goals.achieved, self.conclusion,
                    self.funds.reason, *self.header.values(), *self.closing.values())
        yield from (row.label for row in self.funds.rows)
        for dimension in self.indicators:
            yield dimension.name
            for category in dimension.children:
                yield category.name
                for leaf in category.children:
                    yield from (leaf.name, leaf.target, leaf.actual, leaf.reason, leaf.remark)

    def leaf_at(self, index: tuple[int, int, int]) -> Leaf:
        i, j, k = index
        return self.indicators[i].children[j].children[k]


def path_part(name: str) -> str:
    """A name as one part of a "/"-joined path: a "/" of its own ("人均补贴/元") is written as the
    full-width "／", so the path keeps exactly one part per level."""
    return name.replace("/", "／")


def leaf_path(dimension: Dimension, category: Category, leaf: Leaf) -> str:
    """The "一级/二级/三级" name path used by the command line and in messages."""
    return "/".join(path_part(node.name) for node in (dimension, category, leaf))
