"""The worksheet layout shared by the Excel writer and reader.

Writer and reader must agree on where everything is, so the column map, the hidden markers and the
label texts live here and nowhere else (the paper form's own labels come from
:mod:`exporters.form_labels`, which the PDF shares, through :func:`sheet_labels`). The reader finds
blocks by their label cells in column A (never by fixed row numbers), because a person may add or
remove rows in Excel, WPS or LibreOffice. Columns, on the other hand, are fixed: the paper form has
no room for extra columns.

How a wrapped text prints (row heights, long texts cut over rows) is :mod:`exporters.xlsx_wrap`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional

from openpyxl.utils import get_column_letter

# re-exported: the reader and the tests use the paper form's labels through this module
from exporters.form_labels import L_ACHIEVED as L_ACHIEVED
from exporters.form_labels import L_CONCLUSION as L_CONCLUSION
from exporters.form_labels import L_DEPARTMENT as L_DEPARTMENT
from exporters.form_labels import L_EXPECTED as L_EXPECTED
from exporters.form_labels import L_FILL_DATE as L_FILL_DATE
from exporters.form_labels import L_FUNDS_HEADERS as L_FUNDS_HEADERS
from exporters.form_labels import L_FUNDS_PREFIX as L_FUNDS_PREFIX
from exporters.form_labels import L_GOALS as L_GOALS
from exporters.form_labels import L_IMPL_UNIT as L_IMPL_UNIT
from exporters.form_labels import L_IND_HEADERS as L_IND_HEADERS
from exporters.form_labels import L_INDICATORS as L_INDICATORS
from exporters.form_labels import L_PHONE as L_PHONE
from exporters.form_labels import L_PROJECT as L_PROJECT
from exporters.form_labels import L_TOTAL as L_TOTAL
from exporters.form_labels import L_UNIT as L_UNIT
from exporters.form_labels import SPLIT_COLUMN_KEYS, TICKED, UNTICKED, FormLabels, labels_for
from exporters.xlsx_wrap import text_lines
from model.template import Template
from model.values import format_decimal, format_money, format_score

# --- columns -----------------------------------------------------------------------------------
# A: block labels; B..J: the indicator columns (一级 … 备注). Other blocks reuse these columns.
COL_LABEL, COL_DIM, COL_CAT, COL_LEAF, COL_TARGET, COL_ACTUAL = 1, 2, 3, 4, 5, 6
COL_WEIGHT, COL_SCORE, COL_REASON, COL_REMARK = 7, 8, 9, 10
# Funds block: 资金来源 B:C, 年初预算数 D, 全年预算数(A) E, 全年执行数(B) F, 分值 G, 执行率 H, 得分 I(:J)
COL_F_LABEL, COL_F_INITIAL, COL_F_BUDGET, COL_F_EXECUTED = 2, 4, 5, 6
COL_F_WEIGHT, COL_F_RATE, COL_F_SCORE = 7, 8, 9
# Beside the printed form (outside the print area): a leaf's "score needs recomputing" flag, then
# live subtotals, then hidden columns.
COL_STATUS = 11
COL_CAT_WEIGHT, COL_CAT_SCORE, COL_DIM_WEIGHT, COL_DIM_SCORE = 12, 13, 14, 15
COL_MARK = 16  # hidden: sheet marker in row 1, per-leaf "how the score was set" in leaf rows
COL_ROLE = 17  # hidden: ROLE_* of a row that continues the row or group above
COL_SRC_TARGET, COL_SRC_ACTUAL, COL_SRC_WEIGHT, COL_SRC_REASON = 18, 19, 20, 21  # hidden: scored from
LAST_HIDDEN = COL_SRC_REASON

SHEET_MARK = "perf-self-eval"  # P1 = "perf-self-eval:1:<template id>"
SUMMARY_MARK = "perf-self-eval-summary"
MARK_VERSION = 1
MANUAL_MARK = "手工"  # hidden marker of a hand-set leaf score; an automatic one stores its value
ROLE_TEXT = "续文"  # the row holds the rest of the texts of the row above (a row is at most 409 pt)
ROLE_DIM = "续一级"  # a page starts here inside a 一级 group: its label is repeated, not a new group
ROLE_CAT = "续二级"  # … inside a 二级 group (and so inside its 一级 group)
STALE = "待重算"  # the status cell of a leaf whose inputs changed since the program scored it
ROLE_FUNDS_NOTE = "资金说明"  # the row under the funds block with the template's note (older workbooks:
# also a row for 原因 and one for 得分计算方法, since printed as a column beside the funds rows)
TICK_MARKS = (TICKED, "☑", "√", "✓", "☒", "■")  # what the import takes as ticked (a clerk may type √)

# --- labels ------------------------------------------------------------------------------------
L_CONTACT = "联系人:"
L_SUBTOTALS = ("二级指标分值小计", "二级指标得分小计", "一级指标分值小计", "一级指标得分小计")
L_STATUS = "得分核对"
L_GRADE = "等级:"
STALE_NOTE = ("说明:得分由绩效自评表编辑器按规则计算。在表格软件中修改年度指标值、实际完成值或分值后,"
              "该行得分不会自动更新,会以橙色底纹和“待重算”标出;将本工作簿导入本程序即按规则重新计算。")
SUMMARY_SHEET = "汇总"
SUMMARY_HEADERS = ("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "总分", "等级", "错误数", "警告数")

# The fixed slots of the indicator grid (B..J) and of the funds block (D..I): a template's own column
# titles go into them (see sheet_labels); its split target columns print in the target slot.
INDICATOR_SLOTS = ("level1", "level2", "name", "target", "actual", "weight", "score", "reason", "remark")
_TARGET_PARTS = ("comparator", "polarity", "comparator_name", "target_value", "unit")
FUNDS_SLOTS = ("initial", "budget", "executed", "weight", "rate", "score")


@dataclass(frozen=True)
class SheetLabels:
    """Every text the sheet prints as a label, for one template (from :func:`labels_for`, as the PDF).

    The paper form's wording is ``form``'s; the sheet adds its own slot titles (funds, indicator
    columns), the template's reason and remark titles and its fixed words (联系人, 等级)."""

    form: FormLabels
    funds_headers: tuple[str, ...] = L_FUNDS_HEADERS
    ind_headers: tuple[str, ...] = L_IND_HEADERS
    reason: str = "未完成原因分析"
    remark: Optional[str] = "备注"  # None: the template has no 备注 column
    contact: str = L_CONTACT
    phone: str = L_PHONE
    grade: str = L_GRADE

    title = property(lambda self: self.form.title)
    unit = property(lambda self: self.form.unit)
    fill_date = property(lambda self: self.form.fill_date)
    project = property(lambda self: self.form.project)
    department = property(lambda self: self.form.department)
    impl_unit = property(lambda self: self.form.impl_unit)
    funds_prefix = property(lambda self: self.form.funds)
    goals = property(lambda self: self.form.goals)
    expected = property(lambda self: self.form.expected)
    achieved = property(lambda self: self.form.achieved)
    indicators = property(lambda self: self.form.indicators)
    total = property(lambda self: self.form.total)
    conclusion = property(lambda self: self.form.conclusion)

    def funds_title(self, unit: str) -> str:
        return self.form.funds_title(unit)

    def has_funds(self, key: str) -> bool:
        return key in self.form.funds_keys()


