"""The form's data turned into reportlab flowables laid out like the paper form.

reportlab cannot split a table inside a row span (the 一级/二级 cells span their children, so a long
indicator block would fail to lay out), and a spanned name would show only on the first page. So the
tables here are :class:`GroupedTable`: rows carry per-column *merge keys*, and the flowable splits itself
between rows, rebuilding the spans of each part. A group cut by a page break shows its name again on the
continuation, and the header rows repeat there. Long texts are cut into chunks of a bounded number of lines,
one table row each, joined without a rule between them, so even a 20,000-character explanation flows over
as many pages as it needs instead of making a row taller than a page.

Figures come from the :class:`~model.scoring.Evaluation` only; nothing here recomputes a score.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Hashable, Optional, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from model.report import AssessedForm
from model.scoring import fmt, round2

LINE = 0.6  # width of the grid rules, in points
PAD = 3  # cell padding left/right, in points
CHUNK_LINES = 8  # a text longer than this (estimated) is cut into several table rows, so pages fill up
HEAD_BG = colors.HexColor("#EDEDED")

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


# ---- text and figures ------------------------------------------------------------------------------

def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, with its line breaks kept."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def money(value: Optional[Decimal]) -> str:
    """Money with thousands separators, as the paper form prints it (300,000; 1,234.50)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,}"
    if value.as_tuple().exponent >= -2:  # type: ignore[operator]
        return f"{value:,.2f}"
    return f"{value.normalize():,f}"


def two(value: Optional[Decimal], missing: str = "") -> str:
    """A rate or score with two decimals (the Evaluation's figure, only formatted)."""
    return missing if value is None else f"{round2(value):f}"


def _fits(text: str, per_line: int, max_lines: int) -> bool:
    """Whether a text takes at most ``max_lines`` lines (looks at no more lines than that)."""
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n", max_lines)) <= max_lines


