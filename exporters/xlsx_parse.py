"""One worksheet back into a Form: the part of the import that knows the layout.

The reader finds every block by its label in column A, so rows added or removed in Excel, WPS or
LibreOffice are fine. It reads inputs only (texts, money, weights, leaf scores), never the
results of formulas: a formula's stored result may be stale after an edit (openpyxl does not
compute), and the model derives every figure anyway.

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

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Callable, Optional

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from exporters.form_labels import labels_for
from model.form import Category, Dimension, Form, Funds, FundsRow, Goals, Leaf, Project
from model.scoring import score_leaf
from model.template import Template, TemplateError
from model.template_registry import default_registry, get_template
from model.split_rows import joined_row
from model.template_layout import CONCLUSION_KEY
from model.values import NumberError, is_blank, plain_decimal, read_decimal, read_money, read_recorded_score, read_weight


class WorkbookError(ValueError):
    """A workbook that cannot be imported; ``str()`` is a complete Chinese message."""


def cell_decimal(value: Any) -> Decimal:
    """A number cell as a plain Decimal (10, not 10.00), read by the one reader drafts and the window
    use (model.values, which rounds a float to the 15 digits Excel keeps); raises NumberError."""
    number = read_decimal(value, "数值", negative=True)
    if number is None:
        raise NumberError("数值不能为空")
    return plain_decimal(number)


_LINE_LABELS = {L.normalize_label(label) for label in (L.L_FILL_DATE, L.L_CONTACT, L.L_PHONE)}


def _shows_percent(number_format: Optional[str]) -> bool:
    """Whether a cell's number format multiplies by 100 and adds "%" (not a quoted literal "%")."""
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in unquoted


