"""The worksheet layout shared by the Excel writer and reader.

Writer and reader must agree on where everything is, so the column map, the label texts and the
hidden markers live here and nowhere else (the paper form's own labels come from
:mod:`exporters.form_labels`, which the PDF shares). The reader finds blocks by their label cells in column A
(never by fixed row numbers), because a person may add or remove rows in Excel, WPS or LibreOffice.
Columns, on the other hand, are fixed: the paper form has no room for extra columns.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterable, Optional

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from exporters.form_labels import (L_ACHIEVED, L_CONCLUSION, L_DEPARTMENT, L_EXPECTED, L_FILL_DATE,  # noqa: F401
                                   L_FUNDS_HEADERS, L_FUNDS_PREFIX, L_GOALS, L_IMPL_UNIT, L_IND_HEADERS,
                                   L_INDICATORS, L_PHONE, L_PROJECT, L_TOTAL, L_UNIT)
from model.values import format_decimal

# --- columns -----------------------------------------------------------------------------------
# A: block labels; B..J: the indicator columns (一级 … 备注). Other blocks reuse these columns.
COL_LABEL, COL_DIM, COL_CAT, COL_LEAF, COL_TARGET, COL_ACTUAL = 1, 2, 3, 4, 5, 6
COL_WEIGHT, COL_SCORE, COL_REASON, COL_REMARK = 7, 8, 9, 10
# Funds block: 资金来源 B:C, 年初预算数 D, 全年预算数(A) E, 全年执行数(B) F, 分值 G, 执行率 H, 得分 I(:J)
COL_F_LABEL, COL_F_INITIAL, COL_F_BUDGET, COL_F_EXECUTED = 2, 4, 5, 6
COL_F_WEIGHT, COL_F_RATE, COL_F_SCORE = 7, 8, 9
# Live subtotals beside the printed form (outside the print area), then one hidden marker column.
COL_CAT_WEIGHT, COL_CAT_SCORE, COL_DIM_WEIGHT, COL_DIM_SCORE = 12, 13, 14, 15
COL_MARK = 16  # hidden: sheet marker in row 1, per-leaf "how the score was set" in leaf rows

SHEET_MARK = "perf-self-eval"  # P1 = "perf-self-eval:1:<template id>"
SUMMARY_MARK = "perf-self-eval-summary"
MARK_VERSION = 1
MANUAL_MARK = "手工"  # hidden marker of a hand-set leaf score; an automatic one stores its value

# --- labels ------------------------------------------------------------------------------------
# The paper form's own labels are shared with the PDF (exporters.form_labels); these are Excel's.
L_CONTACT = "联系人:"
L_SUBTOTALS = ("二级指标分值小计", "二级指标得分小计", "一级指标分值小计", "一级指标得分小计")
SUMMARY_SHEET = "汇总"
SUMMARY_HEADERS = ("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "总分", "等级", "错误数", "警告数")

# --- styles ------------------------------------------------------------------------------------
FONT_NAME = "宋体"  # SimSun: what Chinese offices expect; Excel/WPS/LibreOffice all map it
FONT = Font(name=FONT_NAME, size=10)
FONT_BOLD = Font(name=FONT_NAME, size=10, bold=True)
FONT_TITLE = Font(name=FONT_NAME, size=16, bold=True)
FONT_SUBTITLE = Font(name=FONT_NAME, size=11)
FONT_HELPER = Font(name=FONT_NAME, size=9, color="FF666666")
THIN = Side(style="thin", color="FF000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HELPER_FILL = PatternFill("solid", fgColor="FFF2F2F2")
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
WRAP_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
NO_WRAP_LEFT = Alignment(horizontal="left", vertical="center")
NO_WRAP_RIGHT = Alignment(horizontal="right", vertical="center")
MONEY_FORMAT = "#,##0.00"
SCORE_FORMAT = "0.00"

# Column widths in Excel units (one unit ≈ one Latin digit; a Chinese character takes about two).
WIDTHS_WITH_REMARK = (13, 14, 13, 24, 14, 14, 8, 8, 30, 10)
WIDTHS_NO_REMARK = (12, 13, 12, 22, 13, 13, 8, 8, 28)
HELPER_WIDTH = 10
LINE_HEIGHT = 13.5  # points per line of 10 pt 宋体
ROW_PADDING = 5.0
MIN_ROW_HEIGHT = 20.0

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def last_column(has_remark: bool) -> int:
    """The rightmost printed column: J with a 备注 column, I without."""
    return COL_REMARK if has_remark else COL_REASON


def column_widths(has_remark: bool) -> tuple[int, ...]:
    return WIDTHS_WITH_REMARK if has_remark else WIDTHS_NO_REMARK


def letter(column: int) -> str:
    return get_column_letter(column)


def money_header(unit: str, template_unit: str = "元") -> str:
    """"项目资金(元)": the form's own unit, else its template's (as the PDF prints it)."""
    return f"{L_FUNDS_PREFIX}({unit or template_unit or '元'})"


def dimension_label(name: str, weight: Decimal) -> str:
    """The 一级 cell as printed on paper, e.g. "产出指标(50分)": it carries the declared weight."""
    return f"{name}({format_decimal(weight)}分)"


_DIMENSION_RE = re.compile(r"^(.*?)\s*[((]\s*([+-]?\d+(?:\.\d+)?)\s*分\s*[))]\s*$", re.S)


def split_dimension_label(text: str) -> tuple[str, Optional[Decimal]]:
    """Inverse of :func:`dimension_label`; a cell without "(N分)" has no declared weight."""
    match = _DIMENSION_RE.match(text)
    if not match:
        return text.strip(), None
    return match.group(1).strip(), Decimal(match.group(2))


def normalize_label(value: object) -> str:
    """Label text compared loosely: full-width brackets and colons, spaces and line breaks ignored."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


def char_units(char: str) -> float:
    """Display width of one character in Excel column units."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 2.0
    return 1.1


def text_lines(text: str, width_units: float) -> int:
    """How many lines a wrapped text needs in a column of ``width_units``.

    openpyxl cannot autofit, so this estimates as Excel would wrap: a Chinese character is about
    two units wide; one unit of the cell width is lost to the cell's inner margins.
    """
    usable = max(width_units - 1.5, 2.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        units = sum(char_units(c) for c in paragraph)
        lines += max(1, -int(-units // usable))
    return lines


def row_height(lines: int) -> float:
    return max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def sheet_title(name: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, not starting or ending with ', at most 31 chars."""
    text = INVALID_SHEET_CHARS.sub("_", name or "")
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C").strip().strip("'").strip()
    if not text or text.lower() == "history":  # "History" is reserved by Excel
        text = "未命名项目" if not text else f"{text}_"
    return text[:MAX_SHEET_NAME]


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