def indicator_titles(labels: FormLabels) -> tuple[str, ...]:
    """The titles printed in the indicator slots B..I (and J): the template's own column titles; where
    it splits the target (指标性质 | 指标值 | 度量单位) the target slot names those parts, since the cell
    holds the target as written ("≥95%")."""
    titles = {c.key: c.title for c in labels.indicator_columns}
    parts = [titles[k] for k in _TARGET_PARTS if k in titles]
    target = titles.get("target") or "/".join(parts) or L_IND_HEADERS[3]
    actual = titles.get("actual") or titles.get("actual_value") or L_IND_HEADERS[4]
    return (titles.get("level1", L_IND_HEADERS[0]), titles.get("level2", L_IND_HEADERS[1]),
            titles.get("name", L_IND_HEADERS[2]), target, actual, titles.get("weight", L_IND_HEADERS[5]),
            titles.get("score", L_IND_HEADERS[6]))


def sheet_labels(template: Template) -> SheetLabels:
    """The labels a form of ``template`` prints: the same as the PDF's (exporters.form_labels)."""
    form = labels_for(template)
    titles = {c.key: c.title for c in form.funds_columns}
    funds_headers = (form.funds_source,) + tuple(titles.get(k, "") for k in FUNDS_SLOTS)
    return SheetLabels(form, funds_headers=funds_headers, ind_headers=indicator_titles(form),
                       reason=template.reason_title, remark=template.remark_title)


