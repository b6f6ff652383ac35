"""A filled form of each built-in template, as a clerk of that region writes it: its own funds rows, its
indicator weights, the template's extra header fields and tick boxes, the funds 原因 and the closing
blocks. Shared by the PDF, workbook and window tests of the regional layouts."""
from __future__ import annotations

from decimal import Decimal

from model.form import Form
from model.new_form import new_form
from model.template import Template
from model.template_registry import get_template

TEMPLATE_IDS = ("guizhou-2024", "mof-2020", "sichuan-2023", "mof-2020-split", "hubei-2021", "guizhou-dept-2022")

_LEAVES = (("≥95%", "96%"), ("≤30万元", "28万元"), ("=100%", "100%"), ("≥3次", "2次"), ("有效提升", "有效提升"))


def _weights(template: Template) -> list[Decimal]:
    """Each 一级's weight: the template's, or an even split of the indicator total where it is free."""
    free = [d for d in template.dimensions if d.free]
    fixed = sum((d.weight for d in template.dimensions if not d.free), Decimal(0))
    rest = template.indicators_total - fixed
    weights, left = [], len(free)
    for d in template.dimensions:  # a free 一级 gets 20, the first of them the rest (90 → 50/20/20)
        if d.free:
            left -= 1
            weights.append(rest - 20 * left if left == len(free) - 1 else Decimal(20))
        else:
            weights.append(d.weight)
    return weights


def region_form(template_id: str) -> Form:
    """A complete form of ``template_id`` (100 points, every text of the layout filled)."""
    template = get_template(template_id)
    form = new_form(template, 2023)
    project = form.project
    keys = {f.key for f in template.layout.header_fields}
    project.name = "农村饮水安全巩固提升工程"
    if "department" in keys:
        project.department = "[301]县水务局"
    if "unit" in keys:
        project.unit = "县水务局"
    if template.show_contact or "contact" in keys:
        project.contact, project.phone = "王芳", "0851-1234567"
    if template.show_fill_date or "fill_date" in keys:
        project.fill_date = "2024-03-15"
    form.goals.expected, form.goals.achieved = "完成12处集中供水工程改造。", "已完成12处,受益人口3.2万人。"
    n = 0
    for dimension, weight in zip(form.indicators, _weights(template)):
        dimension.weight = weight
        category = dimension.children[0]
        dimension.children = [category]
        leaf = category.children[0]
        target, actual = _LEAVES[n % len(_LEAVES)]
        leaf.name, leaf.target, leaf.actual, leaf.weight = f"指标{n + 1}", target, actual, weight
        leaf.reason = "受汛期影响略有延迟" if n == 0 else ""
        n += 1
    budget = Decimal("1172.55")
    for index, row in enumerate(form.funds.rows):
        share = budget if index == 0 or index == 1 else Decimal(0)
        row.budget, row.executed = share, (share * Decimal("0.85")).quantize(Decimal("0.01"))
        if "initial" in {c.key for c in template.layout.funds_columns}:
            row.initial = share
    if template.layout.has_indicator_column("comparator") or "reason" in {c.key for c in template.layout.funds_columns}:
        form.funds.reason = "部分工程款待审计后支付。"
    for field in template.layout.extra_header_fields():
        form.header[field.key] = field.options[-1] if field.options else f"{field.title}内容"
    if template.show_conclusion:
        form.conclusion = "项目总体完成较好,自评等级为良。"
    for block in template.layout.extra_closing_blocks():
        form.closing[block.key] = f"{block.title}:资金拨付进度偏慢,需加强统筹。"
    return form
