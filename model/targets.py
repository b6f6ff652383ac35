"""How a target is read beyond its parsed value: the rules of DOMAIN § "Rules from other regions".

Other regions write targets the Guizhou bureau never did: a bare number ("90%", "20万元") that is
still a quantity, a date that only looks like one ("2024年12月31日"), an actual that repeats a
qualitative target word for word. These decisions sit here, apart from :mod:`model.values` (which
only turns text into numbers and units), so the scorer and the printed split columns (指标性质 /
指标值 / 度量单位) read a target the same way.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from model.values import Value, format_decimal, parse_value

BARE_NOTE = "目标未写比较符,按“{op}”计算"

# A number followed by these is a point in time, not a quantity: "2024年", "12月", "31日", "6月底前".
_DATE_UNIT = re.compile(r"^(?:月|日|号)")
_DEADLINE_WORDS = ("前", "底", "末", "以内", "之内", "日内", "天内", "周内", "月内", "年内", "截止", "期间")
_YEAR = re.compile(r"^年")

COMPARATOR_NAMES = {"≥": "大于等于", ">": "大于", "≤": "小于等于", "<": "小于", "=": "等于"}
POLARITY = {"≥": "正向", ">": "正向", "=": "正向", "≤": "反向", "<": "反向"}
QUALITATIVE = "定性"
# What a 指标性质 cell may hold besides a comparator: a kind or a direction, never part of the target.
SIGN_WORDS = (QUALITATIVE, "定量", "正向", "反向")


COST, TIMING = "cost", "timing"  # the kinds of node a bare target is read under ("" for any other)
# A bare span of time under 时效指标 is a time limit: "24小时", "30天", "6个月", "10个工作日".
_TIME_SPAN = re.compile(r"^个?(?:小时|钟头|分钟|分|秒|天|日|工作日|个工作日|周|星期|月)$")
# A date written with points: "2024.12" (a year and month) anywhere, "12.31" (month and day) under 时效指标.
_YEAR_MONTH = re.compile(r"^(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])$")
_MONTH_DAY = re.compile(r"^(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])$")


def is_cost_node(name: str) -> bool:
    """成本指标 as 一级 or 二级 (also 经济成本指标 / 社会成本指标 …): bare targets there are ceilings."""
    return "成本" in unicodedata.normalize("NFKC", name or "")


def node_kind(dimension_name: str, category_name: str) -> str:
    """COST under a 成本指标 (一级 or 二级), TIMING under a 时效指标, else ""."""
    if is_cost_node(dimension_name) or is_cost_node(category_name):
        return COST
    names = unicodedata.normalize("NFKC", f"{dimension_name or ''}|{category_name or ''}")
    return TIMING if "时效" in names else ""


def is_date_like(value: Value, kind: str = "") -> bool:
    """Whether a parsed number is really a date or deadline ("2024年", "12月前", "3个工作日内",
    "2024.12"; under 时效指标 also "24小时", "10个工作日", "12.31").

    A four-digit year before 年 is a date; "5年" (a duration) is not. Any deadline word after the
    number makes it a deadline. Under 时效指标 a bare span of time is the time allowed: finishing in
    12 hours meets "24小时", which compared as a quantity would score half.
    """
    if value.number is None:
        return False
    unit = value.unit
    if _DATE_UNIT.match(unit) or any(word in unit for word in _DEADLINE_WORDS):
        return True
    written = unicodedata.normalize("NFKC", value.text).strip()
    if not unit and (_YEAR_MONTH.match(written) or (kind == TIMING and _MONTH_DAY.match(written))):
        return True
    if is_time_span(value, kind):
        return True
    return bool(_YEAR.match(unit)) and value.number == value.number.to_integral_value() \
        and 1900 <= value.number <= 2999


def is_time_span(value: Value, kind: str) -> bool:
    """A bare span of time under 时效指标 ("24小时", "10个工作日"): the time allowed."""
    return kind == TIMING and value.number is not None and bool(_TIME_SPAN.match(value.unit))


@lru_cache(maxsize=65536)
def words_key(text: str) -> str:
    """The words of a text without width, spaces or punctuation: "显著 提升。" → "显著提升"."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def same_words(target: str, actual: str) -> bool:
    """A qualitative target met in its own words ("专款专用" / "专款专用")."""
    key = words_key(target)
    return bool(key) and key == words_key(actual)


@dataclass(frozen=True)
class TargetReading:
    """What the scorer compares: ``comparator`` None means qualitative; ``assumed`` says the sign was
    not written (a bare number) and was taken as ≥, or ≤ under a 成本指标."""

    value: Value
    comparator: Optional[str]
    assumed: bool = False

    @property
    def note(self) -> str:
        return BARE_NOTE.format(op=self.comparator) if self.assumed else ""


def read_target(text: str, kind: str = "", bare_rule: str = "compare") -> TargetReading:
    """Read a target cell under its node's ``kind`` (:func:`node_kind`). ``bare_rule`` "qualitative"
    keeps bare numbers qualitative (a template may say so)."""
    value = parse_value(text)
    if value.comparator is not None:
        return TargetReading(value, value.comparator)
    if value.number is None or is_date_like(value, kind) or bare_rule == "qualitative":
        return TargetReading(value, None)
    return TargetReading(value, "≤" if kind == COST else "≥", assumed=True)


@dataclass(frozen=True)
class TargetParts:
    """A target split into the columns some layouts print (四川: 指标性质 | 指标值 | 度量单位; 巴彦淖尔:
    指标性质 正向/反向 | 指标方向 大于等于 … | 指标值 | 计量单位)."""

    comparator: str  # "≥", or "定性"
    polarity: str  # 正向 / 反向 / 定性
    comparator_name: str  # 大于等于 / … / 定性
    value: str  # "95", or the text of a qualitative target
    unit: str
    assumed: bool = False  # the sign was not written; printed as the scorer reads it


def split_target(text: str, kind: str = "", bare_rule: str = "compare") -> TargetParts:
    if not (text or "").strip():  # not filled in yet: nothing to print, not "定性"
        return TargetParts("", "", "", "", "")
    reading = read_target(text, kind, bare_rule)
    op = reading.comparator
    if op is None or reading.value.number is None:
        return TargetParts(QUALITATIVE, QUALITATIVE, QUALITATIVE, (text or "").strip(), "")
    return TargetParts(op, POLARITY[op], COMPARATOR_NAMES[op], format_decimal(reading.value.number),
                       reading.value.unit, reading.assumed)


def split_actual(text: str) -> tuple[str, str]:
    """(value, unit) of an actual for layouts with a unit column; text that is no quantity stays whole."""
    value = parse_value(text)
    if value.number is None or value.tier is not None:
        return (text or "").strip(), ""
    return format_decimal(value.number), value.unit


def join_target(comparator: str, value: str, unit: str) -> str:
    """The one target cell from split columns, as the draft stores it ("≥" "95" "%" → "≥95%")."""
    comparator = (comparator or "").strip()
    if comparator in SIGN_WORDS:
        comparator = ""
    for symbol, name in COMPARATOR_NAMES.items():
        if comparator == name:
            comparator = symbol
    value, unit = (value or "").strip(), (unit or "").strip()
    if unit and value.endswith(unit):  # "95%" typed in the 指标值 column of a "%" row
        unit = ""
    return f"{comparator}{value}{unit}"


def number_of(value: Value) -> Decimal:
    """The number of a value known to be numeric (narrows Optional for the type checker)."""
    assert value.number is not None
    return value.number
