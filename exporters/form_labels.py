"""The printed labels of the paper form, shared by the Excel and the PDF export.

Both exports reproduce the same paper form, so its wording comes from one place: the template's
"labels" (read by :mod:`model.template_parse`), with the guizhou-2024 wording as the default for anything a
template does not state. :func:`labels_for` gives a :class:`FormLabels` that both exporters print, so
the PDF and the workbook never disagree (the workbook said 联系人 where the PDF said 填表人).

The Excel reader also finds blocks by these texts (see :mod:`exporters.xlsx_layout`), so changing one
changes what an older workbook is matched against. Pure data: no openpyxl, no reportlab.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Optional, Sequence

from model.form import Category, Dimension, Form, Leaf
from model.report import AssessedForm
from model.split_rows import split_texts
from model.targets import node_kind
from model.template import Template
from model.values import format_score
from model.template_layout import (CONCLUSION_KEY, DEFAULT_LAYOUT, ClosingBlock, Column, HeaderField,
                                   default_funds_columns, default_header_fields, default_indicator_columns)

# The guizhou-2024 wording (the bureau's form in /work/shared/forms). Older code imports these names;
# they stay until the Excel export reads FormLabels (the integrator removes them then).
L_UNIT = "单位(盖章):"
L_FILL_DATE = "填报日期:"
L_PROJECT = "项目名称"
L_DEPARTMENT = "主管部门及代码"
L_IMPL_UNIT = "实施单位"
L_FUNDS_PREFIX = "项目资金"
L_FUNDS_HEADERS = ("资金来源", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率", "得分")
L_GOALS = "年度总体目标"
L_EXPECTED = "预期目标"
L_ACHIEVED = "实际完成情况"
L_INDICATORS = "绩效指标"
L_IND_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分")
L_TOTAL = "总分"
L_CONCLUSION = "自评结论"
L_CONTACT = "联系人:"
L_PHONE = "联系电话:"

# Where a label may break when its cell is too narrow for one line: the official form stacks
# 年度/总体/目标 and 主管部门/及代码, never 年度总体目/标. A label is cut into these words (longest
# first); characters outside them are words of their own.
LABEL_WORDS = (
    "主管部门", "实施单位", "项目资金", "项目名称", "资金来源", "原因分析", "偏差原因", "改进措施", "完成情况", "预期目标",
    "年度", "总体", "目标", "及代码", "项目", "名称", "资金", "年初", "全年", "预算数", "执行数", "执行率",
    "指标值", "完成值", "实际", "未完成", "分析及", "一级", "二级", "三级", "指标", "绩效", "自评", "结论",
    "分值", "得分", "备注", "产出", "效益", "满意度", "数量", "质量", "时效", "成本", "经济", "社会", "生态",
    "可持续", "影响", "服务对象", "预算", "执行", "情况", "部门", "单位", "总体资金", "(单位)", "（单位）", "(A)", "(B)", "(元)", "(万元)", "（A）", "（B）", "（元）", "（万元）",
)


@dataclass(frozen=True)
class ClosingLine:
    """One line under the 自评结论: its label and the draft field printed after it ("" = a blank to
    fill by hand, e.g. a signature)."""

    label: str
    field: str = ""


@dataclass(frozen=True)
class FormLabels:
    """Everything a form prints besides the user's texts and the figures, for one template."""

    title: str = "项目支出绩效目标自评表"
    year_line: str = "({year}年度)"
    unit: str = L_UNIT  # "" = no 单位(盖章) line
    fill_date: str = L_FILL_DATE
    project: str = L_PROJECT
    department: str = L_DEPARTMENT
    impl_unit: str = L_IMPL_UNIT
    funds: str = L_FUNDS_PREFIX
    funds_headers: tuple[str, ...] = L_FUNDS_HEADERS
    goals: str = L_GOALS
    expected: str = L_EXPECTED
    achieved: str = L_ACHIEVED
    indicators: str = L_INDICATORS
    indicator_headers: tuple[str, ...] = L_IND_HEADERS
    reason: str = "未完成原因分析"
    remark: Optional[str] = "备注"
    total: str = L_TOTAL
    conclusion: str = L_CONCLUSION
    closing: tuple[ClosingLine, ...] = (ClosingLine(L_CONTACT, "contact"),)
    show_fill_date: bool = True
    show_conclusion: bool = True
    # the template's layout (model.template_layout), with the "labels" wording applied to its titles
    header_fields: tuple[HeaderField, ...] = default_header_fields(False, False)  # printed in the header grid (others: title / closing line)
    funds_source: str = L_FUNDS_HEADERS[0]  # the head of the 资金来源 column
    funds_columns: tuple[Column, ...] = default_funds_columns()
    indicator_columns: tuple[Column, ...] = DEFAULT_LAYOUT.indicator_columns
    closing_blocks: tuple[ClosingBlock, ...] = (ClosingBlock(CONCLUSION_KEY, L_CONCLUSION),)
    signatures: tuple[str, ...] = ()
    funds_heading: str = ""  # the funds block's label when the template states it ("预算执行情况(万元)(20分)")
    funds_note: str = ""  # a rule printed as the funds block's last line (四川 "预算执行率=…"); "" = none

    def year(self, year: int) -> str:
        return self.year_line.replace("{year}", str(year))

    def funds_title(self, unit: str) -> str:
        return self.funds_heading or f"{self.funds}({unit})"

    def table_headers(self) -> tuple[str, ...]:
        """The indicator grid's column heads after 绩效指标, in the template's order."""
        return tuple(column.title for column in self.indicator_columns)

    def indicator_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.indicator_columns)

    def funds_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.funds_columns)

    def closing_title(self, key: str) -> str:
        return next((b.title for b in self.closing_blocks if b.key == key), "")

    def header_field(self, key: str) -> Optional[HeaderField]:
        return next((f for f in self.header_fields if f.key == key), None)