SIGN_BLANK = "＿" * 8


def ticked_option(text: str, options: tuple[str, ...]) -> str:
    """The option a tick-box cell has ticked ("" for none); an option typed alone counts too."""
    for option in options:
        at = text.find(option)
        if at > 0 and text[at - 1] in TICK_MARKS:
            return option
    cleaned = normalize_label(text).strip("".join(TICK_MARKS) + "□☐")
    return cleaned if cleaned in options else ""


@dataclass(frozen=True)
class FundsColumns:
    """Where the funds block's columns are: the template's columns in its order from D on (湖北 预算数(A) |
    执行数(B) | 执行率(B/A) | 得分; 四川 … | 得分 | 原因), the last spanning to the form's right edge. The
    guizhou order gives the fixed COL_F_* columns that older workbooks have. A text column (原因,
    得分计算方法) is one cell beside all the funds rows, as on paper."""

    keys: tuple[str, ...]
    titles: tuple[str, ...]

    def col(self, key: str) -> int:
        return COL_F_INITIAL + self.keys.index(key) if key in self.keys else 0

    @property
    def initial(self) -> int:
        return self.col("initial")

    @property
    def budget(self) -> int:
        return self.col("budget")

    @property
    def executed(self) -> int:
        return self.col("executed")

    @property
    def weight(self) -> int:
        return self.col("weight")

    @property
    def rate(self) -> int:
        return self.col("rate")

    @property
    def score(self) -> int:
        return self.col("score")

    @property
    def texts(self) -> tuple[str, ...]:
        """The text columns (原因, 得分计算方法) the block has, in its order."""
        return tuple(k for k in self.keys if k in FUNDS_TEXT_KEYS)

    def money(self) -> tuple[int, int]:
        """The first and last column of the amounts (for their number formats)."""
        cols = [self.col(k) for k in ("initial", "budget", "executed") if k in self.keys]
        return min(cols), max(cols)


_FUNDS_DEFAULT_TITLES = dict(zip(FUNDS_SLOTS, L_FUNDS_HEADERS[1:]))
FUNDS_TEXT_KEYS = ("reason", "method")  # a text beside the funds rows: the form's 原因, the template's 得分计算方法


def funds_columns_for(labels: FormLabels, has_initial: bool = False) -> FundsColumns:
    """The funds columns a form prints: its template's, in its order (原因 and 得分计算方法 too), with the
    amounts and the score always (the formulas need them; added among the figures, before a text
    column) and 年初预算数 also where the form has one."""
    titles = {c.key: c.title for c in labels.funds_columns if c.key in FUNDS_SLOTS + FUNDS_TEXT_KEYS}
    keys = [k for k in titles]
    for key in ("budget", "executed"):
        if key not in titles:
            keys.insert(min(len(keys), 1 if key == "executed" else 0), key)
    if has_initial and "initial" not in titles:
        keys.insert(0, "initial")
    if "score" not in keys:
        keys.insert(next((n for n, k in enumerate(keys) if k in FUNDS_TEXT_KEYS), len(keys)), "score")
    return FundsColumns(tuple(keys), tuple(titles.get(k, _FUNDS_DEFAULT_TITLES.get(k, "")) for k in keys))


def funds_key_of(title: str, labels: FormLabels) -> str:
    """The figure a funds head names (the template's wording or the guizhou one); "" for none."""
    wanted = normalize_label(title)
    for column in labels.funds_columns:
        if normalize_label(column.title) == wanted and column.key in FUNDS_SLOTS:
            return column.key
    return next((k for k, t in _FUNDS_DEFAULT_TITLES.items() if normalize_label(t) == wanted), "")


SPLIT_KEYS = SPLIT_COLUMN_KEYS
OWN_KEYS = SPLIT_KEYS + ("deduction",)
"""Keys the fixed slots B..J have no place for: a template with any of them prints its own columns."""
_SPLIT_WIDTHS = {"level1": 11, "level2": 12, "name": 20, "comparator": 7, "polarity": 7, "comparator_name": 9,
                 "target_value": 10, "unit": 8, "actual_value": 10, "target": 12, "actual": 12, "weight": 7,
                 "score": 7, "deduction": 7, "reason": 24, "remark": 10}


