"""A reportlab table that splits itself between logical rows, rebuilding merged cells in each part.

reportlab cannot split a table inside a row span (the 一级/二级 cells span their children, so a long
indicator block would fail to lay out), and a spanned name would show only on the first page. So
rows here carry per-column *merge keys*, and :class:`GroupedTable` splits between rows, rebuilding
the spans of each part: a group cut by a page break shows its name again on the continuation, and
the header rows repeat there. ``joined`` columns continue the text of the row above without a rule,
which is how chunked long texts (:func:`exporters.pdf_lines.chunk_lines`) read as one cell.

Two rules keep a split readable: a row cut by a page break prints its ``once`` columns (分值, 得分)
on the first page only (a 300-indicator form showed 0.91 and 0.00 on both pages), and the last ``keep``
rows (总分, 自评结论, the closing lines) stay together with at least one row before them, so no page
holds the closing lines alone. ``free`` rows (the closing lines) are drawn without rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Hashable, Optional, Sequence, Union

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from exporters.pdf_lines import TextLines
from exporters.pdf_text import PAD

LINE = 0.6  # width of the grid rules, in points
HEAD_BG = colors.HexColor("#EDEDED")

# (text, style) or (text, style, mode): mode "words" breaks only between the words of a label
# (exporters.form_labels.label_words), "stack" puts each word on a line when the label does not fit
Cell = Optional[Union[tuple[str, ParagraphStyle], tuple[str, ParagraphStyle, str]]]


@dataclass
class Row:
    """One table row. Equal non-None ``keys`` in consecutive rows merge that column into one cell;
    ``joined`` columns continue the text of the row above (no rule between them)."""

    cells: list[Cell]
    keys: list[Optional[Hashable]]
    hspans: tuple[tuple[int, int], ...] = ()
    joined: frozenset[int] = frozenset()
    shaded: bool = False
    once: frozenset[int] = frozenset()  # printed on the first part only when the row's group is split
    free: bool = False  # no rules around it (the closing lines under the grid)
    _flowables: Optional[list[Any]] = field(default=None, repr=False, compare=False)

    def flowables(self) -> list[Any]:
        """The cells as flowables, made once: a row is measured in several probes and parts."""
        if self._flowables is None:
            self._flowables = [_flowable(cell) if cell else "" for cell in self.cells]
        return self._flowables


def _flowable(cell: tuple[Any, ...]) -> TextLines:
    """A cell's text; header cells and block labels break only between the words of their label."""
    text, style = cell[0], cell[1]
    mode = cell[2] if len(cell) > 2 else ("words" if style.name == "head" else "")
    if mode:
        return TextLines(text, style, True, stack=mode == "stack")
    return TextLines(text, style)


def _starts(row: Row, ncols: int) -> list[int]:
    inner = {c for c0, c1 in row.hspans for c in range(c0 + 1, c1 + 1)}
    return [c for c in range(ncols) if c not in inner]


def _key(row: Row, column: int) -> Optional[Hashable]:
    for c0, c1 in row.hspans:
        if c0 <= column <= c1:
            return row.keys[c0]
    return row.keys[column]


def build_table(rows: Sequence[Row], widths: Sequence[float], repeat: int = 0, padding: float = 2.25) -> Table:
    """A reportlab Table for some rows, with spans and rules worked out from their keys."""
    ncols = len(widths)
    data = [row.flowables() for row in rows]
    font = next((cell[1].fontName for row in rows for cell in row.cells if cell), "Helvetica")
    grid_rows = sum(1 for row in rows if not row.free)
    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]
    if grid_rows:
        cmds.append(("BOX", (0, 0), (-1, grid_rows - 1), LINE * 1.5, colors.black))
    for r, row in enumerate(rows):
        if row.free:
            cmds += [("SPAN", (c0, r), (c1, r)) for c0, c1 in row.hspans]
            cmds.append(("TOPPADDING", (0, r), (-1, r), padding * 2.5))
            continue
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