_DEFAULT = FormLabels()


def labels_for(template: Template) -> FormLabels:
    """The labels of a template's form: its layout (header fields, columns, closing blocks, signatures)
    with the wording its "labels" state, the guizhou-2024 wording elsewhere.

    A template whose header is the guizhou default (guizhou-2024, mof-2020) prints 单位(盖章)/填报日期
    above the grid and 联系人 under it, as the bureau's form does; one that lists its own header fields
    prints all of them in the header grid, and its signatures as the closing lines.
    """
    data, layout = template.labels, template.layout
    texts = {key: data.text(key, getattr(_DEFAULT, key)) for key in (
        "year_line", "unit", "fill_date", "project", "department", "impl_unit", "funds", "goals", "expected",
        "achieved", "indicators", "total", "conclusion")}
    default_header = layout.header_fields == default_header_fields(template.show_contact, template.show_fill_date)
    keys = {f.key for f in layout.header_fields}
    if data.closing is not None:
        closing = tuple(ClosingLine(label, field) for label, field in data.closing)
    elif default_header or "contact" not in keys:
        closing = _DEFAULT.closing if template.show_contact else ()
    else:
        closing = ()
    closing += tuple(ClosingLine(f"{name}:") for name in layout.signatures)
    if default_header:
        header = tuple(f for f in layout.header_fields if f.key in ("name", "department", "unit"))
        header = tuple(replace(f, title=texts[{"name": "project", "unit": "impl_unit"}.get(f.key, f.key)])
                       for f in header)
        show_fill_date = template.show_fill_date
    else:
        header = layout.header_fields
        texts["unit"] = data.text("unit", "")
        show_fill_date = template.show_fill_date and "fill_date" not in keys
        titles = {f.key: f.title for f in header}
        texts["project"] = titles.get("name", texts["project"])
        texts["department"] = titles.get("department", texts["department"])
        texts["impl_unit"] = titles.get("unit", texts["impl_unit"])
    funds_columns = layout.funds_columns
    funds_source = _DEFAULT.funds_source
    if data.funds_headers and funds_columns == default_funds_columns():
        funds_source = data.funds_headers[0]
        funds_columns = tuple(replace(c, title=t) for c, t in zip(funds_columns, data.funds_headers[1:]))
    indicator_columns = layout.indicator_columns
    if data.indicator_headers and indicator_columns == default_indicator_columns(template.reason_title,
                                                                                 template.remark_title):
        titled = tuple(replace(c, title=t) for c, t in zip(indicator_columns, data.indicator_headers))
        indicator_columns = titled + indicator_columns[len(titled):]
    blocks = tuple(replace(b, title=texts["conclusion"]) if b.key == CONCLUSION_KEY and "conclusion" in dict(data.texts)
                   else b for b in layout.closing_blocks)
    explicit_funds_title = layout.funds_title != f"项目资金({template.money_unit})"
    return FormLabels(
        title=template.title, funds_headers=(funds_source,) + tuple(c.title for c in funds_columns),
        indicator_headers=tuple(c.title for c in indicator_columns[:7]),
        reason=template.reason_title, remark=template.remark_title, closing=closing,
        show_fill_date=show_fill_date, show_conclusion=any(b.key == CONCLUSION_KEY for b in blocks),
        header_fields=header, funds_source=funds_source, funds_columns=funds_columns,
        indicator_columns=indicator_columns, closing_blocks=blocks, signatures=layout.signatures,
        funds_heading=layout.funds_title if explicit_funds_title else "", funds_note=template.funds_note, **texts)


