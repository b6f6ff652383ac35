"""Scoring as DOMAIN.md states it, in exact decimals, with an explanation for every figure.

A leaf's score depends only on its own cells and the template's rules, so :func:`score_leaf` is a
cached pure function: re-evaluating a 1000-leaf form after one edit recomputes one leaf and adds up
the rest from the cache.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, Optional

from model.form import Category, Dimension, Form, Funds, Leaf
from model.targets import is_date_like, is_time_span, node_kind, read_target, same_words
from model.template import ScoringRules, Template
from model.values import (TIER_FULL, TIER_LABELS, TIER_NONE, TIER_PARTIAL, TIER_PHRASES, Value,
                          common_scale, format_decimal, parse_value)

if TYPE_CHECKING:  # model.checks imports this module
    from model.checks import Issue

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def round2(number: Decimal) -> Decimal:
    """Half-up to two places, the rounding every printed figure of the form uses.

    The precision grows with the number so that even an absurd ratio (a budget of 0.000001)
    rounds instead of raising.
    """
    digits = number.adjusted() + 4
    if digits <= 28:
        return number.quantize(CENT, rounding=ROUND_HALF_UP)
    with localcontext() as context:
        context.prec = digits
        return number.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(number: Optional[Decimal]) -> str:
    return "" if number is None else format_decimal(number)


@dataclass(frozen=True)
class LeafScore:
    """What the program makes of one leaf.

    ``score`` is what counts in the total (hand-set or automatic; None when neither exists).
    ``auto_score`` is what the rules give, kept even when the user set a score by hand.
    """

    score: Optional[Decimal]
    auto: bool
    auto_score: Optional[Decimal]
    explanation: str
    tier: Optional[str] = None
    comparator: Optional[str] = None
    over_deviation: bool = False  # a ≥/> leaf exceeding its target by more than the threshold


@dataclass(frozen=True)
class _Auto:
    score: Optional[Decimal]
    explanation: str
    tier: Optional[str] = None
    comparator: Optional[str] = None
    over_deviation: bool = False


def _clip(score: Decimal, weight: Decimal) -> Decimal:
    return max(ZERO, min(score, weight))


def _ratio_score(weight: Decimal, numerator: Decimal, denominator: Decimal) -> tuple[Decimal, str]:
    if denominator <= 0:
        return ZERO, f"{fmt(weight)} × {fmt(numerator)} ÷ {fmt(denominator)} 无意义,得 0"
    score = round2(_clip(weight * numerator / denominator, weight))
    return score, f"{fmt(weight)} × {fmt(numerator)} ÷ {fmt(denominator)} = {score}"


def _tier_score(tier: str, weight: Decimal, rules: ScoringRules) -> _Auto:
    phrase = TIER_PHRASES[tier]
    low, high = rules.tier_band(tier)
    if tier == TIER_FULL:
        return _Auto(weight, f"实际完成值为“{phrase}”,得满分 {fmt(weight)}", tier)
    if tier == TIER_NONE:
        return _Auto(ZERO, f"实际完成值为“{phrase}”,得 0 分(该档可给 0 至 {fmt(round2(weight * high))} 分以下)",
                     tier)
    return _Auto(None, f"“{phrase}”须手工评分:{fmt(round2(weight * low))} 至 {fmt(round2(weight * high))} 分"
                       f"(不含上限)", tier)


def _reverse_score(weight: Decimal, t: Decimal, a: Decimal, rules: ScoringRules) -> tuple[Decimal, str]:
    """A missed ≤/< target: w × t ÷ a, or (``linear``) w × (1 − (a − t) ÷ t), nothing once a ≥ 2t."""
    if rules.reverse_rule == "ratio":
        return _ratio_score(weight, t, a)
    shown = f"{fmt(weight)} × (1 − ({fmt(a)} − {fmt(t)}) ÷ {fmt(t)})"
    if t <= 0:
        return ZERO, f"目标为 {fmt(t)},超出即得 0"
    if a >= 2 * t:
        return ZERO, f"实际 {fmt(a)} 达到目标 {fmt(t)} 的两倍及以上,得 0"
    score = round2(_clip(weight * (1 - (a - t) / t), weight))
    return score, f"{shown} = {score}"


def _equal_score(t: Decimal, a: Decimal, weight: Decimal, rules: ScoringRules, shown: str) -> tuple[Decimal, str]:
    """A missed "=" target (equal values never get here)."""
    if t == 0 and rules.equal_zero == "at_most":
        if a <= 0:
            return weight, f"{shown},目标为 0 且实际不大于 0,得满分 {fmt(weight)}"
        return ZERO, f"{shown},目标为 0 而实际大于 0,得 0"
    if rules.equal_rule == "strict":
        return ZERO, f"{shown},与目标不相等,按“=”严格规则得 0"
    return _ratio_score(weight, min(a, t), max(a, t))


def _unit_mismatch(target_unit: str, actual_unit: str) -> str:
    if not actual_unit:
        return f"实际完成值未写单位,不能确定是否与目标的“{target_unit}”相同,请写明单位或手工评分"
    if not target_unit:
        return f"年度指标值未写单位,不能确定是否与实际值的“{actual_unit}”相同,请写明单位或手工评分"
    return f"目标值单位“{target_unit}”与实际值单位“{actual_unit}”不同,请手工评分"


def _numeric_score(target: Value, actual: Value, weight: Decimal, rules: ScoringRules,
                   op: Optional[str] = None) -> _Auto:
    op = op or target.comparator
    scale = common_scale(target.unit, actual.unit)
    if scale is None:
        return _Auto(None, _unit_mismatch(target.unit, actual.unit), comparator=op)
    t_factor, a_factor, unit = scale
    assert target.number is not None and actual.number is not None  # auto_score checked is_numeric
    t, a = target.number * t_factor, actual.number * a_factor
    shown = f"实际 {fmt(a)}{unit},目标 {op}{fmt(t)}{unit}"
    over = op in ("≥", ">") and t > 0 and a > t and rules.is_over_deviation((a - t) / t)
    if a == t:  # equal values always score full marks, whatever the sign (also "> 100" against 100)
        return _Auto(weight, f"{shown},与目标相等,得满分 {fmt(weight)}", comparator=op)
    if op in ("≥", ">"):
        if a > t:
            return _Auto(weight, f"{shown},已达到,得满分 {fmt(weight)}", comparator=op, over_deviation=over)
        score, text = _ratio_score(weight, a, t)
        return _Auto(score, text, comparator=op)
    if op in ("≤", "<"):
        if a < t:
            return _Auto(weight, f"{shown},已达到,得满分 {fmt(weight)}", comparator=op)
        score, text = _reverse_score(weight, t, a, rules)
        return _Auto(score, text, comparator=op)
    score, text = _equal_score(t, a, weight, rules, shown)
    return _Auto(score, text, comparator=op)


def _own_words(target_text: str, weight: Decimal) -> _Auto:
    return _Auto(weight, f"实际完成值与目标“{target_text.strip()}”一致,视为“{TIER_PHRASES[TIER_FULL]}”,"
                         f"得满分 {fmt(weight)}", TIER_FULL)


QUALITATIVE_ASK = "请在实际完成值中选择“达成预期指标”等档次,或手工评分"


def _qualitative_note(target_text: str, target: Value, kind: str) -> str:
    """Why a target is scored by its tier: a figure that is a date or a time limit says so, and a
    time limit says how to have it computed ("≤24小时")."""
    if not target.is_numeric or not is_date_like(target, kind):
        return f"定性指标:{QUALITATIVE_ASK}"
    shown = target_text.strip()
    if is_time_span(target, kind):
        return f"年度指标值“{shown}”是时限,按定性指标评分:{QUALITATIVE_ASK};写成“≤{shown}”则按实际用时计算"
    return f"年度指标值“{shown}”是日期或期限,按定性指标评分:{QUALITATIVE_ASK}"


def auto_score(target_text: str, actual_text: str, weight: Decimal, rules: ScoringRules,
               kind: str = "") -> _Auto:
    """The score the rules give, or a reason why they give none. ``kind``: the node the leaf sits
    under (model.targets.node_kind): under a 成本指标 a target without a sign is a ceiling, under a
    时效指标 a bare span of time is a time limit."""
    actual = parse_value(actual_text)
    if actual.tier is not None:  # a tier phrase wins whatever the target looks like
        return _tier_score(actual.tier, weight, rules)
    if not actual_text.strip():
        return _Auto(None, "实际完成值为空")
    reading = read_target(target_text, kind, rules.bare_target)
    target = reading.value
    if (reading.comparator is None or not target.is_numeric) and same_words(target_text, actual_text):
        return _own_words(target_text, weight)  # "专款专用" / "专款专用", also "≥良好" / "≥良好"
    if reading.comparator is None:
        return _Auto(None, _qualitative_note(target_text, target, kind))
    if not target.is_numeric:
        return _Auto(None, f"无法识别年度指标值“{target_text}”中的数值,请手工评分", comparator=target.comparator)
    if not actual.is_numeric:
        return _Auto(None, f"无法识别实际完成值“{actual_text}”中的数值,请手工评分", comparator=reading.comparator)
    result = _numeric_score(target, actual, weight, rules, reading.comparator)
    if reading.assumed:
        result = _Auto(result.score, f"{reading.note};{result.explanation}", result.tier, result.comparator,
                       result.over_deviation)
    return result


def _deduct(computed: Decimal, weight: Decimal, has_reason: bool, rules: ScoringRules) -> tuple[Decimal, str]:
    """What an over-achievement beyond the threshold costs, when the template says it costs."""
    threshold = fmt(rules.deviation_threshold * HUNDRED)
    if rules.deviation_mode == "deduct":
        score = max(ZERO, computed - rules.deviation_points)
        return score, f";超出目标 {threshold}% 以上(指标偏离),扣 {fmt(rules.deviation_points)} 分,得 {fmt(score)}"
    if not has_reason and rules.deviation_deduct_ratio > 0:
        score = round2(weight * (1 - rules.deviation_deduct_ratio))
        return score, f";超出目标幅度过大且未说明原因,扣减后得 {score}"
    return computed, ""


def _score_leaf_uncached(target: str, actual: str, weight: Decimal, manual: Optional[Decimal],
                         has_reason: bool, kind: str, rules: ScoringRules) -> LeafScore:
    result = auto_score(target, actual, weight, rules, kind)
    computed = result.score
    explanation = result.explanation
    if computed is not None and result.over_deviation:
        computed, note = _deduct(computed, weight, has_reason, rules)
        explanation += note
    if manual is not None:
        note = f"手工评分 {fmt(manual)}"
        if computed is not None:
            note += f"(按规则自动计算为 {computed}:{explanation})"
        return LeafScore(manual, False, computed, note, result.tier, result.comparator, result.over_deviation)
    return LeafScore(computed, computed is not None, computed, explanation, result.tier, result.comparator,
                     result.over_deviation)


_CacheKey = tuple[str, str, Decimal, Optional[Decimal], bool, str]
_CACHE_LIMIT = 100_000
_caches: dict[ScoringRules, dict[_CacheKey, LeafScore]] = {}


def _cache_for(rules: ScoringRules) -> dict[_CacheKey, LeafScore]:
    """One memo per rule set, looked up once per evaluation (hashing the rules is not free)."""
    cache = _caches.get(rules)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _caches[rules] = {}
    return cache


def clear_cache() -> None:
    _caches.clear()


def _score_cached(leaf: Leaf, rules: ScoringRules, cache: dict[_CacheKey, LeafScore],
                  kind: str = "") -> LeafScore:
    key: _CacheKey = (leaf.target or "", leaf.actual or "", leaf.weight, leaf.score,
                      bool(leaf.reason and not leaf.reason.isspace()), kind)
    result = cache.get(key)
    if result is None:
        result = cache[key] = _score_leaf_uncached(*key, rules)
    return result


def score_leaf(leaf: Leaf, rules: ScoringRules, kind: str = "") -> LeafScore:
    """The score of one leaf (memoised on the leaf's cells and the rules). ``kind``: the node the
    leaf sits under (see :func:`leaf_kind`)."""
    return _score_cached(leaf, rules, _cache_for(rules), kind)


def leaf_kind(dimension: Dimension, category: Category) -> str:
    return node_kind(dimension.name, category.name)


@dataclass(frozen=True)
class FundsScore:
    rate: Optional[Decimal]  # 执行率 in %, two decimals; None when A is empty or zero
    exact_rate: Optional[Decimal]
    score: Decimal
    explanation: str


def rate_short_of(funds: FundsScore, limit: Decimal) -> str:
    """The execution rate as shown, with as many more digits as it takes not to read as reaching
    ``limit`` when it does not: 89.996 % against 90 % says "89.996", never "90.00 未达到 90"."""
    if funds.rate is None or funds.exact_rate is None:
        return "无法计算"
    if funds.exact_rate >= limit or funds.rate < limit:
        return str(funds.rate)
    for places in range(3, 12):
        shown = funds.exact_rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
        if shown < limit:
            return str(shown)
    return str(funds.exact_rate)


def score_funds(funds: Funds) -> FundsScore:
    total = funds.total
    budget = total.budget if total else None
    executed = (total.executed if total else None) or ZERO
    if not budget:
        return FundsScore(None, None, round2(ZERO), "全年预算数(A)为空或为零,无法计算执行率,资金得分为 0")
    ratio = executed / budget
    rate = round2(ratio * HUNDRED)
    score = round2(funds.weight * max(ZERO, min(ratio, Decimal(1))))
    text = f"执行率 = {fmt(executed)} ÷ {fmt(budget)} × 100 = {rate}%;资金得分 = {fmt(funds.weight)} × "
    text += f"{'1' if ratio >= 1 else f'{fmt(executed)} ÷ {fmt(budget)}'} = {score}"
    return FundsScore(rate, ratio * HUNDRED, score, text)


@dataclass
class NodeSum:
    weight: Decimal = ZERO
    score: Decimal = ZERO


@dataclass
class Evaluation:
    """Every derived figure of a form. Keyed by ``id()`` of the form's own objects."""

    funds: FundsScore
    leaves: dict[int, LeafScore] = field(default_factory=dict)
    sums: dict[int, NodeSum] = field(default_factory=dict)
    leaf_total: Decimal = ZERO
    total_uncapped: Decimal = ZERO
    total: Decimal = ZERO
    cap_note: str = ""
    grade: str = ""
    issues: list[Issue] = field(default_factory=list)  # filled by model.assess

    def leaf(self, leaf: Leaf) -> LeafScore:
        return self.leaves[id(leaf)]

    def sum_of(self, node: Dimension | Category) -> NodeSum:
        return self.sums[id(node)]

    @property
    def funds_rate(self) -> Optional[Decimal]:
        return self.funds.rate

    @property
    def funds_score(self) -> Decimal:
        return self.funds.score

    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        errors = sum(1 for issue in self.issues if issue.severity == "error")
        return errors, len(self.issues) - errors


def grade_for(total: Decimal, rules: ScoringRules) -> str:
    for threshold, word in rules.grades:
        if total >= threshold:
            return word
    return rules.grades[-1][1] if rules.grades else ""


def _apply_caps(total: Decimal, funds: FundsScore, rules: ScoringRules) -> tuple[Decimal, str]:
    if funds.exact_rate is None:
        return total, ""
    bands = [c for c in rules.rate_caps if c.low <= funds.exact_rate < c.high]
    if not bands or min(c.cap for c in bands) >= total:
        return total, ""
    cap, high = min(c.cap for c in bands), min(c.high for c in bands)
    return round2(cap), f"执行率 {rate_short_of(funds, high)}% 时总分最高为 {fmt(cap)},总分由 {total} 调整为 {round2(cap)}"


def evaluate(form: Form, template: Template) -> Evaluation:
    """Score the whole form. Cheap to call after every edit (leaf scores are cached)."""
    rules = template.rules
    cache = _cache_for(rules)
    evaluation = Evaluation(funds=score_funds(form.funds))
    leaf_total = ZERO
    for dimension in form.indicators:
        dim_sum = NodeSum()
        for category in dimension.children:
            cat_sum = NodeSum()
            kind = leaf_kind(dimension, category)
            for leaf in category.children:
                result = _score_cached(leaf, rules, cache, kind)
                evaluation.leaves[id(leaf)] = result
                cat_sum.weight += leaf.weight
                cat_sum.score += result.score or ZERO
            evaluation.sums[id(category)] = cat_sum
            dim_sum.weight += cat_sum.weight
            dim_sum.score += cat_sum.score
        evaluation.sums[id(dimension)] = dim_sum
        leaf_total += dim_sum.score
    evaluation.leaf_total = leaf_total
    evaluation.total_uncapped = round2(evaluation.funds.score + leaf_total)
    evaluation.total, evaluation.cap_note = _apply_caps(evaluation.total_uncapped, evaluation.funds, rules)
    evaluation.grade = grade_for(evaluation.total, rules)
    return evaluation


def weight_is_free(dimension: Dimension, template: Template) -> bool:
    """Whether the template leaves this 一级's weight to the form (四川, 湖北: only the total is
    fixed): its leaves then say what it is worth, and a declared weight is not asked for."""
    for spec in template.dimensions:
        if spec.name == dimension.name and not spec.free:
            return False
    return template.free_weights


def shown_dimension_weight(dimension: Dimension, template: Template, evaluation: Evaluation) -> Decimal:
    """The weight a 一级 row prints ("产出指标(60分)"): its declared weight, or, where the template
    leaves the split free (四川), the sum of its leaves, since the form itself sets it."""
    if weight_is_free(dimension, template):
        return evaluation.sum_of(dimension).weight
    return dimension.weight


def tier_band_points(tier: str, weight: Decimal, rules: ScoringRules) -> tuple[Decimal, Decimal]:
    low, high = rules.tier_band(tier)
    return weight * low, weight * high


def score_in_tier(score: Decimal, tier: str, weight: Decimal, rules: ScoringRules) -> bool:
    """Whether a score fits the tier's band; the top band includes the full weight."""
    low, high = tier_band_points(tier, weight, rules)
    if score < low:
        return False
    if rules.tier_band(tier)[1] >= 1:
        return score <= weight
    return score < high


__all__ = ["Evaluation", "FundsScore", "LeafScore", "NodeSum", "evaluate", "round2", "score_leaf", "leaf_kind",
           "score_funds", "grade_for", "shown_dimension_weight", "weight_is_free", "score_in_tier", "TIER_FULL",
           "TIER_PARTIAL", "TIER_NONE", "TIER_LABELS"]
