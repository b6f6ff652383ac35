"""The form's data turned into reportlab flowables laid out like the paper form.

Each block of the paper form (project and funds, the three-level indicators, totals and conclusion)
becomes a :class:`~exporters.pdf_split_table.GroupedTable`, which splits itself between pages and
repeats group names and headers there; long texts are cut into chunks of whole lines
(:func:`exporters.pdf_lines.chunk_lines`), one table row each. :class:`Layout` holds the page geometry
and text styles of a form (its template's orientation and "page" settings), :class:`Grid` the column
widths, measured from the form's own texts (:mod:`exporters.pdf_widths`).

Figures come from the :class:`~model.scoring.Evaluation` only and print through
:mod:`model.values` (format_money / format_score / format_rate); nothing here recomputes a score.
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

from exporters.form_labels import FormLabels, labels_for, label_words
from exporters.pdf_lines import chunk_lines, text_width
from exporters.pdf_split_table import HEAD_BG, LINE, Cell, GroupedTable, Row, build_table
from exporters.pdf_text import CHUNK_LINES, PAD, markup
from exporters.pdf_widths import Column, column, fit_widths
from model.form import Leaf
from model.report import AssessedForm
from model.values import format_money, format_rate, format_score

__all__ = ["Layout", "Grid", "layout_for", "grid_for", "project_block", "indicator_block", "totals_block",
           "results_block", "indicator_rows", "totals_rows", "GroupedTable", "Row", "Cell", "build_table", "LINE",
           "PAD", "HEAD_BG", "CHUNK_LINES", "markup"]

BAND: float = 5 * mm  # between the margin and the frame: the room of the page header and footer


@dataclass(frozen=True)
class Layout:
    """Page geometry and text styles of one form (its template decides orientation and sizes)."""

    orientation: str
    font: str
    size: float = 9
    margin: float = 10 * mm
    padding: float = 0.6 * mm  # above and below a cell's text

    @property
    def page_size(self) -> tuple[float, float]:
        width, height = landscape(A4) if self.orientation == "landscape" else portrait(A4)
        return float(width), float(height)

    @property
    def width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def height(self) -> float:
        """The frame's height: the page less its margins and the header and footer bands."""
        return self.page_size[1] - 2 * (self.margin + BAND)

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        size = self.size
        base = ParagraphStyle("cell", fontName=self.font, fontSize=size, leading=round(size * 1.2, 2),
                              wordWrap="CJK", alignment=TA_LEFT)
        return {
            "cell": base,
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
            "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER),
            "title": ParagraphStyle("title", parent=base, fontSize=size + 7, leading=(size + 7) * 1.25,
                                    alignment=TA_CENTER),
            "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=size + 1.5, leading=(size + 1.5) * 1.3,
                                       alignment=TA_CENTER),
            "meta": ParagraphStyle("meta", parent=base, fontSize=size + 0.5, leading=(size + 0.5) * 1.4),
            "meta-right": ParagraphStyle("meta-right", parent=base, fontSize=size + 0.5,
                                         leading=(size + 0.5) * 1.4, alignment=TA_RIGHT),
        }


def layout_for(form: AssessedForm, font: str) -> Layout:
    page = form.template.page
    return Layout(form.template.orientation, font, float(page.font_size), float(page.margin_mm) * mm,
                  float(page.padding_mm) * mm)


