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
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters import xlsx_styles as S
from exporters.xlsx_pages import fill_width, sheet_orientation
from exporters.xlsx_plan import Put, Row, SheetPlan, Span, Value, clean_text, top_aligned
from exporters.xlsx_styles import Style
from exporters.form_labels import header_layout, header_value, leaf_texts, tick_line
from model.form import Category, Dimension, FundsRow, Leaf
from model.values import format_decimal, format_money, format_rate
from model.template_layout import CONCLUSION_KEY, ClosingBlock, HeaderField
from model.report import AssessedForm


class _Builder:
    def __init__(self, item: AssessedForm) -> None:
        template = item.template
        cols = L.columns_for(template)
        has_remark = cols.remark > 0
        last = cols.last
        labels = L.sheet_labels(template)
        funds_cols = L.funds_columns_for(labels.form, any(fr.initial is not None for fr in item.form.funds.rows))
        widths = fill_width(_figures_fit(cols.widths, item, funds_cols), sheet_orientation(template))
        self.plan = SheetPlan(item, labels, last, widths, cols, funds_cols=funds_cols)
        self.item, self.labels, self.last, self.has_remark = item, self.plan.labels, last, has_remark
        self.cols = cols
        self.row = 1

    # --- primitives --------------------------------------------------------------------------
    def points(self, col: int, end_col: int) -> float:
        widths = self.plan.widths
        return sum(wrap.column_points(widths[c - 1]) for c in range(col, end_col + 1) if c <= len(widths))

    def cell(self, col: int, value: Value, style: Style = S.TEXT, end_col: int = 0, formula: str = "") -> Put:
        if isinstance(value, str):
            value = clean_text(value) or None
        return Put(col, value, style, end_col, formula)

    def label(self, col: int, text: str, end_col: int = 0) -> Put:
        return self.cell(col, text, S.BOLD, end_col)

    def lay(self, r: int, puts: list[Put], *, unit: int = 0, table: bool = True,
            hidden: Optional[dict[int, Value]] = None, helper: Optional[list[Put]] = None) -> int:
        """Lay out one row of the form; a text too long for 409 pt goes on in rows below.

        Returns how many rows it took. The continuation rows repeat the row's horizontal merges
        (empty where a cell has nothing more to say), so each column prints as one tall cell.
        """
        pieces = [wrap.split_text(p.value, self.points(p.col, p.end_col))
                  if isinstance(p.value, str) and p.style.wrap and not p.formula else [p.value] for p in puts]
        count = max((len(chunks) for chunks in pieces), default=1)
        for n in range(count):
            row = Row(table=table, role=L.ROLE_TEXT if n else "", unit=unit or r,
                      hidden=dict(hidden or {}) if n == 0 else {}, helper=list(helper or []) if n == 0 else [])
            lines = 1
            for put, chunks in zip(puts, pieces):
                value = chunks[n] if n < len(chunks) else None
                style = put.style if count == 1 else top_aligned(put.style)
                row.puts.append(Put(put.col, value, style, put.end_col, put.formula if n == 0 else ""))
                if isinstance(value, str) and style.wrap:
                    lines = max(lines, wrap.text_lines(value, self.points(put.col, put.end_col), style.size))
            row.height = wrap.row_height(lines)
            self.plan.rows[r + n] = row
        return count

    def span(self, col: int, first: int, last: int, value: Value, style: Style = S.BOLD, **kw: Any) -> None:
        if isinstance(value, str):
            value = clean_text(value) or None
        self.plan.spans.append(Span(col, first, max(first, last), value, style, **kw))

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
        funds, r, template = self.item.form.funds, self.row, self.item.template
        rows = funds.rows or [FundsRow(spec.label) for spec in template.funds_rows]  # none: no 年初预算数
        fc = self.plan.funds_cols
        heads = [self.label(L.COL_F_LABEL, self.labels.form.funds_source, L.COL_F_INITIAL - 1)]
        heads += [self.label(fc.col(k), t, self.last if k == fc.keys[-1] else 0) for k, t in zip(fc.keys, fc.titles)]
        self.lay(r, heads, unit=1)
        for n, fr in enumerate(rows):
            row = r + 1 + n
            puts = [self.cell(L.COL_F_LABEL, fr.label, S.LEFT, L.COL_F_INITIAL - 1)]
            for key in ("initial", "budget", "executed"):
                if key in fc.keys:
                    value = getattr(fr, key)
                    puts.append(self.cell(fc.col(key), value, S.PLAIN_RIGHT.with_number(L.money_format(value))))
            if n == 0:
                puts += self._funds_total(row, funds.weight)
            else:
                puts += [self.cell(fc.col(k), "-", end_col=self.last if k == fc.keys[-1] else 0)
                         for k in ("weight", "rate", "score") if k in fc.keys]
            self.lay(row, sorted(puts, key=lambda put: put.col), unit=1)
        end = r + len(rows)
        self.plan.funds_rows = (r + 1, end)
        end = self._funds_texts(r + 1, end)
        if self.labels.form.funds_note:  # the template's printed rule, across the block, kept with the row above
            used = self.lay(end + 1, [self.cell(L.COL_F_LABEL, self.labels.form.funds_note, S.RULE, self.last)],
                            unit=self.plan.rows[end].unit)
            self.plan.rows[end + 1].role = L.ROLE_FUNDS_NOTE
            end += used
        self.span(1, r, end, L.money_header(funds.unit, template.money_unit, self.labels))
        self.row = end + 1

    def _funds_texts(self, first: int, last: int) -> int:
        """原因 (the form's) and 得分计算方法 (the template's): one cell each beside all the funds rows, as
        on paper, the rows made tall enough together for the longest; the last row of the block.

        The extra height is shared by the rows, each at most CHUNK_HEIGHT; a text that needs more
        goes on in blank rows as tall (marked "续文", so the import skips them) inside the cell's merge.
        Rows of a few lines let the page planner break the block where a page is full; the text is
        then cut between the pages (exporters.xlsx_pages.cut_spans)."""
        fc = self.plan.funds_cols
        fixed = {c.key: c.text for c in self.labels.form.funds_columns}
        texts = {k: self.item.form.funds.reason if k == "reason" else fixed.get(k, "") for k in fc.texts}
        if not texts:
            return last
        need = 0.0
        for key, text in texts.items():
            col, end_col = fc.col(key), self.last if key == fc.keys[-1] else fc.col(key)
            lines = wrap.text_lines(clean_text(text), self.points(col, end_col)) if text else 1
            # a line more than the text has: cut at a page break, each piece loses part of a line
            need = max(need, (lines + 1) * wrap.LINE_HEIGHT + wrap.ROW_PADDING)
        rows = [self.plan.rows[n] for n in range(first, last + 1)]
        extra = need - sum(row.height for row in rows)
        if extra > 0:
            for row in rows:
                row.height = max(row.height, min(CHUNK_HEIGHT, row.height + extra / len(rows)))
        short = need - sum(row.height for row in rows)
        while short > 0:  # the rows at CHUNK_HEIGHT are too short: blank rows go on below them
            last += 1
            self.plan.rows[last] = Row(puts=[Put(p.col, None, p.style, p.end_col) for p in rows[-1].puts],
                                       height=min(CHUNK_HEIGHT, max(wrap.MIN_ROW_HEIGHT, short)),
                                       role=L.ROLE_TEXT, unit=rows[-1].unit)
            short -= self.plan.rows[last].height
        for key, text in texts.items():
            end_col = self.last if key == fc.keys[-1] else fc.col(key)
            self.span(fc.col(key), first, last, text, top_aligned(S.LEFT), end_col=end_col,
                      flow=self.points(fc.col(key), end_col))
        return last

    def _funds_total(self, row: int, weight: Decimal) -> list[Put]:
        fc = self.plan.funds_cols
        a, b = f"{L.letter(fc.budget)}{row}", f"{L.letter(fc.executed)}{row}"
        # 湖北 prints no 分值 column: its weight is written into the formula
        w = f"{L.letter(fc.weight)}{row}" if fc.weight else format_decimal(weight)
        result = self.item.evaluation.funds
        self.plan.funds_total_row = row
        rate = f'=IF(N({a})=0,"",ROUND(N({b})/{a}*100,2))'
        score = f"=IF(N({a})=0,0,ROUND({w}*MAX(0,MIN(N({b})/{a},1)),2))"
        puts = []
        if fc.weight:
            puts.append(self.cell(fc.weight, weight, S.TEXT.with_number(L.score_format(weight)),
                                  self.last if fc.keys[-1] == "weight" else 0))
        if fc.rate:  # 部门整体: no 执行率 column
            puts.append(self.cell(fc.rate, result.rate if result.rate is not None else "",
                                  S.TEXT.with_number(L.RATE_FORMAT), self.last if fc.keys[-1] == "rate" else 0,
                                  formula=rate))
        puts.append(self.cell(fc.score, result.score, S.TEXT.with_number(L.score_format(result.score)),
                              self.last if fc.keys[-1] == "score" else 0, formula=score))
        return puts

    def goals(self) -> None:
        goals, r, labels = self.item.form.goals, self.row, self.labels
        self.lay(r, [self.label(2, labels.expected, L.COL_TARGET), self.label(L.COL_ACTUAL, labels.achieved, self.last)])
        used = self.lay(r + 1, [self.cell(2, goals.expected, S.LEFT, L.COL_TARGET),
                                self.cell(L.COL_ACTUAL, goals.achieved, S.LEFT, self.last)], unit=r)
        self.span(1, r, r + used, labels.goals)
        self.row = r + 1 + used

    def indicators(self) -> None:
        r = self.row
        headers = list(self.labels.ind_headers) + [self.labels.reason]
        if self.has_remark:
            headers.append(self.labels.remark or "")
        if self.cols.split:  # the template's own columns, 指标性质 | 指标值 | 度量单位 …
            headers = list(self.labels.form.table_headers())
        helper = [self.cell(self.cols.status, L.L_STATUS, S.HELPER_HEAD)]
        helper += [self.cell(self.cols.cat_weight + n, text, S.HELPER.boxed()) for n, text in enumerate(L.L_SUBTOTALS)]
        self.lay(r, [self.label(2 + n, text) for n, text in enumerate(headers)], helper=helper)
        self.plan.header_row = r
        row = r + 1
        for dimension in self.item.form.indicators:
            row = self._dimension(dimension, row)
        self.span(1, r, row - 1, self.labels.indicators)
        self.row = max(row, r + 1)

    def _dimension(self, dimension: Dimension, start: int) -> int:
        row = start
        groups: list[Optional[Category]] = list(dimension.children) or [None]
        for category in groups:
            row = self._category(category, row, dimension)
        weight = self.item.dimension_weight(dimension)
        text = L.dimension_cell(dimension.name, weight, self.points(L.COL_DIM, L.COL_DIM))
        self.span(L.COL_DIM, start, row - 1, text, S.TEXT, role=L.ROLE_DIM)
        self._subtotals(start, row - 1, self.cols.dim_weight, self.item.evaluation.sums.get(id(dimension)))
        return row

    def _category(self, category: Optional[Category], start: int, dimension: Dimension) -> int:
        unit = self.plan.header_row if start == self.plan.header_row + 1 else start
        row = start
        for leaf in category.children if category else []:
            texts = leaf_texts(self.item, dimension, category, leaf) if self.cols.split and category else None
            row += self._leaf(leaf, row, unit, texts)
        if row == start:  # keep an empty group visible so it comes back on import
            row += self.lay(row, [], unit=unit)
        if category is not None:
            self.span(L.COL_CAT, start, row - 1, category.name, S.TEXT, role=L.ROLE_CAT)
            self._subtotals(start, row - 1, self.cols.cat_weight, self.item.evaluation.sums.get(id(category)))
        return row

    def _subtotals(self, first: int, last: int, col: int, sums: Any) -> None:
        values = (sums.weight, sums.score) if sums is not None else (Decimal(0), Decimal(0))
        for n, (source, value) in enumerate(zip((self.cols.weight, self.cols.score), values)):
            rng = f"{L.letter(source)}{first}:{L.letter(source)}{last}"
            self.span(col + n, first, last, value, S.HELPER.with_number(L.score_format(value)).boxed(),
                      formula=f"=SUM({rng})", split=False)

    def _leaf(self, leaf: Leaf, row: int, unit: int, texts: Optional[dict[str, str]] = None) -> int:
        result = self.item.evaluation.leaf(leaf)
        cols = self.cols
        number = S.TEXT.with_number(L.score_format(leaf.weight))
        puts = [self.cell(L.COL_LEAF, leaf.name, S.LEFT)]
        if cols.split and texts is not None:  # the target and actual in the template's split columns
            for key in cols.keys:
                if key in L.SPLIT_KEYS:
                    puts.append(self.cell(cols.col(key), texts[key]))
        else:
            puts += [self.cell(cols.col("target"), leaf.target), self.cell(cols.col("actual"), leaf.actual)]
        puts += [self.cell(cols.weight, leaf.weight, number),
                 self.cell(cols.score, result.score, S.TEXT.with_number(L.score_format(result.score))),
                 self.cell(cols.reason, leaf.reason, S.LEFT)]
        if self.has_remark:
            puts.append(self.cell(cols.remark, leaf.remark, S.LEFT))
        used = self.lay(row, puts, unit=unit, hidden=self._scored_from(leaf, result.score),
                        helper=[self._status(row)])
        first = {put.col: put.value for put in self.plan.rows[row].puts}
        hidden = self.plan.rows[row].hidden
        # the inputs as written in their cells (joined where the target is split), what the status compares
        hidden[cols.src_target] = _joined(first, cols.target_cols())
        hidden[cols.src_actual] = _joined(first, cols.actual_cols())
        if cols.split:  # the draft's own texts, given back on import while the cells are unchanged
            hidden[cols.text_target], hidden[cols.text_actual] = leaf.target or None, leaf.actual or None
        self.plan.leaf_rows.append(row)
        return used

    def _scored_from(self, leaf: Leaf, score: Optional[Decimal]) -> dict[int, Value]:
        """The hidden cells of a leaf row: how its score was set and the inputs it was scored from."""
        # "手工" for a hand-set score, else the automatic score as written, so the reader can tell
        # "left alone" from "changed by hand in Excel" (see xlsx_read_indicators).
        hidden: dict[int, Value] = {self.cols.mark: L.MANUAL_MARK if leaf.score is not None else score,
                                    self.cols.src_weight: leaf.weight}
        if self.item.template.rules.deviation_deduct_ratio > 0:
            hidden[self.cols.src_reason] = 1 if leaf.reason and not leaf.reason.isspace() else 0
        return hidden

    def _status(self, r: int) -> Put:
        """"待重算" when the row's inputs differ from those the program scored (hand-set: never)."""
        cols = self.cols
        e, f = (_concat(c, r) for c in (cols.target_cols(), cols.actual_cols()))
        g, i = (f"{L.letter(c)}{r}" for c in (cols.weight, cols.reason))
        p, t, a, w, why = (f"${L.letter(c)}{r}" for c in (cols.mark, cols.src_target, cols.src_actual,
                                                          cols.src_weight, cols.src_reason))
        changed = f"{e}<>{t},{f}<>{a},{g}<>{w}"
        if self.item.template.rules.deviation_deduct_ratio > 0:
            changed += f",(LEN(TRIM({i}))>0)<>({why}=1)"
        formula = f'=IF(AND({p}<>"{L.MANUAL_MARK}",OR({changed})),"{L.STALE}","")'
        return self.cell(cols.status, "", S.STATUS, formula=formula)

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


