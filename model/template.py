"""Regional templates, loaded from JSON data files.

Everything that differs between regions (funds rows and how they add up, weights, column titles,
scoring parameters) is data here, so a bureau can add its layout by dropping a file into the
user template folder without a new release of the program.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Optional

from model.paths import bundled_templates_dir, user_templates_dir

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
    labels: TemplateLabels = field(default_factory=TemplateLabels)
    page: PageSettings = field(default_factory=PageSettings)


def _require(data: dict, key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise TemplateError(f"{where} 缺少字段“{key}”")
    value = data[key]
    if kind is Decimal:
        return _decimal(value, f"{where}.{key}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TemplateError(f"{where}.{key} 的类型不对")
    return value


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TemplateError(f"{where} 应为数字")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise TemplateError(f"{where} 应为数字") from None
    if not number.is_finite():
        raise TemplateError(f"{where} 应为有限的数字")
    return number


def _parse_rules(data: dict) -> ScoringRules:
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
            title=str(data.get("title", "项目支出绩效目标自评表")),
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
            labels=parse_labels(data.get("labels", {})),
            page=parse_page(data.get("page", {})),
        )
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise TemplateError(f"模板结构不正确:{exc}") from None


CLOSING_FIELDS = ("contact", "phone", "fill_date", "")
LABEL_KEYS = ("year_line", "unit", "fill_date", "project", "department", "impl_unit", "funds", "goals", "expected",
              "achieved", "indicators", "total", "conclusion")


def _strings(value: Any, where: str, count: int) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) != count or not all(isinstance(v, str) for v in value):
        raise TemplateError(f"{where} 应为 {count} 个文字组成的列表")
    return tuple(value)


def parse_labels(data: Any) -> TemplateLabels:
    """The template's "labels": texts by key, the two header rows and the closing lines."""
    if not isinstance(data, dict):
        raise TemplateError("labels 应为一个对象")
    unknown = [k for k in data if k not in LABEL_KEYS + ("funds_headers", "indicator_headers", "closing")]
    if unknown:
        raise TemplateError(f"labels 中有不认识的字段:{'、'.join(unknown)}")
    texts = []
    for key in LABEL_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise TemplateError(f"labels.{key} 应为文字")
            texts.append((key, data[key]))
    if "{year}" not in dict(texts).get("year_line", "{year}"):
        raise TemplateError("labels.year_line 应含有 {year}")
    closing = None
    if "closing" in data:
        lines = data["closing"]
        if not isinstance(lines, list) or not all(isinstance(x, dict) for x in lines):
            raise TemplateError("labels.closing 应为列表,每项形如 {\"label\": \"联系人:\", \"field\": \"contact\"}")
        closing = tuple((_closing_label(x), _closing_field(x)) for x in lines)
    return TemplateLabels(
        texts=tuple(texts),
        funds_headers=_strings(data["funds_headers"], "labels.funds_headers", 7) if "funds_headers" in data else None,
        indicator_headers=(_strings(data["indicator_headers"], "labels.indicator_headers", 7)
                           if "indicator_headers" in data else None),
        closing=closing)


def _closing_label(line: dict[str, Any]) -> str:
    if not isinstance(line.get("label"), str) or not line["label"]:
        raise TemplateError("labels.closing 的每一行都要有文字 label")
    return str(line["label"])


def _closing_field(line: dict[str, Any]) -> str:
    value = line.get("field") or ""
    if value not in CLOSING_FIELDS:
        raise TemplateError(f"labels.closing 的 field 只能是 contact、phone、fill_date 或留空,不能是“{value}”")
    return str(value)


def parse_page(data: Any) -> PageSettings:
    """The template's "page": margin_mm (10–30), font_size (9–12 pt), padding_mm (0.3–3)."""
    if not isinstance(data, dict):
        raise TemplateError("page 应为一个对象")
    limits = {"margin_mm": (Decimal(10), Decimal(30)), "font_size": (Decimal(9), Decimal(12)),
              "padding_mm": (Decimal("0.3"), Decimal(3))}
    values = {}
    for key, (low, high) in limits.items():
        if key in data:
            number = _decimal(data[key], f"page.{key}")
            if not low <= number <= high:
                raise TemplateError(f"page.{key} 应在 {low} 到 {high} 之间")
            values[key] = number
    return PageSettings(**values)


def load_template_file(path: Path) -> Template:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"无法读取模板文件 {path}:{exc}") from None
    try:
        data = json.loads(text)
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
