"""Regional templates: what a template says, as frozen dataclasses.

Everything that differs between regions (funds rows and how they add up, weights, column titles,
scoring parameters) is data, so a bureau can add its layout by dropping a file into the user
template folder without a new release of the program. Reading those files is
:mod:`model.template_parse`; finding them (bundled and the user's folder) is
:mod:`model.template_registry`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from model.template_layout import DEFAULT_LAYOUT, Layout

EQUAL_RULES = ("strict", "proportional")
TIER_NAMES = ("full", "partial", "none")
REVERSE_RULES = ("ratio", "linear")  # ≤ not met: w × t ÷ a, or w × (1 − (a − t) ÷ t) and 0 once a ≥ 2t
EQUAL_ZERO_RULES = ("as_equal", "at_most")  # "=0": like any "=", or actual ≤ 0 gives w (the platforms)
BARE_TARGET_RULES = ("compare", "qualitative")  # "90%" without a sign: ≥ (≤ under 成本), or qualitative
DEVIATION_MODES = ("suggest", "require", "deduct")  # over-achievement: warning, error, or minus N points


class TemplateError(ValueError):
    """A template file that cannot be used; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class FundsRowSpec:
    """A funds row; ``aliases`` are the other names forms print for it (当年财政拨款 = 本年财政拨款)."""

    label: str
    sum_of: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DimensionSpec:
    """A level-1 category. ``free`` (JSON weight null): the template leaves its weight to the form and
    fixes only the total of the indicator weights; ``weight`` is then 0."""

    name: str
    weight: Decimal
    categories: tuple[str, ...]
    free: bool = False


@dataclass(frozen=True)
class RateCap:
    """Total capped at ``cap`` when the execution rate (in %) is in [low, high)."""

    low: Decimal
    high: Decimal
    cap: Decimal


@dataclass(frozen=True)
class ScoringRules:
    """The parameters the scorer needs; frozen and hashable so results can be cached."""

    equal_rule: str = "strict"
    tiers: tuple[tuple[str, Decimal, Decimal], ...] = (
        ("full", Decimal("0.8"), Decimal("1")),
        ("partial", Decimal("0.6"), Decimal("0.8")),
        ("none", Decimal("0"), Decimal("0.6")),
    )
    deviation_threshold: Decimal = Decimal("0.2")
    deviation_deduct_ratio: Decimal = Decimal("0")
    grades: tuple[tuple[Decimal, str], ...] = (
        (Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
    rate_caps: tuple[RateCap, ...] = ()
    reverse_rule: str = "ratio"
    equal_zero: str = "as_equal"
    bare_target: str = "compare"
    deviation_mode: str = "suggest"
    deviation_points: Decimal = Decimal(0)  # points a leaf loses in the "deduct" mode
    # Whether exceeding the target by exactly the threshold counts. DOMAIN's rules are for "more
    # than" / "beyond" the threshold; the provincial platforms of REGIONS count "≥ 130 %" and
    # "≥ 30 % over": a template for one of them says so.
    deviation_inclusive: bool = False
    # The provincial platforms' progress warnings (REGIONS), off unless a template asks: indicator
    # completion running ahead of budget execution by more than this share of itself …
    progress_gap: Optional[Decimal] = None
    # … and an execution rate (%) below this.
    progress_rate_below: Optional[Decimal] = None
    # 广西's platform: every qualitative (tier-scored) leaf says how it was scored, in this column
    # ("reason" or "remark"); None asks nothing (DOMAIN).
    qualitative_note: Optional[str] = None

    def is_over_deviation(self, excess: Decimal) -> bool:
        """Whether an actual value ``excess`` × target above its target is an over-achievement."""
        if self.deviation_inclusive:
            return excess >= self.deviation_threshold
        return excess > self.deviation_threshold

    def tier_band(self, tier: str) -> tuple[Decimal, Decimal]:
        for name, low, high in self.tiers:
            if name == tier:
                return low, high
        raise KeyError(tier)


@dataclass(frozen=True)
class TemplateLabels:
    """The wording a template prints besides its title: block labels, column heads, closing lines.

    Only what the template file states is kept; the exporters fill the rest with the guizhou-2024
    wording (``exporters.form_labels``), so a user's template needs to name only what differs.
    ``closing`` lists (label, draft field) pairs printed under the 自评结论; None means the default.
    """

    texts: tuple[tuple[str, str], ...] = ()
    funds_headers: Optional[tuple[str, ...]] = None
    indicator_headers: Optional[tuple[str, ...]] = None
    closing: Optional[tuple[tuple[str, str], ...]] = None

    def text(self, key: str, default: str) -> str:
        return next((value for name, value in self.texts if name == key), default)


@dataclass(frozen=True)
class PageSettings:
    """How a template's form is printed: margins, body text size and cell paddings (in mm / pt)."""

    margin_mm: Decimal = Decimal(10)
    font_size: Decimal = Decimal(9)
    padding_mm: Decimal = Decimal("0.6")


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    title: str
    orientation: str
    money_unit: str
    funds_weight: Decimal
    funds_rows: tuple[FundsRowSpec, ...]
    dimensions: tuple[DimensionSpec, ...]
    reason_title: str
    remark_title: Optional[str]
    show_conclusion: bool
    show_contact: bool
    show_fill_date: bool
    rules: ScoringRules
    source: str = ""
    region: str = ""
    year: int = 0
    kind: str = "project"  # or "department" (部门整体支出绩效自评表)
    indicator_weight: Optional[Decimal] = None  # total of the indicator weights; None: sum of dimensions
    funds_reason_below: Optional[Decimal] = None  # execution rate (%) below which 原因 is required
    funds_note: str = ""  # a rule printed under the funds block (四川 "预算执行率=…"); "" prints nothing
    layout: Layout = DEFAULT_LAYOUT  # header fields, columns, closing blocks (model.template_layout)

    @property
    def free_weights(self) -> bool:
        return any(d.free for d in self.dimensions)

    @property
    def indicators_total(self) -> Decimal:
        """The points all indicators together are worth (90 with funds 10)."""
        if self.indicator_weight is not None:
            return self.indicator_weight
        return sum((d.weight for d in self.dimensions), Decimal(0))

    @property
    def note_title(self) -> Optional[str]:
        """The column a qualitative leaf's scoring basis goes in (``rules.qualitative_note``), by its
        printed title; None when the template asks for none."""
        if self.rules.qualitative_note is None:
            return None
        return self.reason_title if self.rules.qualitative_note == "reason" else (self.remark_title or "备注")
    labels: TemplateLabels = field(default_factory=TemplateLabels)
    page: PageSettings = field(default_factory=PageSettings)