TICKED, UNTICKED = "■", "□"  # the CJK font has no ☑/☐; a filled box reads as ticked on paper


def tick_line(options: Sequence[str], chosen: str) -> str:
    """A row of tick boxes as printed: "■部门预算项目　□财政专项"."""
    return "\u3000".join(f"{TICKED if o == chosen else UNTICKED}{o}" for o in options)


def header_value(form: Form, key: str) -> str:
    """A header field's text: the project's own fields, or the template's extra ones (Form.header)."""
    project = form.project
    if hasattr(project, key):
        return str(getattr(project, key))
    return form.header.get(key, "")


def header_layout(labels: FormLabels) -> list[list[int]]:
    """The header fields grouped into printed rows (indexes into ``labels.header_fields``): the name
    and tick boxes get a row each, the other fields go two to a row (主管部门 | 实施单位)."""
    rows: list[list[int]] = []
    pending: list[int] = []
    for n, f in enumerate(labels.header_fields):
        if f.key == "name" or f.options:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([n])
        else:
            pending.append(n)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
    if pending:
        rows.append(pending)
    return rows


def leaf_texts(af: AssessedForm, dimension: Dimension, category: Category, leaf: Leaf,
               split: bool = True) -> dict[str, str]:
    """What each indicator column shows for a leaf; the split target columns read the target as the
    scorer does (model.split_rows.split_texts), so 指标性质 says ≤ wherever the score used ≤. ``split``
    False skips that reading for a layout without split columns (most forms: it is per leaf)."""
    score = af.evaluation.leaf(leaf).score
    texts = {"level1": "", "level2": "", "name": leaf.name, "target": leaf.target, "actual": leaf.actual,
             "weight": format_score(leaf.weight), "score": "未评分" if score is None else format_score(score),
             "deduction": "" if score is None else format_score(deduction(leaf.weight, score)),
             "reason": leaf.reason, "remark": leaf.remark}
    if split:
        kind = node_kind(dimension.name, category.name)
        texts.update(split_texts(leaf.target, leaf.actual, kind, af.template.rules.bare_target))
    return texts


def deduction(weight: Decimal, score: Decimal) -> Decimal:
    """The 扣分 a leaf lost (广西 prints it beside 得分): its weight less its score, never below 0 (a
    hand-set score above the weight is an error of its own)."""
    return max(weight - score, Decimal(0))


SPLIT_COLUMN_KEYS = ("comparator", "polarity", "comparator_name", "target_value", "unit", "actual_value")


def splits_target(labels: FormLabels) -> bool:
    """Whether a layout prints the target in parts (四川 指标性质 | 指标值 | 度量单位)."""
    return any(key in SPLIT_COLUMN_KEYS for key in labels.indicator_keys())


def label_words(label: str) -> list[str]:
    """A label cut where it may wrap: ``"年度总体目标"`` → ``["年度", "总体", "目标"]``."""
    words: list[str] = []
    position = 0
    while position < len(label):
        points = _POINTS.match(label, position)  # "(20分)", "(10分)": a weight never breaks inside
        word = points.group(0) if points else next(
            (w for w in _WORDS_LONGEST_FIRST if label.startswith(w, position)), label[position])
        words.append(word)
        position += len(word)
    return words


_POINTS = re.compile(r"[((][0-9.]+分[))]")
_WORDS_LONGEST_FIRST = tuple(sorted(set(LABEL_WORDS), key=len, reverse=True))
