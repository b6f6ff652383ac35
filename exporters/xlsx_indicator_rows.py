"""The indicator block of a form sheet (绩效指标): its column heads, then per 一级 and 二级 group the
leaf rows, each with the hidden inputs it was scored from and a status formula beside the form.

A block of its own because it is the one part of the sheet that grows with the form and that the
import reads row by row: the 一级/二级 labels are spans the page planner may cut (ROLE_DIM, ROLE_CAT),
the subtotals beside the form are live SUM formulas, and each leaf keeps, hidden, what its score was
computed from so that an edit in Excel shows as "待重算" (see :mod:`exporters.xlsx_sheet`). It lays its
rows with the sheet's :class:`~exporters.xlsx_rows.SheetRows` and knows nothing of the other blocks.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from exporters import xlsx_layout as L
from exporters import xlsx_styles as S
from exporters.form_labels import deduction, leaf_texts
from exporters.xlsx_plan import Put, Value
from exporters.xlsx_rows import SheetBlock, SheetRows
from model.form import Category, Dimension, Leaf


class IndicatorRows(SheetBlock):
    """Lays the indicator block of ``sheet``'s plan (call :meth:`build` once, with the block's first row)."""

    def __init__(self, sheet: SheetRows) -> None:
        super().__init__(sheet)
        self.cols = self.plan.cols
        self.has_remark = self.cols.remark > 0

    def build(self, r: int) -> int:
        """The block from row ``r`` on: the column heads (repeated on every printed page) and the tree;
        the row after it."""
        headers = list(self.labels.ind_headers) + [self.labels.reason]
        if self.has_remark:
            headers.append(self.labels.remark or "")
        if self.cols.own:  # the template's own columns, 指标性质 | 指标值 | 度量单位, 扣分 …
            headers = list(self.labels.form.table_headers())
        helper = [self.cell(self.cols.status, L.L_STATUS, S.HELPER_HEAD)]
        helper += [self.cell(self.cols.cat_weight + n, text, S.HELPER.boxed()) for n, text in enumerate(L.L_SUBTOTALS)]
        self.lay(r, [self.label(2 + n, text) for n, text in enumerate(headers)], helper=helper)
        self.plan.header_row = r
        row = r + 1
        for dimension in self.item.form.indicators:
            row = self._dimension(dimension, row)
        self.span(1, r, row - 1, self.labels.indicators)
        return max(row, r + 1)

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
            texts = leaf_texts(self.item, dimension, category, leaf) if self.cols.own and category else None
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
        if cols.own and texts is not None:  # the target and actual in the template's own columns
            puts += [self.cell(cols.col(key), texts[key]) for key in cols.keys if key in _TARGET_ACTUAL_KEYS]
            if "deduction" in cols.keys:
                puts.append(self._deduction(row, leaf.weight, result.score))
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

    def _deduction(self, r: int, weight: Decimal, score: Optional[Decimal]) -> Put:
        """扣分 as a formula of the row's 分值 and 得分, so a score changed in Excel changes it too."""
        g, h = (f"{L.letter(c)}{r}" for c in (self.cols.weight, self.cols.score))
        value = None if score is None else deduction(weight, score)
        return self.cell(self.cols.col("deduction"), value, S.TEXT.with_number(L.score_format(value)),
                         formula=f'=IF(ISNUMBER({h}),MAX({g}-{h},0),"")')

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


_TARGET_ACTUAL_KEYS = L.SPLIT_KEYS + ("target", "actual")


def _joined(values: dict[int, Value], cols: tuple[int, ...]) -> Value:
    """The printed cells of a target (or actual) as one text, as the status formula joins them."""
    if len(cols) == 1:
        return values.get(cols[0])
    text = "".join(str(values.get(c) or "") for c in cols)
    return text or None


def _concat(cols: tuple[int, ...], r: int) -> str:
    """A formula joining those cells: E5, or E5&F5&G5."""
    return "&".join(f"{L.letter(c)}{r}" for c in cols)
