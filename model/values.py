"""Reading indicator values as people write them: "≥100人", "＝6万元", "不低于95%", "达成预期指标".

Parsing is pure and cached: the same text always gives the same :class:`Value`, so re-scoring a
large form after one edit costs a dictionary lookup per unchanged leaf.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional

# Comparator words, longest first so "大于等于" wins over "大于".
_WORD_COMPARATORS = (
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("至少", "≥"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不大于", "≤"), ("不多于", "≤"),
    ("至多", "≤"), ("大于", ">"), ("高于", ">"), ("超过", ">"), ("多于", ">"), ("小于", "<"), ("低于", "<"),
    ("少于", "<"), ("等于", "="),
    (">=", "≥"), ("=>", "≥"), ("<=", "≤"), ("=<", "≤"), ("≧", "≥"), ("≦", "≤"), ("⩾", "≥"), ("⩽", "≤"),
    ("≥", "≥"), ("≤", "≤"), (">", ">"), ("<", "<"), ("==", "="), ("=", "="),
)
COMPARATORS = ("≥", ">", "≤", "<", "=")

TIER_FULL = "full"
TIER_PARTIAL = "partial"
TIER_NONE = "none"
TIER_PHRASES = {
    TIER_FULL: "达成预期指标",
    TIER_PARTIAL: "部分达成预期指标并具有一定效果",
    TIER_NONE: "未达成预期指标且效果较差",
}
TIER_LABELS = {TIER_FULL: "达成", TIER_PARTIAL: "部分达成", TIER_NONE: "未达成"}

# Unit prefixes that scale the same base quantity: 万元 vs 元, 万人 vs 人, 亿元 vs 万元.
_PREFIXES = (("百万", Decimal(10) ** 6), ("千万", Decimal(10) ** 7), ("亿", Decimal(10) ** 8),
             ("万", Decimal(10) ** 4), ("千", Decimal(10) ** 3), ("百", Decimal(100)))

_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$", re.S)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class Value:
    """A parsed value. ``number`` is None for text that states no quantity."""

    text: str
    comparator: Optional[str] = None
    number: Optional[Decimal] = None
    unit: str = ""
    tier: Optional[str] = None

    @property
    def is_numeric(self) -> bool:
        return self.number is not None


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), without spaces or thousands separators."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)
    return _THOUSANDS.sub("", text)


def _split_comparator(text: str) -> tuple[Optional[str], str]:
    for word, symbol in _WORD_COMPARATORS:
        if text.startswith(word):
            return symbol, text[len(word):]
    return None, text


def tier_of(text: str) -> Optional[str]:
    """Which tier an actual value states, if it states one."""
    text = normalize(text)
    if text.startswith(("未达成", "未完成", "未达到")):
        return TIER_NONE
    if text.startswith(("部分达成", "部分完成", "部分达到")):
        return TIER_PARTIAL
    if text.startswith(("达成", "已达成", "完成预期", "已完成预期", "达到预期", "已达到预期")):
        return TIER_FULL
    return None


@lru_cache(maxsize=65536)
def parse_value(text: str) -> Value:
    """Parse one cell. Numbers keep their exact decimal digits; units stay as written."""
    clean = normalize(text)
    tier = tier_of(clean)
    if tier is not None:
        return Value(text, tier=tier)
    comparator, rest = _split_comparator(clean)
    match = _NUMBER.match(rest)
    if not match:
        return Value(text, comparator=comparator)
    unit = match.group(2)
    if re.search(r"\d", unit):  # "2024年12月前" is a date phrase, not a quantity
        return Value(text, comparator=comparator)
    try:
        number = Decimal(match.group(1))
    except InvalidOperation:
        return Value(text, comparator=comparator)
    return Value(text, comparator=comparator, number=number, unit=unit)


def _split_prefix(unit: str) -> tuple[Decimal, str]:
    for prefix, factor in _PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix):]
    return Decimal(1), unit


def common_scale(target_unit: str, actual_unit: str) -> Optional[tuple[Decimal, Decimal, str]]:
    """Factors that bring both values into one unit, or None when they measure different things.

    A missing unit on one side is taken to be the other side's unit ("95" against "≥95%").
    """
    if target_unit == actual_unit or not actual_unit or not target_unit:
        return Decimal(1), Decimal(1), target_unit or actual_unit
    t_factor, t_base = _split_prefix(target_unit)
    a_factor, a_base = _split_prefix(actual_unit)
    if t_base != a_base:
        return None
    # Express both in the smaller unit so the explanation shows whole numbers where it can.
    smallest = min(t_factor, a_factor)
    unit = actual_unit if a_factor == smallest else target_unit
    return t_factor / smallest, a_factor / smallest, unit


def format_decimal(number: Decimal) -> str:
    """A decimal as people write it: no exponent, no trailing zeros after the point."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


_CENT = Decimal("0.01")


def _two_places(number: Decimal) -> Decimal:
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def format_score(number: Optional[Decimal]) -> str:
    """A weight or a score as the official form prints it: "10", "6.28", "7.20" ("" for none).

    Whole numbers print without decimals; anything else with exactly two, half-up.
    """
    if number is None:
        return ""
    rounded = _two_places(number) + 0  # "+ 0" turns -0.00 into 0.00
    if rounded == rounded.to_integral_value():
        return format(rounded.quantize(Decimal(1)), "f")
    return format(rounded, "f")


def format_money(number: Optional[Decimal]) -> str:
    """Money as the official form prints it: "300,000", "135,474.83" ("" for none)."""
    if number is None:
        return ""
    rounded = _two_places(number)
    if rounded == rounded.to_integral_value():
        return f"{rounded.quantize(Decimal(1)):,f}"
    return f"{rounded:,f}"


def format_rate(number: Optional[Decimal]) -> str:
    """An execution rate in percent, always two decimals: "62.83", "100.00" ("" for none)."""
    if number is None:
        return ""
    return format(_two_places(number), "f")