@dataclass(frozen=True)
class SheetColumns:
    """Where a template's indicator grid and the columns beside it are.

    The guizhou layout (and every template that prints the target in one cell) uses the fixed slots B..J
    (the COL_* constants above, which workbooks written before regional layouts have). A template that
    splits the target (四川 指标性质 | 指标值 | 度量单位) or prints a 扣分 column (广西) prints its own
    columns from B on, and the status, subtotal and hidden columns move right by as many columns as it
    has more."""

    keys: tuple[str, ...]
    widths: tuple[int, ...]

    @property
    def own(self) -> bool:
        """The template's own columns, not the fixed slots (split targets, 扣分)."""
        return any(k in OWN_KEYS for k in self.keys)

    @property
    def split(self) -> bool:
        """The target printed in parts (指标性质 | 指标值 | 度量单位): the draft's texts kept hidden."""
        return any(k in SPLIT_KEYS for k in self.keys)

    @property
    def last(self) -> int:
        return 1 + len(self.keys)

    def col(self, key: str) -> int:
        """The column of a key, 0 when the template has no such column."""
        return 2 + self.keys.index(key) if key in self.keys else 0

    @property
    def shift(self) -> int:
        return max(0, self.last - COL_REMARK)

    @property
    def weight(self) -> int:
        return self.col("weight")

    @property
    def score(self) -> int:
        return self.col("score")

    @property
    def reason(self) -> int:
        return self.col("reason")

    @property
    def remark(self) -> int:
        return self.col("remark")

    @property
    def status(self) -> int:
        return COL_STATUS + self.shift

    @property
    def cat_weight(self) -> int:
        return COL_CAT_WEIGHT + self.shift

    @property
    def dim_weight(self) -> int:
        return COL_DIM_WEIGHT + self.shift

    @property
    def dim_score(self) -> int:
        return COL_DIM_SCORE + self.shift

    @property
    def mark(self) -> int:
        return COL_MARK + self.shift

    @property
    def role(self) -> int:
        return COL_ROLE + self.shift

    @property
    def src_target(self) -> int:
        return COL_SRC_TARGET + self.shift

    @property
    def src_actual(self) -> int:
        return COL_SRC_ACTUAL + self.shift

    @property
    def src_weight(self) -> int:
        return COL_SRC_WEIGHT + self.shift

    @property
    def src_reason(self) -> int:
        return COL_SRC_REASON + self.shift

    @property
    def text_target(self) -> int:
        """Hidden (split layouts): the target as the draft has it, to give it back exactly."""
        return COL_SRC_REASON + 1 + self.shift

    @property
    def text_actual(self) -> int:
        return COL_SRC_REASON + 2 + self.shift

    @property
    def last_hidden(self) -> int:
        return self.text_actual if self.split else LAST_HIDDEN

    def target_cols(self) -> tuple[int, ...]:
        """The cells that together print the target (one, or 指标性质 … 度量单位)."""
        return tuple(self.col(k) for k in self.keys if k in ("target", "comparator", "polarity",
                                                              "comparator_name", "target_value", "unit"))

    def actual_cols(self) -> tuple[int, ...]:
        return tuple(self.col(k) for k in self.keys if k in ("actual", "actual_value"))


_FUNDS_WIDTHS = (13, 11, 12, 13, 13, 13, 7, 8)  # A..H at least: 资金来源 B:C, three amounts D..F, 分值 G, 执行率 H


def columns_for(template: Template) -> SheetColumns:
    """The grid of a template's sheet (see :class:`SheetColumns`)."""
    keys = tuple(c.key for c in template.layout.indicator_columns)
    if any(k in OWN_KEYS for k in keys) and all(k in keys for k in ("level1", "level2", "name", "weight",
                                                                      "score", "reason")):
        widths = [13] + [_SPLIT_WIDTHS[k] for k in keys]
        for n, least in enumerate(_FUNDS_WIDTHS):  # the funds block's amounts share these columns
            widths[n] = max(widths[n], least)
        return SheetColumns(keys, tuple(widths))
    has_remark = template.remark_title is not None
    slots = INDICATOR_SLOTS if has_remark else INDICATOR_SLOTS[:-1]
    return SheetColumns(slots, column_widths(has_remark))


# --- number formats (as model.values prints figures) -------------------------------------------
MONEY_WHOLE, MONEY_CENTS = "#,##0", "#,##0.00"
SCORE_WHOLE, SCORE_CENTS = "0", "0.00"
RATE_FORMAT = "0.00"