# ---- column widths -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    """The column widths of a form's two grids; their first column (the block labels) is shared so
    the stacked tables read as one form."""

    funds: list[float]
    indicators: list[float]

    @property
    def label(self) -> float:
        return self.funds[0]


def _label_column(labels: FormLabels, af: AssessedForm, layout: Layout) -> Column:
    names = [labels.project, labels.department, labels.funds_title(_money_unit(af)), labels.goals,
             labels.indicators, labels.total, labels.conclusion]
    words = [w for name in names for w in label_words(name)]
    return column([], layout.font, layout.size, PAD, 2, words, fixed=True)


def grid_for(af: AssessedForm, layout: Layout, labels: Optional[FormLabels] = None) -> Grid:
    """Both grids' widths for this form, from its texts (see :mod:`exporters.pdf_widths`)."""
    labels = labels or labels_for(af.template)
    font, size, form = layout.font, layout.size, af.form
    label = _label_column(labels, af, layout)
    label = Column(label.natural, label.natural, fixed=True)
    funds_texts = _funds_texts(af, labels)
    funds = [label] + [column(col, font, size, PAD, 2, label_words(head))
                       for head, col in zip(labels.funds_headers, funds_texts)]
    funds_widths = fit_widths(funds, layout.width)
    leaves = [leaf for _, _, leaf in form.iter_leaves()]
    heads = labels.table_headers()
    dims = [line for d in form.indicators for line in (d.name, f"({format_score(d.weight)}分)")]
    cats = [c.name for d in form.indicators for c in d.children]
    scores = [_leaf_score(af, leaf) for leaf in leaves] + [format_score(af.evaluation.total)]
    cols = [Column(funds_widths[0], funds_widths[0], fixed=True),
            _group_column(dims, heads[0], layout), _group_column(cats, heads[1], layout),
            column([leaf.name for leaf in leaves], font, size, PAD, 4, label_words(heads[2])),
            column([leaf.target for leaf in leaves], font, size, PAD, 4, label_words(heads[3]), unbroken=7),
            column([leaf.actual for leaf in leaves], font, size, PAD, 4, label_words(heads[4]), unbroken=7),
            column([format_score(leaf.weight) for leaf in leaves] + ["100"], font, size, PAD, 2,
                   label_words(heads[5]), fixed=True),
            column(scores, font, size, PAD, 2, label_words(heads[6]), fixed=True),
            column([leaf.reason for leaf in leaves], font, size, PAD, 4, label_words(heads[7]))]
    if labels.remark is not None:
        cols.append(column([leaf.remark for leaf in leaves], font, size, PAD, 2, label_words(heads[8])))
    return Grid(funds_widths, fit_widths(cols, layout.width, _leaf_text_widths(af, layout, len(cols)), PAD))


def _leaf_text_widths(af: AssessedForm, layout: Layout, ncols: int) -> list[list[float]]:
    """Each leaf row's text widths by indicator column, set on one line (what the widths are fitted to)."""
    font, size = layout.font, layout.size
    rows = []
    for dimension, category, leaf in af.form.iter_leaves():
        texts = ["", "", "", leaf.name, leaf.target, leaf.actual, "", "", leaf.reason, leaf.remark][:ncols]
        rows.append([text_width(t, font, size) if t else 0.0 for t in texts])
    return rows


def _group_column(names: Sequence[str], head: str, layout: Layout) -> Column:
    """一级 or 二级: four characters wide, or its widest word (a merged cell wraps between words)."""
    words = [w for name in list(names) + [head] for w in label_words(name)]
    widest = max([4 * layout.size] + [text_width(w, layout.font, layout.size) for w in words])
    return Column(widest + 2 * PAD, widest + 2 * PAD, fixed=True)


def _money_unit(af: AssessedForm) -> str:
    return af.form.funds.unit or af.template.money_unit


def _funds_texts(af: AssessedForm, labels: FormLabels) -> list[list[str]]:
    """The funds block's texts by column (资金来源 … 得分), for measuring."""
    rows = af.form.funds.rows
    figures = _funds_figures(af)
    return [[r.label for r in rows], [format_money(r.initial) for r in rows], [format_money(r.budget) for r in rows],
            [format_money(r.executed) for r in rows], [figures[0]], [figures[1]], [figures[2]]]


def _funds_figures(af: AssessedForm) -> tuple[str, str, str]:
    score = af.evaluation.funds
    rate = "无法计算" if score.rate is None else format_rate(score.rate)
    return format_score(af.form.funds.weight), rate, format_score(score.score)


def _leaf_score(af: AssessedForm, leaf: Leaf) -> str:
    score = af.evaluation.leaf(leaf).score
    return "未评分" if score is None else format_score(score)


# ---- the blocks of the form ----------------------------------------------------------------------

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
    return _Chunked({c: chunk_lines(text, width - 2 * PAD, layout.font, layout.size, CHUNK_LINES)
                     for c, (text, width) in texts.items()})


def _label(text: str, layout: Layout) -> Cell:
    return (text, layout.styles["center"], "stack")


def _head(text: str, layout: Layout) -> Cell:
    return (text, layout.styles["head"], "words")


