"""Reading a template file: JSON data into a :class:`model.template.Template`.

Every mistake raises :class:`~model.template.TemplateError` with a message that names the field,
in Chinese: a bureau's clerk who wrote the file must be able to find it.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from model.funds_match import row_key
from model.messages import json_problem, os_reason
from model.template import (BARE_TARGET_RULES, DEVIATION_MODES, EQUAL_RULES, EQUAL_ZERO_RULES, REVERSE_RULES,
                            TIER_NAMES, DimensionSpec, FundsRowSpec, PageSettings, RateCap, ScoringRules,
                            Template, TemplateError, TemplateLabels)
from model.template_layout import KINDS, LayoutError, parse_layout
from model.values import NumberError, read_decimal, read_weight

HUNDRED = Decimal(100)


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise TemplateError(f"{where} 缺少字段“{key}”")
    value = data[key]
    if kind is Decimal:  # a weight: "10" or "10分", as a draft or the window reads it
        return _decimal(value, f"{where}.{key}", read_weight)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TemplateError(f"{where}.{key} 的类型不对(应为{_KIND_NAMES.get(kind, kind.__name__)})")
    return value


_KIND_NAMES = {str: "文字", dict: "对象 {…}", list: "列表 […]", int: "整数"}


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


def _choice(data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = data.get(key, allowed[0])
    if value not in allowed:
        raise TemplateError(f"scoring.{key} 只能是 {' 或 '.join(allowed)},而不是“{value}”")
    return str(value)


def _grades(value: Any) -> tuple[tuple[Decimal, str], ...]:
    if not isinstance(value, list) or not value:
        raise TemplateError("scoring.grades 应为 [[分数线, 等级], …] 的列表")
    grades = []
    for n, item in enumerate(value):
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], str):
            raise TemplateError(f"scoring.grades[{n}] 应为 [分数线, 等级],如 [90, \"优\"]")
        grades.append((_decimal(item[0], f"scoring.grades[{n}]"), item[1]))
    return tuple(grades)


def _rate_caps(value: Any) -> tuple[RateCap, ...]:
    """Caps of the total by execution rate: {"low": 70, "high": 80, "cap": 89} (low defaults to 0)."""
    if not isinstance(value, list):
        raise TemplateError("scoring.rate_caps 应为列表")
    caps = []
    for n, item in enumerate(value):
        where = f"scoring.rate_caps[{n}]"
        if not isinstance(item, dict):
            raise TemplateError(f"{where} 应为对象,如 {{\"low\": 70, \"high\": 80, \"cap\": 89}}")
        cap = RateCap(_decimal(item.get("low", 0), f"{where}.low"), _require(item, "high", Decimal, where),
                      _require(item, "cap", Decimal, where))
        if cap.low >= cap.high:
            raise TemplateError(f"{where} 的 low 应小于 high")
        caps.append(cap)
    return tuple(caps)


SCORING_KEYS = ("equal_rule", "tiers", "deviation", "grades", "rate_caps", "reverse_rule", "equal_zero",
                "bare_target", "progress", "qualitative_note")
PROGRESS_KEYS = ("gap", "rate_below")
DEVIATION_KEYS = ("mode", "threshold", "points", "deduct_ratio", "inclusive")


def _known_keys(data: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    """A misspelt key (rate_cap for rate_caps) would silently score by the defaults: refuse it."""
    unknown = [str(k) for k in data if k not in known]
    if unknown:
        raise TemplateError(f"{where} 中有不认识的字段:{'、'.join(unknown)}(可用:{'、'.join(known)})")


def _progress(data: Any) -> tuple[Optional[Decimal], Optional[Decimal]]:
    """scoring.progress: ``gap`` (0.05: indicators 5 % ahead of execution) and ``rate_below`` (80: %)."""
    if not isinstance(data, dict):
        raise TemplateError("scoring.progress 应为对象")
    _known_keys(data, PROGRESS_KEYS, "scoring.progress")
    gap = None if data.get("gap") is None else _decimal(data["gap"], "scoring.progress.gap")
    if gap is not None and not 0 <= gap < 1:
        raise TemplateError("scoring.progress.gap 应为 0 到 1 之间的比例(0.05 即 5%)")
    rate = None if data.get("rate_below") is None else _decimal(data["rate_below"], "scoring.progress.rate_below")
    if rate is not None and not 0 < rate <= HUNDRED:
        raise TemplateError("scoring.progress.rate_below 应为 0 到 100 之间的执行率(%)")
    return gap, rate


def _qualitative_note(value: Any, remark_title: Optional[str]) -> Optional[str]:
    """scoring.qualitative_note: where every qualitative leaf writes its scoring basis (广西). ``true``
    is the reason column; a remark note needs the template to have a 备注 column to write it in."""
    if value is None or value is False:
        return None
    field = "reason" if value is True else value
    if field not in ("reason", "remark"):
        raise TemplateError("scoring.qualitative_note 只能是 true、\"reason\"(原因列)或 \"remark\"(备注列)")
    if field == "remark" and not remark_title:
        raise TemplateError("scoring.qualitative_note 为 \"remark\",但模板没有备注列(columns.remark)")
    return str(field)


def _parse_rules(data: dict[str, Any], remark_title: Optional[str]) -> ScoringRules:
    _known_keys(data, SCORING_KEYS, "scoring")
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
    if not isinstance(deviation, dict):
        raise TemplateError("scoring.deviation 应为对象")
    _known_keys(deviation, DEVIATION_KEYS, "scoring.deviation")
    grades = _grades(data.get("grades", [[90, "优"], [80, "良"], [60, "中"], [0, "差"]]))
    caps = _rate_caps(data.get("rate_caps", []))
    mode = deviation.get("mode", "suggest")
    if mode not in DEVIATION_MODES:
        raise TemplateError("scoring.deviation.mode 只能是 suggest、require 或 deduct")
    points = _decimal(deviation.get("points", 0), "scoring.deviation.points")
    if points < 0 or (mode == "deduct" and points == 0):
        raise TemplateError("scoring.deviation.points 应为大于 0 的扣分数(mode 为 deduct 时必填)")
    gap, rate_below = _progress(data.get("progress", {}))
    inclusive = deviation.get("inclusive", False)
    if not isinstance(inclusive, bool):
        raise TemplateError("scoring.deviation.inclusive 只能是 true 或 false")
    return ScoringRules(
        qualitative_note=_qualitative_note(data.get("qualitative_note"), remark_title),
        deviation_inclusive=inclusive,
        progress_gap=gap,
        progress_rate_below=rate_below,
        reverse_rule=_choice(data, "reverse_rule", REVERSE_RULES),
        equal_zero=_choice(data, "equal_zero", EQUAL_ZERO_RULES),
        bare_target=_choice(data, "bare_target", BARE_TARGET_RULES),
        deviation_mode=mode,
        deviation_points=points,
        equal_rule=equal_rule,
        tiers=tuple(tiers),
        deviation_threshold=_decimal(deviation.get("threshold", "0.2"), "scoring.deviation"),
        deviation_deduct_ratio=_decimal(deviation.get("deduct_ratio", 0), "scoring.deviation"),
        grades=tuple(sorted(grades, reverse=True)),
        rate_caps=caps,
    )


def _objects(data: dict[str, Any], key: str, owner: str, prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each object of the list ``data[key]`` with where it stands ("funds.rows[2]")."""
    for n, item in enumerate(_require(data, key, list, owner)):
        where = f"{prefix}[{n}]"
        if not isinstance(item, dict):
            raise TemplateError(f"{where} 应为对象")
        yield where, item


