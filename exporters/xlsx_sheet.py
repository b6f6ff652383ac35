"""One form laid out as the rows of a worksheet, like the paper form (no file format here).

The layout is a plan: rows of cells (values, formulas with their results, styles, horizontal
merges) and vertically merged labels (一级/二级 and the block labels in column A). Planning first
and writing afterwards lets :mod:`exporters.xlsx_pages` choose page breaks between 二级 groups and
cut a label that must span pages into one label per page before anything is written.

Inputs (money, weights, leaf scores, texts) are values; what Excel users expect to update by
themselves (执行率, 资金得分, subtotals, 总分, 等级) is a formula, stored with the program's result
so that a reader that does not calculate sees the program's figures. A leaf score cannot be a
formula (it is read from texts like "≥100人"), so each leaf row keeps, hidden, the inputs it was
scored from; a status formula beside the form compares them with the cells and flags the score
"待重算" when they differ. A text too long for one row (Excel allows 409 pt) continues in the
rows below it, marked ROLE_TEXT, which the reader joins back.

This module is the builder: it sets the columns, lays the short blocks itself (title, header
fields, goals, 总分, closing blocks and signatures) and hands the two tables to their own modules,
the funds block to :mod:`exporters.xlsx_funds` and the indicators to
:mod:`exporters.xlsx_indicator_rows`. Every block lays its cells through one
:class:`~exporters.xlsx_rows.SheetRows` over the plan; the row where the next block starts is all
the blocks tell each other.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters import xlsx_styles as S
from exporters.xlsx_funds import FundsBlock, figures_fit
from exporters.xlsx_indicator_rows import IndicatorRows
from exporters.xlsx_pages import fill_width, sheet_orientation
from exporters.xlsx_plan import SheetPlan
from exporters.xlsx_rows import SheetBlock, SheetRows
from exporters.form_labels import header_layout, header_value, tick_line
from model.values import format_decimal
from model.template_layout import CONCLUSION_KEY, ClosingBlock, HeaderField
from model.report import AssessedForm


class _Builder(SheetBlock):
    def __init__(self, item: AssessedForm) -> None:
        template = item.template
        cols = L.columns_for(template)
        last = cols.last
        labels = L.sheet_labels(template)
        funds_cols = L.funds_columns_for(labels.form, any(fr.initial is not None for fr in item.form.funds.rows))
        widths = fill_width(figures_fit(cols.widths, item, funds_cols), sheet_orientation(template))
        super().__init__(SheetRows(SheetPlan(item, labels, last, widths, cols, funds_cols=funds_cols)))
        self.cols = cols
        self.row = 1

    # --- blocks ------------------------------------------------------------------------------
    def header(self) -> None:
        form, template, last = self.item.form, self.item.template, self.last
        self.lay(1, [self.cell(1, self.labels.title, S.TITLE, last)], table=False)
        self.lay(2, [self.cell(1, self.labels.form.year(form.year), S.SUBTITLE, last)], unit=1, table=False)
        puts = [self.cell(1, self.labels.unit, S.PLAIN_LEFT, 3)]
        in_header = self.labels.form.header_field("fill_date") is not None
        if self.labels.form.show_fill_date or (form.project.fill_date and not in_header):
            puts += [self.cell(L.COL_WEIGHT, self.labels.fill_date, S.PLAIN_RIGHT, L.COL_SCORE),
                     self.cell(L.COL_REASON, form.project.fill_date, S.PLAIN_LEFT, last)]
        self.lay(3, puts, unit=1, table=False)
        self.plan.rows[1].height, self.plan.rows[2].height, self.plan.rows[3].height = 30, 18, 18
        self.row = 4

    def project(self) -> None:
        """The header fields as the PDF groups them: a row for the name and each row of tick boxes, the
        other fields two to a row (主管部门及代码 | 实施单位)."""
        r, form, fields = self.row, self.labels.form, self.labels.form.header_fields
        for group in header_layout(form):
            first = fields[group[0]]
            value = self._header_value(first)
            if len(group) == 1:
                r += self.lay(r, [self.label(1, first.title), self.cell(2, value, S.LEFT, self.last)], unit=1)
                continue
            second = fields[group[1]]
            r += self.lay(r, [self.label(1, first.title), self.cell(2, value, S.LEFT, L.COL_TARGET),
                              self.label(L.COL_ACTUAL, second.title),
                              self.cell(L.COL_WEIGHT, self._header_value(second), S.LEFT, self.last)], unit=1)
        self.row = r

    def _header_value(self, field: HeaderField) -> str:
        value = header_value(self.item.form, field.key)
        return tick_line(field.options, value) if field.options else value

    def funds(self) -> None:
        self.row = FundsBlock(self.sheet).build(self.row)

    def goals(self) -> None:
        goals, r, labels = self.item.form.goals, self.row, self.labels
        self.lay(r, [self.label(2, labels.expected, L.COL_TARGET), self.label(L.COL_ACTUAL, labels.achieved, self.last)])
        used = self.lay(r + 1, [self.cell(2, goals.expected, S.LEFT, L.COL_TARGET),
                                self.cell(L.COL_ACTUAL, goals.achieved, S.LEFT, self.last)], unit=r)
        self.span(1, r, r + used, labels.goals)
        self.row = r + 1 + used

    def indicators(self) -> None:
        self.row = IndicatorRows(self.sheet).build(self.row)

    def total(self) -> None:
        r, evaluation, plan = self.row, self.item.evaluation, self.plan
        plan.total_row = r
        funds_row = plan.funds_total_row
        cols = self.cols
        g, h = L.letter(cols.weight), L.letter(cols.score)
        # the funds 分值 from the funds block's own column (四川 puts it elsewhere than the tree's
        # 分值); a form without one (湖北) prints the template's weight in its title only
        funds_weight = plan.funds_cols.weight
        fw = f"{L.letter(funds_weight)}{funds_row}" if funds_weight else format_decimal(self.item.form.funds.weight)
        fs = f"{L.letter(plan.funds_cols.score)}{funds_row}"
        first, last = plan.header_row + 1, r - 1
        weights = f"={fw}+SUM({g}{first}:{g}{last})" if last >= first else f"={fw}"
        scores = f"ROUND({fs}+SUM({h}{first}:{h}{last}),2)" if last >= first else f"ROUND({fs},2)"
        weight = self.item.form.funds.weight + sum((leaf.weight for _, _, leaf in self.item.form.iter_leaves()),
                                                   Decimal(0))
        grade = f"{self.labels.grade}{evaluation.grade}" if evaluation.grade else ""
        unit = plan.rows[r - 1].unit if last >= first else r  # 总分 never alone on the last page
        self.lay(r, unit=unit, puts=[self.label(1, self.labels.total), self.cell(2, None, end_col=cols.weight - 1),
                     self.cell(cols.weight, weight, S.TEXT.with_number(L.score_format(weight)), formula=weights),
                     self.cell(cols.score, evaluation.total, S.TEXT.with_number(L.score_format(evaluation.total)),
                               formula="=" + self._capped(scores, funds_row)),
                     self.cell(cols.score + 1, grade, S.LEFT, self.last, formula=self._grade_text(r, first, last))])
        self.row = r + 1

    def _grade_text(self, r: int, first: int, last: int) -> str:
        """等级 from the total (so it follows an edited total), and a word on scores to recompute."""
        word = grade_formula(self.item.template.rules.grades, f"{L.letter(self.cols.score)}{r}")
        text = f'"{self.labels.grade}"&{word}' if word else '""'
        if last >= first:
            count = f'COUNTIF({L.letter(self.cols.status)}{first}:{L.letter(self.cols.status)}{last},"{L.STALE}")'
            text += f'&IF({count}>0,";"&{count}&"项得分待重算(导入本程序即重算)","")'
        return "=" + text

    def _capped(self, total: str, funds_row: int) -> str:
        """The template's caps of the total by execution rate, as Excel arithmetic."""
        caps = self.item.template.rules.rate_caps
        if not caps:
            return total
        fc = self.plan.funds_cols
        a, b = f"{L.letter(fc.budget)}{funds_row}", f"{L.letter(fc.executed)}{funds_row}"
        rate = f"N({b})/{a}*100"
        limits = ",".join(f"IF(AND({rate}>={c.low},{rate}<{c.high}),{c.cap},1E+300)" for c in caps)
        return f"IF(N({a})=0,{total},MIN({total},{limits}))"

    def conclusion(self) -> None:
        """The closing blocks (自评结论; 四川 评价结论 / 存在问题 / 改进措施), each label repeated on
        every page its text runs over."""
        form = self.item.form
        blocks = list(self.labels.form.closing_blocks)
        if form.conclusion and not any(b.key == CONCLUSION_KEY for b in blocks):
            blocks.insert(0, ClosingBlock(CONCLUSION_KEY, L.L_CONCLUSION))  # typed text is never lost
        for block in blocks:
            r = self.row
            text = form.conclusion if block.key == CONCLUSION_KEY else form.closing.get(block.key, "")
            used = self.lay(r, [self.cell(2, text, S.LEFT, self.last)])
            self.span(1, r, r + used - 1, block.title)
            self.row += used

    def contact(self) -> None:
        project, r, labels = self.item.form.project, self.row, self.labels
        form = self.labels.form
        in_header = form.header_field("contact") is not None or form.header_field("phone") is not None
        if in_header or not (any(line.field == "contact" for line in form.closing) or project.contact
                             or project.phone):
            self.signatures()
            return
        unit = self.plan.rows[r - 1].unit if r - 1 > self.plan.total_row else r  # kept with the 自评结论
        self.lay(r, [self.cell(1, labels.contact, S.PLAIN_RIGHT), self.cell(2, project.contact, S.PLAIN_LEFT, L.COL_LEAF),
                     self.cell(L.COL_TARGET, labels.phone, S.PLAIN_RIGHT),
                     self.cell(L.COL_ACTUAL, project.phone, S.PLAIN_LEFT, L.COL_SCORE)], unit=unit, table=False)
        self.row = r + 1
        self.signatures()

    def signatures(self) -> None:
        """项目负责人: ____  财务负责人: ____, blanks to sign on paper (nothing of the draft)."""
        names = self.labels.form.signatures
        if not names:
            return
        r = self.row
        unit = self.plan.rows[r - 1].unit if r - 1 > self.plan.total_row else r
        cols = ((1, L.COL_CAT), (L.COL_LEAF, L.COL_ACTUAL), (L.COL_WEIGHT, self.last))
        puts = [self.cell(a, f"{name}:{L.SIGN_BLANK}", S.PLAIN_LEFT, b) for name, (a, b) in zip(names, cols)]
        self.lay(r, puts, unit=unit, table=False)
        self.row = r + 1

    def fit_spans(self) -> None:
        """A merged label needing more height than its rows have gets it on its last row."""
        for span in self.plan.spans:
            if not isinstance(span.value, str) or not span.style.wrap:
                continue
            lines = wrap.text_lines(span.value, self.points(span.col, span.end_col))
            have = sum(self.plan.rows[r].height for r in range(span.first, span.last + 1))
            need = wrap.row_height(lines)
            row = self.plan.rows[span.last]
            if need > have:
                row.height = min(wrap.MAX_ROW_HEIGHT, row.height + need - have)


def grade_formula(grades: Any, total: str) -> str:
    """The template's grade bands as nested IFs, so the grade follows an edited total ("" if none)."""
    bands = list(grades)
    if not bands:
        return ""
    expr = f'"{bands[-1][1]}"'
    for threshold, word in reversed(bands[:-1]):
        expr = f'IF({total}>={threshold},"{word}",{expr})'
    return f'IF({total}="","",{expr})'


def plan_sheet(item: AssessedForm) -> SheetPlan:
    """The rows of one assessed form, laid out like the paper form."""
    builder = _Builder(item)
    builder.header()
    builder.project()
    builder.funds()
    builder.goals()
    builder.indicators()
    builder.total()
    builder.conclusion()
    builder.contact()
    builder.fit_spans()
    return builder.plan