def project_block(af: AssessedForm, layout: Layout, grid: Optional[Grid] = None,
                  labels: Optional[FormLabels] = None) -> GroupedTable:
    """项目名称, 主管部门/实施单位, the funds block and 年度总体目标 (one grid of eight columns)."""
    labels = labels or labels_for(af.template)
    grid = grid or grid_for(af, layout, labels)
    s, form = layout.styles, af.form
    rows = [
        Row([_label(labels.project, layout), (form.project.name, s["cell"])] + [None] * 6, [None] * 8, ((1, 7),)),
        Row([_label(labels.department, layout), (form.project.department, s["cell"]), None, None,
             _label(labels.impl_unit, layout), (form.project.unit, s["cell"]), None, None], [None] * 8,
            ((1, 3), (5, 7))),
    ]
    rows += _funds_rows(af, layout, labels)
    rows += _goals_rows(af, layout, grid.funds, labels)
    return GroupedTable(rows, grid.funds, page_height=layout.height, padding=layout.padding)


def _funds_rows(af: AssessedForm, layout: Layout, labels: FormLabels) -> list[Row]:
    s, funds = layout.styles, af.form.funds
    title = _label(labels.funds_title(_money_unit(af)), layout)
    keys: list[Optional[Hashable]] = ["funds"] + [None] * 7
    rows = [Row([title] + [_head(h, layout) for h in labels.funds_headers], keys, shaded=True)]
    for index, line in enumerate(funds.rows):
        figures = _funds_figures(af) if index == 0 else ("-", "-", "-")
        cells: list[Cell] = [title, (line.label, s["cell"]), (format_money(line.initial), s["right"]),
                             (format_money(line.budget), s["right"]), (format_money(line.executed), s["right"])]
        rows.append(Row(cells + [(f, s["center"]) for f in figures], keys))
    return rows


def _goals_rows(af: AssessedForm, layout: Layout, widths: list[float], labels: FormLabels) -> list[Row]:
    s, goals = layout.styles, af.form.goals
    keys: list[Optional[Hashable]] = ["goals"] + [None] * 7
    spans = ((1, 3), (4, 7))
    label = _label(labels.goals, layout)
    rows = [Row([label, _head(labels.expected, layout), None, None, _head(labels.achieved, layout), None, None,
                 None], keys, spans, shaded=True)]
    texts = _chunked(layout, {1: (goals.expected, sum(widths[1:4])), 4: (goals.achieved, sum(widths[4:8]))})
    for i in range(texts.count):
        cells = [label, (texts.text(1, i), s["cell"]), None, None, (texts.text(4, i), s["cell"]), None, None, None]
        rows.append(Row(cells, keys, spans, frozenset(range(1, 8)) if i else frozenset()))
    return rows


def indicator_rows(af: AssessedForm, layout: Layout, grid: Grid, labels: FormLabels) -> list[Row]:
    """The header and the rows of the three-level indicator table."""
    s, widths = layout.styles, grid.indicators
    heads = labels.table_headers()
    label = _label(labels.indicators, layout)
    rows = [Row([label] + [_head(h, layout) for h in heads], ["perf"] + [None] * len(heads), shaded=True)]
    for i, dimension in enumerate(af.form.indicators):
        dim_cell: Cell = (f"{dimension.name}\n({format_score(dimension.weight)}分)", s["center"], "words")
        for j, category in enumerate(dimension.children):
            cat_cell: Cell = (category.name, s["center"], "words")
            for k, leaf in enumerate(category.children):
                rows += _leaf_rows(af, layout, widths, leaf, (label, dim_cell, cat_cell), (i, j, k))
            if not category.children:
                rows.append(_empty_row(label, dim_cell, cat_cell, (i, j), len(widths)))
        if not dimension.children:
            rows.append(_empty_row(label, dim_cell, ("", s["center"]), (i, -1), len(widths)))
    return rows


def indicator_block(af: AssessedForm, layout: Layout, grid: Optional[Grid] = None,
                    labels: Optional[FormLabels] = None) -> GroupedTable:
    """The three-level indicator table alone; its header repeats on every page it runs over."""
    labels = labels or labels_for(af.template)
    grid = grid or grid_for(af, layout, labels)
    return GroupedTable(indicator_rows(af, layout, grid, labels), grid.indicators, repeat=1,
                        page_height=layout.height, padding=layout.padding)