def _text_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise TemplateError(f"{where} 应为文字列表")
    return tuple(value)


def _funds_rows(funds: dict[str, Any]) -> tuple[FundsRowSpec, ...]:
    rows = []
    for where, item in _objects(funds, "rows", "funds", "funds.rows"):
        rows.append(FundsRowSpec(_require(item, "label", str, where),
                                 _text_list(item.get("sum_of", []), f"{where}.sum_of"),
                                 _text_list(item.get("aliases", []), f"{where}.aliases")))
    if not rows:
        raise TemplateError("funds.rows 至少要有一行(第一行为合计)")
    labels = {r.label for r in rows}
    owner: dict[str, str] = {}
    for row in rows:
        for name in (row.label, *row.aliases):
            other = owner.setdefault(row_key(name), row.label)
            if other != row.label:
                raise TemplateError(f"资金行“{row.label}”的名称“{name}”与资金行“{other}”重复")
    for row in rows:
        missing = [x for x in row.sum_of if x not in labels]
        if missing:
            raise TemplateError(f"资金行“{row.label}”引用了不存在的行:{'、'.join(missing)}")
    return tuple(rows)


def _dimensions(data: dict[str, Any]) -> tuple[DimensionSpec, ...]:
    dimensions = []
    for where, item in _objects(data, "dimensions", "模板", "dimensions"):
        name = _require(item, "name", str, where)
        if "weight" not in item:
            raise TemplateError(f"{where} 缺少字段“weight”(不固定分值时写 null)")
        free = item["weight"] is None
        weight = Decimal(0) if free else _decimal(item["weight"], f"{where}.weight")
        dimensions.append(DimensionSpec(name, weight, _text_list(_require(item, "categories", list, where),
                                                                 f"{where}.categories"), free))
    return tuple(dimensions)


def _indicator_weight(data: dict[str, Any], dimensions: tuple[DimensionSpec, ...],
                      funds_weight: Decimal) -> Optional[Decimal]:
    """The fixed total of the indicator weights, checked to make 100 with the funds."""
    given = data.get("indicator_weight")
    fixed_sum = sum((d.weight for d in dimensions if not d.free), Decimal(0))
    if given is None:
        if any(d.free for d in dimensions):
            raise TemplateError("有一级指标的 weight 为 null(不固定),须用 indicator_weight 写明指标总分")
        total = fixed_sum
    else:
        total = _decimal(given, "indicator_weight")
        if all(not d.free for d in dimensions) and fixed_sum != total:
            raise TemplateError(f"indicator_weight 为 {total},但各一级指标 weight 之和为 {fixed_sum}")
        if fixed_sum > total:
            raise TemplateError(f"dimensions 中固定的一级指标 weight 合计 {fixed_sum},超过 indicator_weight {total}")
    if total + funds_weight != HUNDRED:
        raise TemplateError(f"资金分值 funds.weight {funds_weight} 与指标总分 {total} 之和应为 100")
    return None if given is None else total