def money_format(value: Optional[Decimal]) -> str:
    """300,000 but 135,474.83, as :func:`model.values.format_money` prints them."""
    return MONEY_CENTS if "." in format_money(value) else MONEY_WHOLE


def score_format(value: Optional[Decimal]) -> str:
    """10 but 6.28, as :func:`model.values.format_score` prints them."""
    return SCORE_CENTS if "." in format_score(value) else SCORE_WHOLE


# --- sizes -------------------------------------------------------------------------------------
# Column widths in Excel units (one unit ≈ one Latin digit of the default font). Narrow enough that a
# portrait A4 page prints them at about 80 % (8 pt text; wider columns printed at 61 %, 6 pt), wide
# enough for a nine-digit amount with cents (D..F) and for 100.00 (分值, 得分). A page with room to
# spare widens them (:func:`exporters.xlsx_pages.fill_width`).
WIDTHS_WITH_REMARK = (9, 10, 10, 18, 13, 13, 6, 6, 24, 6)
WIDTHS_NO_REMARK = (9, 10, 10, 18, 13, 13, 6, 6, 27)
STATUS_WIDTH = 9
HELPER_WIDTH = 10

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def last_column(has_remark: bool) -> int:
    """The rightmost printed column: J with a 备注 column, I without."""
    return COL_REMARK if has_remark else COL_REASON


def column_widths(has_remark: bool) -> tuple[int, ...]:
    return WIDTHS_WITH_REMARK if has_remark else WIDTHS_NO_REMARK


def letter(column: int) -> str:
    return str(get_column_letter(column))


def money_header(unit: str, template_unit: str = "元", labels: Optional[SheetLabels] = None) -> str:
    """"项目资金(元)": the form's own unit, else its template's (as the PDF prints it)."""
    if labels:
        return labels.funds_title(unit or template_unit or "元")
    return f"{L_FUNDS_PREFIX}({unit or template_unit or '元'})"


def dimension_label(name: str, weight: Decimal) -> str:
    """The 一级 cell as printed on paper, e.g. "产出指标(50分)": it carries the declared weight."""
    return f"{name}({format_decimal(weight)}分)"


def dimension_cell(name: str, weight: Decimal, width_points: float) -> str:
    """:func:`dimension_label` as the cell shows it: "(50分)" on a line of its own when it must wrap."""
    text = dimension_label(name, weight)
    if text_lines(text, width_points) > 1:
        return f"{name}\n({format_decimal(weight)}分)"
    return text


_DIMENSION_RE = re.compile(r"^(.*?)\s*\(\s*([+-]?\d+(?:\.\d+)?)\s*分\s*\)\s*$", re.S)  # after NFKC


def split_dimension_label(text: str) -> tuple[str, Optional[Decimal]]:
    """Inverse of :func:`dimension_label`; a cell without "(N分)" has no declared weight. A label
    retyped with a Chinese input method ("产出指标（55分）", full-width digits) reads the same."""
    match = _DIMENSION_RE.match(unicodedata.normalize("NFKC", text))
    if not match:
        return text.strip(), None
    return match.group(1).strip(), Decimal(match.group(2))


def normalize_label(value: object) -> str:
    """Label text compared loosely: full-width brackets and colons, spaces and line breaks ignored."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


# --- sheet names -------------------------------------------------------------------------------
def sheet_title(name: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, not starting or ending with ', at most 31 chars."""
    text = INVALID_SHEET_CHARS.sub("_", name or "")
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C").strip().strip("'").strip()
    if not text or text.lower() == "history":  # "History" is reserved by Excel
        text = "未命名项目" if not text else f"{text}_"
    return text[:MAX_SHEET_NAME].rstrip("'")


def unique_titles(names: Iterable[str], reserved: Iterable[str] = ()) -> list[str]:
    """Valid, pairwise distinct sheet names (Excel compares them without case)."""
    taken = {r.lower() for r in reserved}
    result = []
    for name in names:
        base = sheet_title(name)
        title, n = base, 1
        while title.lower() in taken:
            n += 1
            suffix = f"({n})"
            title = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(title.lower())
        result.append(title)
    return result


def quote_sheet(title: str) -> str:
    """A sheet name as it must appear in a formula reference."""
    return "'" + title.replace("'", "''") + "'"
