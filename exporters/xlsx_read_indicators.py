"""The indicator block of a form sheet: its heads, the 一级/二级 groups and every leaf row.

Kept apart from the rest of the import because this is where the sheet is most often edited by
hand, and where the writer's hidden columns matter:

Hand-set versus automatic leaf scores: the writer stores in the hidden column P of each leaf row
either "手工" (hand-set) or the automatic score it wrote. A score is automatic again on import when
its cell is empty, still equals what the writer wrote there as automatic, or equals what the rules
give for the (possibly edited) row. Anything else is a score the person set, kept as entered.
A hidden column travels with its row when rows are inserted, deleted, sorted or copied.

Rows the writer continued (hidden column Q): "续文" rows hold the rest of the texts of the row
above (a row is at most 409 pt high), joined back exactly; "续一级"/"续二级" rows start a page
inside a 一级/二级 group whose label the writer repeated there, so they do not start a new group.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from exporters import xlsx_layout as L
from exporters.xlsx_cells import SheetCells, cell_decimal
from model.form import Category, Dimension, Leaf
from model.scoring import score_leaf
from model.split_rows import joined_row
from model.template import Template
from model.values import NumberError, read_recorded_score, read_weight


def check_header(cells: SheetCells, row: int, template: Template, labels: L.SheetLabels) -> None:
    """The indicator heads: the template's, or the guizhou-2024 ones of an older workbook."""
    expected = list(labels.ind_headers) + [template.reason_title]
    older = list(L.L_IND_HEADERS) + [template.reason_title]
    if cells.cols.own:
        expected = older = list(labels.form.table_headers())
    for n, (text, old) in enumerate(zip(expected, older)):
        col = L.COL_DIM + n
        if L.normalize_label(cells.ws.cell(row, col).value) not in (L.normalize_label(text),
                                                                     L.normalize_label(old)):
            raise cells.fail(row, col, f"应为表头“{text}”。指标栏的列不能增删或调换")


class _Groups:
    """The 一级/二级 groups read so far, with the 一级 weights their labels declare ("产出指标(50分)")."""

    def __init__(self, cells: SheetCells) -> None:
        self.cells = cells
        self.dimensions: list[Dimension] = []
        self.declared: list[Optional[Decimal]] = []
        self.dim_text = ""  # the column B text that started the current 一级 group
        self.category: Optional[Category] = None

    def starts_dimension(self, row: int, role: str, text: str) -> bool:
        """Whether column B's text starts a 一级 group (not the label a "续一级"/"续二级" row repeats)."""
        same = role in (L.ROLE_DIM, L.ROLE_CAT) and L.normalize_label(text) == L.normalize_label(self.dim_text)
        return bool(text) and not same and (not self.dimensions or text != self.dim_text
                                            or (row, L.COL_DIM) in self.cells.tops)

    def open_dimension(self, row: int, text: str) -> None:
        name, weight = L.split_dimension_label(text)
        try:  # "产出指标(-50分)": the limits of every other weight
            weight = None if weight is None else read_weight(weight, "一级指标分值")
        except NumberError as exc:
            raise self.cells.fail(row, L.COL_DIM, str(exc)) from None
        self.dimensions.append(Dimension(name=name))
        self.declared.append(weight)
        self.dim_text, self.category = text, None

    def starts_category(self, row: int, role: str, text: str) -> bool:
        """Whether column C's text starts a 二级 group (not the label a "续二级" row repeats)."""
        category = self.category
        same = role == L.ROLE_CAT and category is not None and text == category.name
        return bool(text) and not same and (category is None or text != category.name
                                            or (row, L.COL_CAT) in self.cells.tops)

    def open_category(self, row: int, name: str) -> Category:
        if not self.dimensions:
            raise self.cells.fail(row, L.COL_DIM, "一级指标不能为空")
        self.category = Category(name=name)
        self.dimensions[-1].children.append(self.category)
        return self.category

    def add_leaf(self, row: int, leaf: Leaf) -> None:
        """A leaf into the current 二级 group; one without a 二级 label opens an unnamed group."""
        if not self.dimensions:
            raise self.cells.fail(row, L.COL_DIM, "一级指标不能为空")
        category = self.category if self.category is not None else self.open_category(row, "")
        category.children.append(leaf)


