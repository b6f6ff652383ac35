"""Reading indicator values as people write them: "≥100人", "＝6万元", "不低于95%", "达成预期指标".

Parsing is pure and cached: the same text always gives the same :class:`Value`, so re-scoring a
large form after one edit costs a dictionary lookup per unchanged leaf.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation
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
# The same written after the quantity, as Chinese forms often do: "95%以上", "200人次以上", "5%以下",
# "30万元以内". Longest first so "及以上" leaves no "及" in the unit.
_SUFFIX_COMPARATORS = (("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"))
# "3个工作日以内", "6个月以内": a time limit stays a deadline (model.targets), not a quantity.
_TIME_UNIT_ENDS = ("天", "日", "周", "月", "年", "时", "钟", "秒")

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

_WAN = Decimal(10) ** 4
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


def comparator_word(text: str) -> Optional[str]:
    """The sign a cell holding only a comparator states ("≥", "大于等于", "不低于"), else None."""
    comparator, rest = _split_comparator(normalize(text))
    return comparator if comparator is not None and not rest else None


def _split_suffix(comparator: Optional[str], unit: str) -> tuple[Optional[str], str]:
    """A comparator written after the unit ("%以上") moves to the front: (≥, "%"). One that
    contradicts a written sign ("≥5%以下") is left in the unit, so the value scores by hand."""
    for word, symbol in _SUFFIX_COMPARATORS:
        if not unit.endswith(word):
            continue
        rest = unit[:-len(word)]
        if word == "以内" and rest.endswith(_TIME_UNIT_ENDS):
            return comparator, unit
        if comparator is None or comparator == symbol or (symbol == "≤" and comparator == "<") \
                or (symbol == "≥" and comparator == ">"):
            return comparator or symbol, rest
        return comparator, unit
    return comparator, unit


_TIER_OPENINGS = ((TIER_NONE, ("未达成", "未完成", "未达到")),
                  (TIER_PARTIAL, ("部分达成", "部分完成", "部分达到")),
                  (TIER_FULL, ("已达成", "达成", "已完成预期", "完成预期", "已达到预期", "达到预期")))
# What may follow the opening of a tier phrase: the words of the phrase itself ("达成预期指标",
# "未完成年度目标且效果较差", "达成预期(100%)"), or a comment after a mark ("未完成,因疫情停工")
# as long as it holds no figure. Anything else is a value that happens to open with those words:
# "达成率85%", "达成95%", "达成合作协议2项", "未达到标准的3户", "未完成,实际80人" are to be compared
# (or scored by hand), not read as a tier.
_TIER_WORDS = re.compile(r"(?:预期|目标|年度目标|既定目标|计划|任务|指标)")
_COMMENT = re.compile(r"[,，;；:：。、.()（）\-—且并]")


def _states_tier(rest: str) -> bool:
    if not rest or _TIER_WORDS.match(rest):
        return True
    return bool(_COMMENT.match(rest)) and not re.search(r"\d", rest)


def tier_of(text: str) -> Optional[str]:
    """Which tier an actual value states, if it states one ("达成预期指标", "未完成预期指标且效果较差")."""
    text = normalize(text)
    for tier, openings in _TIER_OPENINGS:
        for opening in openings:
            if text.startswith(opening):
                return tier if _states_tier(text[len(opening):]) else None
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
    comparator, unit = _split_suffix(comparator, unit)
    return Value(text, comparator=comparator, number=number, unit=unit)


def _split_prefix(unit: str) -> tuple[Decimal, str]:
    """(factor, base unit): "万元" → (10000, "元"); a bare "万" is a number word → (10000, "")."""
    for prefix, factor in _PREFIXES:
        if unit.startswith(prefix):
            return factor, unit[len(prefix):]
    return Decimal(1), unit


def common_scale(target_unit: str, actual_unit: str) -> Optional[tuple[Decimal, Decimal, str]]:
    """Factors that bring both values into one unit, or None when they measure different things.

    A missing unit on one side is taken to be the other side's unit ("95" against "≥95%"), except
    where that unit scales its base: "280000" against "≤30万元" may mean 元 or 万元, so it is not
    guessed (the user is asked). A bare 万 or 亿 is a number word: "1.6万" against "15000" is 16000.
    """
    if target_unit == actual_unit:
        return Decimal(1), Decimal(1), target_unit
    t_factor, t_base = _split_prefix(target_unit)
    a_factor, a_base = _split_prefix(actual_unit)
    if not target_unit or not actual_unit:
        written_factor, written_base = (t_factor, t_base) if target_unit else (a_factor, a_base)
        if written_base and written_factor >= _WAN:  # 千克 and 千米 are units of their own
            return None
        if written_base:
            return Decimal(1), Decimal(1), target_unit or actual_unit
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


# --- reading figures -------------------------------------------------------------------------
# One reader for every amount, weight and score, whether it comes from a draft, a template, a
# cell typed in the window, a paste or a workbook: the same limits and the same Chinese messages
# everywhere, so a figure one of them accepts is never refused by another (and vice versa).

MAX_NUMBER = Decimal(10) ** 15  # beyond any real budget, in 元
MAX_DECIMALS = 20  # places after the point; more is never a real amount, weight or score
_MINUS_SIGNS = "−‒–"  # U+2212 and dashes, which NFKC leaves alone; "－" becomes "-"
_FIGURE = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)")
_MONEY_HINT = "(金额可带千位分隔符,如 300,000 或 135474.83)"
# A float is what openpyxl hands over for a number cell, or json for a template's 0.2: Excel keeps
# 15 significant digits, so rounding to 15 gives back the decimal the person typed (3980803.15,
# not 3980803.1499999999).
_FLOAT_DIGITS = Context(prec=15, rounding=ROUND_HALF_EVEN)


class NumberError(ValueError):
    """A figure that cannot be read; ``str()`` is a complete Chinese message for the user."""


def number_problem(number: Decimal) -> Optional[str]:
    """Why a number cannot be an amount, weight or score (None when it can).

    Judged on sign, digits and exponent only, without arithmetic: ``abs()`` of 1e999999999 raises
    decimal.Overflow, and writing 1e-999999999 as plain decimal text takes a billion characters.
    """
    if not number.is_finite():
        return "应为有限的数字"
    if number.copy_abs() >= MAX_NUMBER:
        return "数值过大,超出任何实际预算的范围"
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        return f"小数位数过多(最多 {MAX_DECIMALS} 位)"
    return None


def is_blank(value: object) -> bool:
    """Nothing entered: None or text of only spaces (an empty 得分 means "automatic")."""
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str:
    """The figure as the message quotes it, at most 40 characters (and never a billion zeros)."""
    plain = isinstance(value, Decimal) and value.is_finite() and -MAX_DECIMALS <= value.adjusted() <= 40
    text = format(value, "f") if plain else str(value)
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _from_text(text: str, what: str, suffix: str, hint: str) -> Decimal:
    clean = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if suffix and clean.endswith(suffix):
        clean = clean[:-len(suffix)]
    if clean[:1] in _MINUS_SIGNS:
        clean = "-" + clean[1:]
    if not _FIGURE.fullmatch(clean):  # also refuses "NaN", "Infinity" and exponents ("1e999999999")
        raise NumberError(f"{what}应为数字,而不是“{_shown(text)}”{hint}")
    return Decimal(clean.replace(",", ""))


_PLAIN_DIGITS = 27  # quantize needs the context's 28 digits of precision for the integer part


def plain_decimal(number: Decimal) -> Decimal:
    """Without trailing zeros or exponent: 10.0000000000000 → 10, 1E+5 → 100000."""
    number = number.normalize()
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent <= 0 or number.adjusted() >= _PLAIN_DIGITS:
        return number  # a 1E+30 from a cell is left for number_problem to refuse, not quantized
    return number.quantize(Decimal(1))


def read_decimal(value: object, what: str = "数值", *, negative: bool = False, suffix: str = "",
                 hint: str = "") -> Optional[Decimal]:
    """Any figure: text as people type it (full-width digits, spaces, "300,000", a ``suffix`` such as
    "分"), or a number from JSON or a cell. None when blank; raises :class:`NumberError` otherwise.

    Numbers keep the digits they were written with ("10.00" stays 10.00); a float is read to the
    15 digits a spreadsheet keeps. Negative values are refused unless ``negative``; "-0" reads as 0.
    """
    if is_blank(value):
        return None
    if isinstance(value, str):
        number = _from_text(value, what, suffix, hint)
    elif isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise NumberError(f"{what}应为数字")
    elif isinstance(value, float):
        number = _FLOAT_DIGITS.create_decimal(repr(value))
        number = plain_decimal(number) if number.is_finite() else number
    else:
        number = Decimal(value)
    shown = _shown(value if isinstance(value, str) else number)  # str() of a 5000-digit int raises
    if not number.is_finite():
        raise NumberError(f"{what}“{shown}”不是有效的数字")
    if number < 0 and not negative:
        raise NumberError(f"{what}不能为负数(“{shown}”)")
    problem = number_problem(number)  # "1e999999999" would hang whatever computes with it
    if problem:
        raise NumberError(f"{what}“{shown}”{problem}")
    # copy_abs drops a "-0" sign without arithmetic (+ 0 would overflow on huge exponents)
    return number if negative else number.copy_abs()


def read_money(value: object, what: str = "金额") -> Optional[Decimal]:
    """An amount (年初预算数, 全年预算数, 全年执行数): not negative; None when blank."""
    return read_decimal(value, what, hint=_MONEY_HINT)


def read_score(value: object, what: str = "得分") -> Optional[Decimal]:
    """A leaf's hand-set score as typed: not negative, "6.28" or "6.28分"; None when blank (automatic)."""
    return read_decimal(value, what, suffix="分")


def read_recorded_score(value: object, what: str = "得分") -> Optional[Decimal]:
    """A hand-set score as a file records it (a draft, a workbook): a negative one is kept, so the
    form opens and its check flags it (``score-out-of-range``) instead of the whole file being refused."""
    return read_decimal(value, what, negative=True, suffix="分")


def read_weight(value: object, what: str = "分值") -> Decimal:
    """A weight (分值) of a leaf, a 一级指标 or the funds: not negative, "10" or "10分"; never blank."""
    number = read_decimal(value, what, suffix="分")
    if number is None:
        raise NumberError(f"{what}不能为空")
    return number