def _empty_row(label: Cell, dim: Cell, cat: Cell, where: tuple[int, int], ncols: int) -> Row:
    """A dimension or category without children still shows, so its name is printed."""
    keys: list[Optional[Hashable]] = ["perf", ("d", where[0]), ("c",) + where]
    return Row([label, dim, cat] + [None] * (ncols - 3), keys + [None] * (ncols - 3))


def _leaf_rows(af: AssessedForm, layout: Layout, widths: list[float], leaf: Leaf, parents: tuple[Cell, Cell, Cell],
               where: tuple[int, int, int]) -> list[Row]:
    s = layout.styles
    score = _leaf_score(af, leaf)
    text_columns = {3: leaf.name, 4: leaf.target, 5: leaf.actual, 8: leaf.reason}
    if len(widths) > 9:
        text_columns[9] = leaf.remark
    texts = _chunked(layout, {c: (t, widths[c]) for c, t in text_columns.items()})
    leaf_key = ("l",) + where
    rows = []
    for index in range(texts.count):
        cells: list[Cell] = list(parents)
        keys: list[Optional[Hashable]] = ["perf", ("d", where[0]), ("c",) + where[:2]]
        for col in range(3, len(widths)):
            if col in (6, 7):
                cells.append((format_score(leaf.weight) if col == 6 else score, s["center"]))
                keys.append(leaf_key + (col,))
            elif len(texts.parts[col]) == 1:
                align = s["center"] if col in (4, 5) else s["cell"]
                cells.append((texts.parts[col][0], align))
                keys.append(leaf_key + (col,))
            else:
                cells.append((texts.text(col, index), s["cell"]))
                keys.append(None)
        joined = frozenset(c for c in text_columns if len(texts.parts[c]) > 1) if index else frozenset()
        rows.append(Row(cells, keys, joined=joined, once=frozenset((6, 7))))
    return rows


def totals_rows(af: AssessedForm, layout: Layout, grid: Grid, labels: FormLabels) -> list[Row]:
    """总分 (with the grade) and 自评结论, on the indicator grid so the rules line up."""
    evaluation, s, widths = af.evaluation, layout.styles, grid.indicators
    n = len(widths)
    weight = af.form.funds.weight + sum((evaluation.sum_of(d).weight for d in af.form.indicators), Decimal(0))
    grade = f"等级:{evaluation.grade}" + (f"({evaluation.cap_note})" if evaluation.cap_note else "")
    total = Row([_label(labels.total, layout)] + [None] * 5
                + [(format_score(weight), s["center"]), (format_score(evaluation.total), s["center"]),
                   (grade, s["cell"])] + [None] * (n - 9),
                [None] * n, ((0, 5), (8, n - 1)) if n > 9 else ((0, 5),))
    rows = [total]
    if labels.show_conclusion:
        label = _label(labels.conclusion, layout)
        texts = _chunked(layout, {1: (af.form.conclusion, sum(widths[1:]))})
        for i in range(texts.count):
            rows.append(Row([label, (texts.text(1, i), s["cell"])] + [None] * (n - 2), ["concl"] + [None] * (n - 1),
                            ((1, n - 1),), frozenset(range(1, n)) if i else frozenset()))
    return rows


def totals_block(af: AssessedForm, layout: Layout, grid: Optional[Grid] = None,
                 labels: Optional[FormLabels] = None) -> GroupedTable:
    labels = labels or labels_for(af.template)
    grid = grid or grid_for(af, layout, labels)
    return GroupedTable(totals_rows(af, layout, grid, labels), grid.indicators, page_height=layout.height,
                        padding=layout.padding)


def results_block(af: AssessedForm, layout: Layout, grid: Grid, labels: FormLabels,
                  closing: Sequence[Row] = ()) -> GroupedTable:
    """Indicators, 总分, 自评结论 and the closing lines as one table that keeps its end together: the
    closing lines never go to a page of their own, they stay with the conclusion and the last
    indicator row."""
    tail = totals_rows(af, layout, grid, labels) + list(closing)
    return GroupedTable(indicator_rows(af, layout, grid, labels) + tail, grid.indicators, repeat=1,
                        keep=len(tail), page_height=layout.height, padding=layout.padding)