class SheetReader:
    """Turns one worksheet into a Form, or raises WorkbookError naming the sheet and the cell."""

    def __init__(self, ws: Worksheet, cached: Callable[[], Workbook]) -> None:
        self.ws = ws
        self.cached = cached  # the same workbook opened with data_only=True, loaded only if needed
        self.tops = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        self.cols = L.SheetColumns(L.INDICATOR_SLOTS, L.WIDTHS_WITH_REMARK)  # the template's, once known
        self.mark_col = self._mark_column()

    # --- cells -------------------------------------------------------------------------------
    def fail(self, row: int, col: int, message: str) -> WorkbookError:
        return WorkbookError(f"工作表“{self.ws.title}”单元格 {L.letter(col)}{row}:{message}")

    def value(self, row: int, col: int) -> Any:
        cell = self.ws.cell(row, col)
        value = cell.value
        if cell.data_type == "f" or not isinstance(value, (str, int, float, Decimal, bool, _dt.date,
                                                              _dt.time, type(None))):
            value = self.cached()[self.ws.title].cell(row, col).value
            if value is None:
                raise self.fail(row, col, "此处应直接填写内容,而不是公式(公式没有已保存的计算结果)")
        return value

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, _dt.datetime):
            return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(" ")
        if isinstance(value, (_dt.date, _dt.time)):
            return value.isoformat()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            try:
                number = cell_decimal(value)
            except NumberError:  # a figure no amount could be (1e300) is still a text
                return str(value)
            if _shows_percent(self.ws.cell(row, col).number_format):
                # "95%" typed in Excel/WPS is stored as 0.95 in a percent format: read it as shown
                return format(cell_decimal(number * 100), "f") + "%"
            return format(number, "f")
        return str(value)

    def role(self, row: int) -> str:
        value = self.ws.cell(row, self.mark_col + (L.COL_ROLE - L.COL_MARK)).value
        return value if isinstance(value, str) else ""

    def joined(self, row: int, col: int) -> str:
        """The text of a cell together with its continuation rows below ("续文")."""
        parts = [self.text(row, col)]
        row += 1
        while row <= self.ws.max_row and self.role(row) == L.ROLE_TEXT:
            parts.append(self.text(row, col))
            row += 1
        return "".join(parts)

    def number(self, row: int, col: int, what: str, read: Callable[[object, str], Optional[Decimal]] = read_weight,
               *, optional: bool = True) -> Optional[Decimal]:
        """A weight (``read_weight``), score or amount (``read_money``) with a draft's limits and messages."""
        value = self.value(row, col)
        if is_blank(value):
            if optional:
                return None
            raise self.fail(row, col, f"{what}不能为空")
        try:
            number = read(value, what)
        except NumberError as exc:
            raise self.fail(row, col, str(exc)) from None
        return None if number is None else cell_decimal(number)

    def after(self, row: int, col: int) -> int:
        """The column right after the (possibly merged) cell at row, col."""
        merged = self.tops.get((row, col))
        return (merged.max_col if merged else col) + 1

    def find(self, text: str, rows: range, cols: Optional[range] = None) -> Optional[tuple[int, int]]:
        cols = cols if cols is not None else range(1, max(L.COL_REMARK, self.cols.last) + 1)
        wanted = L.normalize_label(text)
        for row in rows:
            for col in cols:
                value = self.ws.cell(row, col).value
                if isinstance(value, str) and L.normalize_label(value) == wanted:
                    return row, col
        return None

    # --- the sheet ---------------------------------------------------------------------------
    def labels(self, labels: L.SheetLabels) -> dict[str, int]:
        """Rows of the block labels in column A, checked to be present and in order. A label matches
        its template's wording or the guizhou-2024 one (workbooks written before templates had their
        own wording)."""
        form = labels.form
        first_field = form.header_fields[0].title if form.header_fields else L.L_PROJECT
        funds_heads = {L.normalize_label(L.L_FUNDS_PREFIX), L.normalize_label(form.funds),
                       L.normalize_label(form.funds_title(""))[:-2]}
        names = {L.L_PROJECT: {L.L_PROJECT, first_field}, L.L_GOALS: {L.L_GOALS, labels.goals},
                 L.L_INDICATORS: {L.L_INDICATORS, labels.indicators}, L.L_TOTAL: {L.L_TOTAL, labels.total},
                 L.L_DEPARTMENT: {L.L_DEPARTMENT, labels.department}}
        wanted_of = {L.normalize_label(text): key for key, texts in names.items() for text in texts}
        found: dict[str, int] = {}
        for row in range(1, self.ws.max_row + 1):
            text = L.normalize_label(self.ws.cell(row, L.COL_LABEL).value)
            key = L.L_FUNDS_PREFIX if text and any(h and text.startswith(h) for h in funds_heads) \
                else wanted_of.get(text, text)
            if key not in found:
                found[key] = row
        wanted = [L.L_PROJECT, L.L_DEPARTMENT, L.L_FUNDS_PREFIX, L.L_GOALS, L.L_INDICATORS, L.L_TOTAL]
        if form.header_field("department") is None:
            wanted.remove(L.L_DEPARTMENT)
        shown = {L.L_PROJECT: first_field, L.L_DEPARTMENT: labels.department,
                 L.L_FUNDS_PREFIX: f"{form.funds_title('')[:-2] or L.L_FUNDS_PREFIX}(…)"}
        previous = 0
        for n, key in enumerate(wanted):
            at = found.get(key)
            if at is None or at <= previous:
                where = previous + 1 if previous else 4 + n
                raise self.fail(where, L.COL_LABEL, f"找不到“{shown.get(key, key)}”标签(A 列,应在上一栏之后)。"
                                                    "此工作表不是本程序导出的绩效自评表,或版式已被改动")
            previous = at
        found.setdefault(L.L_DEPARTMENT, found[L.L_PROJECT])
        return found

    def _mark_column(self) -> int:
        """Where the hidden sheet mark is: P1, or further right where a template's split columns moved it."""
        for col in range(L.COL_MARK, L.COL_MARK + 12):
            value = self.ws.cell(1, col).value
            if isinstance(value, str) and value.startswith(L.SHEET_MARK + ":"):
                return col
        return L.COL_MARK

    def marked_template(self) -> Optional[Template]:
        """The template named by the hidden mark in P1, or None for a sheet without one."""
        mark = self.ws.cell(1, self.mark_col).value
        if isinstance(mark, str) and mark.startswith(L.SHEET_MARK + ":"):
            parts = mark.split(":", 2)
            if len(parts) == 3:
                if parts[1].isdigit() and int(parts[1]) > L.MARK_VERSION:
                    raise self.fail(1, self.mark_col, "此工作表由更新版本的程序导出,请升级程序后再导入")
                try:
                    return get_template(parts[2])
                except TemplateError as exc:
                    raise self.fail(1, self.mark_col, str(exc)) from None
        return None

    def guessed_template(self, indicator_row: int) -> Template:
        """A sheet without a mark: the template whose reason and remark columns it has."""
        reason = L.normalize_label(self.ws.cell(indicator_row, L.COL_REASON).value)
        remark = self.ws.cell(indicator_row, L.COL_REMARK).value
        for template in default_registry().templates.values():
            if (L.normalize_label(template.reason_title) == reason
                    and (template.remark_title is None) == (remark in (None, ""))):
                return template
        return get_template("guizhou-2024")

    def read(self) -> Form:
        template = self.marked_template()
        if template is None:
            rows = self.labels(L.sheet_labels(get_template("guizhou-2024")))
            template = self.guessed_template(rows[L.L_INDICATORS])
        labels = L.sheet_labels(template)
        cols = L.columns_for(template)
        if cols.mark == self.mark_col:  # a workbook of an older layout keeps the fixed columns
            self.cols = cols
        rows = self.labels(labels)
        project_row, indicator_row = rows[L.L_PROJECT], rows[L.L_INDICATORS]
        form = Form(template=template.id, year=self.year(project_row))
        form.project, form.header = self.project(project_row, rows[L.L_FUNDS_PREFIX], rows[L.L_TOTAL], labels)
        form.funds = self.funds(rows[L.L_FUNDS_PREFIX], rows[L.L_GOALS], template)
        goals = rows[L.L_GOALS] + 1
        form.goals = Goals(self.joined(goals, 2), self.joined(goals, L.COL_ACTUAL))
        self.check_header(indicator_row, template, labels)
        form.indicators = self.indicators(indicator_row + 1, rows[L.L_TOTAL], template)
        form.conclusion, form.closing = self.closing(rows[L.L_TOTAL], labels)
        return form

    def closing(self, total_row: int, labels: L.SheetLabels) -> tuple[str, dict[str, str]]:
        """The closing blocks under 总分 by their labels in column A (自评结论 also by its old label)."""
        conclusion, blocks = "", {}
        after = range(total_row + 1, self.ws.max_row + 1)
        for block in labels.form.closing_blocks:
            where = self.find(block.title, after, range(1, 2))
            if where is None and block.key == CONCLUSION_KEY:
                where = self.find(L.L_CONCLUSION, after, range(1, 2))
            text = self.joined(where[0], 2) if where else ""
            if block.key == CONCLUSION_KEY:
                conclusion = text
            elif text:
                blocks[block.key] = text
        if not any(b.key == CONCLUSION_KEY for b in labels.form.closing_blocks):
            where = self.find(L.L_CONCLUSION, after, range(1, 2))
            conclusion = self.joined(where[0], 2) if where else ""
        return conclusion, blocks

    def year(self, project_row: int) -> int:
        for row in range(1, project_row):
            for col in range(1, L.COL_REMARK + 1):
                match = re.search(r"(\d{4})\s*年度", L.normalize_label(self.ws.cell(row, col).value))
                if match and 1900 <= int(match.group(1)) <= 2999:
                    return int(match.group(1))
        raise self.fail(2, 1, "找不到年度(应为标题下方的“(2024年度)”这样的文字)")

    def project(self, name_row: int, funds_row: int, total_row: int,
                labels: L.SheetLabels) -> tuple[Project, dict[str, str]]:
        """The header fields by their labels (each value in the cell after its label), and the lines
        above the grid and under it (填报日期:, 联系人:, 联系电话:)."""
        project, extra = Project(), {}
        header_rows = range(name_row, funds_row)
        for field in labels.form.header_fields:
            where = self.find(field.title, header_rows)
            if where is None and field.key == "department":
                where = self.find(L.L_DEPARTMENT, header_rows)  # a workbook from before templates' wording
            if where is None and field.key == "unit":
                where = self.find(L.L_IMPL_UNIT, header_rows)
            if where is None:
                if field.key in ("name", "department", "unit") and field.required:
                    raise self.fail(name_row, L.COL_LABEL, f"找不到“{field.title}”标签")
                continue
            text = self.joined(where[0], self.after(*where))
            if field.options:
                text = L.ticked_option(text, field.options)
            if field.in_project:
                setattr(project, field.key, text)
            elif text:
                extra[field.key] = text
        for label, attr, rows in ((L.L_FILL_DATE, "fill_date", range(1, name_row)),
                                  (L.L_CONTACT, "contact", range(total_row + 1, self.ws.max_row + 1)),
                                  (L.L_PHONE, "phone", range(total_row + 1, self.ws.max_row + 1))):
            where = self.find(label, rows)
            if where and not getattr(project, attr):
                setattr(project, attr, self.line_value(*where))
        return project, extra

    def line_value(self, row: int, col: int) -> str:
        """The value of a 填报日期: / 联系人: / 联系电话: line: the cell after the label or, where the
        sheet's cells were unmerged (the value then sits further right), the first one with text
        before the next label."""
        for column in range(self.after(row, col), self.ws.max_column + 1):
            text = self.text(row, column)
            if L.normalize_label(text) in _LINE_LABELS:
                return ""
            if text.strip():
                return text
        return ""

    def funds(self, header_row: int, end_row: int, template: Template) -> Funds:
        label = L.normalize_label(self.ws.cell(header_row, L.COL_LABEL).value)
        match = re.search(r"[((](万?元)[))]", label) or re.search(r"[((]([^()()]+)[))]", label)
        funds = Funds(unit=match.group(1) if match else template.money_unit, weight=template.funds_weight)
        reason_title = next((c.title for c in template.layout.funds_columns if c.key == "reason"), "原因")
        cols = self.funds_columns(header_row, template)
        for row in range(header_row + 1, end_row):
            if self.role(row) == L.ROLE_TEXT:
                continue
            if self.role(row) == L.ROLE_FUNDS_NOTE:  # 原因 (read back) or 得分计算方法 (the template's text)
                if L.normalize_label(self.text(row, L.COL_F_LABEL)) == L.normalize_label(reason_title):
                    funds.reason = self.joined(row, L.COL_F_INITIAL)
                continue
            text = self.joined(row, L.COL_F_LABEL)
            money = [self.number(row, cols[key], what, read_money) if key in cols else None for key, what in (
                ("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))]
            if not text and all(m is None for m in money):
                continue
            if not funds.rows:
                weight = self.number(row, cols["weight"], "资金分值") if "weight" in cols else None
                funds.weight = template.funds_weight if weight is None else weight
            funds.rows.append(FundsRow(text, *money))
        return funds

    def funds_columns(self, header_row: int, template: Template) -> dict[str, int]:
        """Which figure each funds column holds, read off the block's heads (the template's wording or
        the guizhou one); the fixed columns when the heads say nothing."""
        labels = labels_for(template)
        found: dict[str, int] = {}
        for col in range(L.COL_F_INITIAL, max(L.COL_REMARK, self.cols.last) + 1):
            key = L.funds_key_of(self.text(header_row, col), labels)
            if key and key not in found:
                found[key] = col
        if "budget" not in found or "executed" not in found:
            return {"initial": L.COL_F_INITIAL, "budget": L.COL_F_BUDGET, "executed": L.COL_F_EXECUTED,
                    "weight": L.COL_F_WEIGHT}
        return found

    def check_header(self, row: int, template: Template, labels: L.SheetLabels) -> None:
        """The indicator heads: the template's, or the guizhou-2024 ones of an older workbook."""
        expected = list(labels.ind_headers) + [template.reason_title]
        older = list(L.L_IND_HEADERS) + [template.reason_title]
        if self.cols.split:
            expected = older = list(labels.form.table_headers())
        for n, (text, old) in enumerate(zip(expected, older)):
            col = L.COL_DIM + n
            if L.normalize_label(self.ws.cell(row, col).value) not in (L.normalize_label(text),
                                                                        L.normalize_label(old)):
                raise self.fail(row, col, f"应为表头“{text}”。指标栏的列不能增删或调换")

    def indicators(self, first: int, total_row: int, template: Template) -> list[Dimension]:
        result: list[Dimension] = []
        declared: dict[int, Optional[Decimal]] = {}
        dim_text, category = "", None
        has_remark = template.remark_title is not None
        for row in range(first, total_row):
            role = self.role(row)
            if role == L.ROLE_TEXT:
                continue  # read with the row above
            b, c = self.text(row, L.COL_DIM).strip(), self.text(row, L.COL_CAT).strip()
            same_dim = role in (L.ROLE_DIM, L.ROLE_CAT) and L.normalize_label(b) == L.normalize_label(dim_text)
            if b and not same_dim and (not result or b != dim_text or (row, L.COL_DIM) in self.tops):
                name, weight = L.split_dimension_label(b)
                try:  # "产出指标(-50分)": the limits of every other weight
                    weight = None if weight is None else read_weight(weight, "一级指标分值")
                except NumberError as exc:
                    raise self.fail(row, L.COL_DIM, str(exc)) from None
                result.append(Dimension(name=name))
                declared[len(result) - 1] = weight
                dim_text, category = b, None
            same_cat = role == L.ROLE_CAT and category is not None and c == category.name
            if c and not same_cat and (category is None or c != category.name or (row, L.COL_CAT) in self.tops):
                if not result:
                    raise self.fail(row, L.COL_DIM, "一级指标不能为空")
                category = Category(name=c)
                result[-1].children.append(category)
            leaf = self.leaf(row, template, has_remark)
            if leaf is None:
                continue
            if not result:
                raise self.fail(row, L.COL_DIM, "一级指标不能为空")
            if category is None:
                category = Category(name="")
                result[-1].children.append(category)
            category.children.append(leaf)
        for n, dimension in enumerate(result):
            dimension.weight = self.dimension_weight(dimension, declared[n], template)
        return result

    @staticmethod
    def dimension_weight(dimension: Dimension, declared: Optional[Decimal], template: Template) -> Decimal:
        """The declared weight from "产出指标(50分)"; else the template's; else the leaves' sum."""
        if declared is not None:
            return declared
        for spec in template.dimensions:
            if spec.name == dimension.name:
                return spec.weight
        return sum((leaf.weight for c in dimension.children for leaf in c.children), Decimal(0))

    def leaf(self, row: int, template: Template, has_remark: bool) -> Optional[Leaf]:
        grid = self.cols
        has_remark = grid.remark > 0
        cols = [L.COL_LEAF, *grid.target_cols(), *grid.actual_cols(), grid.weight, grid.score, grid.reason]
        if has_remark:
            cols.append(grid.remark)
        if all(self.ws.cell(row, col).value in (None, "") for col in cols):
            return None
        weight = self.number(row, grid.weight, "分值", optional=False)
        target, actual = self.target_actual(row)
        leaf = Leaf(name=self.joined(row, L.COL_LEAF), target=target,
                    actual=actual, weight=weight if weight is not None else Decimal(0),
                    reason=self.joined(row, grid.reason),
                    remark=self.joined(row, grid.remark) if has_remark else "")
        leaf.score = self.leaf_score(row, leaf, template)
        return leaf

    def target_actual(self, row: int) -> tuple[str, str]:
        """The target and actual of a leaf row. Split columns (指标性质 | 指标值 | 度量单位) give back the
        draft's own texts while they still read as written; edited, they are joined again
        (model.split_rows.joined_row: "≥" "95" "%" → "≥95%", "96" → "96%")."""
        grid = self.cols
        if not grid.split:
            return self.joined(row, grid.col("target")), self.joined(row, grid.col("actual"))
        parts = {key: self.joined(row, grid.col(key)) for key in grid.keys if key in L.SPLIT_KEYS}
        printed_target = "".join(self.joined(row, c) for c in grid.target_cols())
        printed_actual = "".join(self.joined(row, c) for c in grid.actual_cols())
        stored_target = self.text(row, grid.src_target) if self.ws.cell(row, grid.src_target).value is not None else ""
        stored_actual = self.text(row, grid.src_actual) if self.ws.cell(row, grid.src_actual).value is not None else ""
        original_target, original_actual = self.text(row, grid.text_target), self.text(row, grid.text_actual)
        joined = joined_row(parts)  # as a pasted row in this layout is joined
        target = original_target if printed_target == stored_target else joined["target"]
        if printed_actual == stored_actual:
            actual = original_actual
        elif "actual" in joined:
            actual = joined["actual"]
        else:  # a layout that splits the target only
            actual = self.joined(row, grid.col("actual")) if "actual" in grid.keys else ""
        return target, actual

    def leaf_score(self, row: int, leaf: Leaf, template: Template) -> Optional[Decimal]:
        score = self.number(row, self.cols.score, "得分", read_recorded_score)
        if score is None:
            return None
        mark = self.ws.cell(row, self.cols.mark).value
        if mark == L.MANUAL_MARK:
            return score
        try:
            if mark not in (None, "") and cell_decimal(mark) == score:
                return None  # the automatic score as written: left alone, so recompute it
        except ValueError:  # NumberError: not a mark this program wrote
            pass
        auto = score_leaf(leaf, template.rules).score  # leaf.score is still None here
        return None if auto == score else score
