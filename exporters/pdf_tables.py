"""The form's data turned into reportlab flowables laid out like the paper form.

Each block of the paper form (project and funds, the three-level indicators, totals and conclusion)
becomes a :class:`~exporters.pdf_split_table.GroupedTable`, which splits itself between pages and
repeats group names and headers there; long texts are cut into chunks of a bounded number of lines
(:mod:`exporters.pdf_text`), one table row each. :class:`Layout` holds the page geometry and text
styles of a form, which its template's orientation decides.

Figures come from the :class:`~model.scoring.Evaluation` only; nothing here recomputes a score.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Hashable, Optional, Sequence

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from exporters.form_labels import (L_ACHIEVED, L_CONCLUSION, L_DEPARTMENT, L_EXPECTED, L_FUNDS_HEADERS,
                                   L_FUNDS_PREFIX, L_GOALS, L_IMPL_UNIT, L_IND_HEADERS, L_INDICATORS, L_PROJECT,
                                   L_TOTAL)
from exporters.pdf_split_table import HEAD_BG, LINE, Cell, CellParagraph, GroupedTable, Row, build_table
from exporters.pdf_text import CHUNK_LINES, PAD, chunk_text, markup, money, two
from model.report import AssessedForm
from model.scoring import fmt

# Names that lived here before the table and text helpers got their own modules; the writer,
# the decorations and the tests import them from this module.
__all__ = ["Layout", "layout_for", "project_block", "indicator_block", "totals_block",
           "GroupedTable", "Row", "Cell", "CellParagraph", "build_table", "LINE", "PAD", "HEAD_BG",
           "CHUNK_LINES", "chunk_text", "markup", "money", "two"]

# Column widths in mm per orientation; the first column (the block labels) is the same in both grids so
# the stacked tables read as one form.
_FUNDS_MM = {"landscape": (20, 45, 40, 40, 40, 24, 32, 32), "portrait": (16, 30, 26, 26, 26, 16, 23, 23)}
_INDICATOR_MM = {"landscape": (20, 20, 22, 40, 25, 25, 11, 14, 72, 24),
                 "portrait": (16, 15, 17, 27, 19, 19, 10, 12, 33, 18)}


@dataclass(frozen=True)
class Layout:
    """Page geometry and text styles of one form (its template decides the orientation)."""

    orientation: str
    font: str
    size: float = 9
    margin: float = 12 * mm

    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else portrait(A4)

    @property
    def width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    def _scaled(self, widths_mm: Sequence[float]) -> list[float]:
        total = sum(widths_mm)
        return [w * self.width / total for w in widths_mm]

    def funds_widths(self) -> list[float]:
        return self._scaled(_FUNDS_MM[self._key])

    def indicator_widths(self, with_remark: bool) -> list[float]:
        widths = list(_INDICATOR_MM[self._key])
        if not with_remark:  # the reason column takes the remark column's room
            remark = widths.pop()
            widths[-1] += remark
        return self._scaled(widths)

    @property
    def _key(self) -> str:
        return "landscape" if self.orientation == "landscape" else "portrait"

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        # CJK line breaking lets a closing mark (。,、)) hang past the line end; the right indent keeps
        # its ink inside the cell instead of on the rule.
        base = ParagraphStyle("cell", fontName=self.font, fontSize=self.size, leading=self.size * 1.3,
                              wordWrap="CJK", alignment=TA_LEFT, rightIndent=self.size * 0.5)
        return {
            "cell": base,
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, rightIndent=0),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, rightIndent=0),
            "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER, rightIndent=0),
            "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26, alignment=TA_CENTER),
            "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12, leading=18, alignment=TA_CENTER),
            "meta": ParagraphStyle("meta", parent=base, fontSize=10.5, leading=15),
            "meta-right": ParagraphStyle("meta-right", parent=base, fontSize=10.5, leading=15, alignment=TA_RIGHT),
        }


def layout_for(form: AssessedForm, font: str) -> Layout:
    return Layout(form.template.orientation, font)


# ---- the blocks of the form ------------------------------------------------------------------------

@dataclass
class _Chunked:
    """Column texts of one logical entry, each cut into chunks; rows = the longest cut."""

    parts: dict[int, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return max((len(p) for p in self.parts.values()), default=1)

    def text(self, column: int, index: int) -> str:
        pieces = self.parts[column]
        return pieces[index] if index < len(pieces) else ""


def _chunked(layout: Layout, texts: dict[int, tuple[str, float]]) -> _Chunked:
    return _Chunked({c: chunk_text(text, width, layout.size) for c, (text, width) in texts.items()})


def project_block(af: AssessedForm, layout: Layout) -> GroupedTable:
    """项目名称, 主管部门/实施单位, the funds block and 年度总体目标 (one grid of eight columns)."""
    s, form, widths = layout.styles, af.form, layout.funds_widths()
    label = s["center"]
    rows = [
        Row([(L_PROJECT, label), (form.project.name, s["cell"])] + [None] * 6, [None] * 8, ((1, 7),)),
        Row([(L_DEPARTMENT, label), (form.project.department, s["cell"]), None, None, (L_IMPL_UNIT, label),
             (form.project.unit, s["cell"]), None, None], [None] * 8, ((1, 3), (5, 7))),
    ]
    rows += _funds_rows(af, layout)
    rows += _goals_rows(af, layout, widths)
    return GroupedTable(rows, widths)


def _funds_rows(af: AssessedForm, layout: Layout) -> list[Row]:
    s, funds, score = layout.styles, af.form.funds, af.evaluation.funds
    title = f"{L_FUNDS_PREFIX}({funds.unit or af.template.money_unit})"
    keys = ["funds"] + [None] * 7
    rows = [Row([(title, s["center"])] + [(h, s["head"]) for h in L_FUNDS_HEADERS], keys, shaded=True)]
    for index, line in enumerate(funds.rows):
        if index == 0:
            figures = [fmt(funds.weight), "无法计算" if score.rate is None else f"{two(score.rate)}%",
                       two(score.score)]
        else:
            figures = ["-", "-", "-"]
        cells = [(title, s["center"]), (line.label, s["cell"]), (money(line.initial), s["right"]),
                 (money(line.budget), s["right"]), (money(line.executed), s["right"])]
        rows.append(Row(cells + [(f, s["center"]) for f in figures], keys))
    return rows


def _goals_rows(af: AssessedForm, layout: Layout, widths: list[float]) -> list[Row]:
    s, goals = layout.styles, af.form.goals
    keys = ["goals"] + [None] * 7
    spans = ((1, 3), (4, 7))
    label = (L_GOALS, s["center"])
    rows = [Row([label, (L_EXPECTED, s["head"]), None, None, (L_ACHIEVED, s["head"]), None, None, None],
                keys, spans, shaded=True)]
    texts = _chunked(layout, {1: (goals.expected, sum(widths[1:4])), 4: (goals.achieved, sum(widths[4:8]))})
    for i in range(texts.count):
        cells = [label, (texts.text(1, i), s["cell"]), None, None, (texts.text(4, i), s["cell"]), None, None, None]
        rows.append(Row(cells, keys, spans, frozenset(range(1, 8)) if i else frozenset()))
    return rows


def indicator_block(af: AssessedForm, layout: Layout) -> GroupedTable:
    """The three-level indicator table; its header repeats on every page it runs over."""
    template, s = af.template, layout.styles
    with_remark = template.remark_title is not None
    widths = layout.indicator_widths(with_remark)
    heads = [*L_IND_HEADERS, template.reason_title] + ([template.remark_title] if with_remark else [])
    label = (L_INDICATORS, s["center"])
    rows = [Row([label] + [(h, s["head"]) for h in heads], ["perf"] + [None] * len(heads), shaded=True)]
    for i, dimension in enumerate(af.form.indicators):
        dim_cell = (f"{dimension.name}\n({fmt(dimension.weight)}分)", s["center"])
        for j, category in enumerate(dimension.children):
            cat_cell = (category.name, s["center"])
            for k, leaf in enumerate(category.children):
                rows += _leaf_rows(af, layout, widths, leaf, (label, dim_cell, cat_cell), (i, j, k))
            if not category.children:
                rows.append(_empty_row(label, dim_cell, cat_cell, (i, j), len(widths)))
        if not dimension.children:
            rows.append(_empty_row(label, dim_cell, ("", s["center"]), (i, -1), len(widths)))
    return GroupedTable(rows, widths, repeat=1)


def _empty_row(label: Cell, dim: Cell, cat: Cell, where: tuple, ncols: int) -> Row:
    """A dimension or category without children still shows, so its name is printed."""
    return Row([label, dim, cat] + [None] * (ncols - 3), ["perf", ("d", where[0]), ("c",) + where]
               + [None] * (ncols - 3))


def _leaf_rows(af: AssessedForm, layout: Layout, widths: list[float], leaf, parents: tuple, where: tuple) -> list[Row]:
    s = layout.styles
    result = af.evaluation.leaf(leaf)
    score = two(result.score, missing="未评分")
    text_columns = {3: leaf.name, 4: leaf.target, 5: leaf.actual, 8: leaf.reason}
    if len(widths) > 9:
        text_columns[9] = leaf.remark
    texts = _chunked(layout, {c: (t, widths[c]) for c, t in text_columns.items()})
    leaf_key = ("l",) + where
    rows = []
    for index in range(texts.count):
        cells: list[Cell] = list(parents)
        keys: list[Optional[Hashable]] = ["perf", ("d", where[0]), ("c",) + where[:2]]
        for column in range(3, len(widths)):
            if column in (6, 7):
                cells.append((fmt(leaf.weight) if column == 6 else score, s["center"]))
                keys.append(leaf_key + (column,))
            elif len(texts.parts[column]) == 1:
                align = s["center"] if column in (4, 5) else s["cell"]
                cells.append((texts.parts[column][0], align))
                keys.append(leaf_key + (column,))
            else:
                cells.append((texts.text(column, index), s["cell"]))
                keys.append(None)
        joined = frozenset(c for c in text_columns if len(texts.parts[c]) > 1) if index else frozenset()
        rows.append(Row(cells, keys, joined=joined))
    return rows


def totals_block(af: AssessedForm, layout: Layout) -> GroupedTable:
    """总分 (with the grade) and 自评结论, on the indicator grid so the rules line up."""
    template, evaluation, s = af.template, af.evaluation, layout.styles
    widths = layout.indicator_widths(template.remark_title is not None)
    n = len(widths)
    weight = af.form.funds.weight + sum((evaluation.sum_of(d).weight for d in af.form.indicators), Decimal(0))
    grade = f"等级:{evaluation.grade}" + (f"({evaluation.cap_note})" if evaluation.cap_note else "")
    total = Row([(L_TOTAL, s["center"])] + [None] * 5 + [(fmt(weight), s["center"]),
                (two(evaluation.total), s["center"]), (grade, s["cell"])] + [None] * (n - 9),
                [None] * n, ((0, 5), (8, n - 1)) if n > 9 else ((0, 5),))
    rows = [total]
    if template.show_conclusion:
        label = (L_CONCLUSION, s["center"])
        texts = _chunked(layout, {1: (af.form.conclusion, sum(widths[1:]))})
        for i in range(texts.count):
            rows.append(Row([label, (texts.text(1, i), s["cell"])] + [None] * (n - 2), ["concl"] + [None] * (n - 1),
                            ((1, n - 1),), frozenset(range(1, n)) if i else frozenset()))
    return GroupedTable(rows, widths)