def read_indicators(cells: SheetCells, first: int, total_row: int, template: Template) -> list[Dimension]:
    """The indicator rows from ``first`` down to (not including) the 总分 row."""
    groups = _Groups(cells)
    for row in range(first, total_row):
        role = cells.role(row)
        if role == L.ROLE_TEXT:
            continue  # read with the row above
        b, c = cells.text(row, L.COL_DIM).strip(), cells.text(row, L.COL_CAT).strip()
        if groups.starts_dimension(row, role, b):
            groups.open_dimension(row, b)
        if groups.starts_category(row, role, c):
            groups.open_category(row, c)
        leaf = read_leaf(cells, row, template)
        if leaf is not None:
            groups.add_leaf(row, leaf)
    for dimension, declared in zip(groups.dimensions, groups.declared):
        dimension.weight = dimension_weight(dimension, declared, template)
    return groups.dimensions


def dimension_weight(dimension: Dimension, declared: Optional[Decimal], template: Template) -> Decimal:
    """The declared weight from "产出指标(50分)"; else the template's; else the leaves' sum."""
    if declared is not None:
        return declared
    for spec in template.dimensions:
        if spec.name == dimension.name:
            return spec.weight
    return sum((leaf.weight for c in dimension.children for leaf in c.children), Decimal(0))


def read_leaf(cells: SheetCells, row: int, template: Template) -> Optional[Leaf]:
    """The leaf of an indicator row, or None where all its input cells are empty."""
    grid = cells.cols
    has_remark = grid.remark > 0
    cols = [L.COL_LEAF, *grid.target_cols(), *grid.actual_cols(), grid.weight, grid.score, grid.reason]
    if has_remark:
        cols.append(grid.remark)
    if all(cells.ws.cell(row, col).value in (None, "") for col in cols):
        return None
    weight = cells.number(row, grid.weight, "分值", optional=False)
    target, actual = target_actual(cells, row)
    leaf = Leaf(name=cells.joined(row, L.COL_LEAF), target=target,
                actual=actual, weight=weight if weight is not None else Decimal(0),
                reason=cells.joined(row, grid.reason),
                remark=cells.joined(row, grid.remark) if has_remark else "")
    leaf.score = leaf_score(cells, row, leaf, template)
    return leaf


def _stored_text(cells: SheetCells, row: int, col: int) -> str:
    """A hidden column's text as the writer stored it ("" for an empty cell)."""
    return cells.text(row, col) if cells.ws.cell(row, col).value is not None else ""


def target_actual(cells: SheetCells, row: int) -> tuple[str, str]:
    """The target and actual of a leaf row. Split columns (指标性质 | 指标值 | 度量单位) give back the
    draft's own texts while they still read as written; edited, they are joined again
    (model.split_rows.joined_row: "≥" "95" "%" → "≥95%", "96" → "96%")."""
    grid = cells.cols
    if not grid.split:
        return cells.joined(row, grid.col("target")), cells.joined(row, grid.col("actual"))
    parts = {key: cells.joined(row, grid.col(key)) for key in grid.keys if key in L.SPLIT_KEYS}
    printed_target = "".join(cells.joined(row, c) for c in grid.target_cols())
    printed_actual = "".join(cells.joined(row, c) for c in grid.actual_cols())
    stored_target, stored_actual = _stored_text(cells, row, grid.src_target), _stored_text(cells, row, grid.src_actual)
    original_target, original_actual = cells.text(row, grid.text_target), cells.text(row, grid.text_actual)
    joined = joined_row(parts)  # as a pasted row in this layout is joined
    target = original_target if printed_target == stored_target else joined["target"]
    if printed_actual == stored_actual:
        actual = original_actual
    elif "actual" in joined:
        actual = joined["actual"]
    else:  # a layout that splits the target only
        actual = cells.joined(row, grid.col("actual")) if "actual" in grid.keys else ""
    return target, actual


def leaf_score(cells: SheetCells, row: int, leaf: Leaf, template: Template) -> Optional[Decimal]:
    """A leaf's score as entered, or None where it is the automatic one (see the module's docstring)."""
    score = cells.number(row, cells.cols.score, "得分", read_recorded_score)
    if score is None:
        return None
    mark = cells.ws.cell(row, cells.cols.mark).value
    if mark == L.MANUAL_MARK:
        return score
    try:
        if mark not in (None, "") and cell_decimal(mark) == score:
            return None  # the automatic score as written: left alone, so recompute it
    except ValueError:  # NumberError: not a mark this program wrote
        pass
    auto = score_leaf(leaf, template.rules).score  # leaf.score is still None here
    return None if auto == score else score
