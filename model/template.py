"""Regional templates, loaded from JSON data files.

Everything that differs between regions (funds rows and how they add up, weights, column titles,
scoring parameters) is data here, so a bureau can add its layout by dropping a file into the
user template folder without a new release of the program.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Optional

from model.paths import bundled_templates_dir, user_templates_dir
from model.values import NumberError, read_decimal, read_weight

EQUAL_RULES = ("strict", "proportional")
TIER_NAMES = ("full", "partial", "none")


class TemplateError(ValueError):
    """A template file that cannot be used; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class FundsRowSpec:
    label: str
    sum_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class DimensionSpec:
    name: str
    weight: Decimal
    categories: tuple[str, ...]


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

    def tier_band(self, tier: str) -> tuple[Decimal, Decimal]:
        for name, low, high in self.tiers:
            if name == tier:
                return low, high
        raise KeyError(tier)


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


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise TemplateError(f"{where} 缺少字段“{key}”")
    value = data[key]
    if kind is Decimal:  # a weight: "10" or "10分", as a draft or the window reads it
        return _decimal(value, f"{where}.{key}", read_weight)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TemplateError(f"{where}.{key} 的类型不对")
    return value


def _decimal(value: Any, where: str,
             read: Callable[[object, str], Optional[Decimal]] = read_decimal) -> Decimal:
    """Weights, tier bands, thresholds, caps: read as every figure is (model.values), none negative."""
    try:
        number = read(value, "")
    except NumberError as exc:
        raise TemplateError(f"{where} {exc}") from None
    if number is None:
        raise TemplateError(f"{where} 不能为空")
    return number


def _parse_rules(data: dict[str, Any]) -> ScoringRules:
    equal_rule = data.get("equal_rule", "strict")
    if equal_rule not in EQUAL_RULES:
        raise TemplateError("scoring.equal_rule 只能是 strict 或 proportional")
    tiers_data = _require(data, "tiers", dict, "scoring")
    tiers = []
    for name in TIER_NAMES:
        band = tiers_data.get(name)
        if not isinstance(band, list) or len(band) != 2:
            raise TemplateError(f"scoring.tiers.{name} 应为 [下限, 上限]")
        low, high = (_decimal(v, f"scoring.tiers.{name}") for v in band)
        if not (0 <= low < high <= 1):
            raise TemplateError(f"scoring.tiers.{name} 的区间应在 0 到 1 之间且下限小于上限")
        tiers.append((name, low, high))
    deviation = data.get("deviation", {})
    grades = tuple((_decimal(g[0], "scoring.grades"), str(g[1])) for g in data.get(
        "grades", [[90, "优"], [80, "良"], [60, "中"], [0, "差"]]))
    caps = tuple(RateCap(_decimal(c.get("low", 0), "scoring.rate_caps"),
                         _decimal(c["high"], "scoring.rate_caps"),
                         _decimal(c["cap"], "scoring.rate_caps"))
                 for c in data.get("rate_caps", []))
    return ScoringRules(
        equal_rule=equal_rule,
        tiers=tuple(tiers),
        deviation_threshold=_decimal(deviation.get("threshold", "0.2"), "scoring.deviation"),
        deviation_deduct_ratio=_decimal(deviation.get("deduct_ratio", 0), "scoring.deviation"),
        grades=tuple(sorted(grades, reverse=True)),
        rate_caps=caps,
    )


def template_from_dict(data: Any, source: str = "") -> Template:
    """Build a template from parsed JSON, raising :class:`TemplateError` with a clear message."""
    if not isinstance(data, dict):
        raise TemplateError("模板文件的内容应为一个 JSON 对象")
    try:
        funds = _require(data, "funds", dict, "模板")
        rows = tuple(FundsRowSpec(str(_require(r, "label", str, "funds.rows")),
                                  tuple(str(x) for x in r.get("sum_of", [])))
                     for r in _require(funds, "rows", list, "funds"))
        if not rows:
            raise TemplateError("funds.rows 至少要有一行(第一行为合计)")
        labels = {r.label for r in rows}
        for row in rows:
            missing = [x for x in row.sum_of if x not in labels]
            if missing:
                raise TemplateError(f"资金行“{row.label}”引用了不存在的行:{'、'.join(missing)}")
        dimensions = tuple(
            DimensionSpec(_require(d, "name", str, "dimensions"), _require(d, "weight", Decimal, "dimensions"),
                          tuple(str(c) for c in _require(d, "categories", list, "dimensions")))
            for d in _require(data, "dimensions", list, "模板"))
        columns = data.get("columns", {})
        fields = data.get("fields", {})
        return Template(
            id=_require(data, "id", str, "模板"),
            name=str(data.get("name", data["id"])),
            title=str(data.get("title", "项目支出绩效自评表")),
            orientation=str(data.get("orientation", "landscape")),
            money_unit=str(funds.get("unit", "元")),
            funds_weight=_require(funds, "weight", Decimal, "funds"),
            funds_rows=rows,
            dimensions=dimensions,
            reason_title=str(columns.get("reason") or "未完成原因分析"),
            remark_title=columns.get("remark"),
            show_conclusion=bool(fields.get("conclusion", True)),
            show_contact=bool(fields.get("contact", True)),
            show_fill_date=bool(fields.get("fill_date", True)),
            rules=_parse_rules(_require(data, "scoring", dict, "模板")),
            source=source,
        )
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise TemplateError(f"模板结构不正确:{exc}") from None


def load_template_file(path: Path) -> Template:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"无法读取模板文件 {path}:{exc}") from None
    try:
        data = json.loads(text, parse_float=Decimal)  # 0.2 as written, never a binary float
    except json.JSONDecodeError as exc:
        raise TemplateError(f"模板文件 {path} 不是有效的 JSON(第 {exc.lineno} 行第 {exc.colno} 列)") from None
    try:
        return template_from_dict(data, str(path))
    except TemplateError as exc:
        raise TemplateError(f"模板文件 {path}:{exc}") from None


class TemplateRegistry:
    """The bundled templates plus the user's folder; later folders override earlier ones."""

    def __init__(self, folders: Optional[list[Path]] = None) -> None:
        self.folders = folders if folders is not None else [bundled_templates_dir(), user_templates_dir()]
        self.templates: dict[str, Template] = {}
        self.errors: list[str] = []  # malformed user templates, shown to the user, never fatal
        for folder in self.folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                try:
                    template = load_template_file(path)
                except TemplateError as exc:
                    self.errors.append(str(exc))
                    continue
                self.templates[template.id] = template

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            known = "、".join(sorted(self.templates)) or "无"
            raise TemplateError(f"未知的模板“{template_id}”(可用模板:{known})") from None

    def ids(self) -> list[str]:
        return sorted(self.templates)


_default_registry: Optional[TemplateRegistry] = None


def default_registry() -> TemplateRegistry:
    """Loaded once per process: templates do not change while the program runs."""
    global _default_registry
    if _default_registry is None:
        _default_registry = TemplateRegistry()
    return _default_registry


def get_template(template_id: str) -> Template:
    return default_registry().get(template_id)