def _header(data: dict[str, Any]) -> tuple[str, int, str]:
    region = data.get("region", "")
    if not isinstance(region, str):
        raise TemplateError("region 应为文字(地区名称,如“四川”)")
    year = data.get("year", 0)
    if not isinstance(year, int) or isinstance(year, bool) or not (year == 0 or 1900 <= year <= 2999):
        raise TemplateError("year 应为 1900 到 2999 之间的整数年份")
    kind = data.get("kind", "project")
    if kind not in KINDS:
        raise TemplateError("kind 只能是 project(项目支出)或 department(部门整体支出)")
    return region, year, str(kind)


def _reason_below(funds: dict[str, Any]) -> Optional[Decimal]:
    if funds.get("reason_below") is None:
        return None
    rate = _decimal(funds["reason_below"], "funds.reason_below")
    if not 0 < rate <= HUNDRED:
        raise TemplateError("funds.reason_below 应为 0 到 100 之间的执行率(%)")
    return rate


def _funds_note(funds: dict[str, Any]) -> str:
    """The line printed under the funds block, as written (surrounding spaces dropped)."""
    note = funds.get("note", "")
    if not isinstance(note, str):
        raise TemplateError("funds.note 应为文字(印在资金栏下方的一行说明,如“预算执行率=预算执行数/调整后预算数”)")
    return note.strip()


def template_from_dict(data: Any, source: str = "") -> Template:
    """Build a template from parsed JSON, raising :class:`TemplateError` with a message that names the
    field (a user who wrote the file must be able to find the mistake)."""
    if not isinstance(data, dict):
        raise TemplateError("模板文件的内容应为一个 JSON 对象")
    try:
        template_id = _require(data, "id", str, "模板")
        if not template_id.strip():
            raise TemplateError("模板.id 不能为空")
        funds = _require(data, "funds", dict, "模板")
        funds_weight = _require(funds, "weight", Decimal, "funds")
        rows = _funds_rows(funds)
        dimensions = _dimensions(data)
        indicator_weight = _indicator_weight(data, dimensions, funds_weight)
        region, year, kind = _header(data)
        columns = data.get("columns", {})
        fields = data.get("fields", {})
        if not isinstance(columns, dict) or not isinstance(fields, dict):
            raise TemplateError("columns 和 fields 应为对象")
        reason_title = str(columns.get("reason") or "未完成原因分析")
        remark_title = columns.get("remark")
        money_unit = str(funds.get("unit", "元"))
        show = {key: bool(fields.get(key, True)) for key in ("conclusion", "contact", "fill_date")}
        layout = parse_layout(data, funds, reason_title=reason_title, remark_title=remark_title,
                              show_conclusion=show["conclusion"], show_contact=show["contact"],
                              show_fill_date=show["fill_date"], money_unit=money_unit)
        return Template(
            id=template_id,
            name=str(data.get("name", template_id)),
            title=str(data.get("title", "项目支出绩效目标自评表")),
            orientation=str(data.get("orientation", "landscape")),
            money_unit=money_unit,
            funds_weight=funds_weight,
            funds_rows=rows,
            dimensions=dimensions,
            reason_title=reason_title,
            remark_title=remark_title,
            show_conclusion=show["conclusion"],
            show_contact=show["contact"],
            show_fill_date=show["fill_date"],
            rules=_parse_rules(_require(data, "scoring", dict, "模板"), remark_title),
            source=source,
            region=region, year=year, kind=kind,
            indicator_weight=indicator_weight,
            funds_reason_below=_reason_below(funds),
            funds_note=_funds_note(funds),
            layout=layout,
            labels=parse_labels(data.get("labels", {})),
            page=parse_page(data.get("page", {})),
        )
    except LayoutError as exc:
        raise TemplateError(str(exc)) from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        if isinstance(exc, TemplateError):
            raise
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
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"无法读取模板文件 {path}:{os_reason(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad saves UTF-8 with a byte-order mark
    except UnicodeDecodeError:
        raise TemplateError(f"模板文件 {path} 不是 UTF-8 文本(请用“UTF-8”编码另存)") from None
    try:
        data = json.loads(text, parse_float=Decimal)  # 0.2 as written, never a binary float
    except json.JSONDecodeError as exc:
        raise TemplateError(f"模板文件 {path} 不是有效的 JSON({json_problem(exc)})") from None
    try:
        return template_from_dict(data, str(path))
    except TemplateError as exc:
        raise TemplateError(f"模板文件 {path}:{exc}") from None
