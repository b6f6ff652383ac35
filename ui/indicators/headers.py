"""The indicator tree's column titles, in the wording of the form's own template.

A clerk checks the window against the paper form, so the titles are the ones the template prints
(四川: 指标值, 完成值, 权重; 湖北: 年初目标值(A)). Layouts that print the target in parts (指标性质 |
指标值 | 度量单位) still take it in one cell here, "≥95%", as the draft keeps it; the header's
tooltip says how that cell is printed, and that rows copied in the printed layout paste into it
(:mod:`model.split_rows`). Pure Python: no Qt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from model.template import Template

NAME_TIP = "一级指标 / 二级指标 / 三级指标"
TARGET_PART_KEYS = ("comparator", "polarity", "comparator_name", "target_value", "unit")
_COLUMN_LETTER = re.compile(r"\s*[((][A-Za-z][))]$")  # "实际完成值(B)": B as in 执行率 B/A


@dataclass(frozen=True)
class TreeHeader:
    """Title and tooltip of each column: 指标, target, actual, 分值, 得分, reason (and remark)."""

    titles: tuple[str, ...]
    tips: tuple[Optional[str], ...]

    def words(self, section: int) -> str:
        """The title as a sentence names it: "修改“走访慰问人数”的实际完成值", without the "(B)"."""
        return _COLUMN_LETTER.sub("", self.titles[section])


def tree_header(template: Template) -> TreeHeader:
    printed = {column.key: column.title for column in template.layout.indicator_columns}

    def title(default: str, *keys: str) -> str:
        return next((printed[key] for key in keys if printed.get(key)), default)

    titles = ["指标", title("年度指标值", "target", "target_value"), title("实际完成值", "actual", "actual_value"),
              title("分值", "weight"), title("得分", "score"), template.reason_title]
    tips: list[Optional[str]] = [NAME_TIP, _target_tip(printed), _actual_tip(printed), None,
                                 _score_tip(printed), None]
    if template.remark_title is not None:
        titles.append(template.remark_title or "备注")
        tips.append(None)
    return TreeHeader(tuple(titles), tuple(tips))


def _target_tip(printed: dict[str, str]) -> Optional[str]:
    parts = [printed[key] for key in TARGET_PART_KEYS if key in printed]
    if "target" in printed or len(parts) < 2:
        return None
    return (f"打印时分为 {' | '.join(parts)} {len(parts)} 栏;\n在这里写在一格里,"
            "例如 ≥95%、95%以上、≤30万元,定性指标直接写文字;\n"
            "从本地区分栏的表格复制的整行可直接粘贴,各栏会拼回一格")


def _score_tip(printed: dict[str, str]) -> Optional[str]:
    """A layout that prints 扣分 (广西): the window shows 分值 and 得分, the paper also their difference."""
    if "deduction" not in printed:
        return None
    return f"打印时另有“{printed['deduction']}”栏:分值 − 得分,自动计算"


def _actual_tip(printed: dict[str, str]) -> Optional[str]:
    if "actual" in printed or "actual_value" not in printed or "unit" not in printed:
        return None
    return f"打印时分为 {printed['actual_value']} 和 {printed['unit']} 两栏;\n在这里连单位一起写,例如 96%"
