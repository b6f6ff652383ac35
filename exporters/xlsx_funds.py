"""The funds block of a form sheet (项目资金): its head, a row per source of funds, the 原因 or
得分计算方法 beside the rows, the template's note under them; and the widths its figures need.

A block of its own because it is a small table with its own columns (:class:`~exporters.xlsx_layout.
FundsColumns`, from D on, in the template's order), its own formulas (执行率 and 资金得分 in its first
row, which the 总分 formula refers to) and a text beside several rows, which sizes those rows
together and is cut between pages like a text rather than repeated like a label. It lays its rows
with the sheet's :class:`~exporters.xlsx_rows.SheetRows` and knows nothing of the other blocks.
"""
from __future__ import annotations

from decimal import Decimal

from exporters import xlsx_layout as L
from exporters import xlsx_styles as S
from exporters import xlsx_wrap as wrap
from exporters.xlsx_plan import Put, Row, clean_text, top_aligned
from exporters.xlsx_rows import SheetBlock
from model.form import FundsRow
from model.report import AssessedForm
from model.values import format_decimal, format_money, format_rate


class FundsBlock(SheetBlock):
    """Lays the funds block of ``sheet``'s plan (call :meth:`build` once, with the block's first row)."""

    def build(self, r: int) -> int:
        """The block from row ``r`` on: its head, a row per source, the text columns and the note; the
        row after it."""
        funds, template = self.item.form.funds, self.item.template
        rows = funds.rows or [FundsRow(spec.label) for spec in template.funds_rows]  # none: no 年初预算数
        fc = self.plan.funds_cols
        heads = [self.label(L.COL_F_LABEL, self.labels.form.funds_source, L.COL_F_INITIAL - 1)]
        heads += [self.label(fc.col(k), t, self._end(k)) for k, t in zip(fc.keys, fc.titles)]
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
                puts += [self.cell(fc.col(k), "-", end_col=self._end(k)) for k in ("weight", "rate", "score") if k in fc.keys]
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
        return end + 1

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
            col, end_col = fc.col(key), self._end(key, fc.col(key))
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
            end_col = self._end(key, fc.col(key))
            self.span(fc.col(key), first, last, text, top_aligned(S.LEFT), end_col=end_col,
                      flow=self.points(fc.col(key), end_col))
        return last

    def _end(self, key: str, alone: int = 0) -> int:
        """The end column of ``key``'s cells: the form's right edge for the block's last column, else
        ``alone`` (0: the cell is its column only)."""
        return self.last if key == self.plan.funds_cols.keys[-1] else alone

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
                                  self._end("weight")))
        if fc.rate:  # 部门整体: no 执行率 column
            puts.append(self.cell(fc.rate, result.rate if result.rate is not None else "",
                                  S.TEXT.with_number(L.RATE_FORMAT), self._end("rate"),
                                  formula=rate))
        puts.append(self.cell(fc.score, result.score, S.TEXT.with_number(L.score_format(result.score)),
                              self._end("score"), formula=score))
        return puts


CHUNK_HEIGHT = wrap.row_height(wrap.CHUNK_LINES)  # the tallest a funds row grows for the 原因 beside it
FULL_RATE = "100.00"  # the 执行率 of a fully executed budget, the longest a rate usually is


def figures_fit(widths: tuple[int, ...], item: AssessedForm, fc: L.FundsColumns) -> tuple[int, ...]:
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