def _rules_above(rows: Sequence[Row], r: int, ncols: int, repeat: int) -> list[tuple[Any, ...]]:
    row, above = rows[r], rows[r - 1]
    if above.free:
        return []
    cmds: list[tuple[Any, ...]] = []
    run_start: Optional[int] = None
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


def _vertical_spans(rows: Sequence[Row], column: int) -> list[tuple[Any, ...]]:
    cmds: list[tuple[Any, ...]] = []
    start = 0
    for r in range(1, len(rows) + 1):
        key = rows[start].keys[column]
        if r < len(rows) and key is not None and rows[r].keys[column] == key:
            continue
        if r - 1 > start:
            cmds.append(("SPAN", (column, start), (column, r - 1)))
        start = r
    return cmds


class GroupedTable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A table that splits between its logical rows, rebuilding merged cells in each part.

    Measuring works on growing prefixes of the rows (8, 16, 32, …) and stops as soon as a prefix is
    taller than the room left, so laying out a 300-row table costs about one page of rows per page,
    not the whole remainder again on every page.
    """

    FIRST_PROBE = 8

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], repeat: int = 0, hint: int = 0,
                 keep: int = 0, page_height: float = 0.0, padding: float = 2.25) -> None:
        super().__init__()
        self.rows, self.widths, self.repeat = list(rows), list(widths), repeat
        self.hint = hint  # rows that fitted on the previous page: the first guess for this one
        self.keep = keep  # the last rows that go to a page together, with one row before them
        self.page_height = page_height  # a whole frame's height (0: unknown), to tell when keeping is possible
        self.padding = padding
        self._table: Optional[Table] = None  # the whole table, once it is known to be needed
        self._last: Optional[tuple[float, float, Table, bool]] = None  # the last probe

    def _part(self, rows: Sequence[Row], hint: int, keep: int = 0) -> "GroupedTable":
        return GroupedTable(rows, self.widths, self.repeat, hint, keep, self.page_height, self.padding)

    def _build(self, rows: Sequence[Row]) -> Table:
        return build_table(rows, self.widths, self.repeat, self.padding)

    def _probe(self, availWidth: float, availHeight: float) -> tuple[Table, bool]:
        """The shortest prefix table taller than availHeight, or the whole table (flag True)."""
        if self._last and self._last[:2] == (availWidth, availHeight):
            return self._last[2], self._last[3]
        head, body = self.rows[:self.repeat], self.rows[self.repeat:]
        count = min(len(body), self.hint + 1 if self.hint else self.FIRST_PROBE)
        while True:
            table = self._build(head + body[:count])
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
            self._table = self._build(self.rows)
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
        count = self._keeping(count, availWidth, len(body))
        while count > 0:
            first = self._part(head + body[:count], count)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                rest = _continued(body[count - 1], body[count:])
                return [first, self._part(head + rest, count, self.keep)]
            count -= 1
        return []

    def _keeping(self, count: int, availWidth: float, body_rows: int) -> int:
        """At most as many rows as leave the last ``keep`` rows with one row before them, when those
        rows fit on a page at all (else the page break falls where it must)."""
        if not self.keep or count <= body_rows - self.keep - 1:
            return count
        if self.keep + 1 > body_rows:
            return count
        tail = self._build(self.rows[:self.repeat] + self.rows[-self.keep - 1:])
        if self.page_height and tail.wrap(availWidth, self.page_height)[1] > self.page_height:
            return count
        return min(count, body_rows - self.keep - 1)


def _continued(last: Row, rest: list[Row]) -> list[Row]:
    """The rows after a page break, their ``once`` cells blanked where they continue the row group
    that the break cut (its 分值 and 得分 were printed on the page before)."""
    result = list(rest)
    for index, row in enumerate(rest):
        columns = [c for c in row.once if row.keys[c] is not None and row.keys[c] == last.keys[c]]
        if not columns:
            break
        cells = [("", cell[1]) if c in columns and cell else cell for c, cell in enumerate(row.cells)]
        result[index] = replace(row, cells=cells, _flowables=None)
    return result
