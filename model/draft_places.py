"""Where a field of a draft file stands, in the words of the form.

A draft the reader refuses names the field by its place in the file
(``indicators[0].children[1].children[2].weight``), which tells whoever wrote the file exactly
where to look; the clerk who only double-clicked it needs the form's words as well:
"产出指标/数量指标/培训人数 的分值". :func:`describe` gives those from the file's own data.
"""
from __future__ import annotations

import re
from typing import Any, Optional

LEAF_FIELDS = {"weight": "分值", "target": "年度指标值", "actual": "实际完成值", "score": "得分",
               "reason": "未完成原因分析", "remark": "备注", "name": "名称", "children": "下级指标"}
PROJECT_FIELDS = {"name": "项目名称", "department": "主管部门", "unit": "实施单位", "contact": "联系人",
                  "phone": "联系电话", "fill_date": "填报日期"}
FUNDS_FIELDS = {"weight": "资金分值", "unit": "金额单位", "rows": "资金各行"}
FUNDS_ROW_FIELDS = {"label": "资金来源", "initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}
GOALS_FIELDS = {"expected": "年度总体目标", "achieved": "实际完成情况"}
LEVELS = ("一级指标", "二级指标", "三级指标")

_STEP = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")


def _steps(path: str) -> Optional[list[tuple[str, Optional[int]]]]:
    steps = []
    for part in path.split("."):
        match = _STEP.match(part)
        if match is None:
            return None
        steps.append((match.group(1), int(match.group(2)) if match.group(2) is not None else None))
    return steps


def _item(data: Any, key: str, index: Optional[int]) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    if index is None:
        return value
    return value[index] if isinstance(value, list) and 0 <= index < len(value) else None


def _node_name(node: Any, index: int, level: int) -> str:
    name = node.get("name") if isinstance(node, dict) else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    return f"第 {index + 1} 个{LEVELS[min(level, 2)]}"


def _indicator_place(data: Any, steps: list[tuple[str, Optional[int]]]) -> str:
    """"产出指标/数量指标/培训人数", with " 的分值" when the path ends at a field of that node."""
    names, node = [], data
    for level, (key, index) in enumerate(steps):
        if key == ("indicators" if level == 0 else "children") and index is not None and level < 3:
            node = _item(node, key, index)
            names.append(_node_name(node, index, level))
        elif level == len(steps) - 1 and index is None and key in LEAF_FIELDS:
            return f"{'/'.join(names)} 的{LEAF_FIELDS[key]}"
        else:
            return ""
    return "/".join(names)


def _funds_place(data: Any, steps: list[tuple[str, Optional[int]]]) -> str:
    if len(steps) == 2 and steps[1][1] is None:
        return FUNDS_FIELDS.get(steps[1][0], "")
    if len(steps) >= 2 and steps[1][0] == "rows" and steps[1][1] is not None:
        index = steps[1][1]
        row = _item(_item(data, "funds", None), "rows", index)
        label = row.get("label") if isinstance(row, dict) else None
        place = f"资金第 {index + 1} 行" + (f"“{label.strip()}”" if isinstance(label, str) and label.strip() else "")
        if len(steps) == 3 and steps[2][1] is None and steps[2][0] in FUNDS_ROW_FIELDS:
            return f"{place}的{FUNDS_ROW_FIELDS[steps[2][0]]}"
        return place if len(steps) == 2 else ""
    return ""


def describe(path: str, data: Any) -> str:
    """The form's words for the field at ``path`` of the draft ``data``; "" where there are none
    (a field the form does not show, a path this does not know)."""
    steps = _steps(path)
    if not steps:
        return ""
    head, index = steps[0]
    if head == "indicators" and index is not None:
        return _indicator_place(data, steps)
    if head == "funds":
        return _funds_place(data, steps)
    if len(steps) == 2 and steps[1][1] is None:
        fields = {"project": PROJECT_FIELDS, "goals": GOALS_FIELDS}.get(head, {})
        return fields.get(steps[1][0], "")
    return ""
