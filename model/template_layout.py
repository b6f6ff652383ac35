"""What a template says about the paper layout: header fields, tick boxes, the columns of the funds and
indicator tables, the closing text blocks and signature lines.

Kept apart from :mod:`model.template_parse` (which reads scoring and funds arithmetic) because the layout
is only data for the window and the exporters; nothing here changes a score. Every list has a default
that reproduces the guizhou-2024 layout, so a template file written before these keys existed (or
one a user wrote from the short guide) still loads and prints as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

PROJECT_KEYS = ("name", "department", "unit", "contact", "phone", "fill_date")
"""Header keys stored in :class:`model.form.Project`; any other header key is an extra field kept in
``Form.header``."""

CONCLUSION_KEY = "conclusion"
"""The closing block that is the 自评结论 (kept in ``Form.conclusion``, checked against the grade)."""

INDICATOR_COLUMN_KEYS = (
    "level1", "level2", "name",  # 一级 / 二级 / 三级
    "target",  # the target as written ("≥95%")
    "comparator",  # its sign alone ("≥"; "定性" for a qualitative target) — 四川 指标性质
    "polarity",  # 正向 / 反向 / 定性 — 巴彦淖尔 指标性质
    "comparator_name",  # 大于等于 / 小于等于 / 等于 … — 巴彦淖尔 指标方向
    "target_value",  # the number alone ("95"), or the text of a qualitative target
    "unit",  # 度量单位 / 计量单位 ("%")
    "actual",  # the actual as written
    "actual_value",  # the actual without its unit (when the unit has its own column)
    "weight", "score",
    "deduction",  # 扣分 = 分值 − 得分, computed (广西)
    "reason", "remark",
)
FUNDS_COLUMN_KEYS = ("initial", "budget", "executed", "rate", "weight", "score", "reason", "method")
KINDS = ("project", "department")


class LayoutError(ValueError):
    """A layout entry that cannot be used; the message names the field, in Chinese."""


@dataclass(frozen=True)
class Column:
    """One printed column: ``key`` says what it shows, ``title`` is what the form prints above it;
    ``text`` is a fixed text printed in every row (得分计算方法 "执行率*该指标分值…")."""

    key: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class HeaderField:
    """A header cell. ``options`` non-empty makes it a row of tick boxes (湖北 项目类别); the draft keeps
    the ticked option's text."""

    key: str
    title: str
    required: bool = False
    options: tuple[str, ...] = ()

    @property
    def in_project(self) -> bool:
        return self.key in PROJECT_KEYS


@dataclass(frozen=True)
class ClosingBlock:
    """A text block under the indicator table (自评结论; 四川: 评价结论 / 存在问题 / 改进措施)."""

    key: str
    title: str


@dataclass(frozen=True)
class Layout:
    header_fields: tuple[HeaderField, ...]
    funds_title: str
    funds_columns: tuple[Column, ...]
    indicator_columns: tuple[Column, ...]
    closing_blocks: tuple[ClosingBlock, ...]
    signatures: tuple[str, ...]

    def extra_header_fields(self) -> tuple[HeaderField, ...]:
        return tuple(f for f in self.header_fields if not f.in_project)

    def extra_closing_blocks(self) -> tuple[ClosingBlock, ...]:
        return tuple(b for b in self.closing_blocks if b.key != CONCLUSION_KEY)

    def has_indicator_column(self, key: str) -> bool:
        return any(column.key == key for column in self.indicator_columns)


def _list(data: dict[str, Any], key: str) -> Optional[list[Any]]:
    if key not in data or data[key] is None:
        return None
    value = data[key]
    if not isinstance(value, list):
        raise LayoutError(f"{key} 应为列表")
    return value