CHUNK_HEIGHT = wrap.row_height(wrap.CHUNK_LINES)  # the tallest a funds row grows for the 原因 beside it
FULL_RATE = "100.00"  # the 执行率 of a fully executed budget, the longest a rate usually is


def _figures_fit(widths: tuple[int, ...], item: AssessedForm, fc: L.FundsColumns) -> tuple[int, ...]:
    """The widths with the amount columns wide enough for the form's longest amount, and the 执行率
    column for 100.00 (or the form's rate when it is longer).

    A number wider than its column is printed as "####" by Excel, WPS and LibreOffice alike; one more
    unit than its characters leaves room for LibreOffice's wider digits."""
    rows = item.form.funds.rows
    needed: dict[int, int] = {}
    amounts = [format_money(v) for fr in rows for v in (fr.initial, fr.budget, fr.executed) if v is not None]
    if amounts:
        low, high = fc.money()
        needed.update(dict.fromkeys(range(low, high + 1), max(len(text) for text in amounts) + 1))
    if fc.rate:
        needed[fc.rate] = max(len(FULL_RATE), len(format_rate(item.evaluation.funds.rate))) + 1
    return tuple(max(w, needed.get(n, 0)) for n, w in enumerate(widths, start=1))


def _joined(values: dict[int, Value], cols: tuple[int, ...]) -> Value:
    """The printed cells of a target (or actual) as one text, as the status formula joins them."""
    if len(cols) == 1:
        return values.get(cols[0])
    text = "".join(str(values.get(c) or "") for c in cols)
    return text or None


def _concat(cols: tuple[int, ...], r: int) -> str:
    """A formula joining those cells: E5, or E5&F5&G5."""
    return "&".join(f"{L.letter(c)}{r}" for c in cols)


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