def chunk_text(text: str, width: float, size: float, max_lines: int = CHUNK_LINES) -> list[str]:
    """Cut a text into pieces of at most about ``max_lines`` lines in a column ``width`` points wide.

    The estimate counts every character as a full-width one, so a piece never exceeds the bound;
    cuts fall after a sentence mark when one is near, else anywhere (Chinese has no word spaces).
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    per_line = max(2, int((width - 2 * PAD) // size))
    limit = per_line * max_lines
    if len(text) <= per_line or _fits(text, per_line, max_lines):
        return [text]
    chunks: list[str] = []
    rest = text
    while rest:
        if _fits(rest, per_line, max_lines):
            chunks.append(rest)
            break
        cut = _cut_point(rest, per_line, max_lines, limit)
        chunks.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    return chunks


def _cut_point(text: str, per_line: int, max_lines: int, limit: int) -> int:
    """Where the first chunk ends: before the line that would overflow, or inside an overlong first line."""
    lines = start = 0
    for line in text.split("\n", max_lines + 1):
        needed = max(1, -(-len(line) // per_line))
        if lines + needed > max_lines:
            return start if lines > 0 else _sentence_cut(line[:limit], per_line)
        lines += needed
        start += len(line) + 1
    return len(text)


def _sentence_cut(piece: str, per_line: int) -> int:
    for position in range(len(piece) - 1, max(0, len(piece) - 2 * per_line), -1):
        if piece[position] in "。;；!！?？,，、)）":
            return position + 1
    return len(piece)


# ---- a table that splits by logical rows -----------------------------------------------------------

Cell = Optional[tuple[str, ParagraphStyle]]


@dataclass
class Row:
    """One table row. Equal non-None ``keys`` in consecutive rows merge that column into one cell;
    ``joined`` columns continue the text of the row above (no rule between them)."""

    cells: list[Cell]
    keys: list[Optional[Hashable]]
    hspans: tuple[tuple[int, int], ...] = ()
    joined: frozenset[int] = frozenset()
    shaded: bool = False
    _flowables: Optional[list] = field(default=None, repr=False, compare=False)

    def flowables(self) -> list:
        """The cells as paragraphs, made once: a row is measured in several probes and parts."""
        if self._flowables is None:
            self._flowables = [CellParagraph(markup(cell[0]), cell[1]) if cell else "" for cell in self.cells]
        return self._flowables


class CellParagraph(Paragraph):
    """A paragraph that remembers its last wrap: a cell always wraps at the same width, so the
    line breaking done while probing how many rows fit on a page is not done again for each probe."""

    _wrapped_at: Optional[float] = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self.width, self.height


def _starts(row: Row, ncols: int) -> list[int]:
    inner = {c for c0, c1 in row.hspans for c in range(c0 + 1, c1 + 1)}
    return [c for c in range(ncols) if c not in inner]


def _key(row: Row, column: int) -> Optional[Hashable]:
    for c0, c1 in row.hspans:
        if c0 <= column <= c1:
            return row.keys[c0]
    return row.keys[column]


def build_table(rows: Sequence[Row], widths: Sequence[float], repeat: int = 0) -> Table:
    """A reportlab Table for some rows, with spans and rules worked out from their keys."""
    ncols = len(widths)
    data = [row.flowables() for row in rows]
    font = next((cell[1].fontName for row in rows for cell in row.cells if cell), "Helvetica")
    cmds: list[tuple] = [("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                         ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                         ("RIGHTPADDING", (0, 0), (-1, -1), PAD), ("TOPPADDING", (0, 0), (-1, -1), 2),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("BOX", (0, 0), (-1, -1), LINE * 1.5, colors.black)]
    for r, row in enumerate(rows):
        cmds += [("SPAN", (c0, r), (c1, r)) for c0, c1 in row.hspans]
        cmds += [("LINEBEFORE", (c, r), (c, r), LINE, colors.black) for c in _starts(row, ncols) if c > 0]
        if row.shaded:  # a header row; a label merged with the rows below stays white
            cmds += [("BACKGROUND", (c, r), (c, r), HEAD_BG) for c in range(ncols) if not _merged(rows, r, c)]
        if r > 0:
            cmds += _rules_above(rows, r, ncols, repeat)
        if row.joined and r > repeat:  # a continued text reads on without a gap
            for c in sorted(row.joined):
                cmds += [("TOPPADDING", (c, r), (c, r), 0), ("BOTTOMPADDING", (c, r - 1), (c, r - 1), 0)]
    for c in range(ncols):
        cmds += _vertical_spans(rows, c)
    return Table(data, colWidths=list(widths), style=TableStyle(cmds))


def _merged(rows: Sequence[Row], r: int, column: int) -> bool:
    key = rows[r].keys[column]
    return key is not None and any(0 <= i < len(rows) and rows[i].keys[column] == key for i in (r - 1, r + 1))


def _rules_above(rows: Sequence[Row], r: int, ncols: int, repeat: int) -> list[tuple]:
    row, above = rows[r], rows[r - 1]
    cmds, run_start = [], None
    for c in range(ncols + 1):
        draw = c < ncols and not (
            (_key(row, c) is not None and _key(row, c) == _key(above, c))
            or (c in row.joined and r > repeat))
        if draw and run_start is None:
            run_start = c
        elif not draw and run_start is not None:
            cmds.append(("LINEABOVE", (run_start, r), (c - 1, r), LINE, colors.black))
            run_start = None
    return cmds


def _vertical_spans(rows: Sequence[Row], column: int) -> list[tuple]:
    cmds, start = [], 0
    for r in range(1, len(rows) + 1):
        key = rows[start].keys[column]
        if r < len(rows) and key is not None and rows[r].keys[column] == key:
            continue
        if r - 1 > start:
            cmds.append(("SPAN", (column, start), (column, r - 1)))
        start = r
    return cmds


class GroupedTable(Flowable):
    """A table that splits between its logical rows, rebuilding merged cells in each part.

    Measuring works on growing prefixes of the rows (8, 16, 32, …) and stops as soon as a prefix is
    taller than the room left, so laying out a 300-row table costs about one page of rows per page,
    not the whole remainder again on every page.
    """

    FIRST_PROBE = 8

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], repeat: int = 0, hint: int = 0) -> None:
        super().__init__()
        self.rows, self.widths, self.repeat = list(rows), list(widths), repeat
        self.hint = hint  # rows that fitted on the previous page: the first guess for this one
        self._table: Optional[Table] = None  # the whole table, once it is known to be needed
        self._last: Optional[tuple] = None  # (availWidth, availHeight, table, whole) of the last probe

    def _probe(self, availWidth: float, availHeight: float) -> tuple[Table, bool]:
        """The shortest prefix table taller than availHeight, or the whole table (flag True)."""
        if self._last and self._last[:2] == (availWidth, availHeight):
            return self._last[2], self._last[3]
        head, body = self.rows[:self.repeat], self.rows[self.repeat:]
        count = min(len(body), self.hint + 1 if self.hint else self.FIRST_PROBE)
        while True:
            table = build_table(head + body[:count], self.widths, self.repeat)
            _, height = table.wrap(availWidth, availHeight)
            if count >= len(body) or height > availHeight:
                self._last = (availWidth, availHeight, table, count >= len(body))
                return table, count >= len(body)
            count = min(len(body), count * 2)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._table is None:
            table, whole = self._probe(availWidth, availHeight)
            if whole:
                self._table = table
            self.width, self.height = table._width, table._height
        else:
            self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height  # when not whole: a height above availHeight, which makes it split

    def draw(self) -> None:
        if self._table is None:
            self._table = build_table(self.rows, self.widths, self.repeat)
            self._table.wrap(self.width, self.height)
        self._table.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table, whole = self._probe(availWidth, availHeight)
        if whole and table._height <= availHeight:
            self._table = table
            return [self]
        heights = table._rowHeights  # computed by wrap; reportlab keeps them here
        head, body = self.rows[:self.repeat], self.rows[self.repeat:]
        used, count = sum(heights[:self.repeat]), 0
        for height in heights[self.repeat:]:
            if used + height > availHeight:
                break
            used, count = used + height, count + 1
        while count > 0:
            first = GroupedTable(head + body[:count], self.widths, self.repeat, hint=count)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, GroupedTable(head + body[count:], self.widths, self.repeat, hint=count)]
            count -= 1
        return []


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
        Row([("项目名称", label), (form.project.name, s["cell"])] + [None] * 6, [None] * 8, ((1, 7),)),
        Row([("主管部门及代码", label), (form.project.department, s["cell"]), None, None, ("实施单位", label),
             (form.project.unit, s["cell"]), None, None], [None] * 8, ((1, 3), (5, 7))),
    ]
    rows += _funds_rows(af, layout)
    rows += _goals_rows(af, layout, widths)
    return GroupedTable(rows, widths)


def _funds_rows(af: AssessedForm, layout: Layout) -> list[Row]:
    s, funds, score = layout.styles, af.form.funds, af.evaluation.funds
    title = f"项目资金({funds.unit or af.template.money_unit})"
    keys = ["funds"] + [None] * 7
    heads = ["资金来源", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率", "得分"]
    rows = [Row([(title, s["center"])] + [(h, s["head"]) for h in heads], keys, shaded=True)]
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
    label = ("年度总体目标", s["center"])
    rows = [Row([label, ("预期目标", s["head"]), None, None, ("实际完成情况", s["head"]), None, None, None],
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
    heads = ["一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分",
             template.reason_title] + ([template.remark_title] if with_remark else [])
    label = ("绩效指标", s["center"])
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
    total = Row([("总分", s["center"])] + [None] * 5 + [(fmt(weight), s["center"]),
                (two(evaluation.total), s["center"]), (grade, s["cell"])] + [None] * (n - 9),
                [None] * n, ((0, 5), (8, n - 1)) if n > 9 else ((0, 5),))
    rows = [total]
    if template.show_conclusion:
        label = ("自评结论", s["center"])
        texts = _chunked(layout, {1: (af.form.conclusion, sum(widths[1:]))})
        for i in range(texts.count):
            rows.append(Row([label, (texts.text(1, i), s["cell"])] + [None] * (n - 2), ["concl"] + [None] * (n - 1),
                            ((1, n - 1),), frozenset(range(1, n)) if i else frozenset()))
    return GroupedTable(rows, widths)