def _entry(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise LayoutError(f"{where} 应为对象,例如 {{\"key\": …, \"title\": …}}")
    for name in ("key", "title"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise LayoutError(f"{where} 缺少文字字段“{name}”")
    return item


def _columns(items: list[Any], field: str, allowed: tuple[str, ...]) -> tuple[Column, ...]:
    columns = []
    for n, item in enumerate(items):
        entry = _entry(item, f"{field}[{n}]")
        if entry["key"] not in allowed:
            raise LayoutError(f"{field}[{n}].key “{entry['key']}”不是可用的列(可用:{'、'.join(allowed)})")
        text = entry.get("text", "")
        if not isinstance(text, str):
            raise LayoutError(f"{field}[{n}].text 应为文字")
        columns.append(Column(entry["key"], entry["title"], text))
    return tuple(columns)


def _header_fields(items: list[Any]) -> tuple[HeaderField, ...]:
    fields, seen = [], set()
    for n, item in enumerate(items):
        entry = _entry(item, f"header_fields[{n}]")
        if entry["key"] in seen:
            raise LayoutError(f"header_fields[{n}].key “{entry['key']}”重复")
        seen.add(entry["key"])
        options = entry.get("options", [])
        if not isinstance(options, list) or not all(isinstance(o, str) and o for o in options):
            raise LayoutError(f"header_fields[{n}].options 应为文字列表")
        if options and entry["key"] in PROJECT_KEYS:
            raise LayoutError(f"header_fields[{n}]:“{entry['key']}”是项目信息字段,不能做成勾选框")
        fields.append(HeaderField(entry["key"], entry["title"], bool(entry.get("required", False)),
                                  tuple(options)))
    return tuple(fields)


def _closing(items: list[Any]) -> tuple[ClosingBlock, ...]:
    blocks, seen = [], set()
    for n, item in enumerate(items):
        entry = _entry(item, f"closing_blocks[{n}]")
        if entry["key"] in seen:
            raise LayoutError(f"closing_blocks[{n}].key “{entry['key']}”重复")
        seen.add(entry["key"])
        blocks.append(ClosingBlock(entry["key"], entry["title"]))
    return tuple(blocks)


def default_header_fields(show_contact: bool, show_fill_date: bool) -> tuple[HeaderField, ...]:
    fields = [HeaderField("name", "项目名称", True), HeaderField("department", "主管部门及代码", True),
              HeaderField("unit", "实施单位", True)]
    if show_contact:
        fields += [HeaderField("contact", "联系人"), HeaderField("phone", "联系电话")]
    if show_fill_date:
        fields.append(HeaderField("fill_date", "填报日期"))
    return tuple(fields)


def default_funds_columns() -> tuple[Column, ...]:
    return (Column("initial", "年初预算数"), Column("budget", "全年预算数(A)"), Column("executed", "全年执行数(B)"),
            Column("weight", "分值"), Column("rate", "执行率"), Column("score", "得分"))


def default_indicator_columns(reason_title: str, remark_title: Optional[str]) -> tuple[Column, ...]:
    columns = [Column("level1", "一级指标"), Column("level2", "二级指标"), Column("name", "三级指标"),
               Column("target", "年度指标值(A)"), Column("actual", "实际完成值(B)"), Column("weight", "分值"),
               Column("score", "得分"), Column("reason", reason_title)]
    if remark_title:
        columns.append(Column("remark", remark_title))
    return tuple(columns)


def parse_layout(data: dict[str, Any], funds: dict[str, Any], *, reason_title: str, remark_title: Optional[str],
                 show_conclusion: bool, show_contact: bool, show_fill_date: bool, money_unit: str) -> Layout:
    """The layout of a template file, each missing key replaced by the guizhou-2024 default."""
    header = _list(data, "header_fields")
    funds_columns = _list(funds, "columns")
    indicator = _list(data, "indicator_columns")
    closing = _list(data, "closing_blocks")
    signatures = _list(data, "signatures")
    if signatures is not None and not all(isinstance(s, str) and s for s in signatures):
        raise LayoutError("signatures 应为文字列表")
    funds_title = funds.get("title", f"项目资金({money_unit})")
    if not isinstance(funds_title, str):
        raise LayoutError("funds.title 应为文字")
    return Layout(
        header_fields=(_header_fields(header) if header is not None
                       else default_header_fields(show_contact, show_fill_date)),
        funds_title=funds_title,
        funds_columns=(_columns(funds_columns, "funds.columns", FUNDS_COLUMN_KEYS) if funds_columns is not None
                       else default_funds_columns()),
        indicator_columns=(_columns(indicator, "indicator_columns", INDICATOR_COLUMN_KEYS) if indicator is not None
                           else default_indicator_columns(reason_title, remark_title)),
        closing_blocks=(_closing(closing) if closing is not None
                        else ((ClosingBlock(CONCLUSION_KEY, "自评结论"),) if show_conclusion else ())),
        signatures=tuple(signatures or ()),
    )


DEFAULT_LAYOUT = Layout(default_header_fields(True, True), "项目资金(元)", default_funds_columns(),
                        default_indicator_columns("未完成原因分析", "备注"),
                        (ClosingBlock(CONCLUSION_KEY, "自评结论"),), ())
"""The guizhou-2024 layout, for templates built in code (tests) rather than read from a file."""
