"""`main.py templates [--json]`: the templates a user has, built-in and their own.

A user who adds their region's layout checks the file here: every good template is listed with its
figures, every malformed file with a Chinese message naming the file and the field, and the exit
code says whether anything is wrong (0 all good, 1 a file is malformed), so nothing is silently
dropped.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Optional, TextIO

from model.template import ScoringRules, Template
from model.template_registry import TemplateEntry, TemplateRegistry
from model.values import format_score

EXIT_OK, EXIT_MALFORMED = 0, 1
KIND_NAMES = {"project": "项目支出", "department": "部门整体支出"}


def _weight(number: Any) -> Optional[str]:
    return None if number is None else format_score(number)


def template_summary(template: Template) -> dict[str, Any]:
    """The JSON object of one template (DOMAIN contract); weights as decimal strings, a free
    level-1 weight as null."""
    return {
        "id": template.id,
        "title": template.title,
        "region": template.region,
        "year": template.year or None,
        "kind": template.kind,
        "money_unit": template.money_unit,
        "funds_weight": _weight(template.funds_weight),
        "dimensions": [{"name": d.name, "weight": None if d.free else _weight(d.weight)}
                       for d in template.dimensions],
    }


def _entries(registry: TemplateRegistry) -> list[TemplateEntry]:
    """The templates in effect (a user's file replaces a built-in one of the same id) and every
    malformed file, in folder order."""
    effective = {id(t) for t in registry.templates.values()}
    return [e for e in registry.entries if e.template is None or id(e.template) in effective]


def format_text(entry: TemplateEntry) -> str:
    if entry.template is None:
        return f"错误:{entry.error}"
    t = entry.template
    if t.free_weights:
        split = "、".join(d.name for d in t.dimensions) + f"(分值不固定,合计 {format_score(t.indicators_total)} 分)"
    else:
        split = "、".join(f"{d.name} {format_score(d.weight)} 分" for d in t.dimensions)
    origin = "内置" if entry.builtin else f"用户模板 {entry.path}"
    notes = rule_notes(t)
    return (f"{t.id}:{t.title}({t.region or '未注明地区'} {t.year or ''}年,{KIND_NAMES[t.kind]},{origin})\n"
            f"  金额单位 {t.money_unit};资金 {format_score(t.funds_weight)} 分;{split}"
            + (f"\n  计分:{';'.join(notes)}" if notes else ""))


def run_templates(as_json: bool, out: TextIO, err: TextIO,
                  registry: Optional[TemplateRegistry] = None) -> int:
    registry = registry or TemplateRegistry()
    entries = _entries(registry)
    if as_json:
        listed = [template_summary(e.template) if e.template is not None else {"file": str(e.path), "error": e.error}
                  for e in entries]
        out.write(json.dumps({"templates": listed}, ensure_ascii=False, indent=1) + "\n")
    else:
        for entry in entries:
            print(format_text(entry), file=out if entry.template is not None else err)
    return EXIT_MALFORMED if any(e.template is None for e in entries) else EXIT_OK


_DEFAULT_RULES = ScoringRules()


def _percent(share: Decimal) -> str:
    return f"{format_score(share * 100)}%"


def _deviation_note(rules: ScoringRules) -> str:
    over = f"超出目标{'达到' if rules.deviation_inclusive else '超过'} {_percent(rules.deviation_threshold)} "
    if rules.deviation_mode == "require":
        return f"{over}须说明原因"
    if rules.deviation_mode == "deduct":
        return f"{over}扣 {format_score(rules.deviation_points)} 分"
    if rules.deviation_threshold != _DEFAULT_RULES.deviation_threshold or rules.deviation_inclusive:
        return f"{over}建议说明原因"
    return ""


def rule_notes(t: Template) -> list[str]:
    """How a template's scoring departs from DOMAIN's defaults, in a clerk's words ([] for none):
    so the clerk choosing a layout, and whoever wrote the file, see the options were read."""
    rules = t.rules
    notes = [f"预算执行率低于 {format_score(t.funds_reason_below)}% 须说明原因"] if t.funds_reason_below else []
    notes.append(_deviation_note(rules))
    if rules.deviation_deduct_ratio > 0:
        notes.append(f"超额完成未说明原因扣分值的 {_percent(rules.deviation_deduct_ratio)}")
    if rules.reverse_rule == "linear":
        notes.append("反向指标未达到按 分值×(1−超出÷目标) 计分,超出一倍得 0 分")
    if rules.equal_rule == "proportional":
        notes.append("“=”指标未达到按比例计分")
    if rules.equal_zero == "at_most":
        notes.append("“=0”指标实际不大于 0 得满分")
    if rules.bare_target == "qualitative":
        notes.append("未写比较符的指标按定性指标计分")
    if rules.tiers != _DEFAULT_RULES.tiers:
        notes.append("定性档次:" + "、".join(f"{_percent(low)}–{_percent(high)}" for _, low, high in rules.tiers))
    if rules.grades != _DEFAULT_RULES.grades:
        notes.append("等级:" + "、".join(f"{word} ≥ {format_score(line)}" for line, word in rules.grades))
    if rules.rate_caps:
        notes.append("总分按预算执行率封顶:" + "、".join(
            f"{format_score(c.low)}%–{format_score(c.high)}% 最高 {format_score(c.cap)} 分" for c in rules.rate_caps))
    if rules.progress_gap is not None:
        notes.append(f"指标得分率领先预算执行率超过 {_percent(rules.progress_gap)} 时提示")
    if rules.progress_rate_below is not None:
        notes.append(f"预算执行率低于 {format_score(rules.progress_rate_below)}% 时提示")
    if t.note_title is not None:
        notes.append(f"定性指标须在{t.note_title}中写明评分依据")
    return [note for note in notes if note]


def describe_template(t: Template) -> str:
    """A few lines on a template's form for the 新建 dialog: where it is from, its kind, the funds rows
    and the weights, and what its header and end ask for, so a clerk can tell the layouts apart."""
    if t.free_weights:
        split = "、".join(d.name for d in t.dimensions) + f"(分值由表单自定,合计 {format_score(t.indicators_total)} 分)"
    else:
        split = "、".join(f"{d.name} {format_score(d.weight)} 分" for d in t.dimensions)
    rows = " / ".join(r.label for r in t.funds_rows)
    lines = [t.title,
             f"地区:{t.region or '未注明'}  年份:{t.year or '未注明'}  类型:{KIND_NAMES[t.kind]}",
             f"资金({t.money_unit},{format_score(t.funds_weight)} 分):{rows}",
             f"绩效指标:{split}"]
    ticks = [f.title for f in t.layout.extra_header_fields()]
    if ticks:
        lines.append(f"表头另有:{'、'.join(ticks)}")
    blocks = [b.title for b in t.layout.closing_blocks]
    if blocks or t.layout.signatures:
        end = "、".join(blocks) or "无"
        lines.append(f"表尾:{end}" + (f";签字:{'、'.join(t.layout.signatures)}" if t.layout.signatures else ""))
    notes = rule_notes(t)
    if notes:
        lines.append("计分:")
        lines += [f"· {note}" for note in notes]
    return "\n".join(lines)
