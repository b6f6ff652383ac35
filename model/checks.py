"""The checks of DOMAIN.md: functions that return issues, never raise.

The window, the command line and the exporters all read the same list, so a problem is described
once, here, with its location (the "一级/二级/三级" path plus the indices and the field, so the
window can jump to the cell).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Optional

from model.form import Form, Leaf, leaf_path, path_part
from model.funds_match import match_rows
from model.scoring import Evaluation, LeafScore, fmt, rate_short_of, round2, score_in_tier, weight_is_free
from model.template import Template
from model.template_layout import HeaderField
from model.values import TIER_LABELS

ERROR = "error"
WARNING = "warning"
HUNDRED = Decimal(100)
# What a person reads for the places that are not indicators (``where`` keeps the codes of the JSON).
PLACE_NAMES = {"project": "表头", "funds": "项目资金", "conclusion": "自评结论", "total": "总分"}
UNNAMED = "(未填名称)"


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning"
    code: str
    where: str  # "一级/二级/三级", a level-1 name, or total / funds / conclusion / project
    message: str
    index: Optional[tuple[int, ...]] = None  # (i,), (i, j) or (i, j, k) into form.indicators
    field: Optional[str] = None  # the cell: reason, score, actual, weight, name, department, …

    @property
    def place(self) -> str:
        """``where`` for a person: 表头, 项目资金 …, or the indicator path with an unnamed
        indicator said as such ("产出指标/质量指标/(未填名称)", not a path ending in "/")."""
        if self.where in PLACE_NAMES:
            return PLACE_NAMES[self.where]
        return "/".join(part or UNNAMED for part in self.where.split("/"))

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "where": self.where, "message": self.message}


def check_leaves(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """Per-leaf checks. Runs after every edit, so the common case (nothing to say) is kept cheap."""
    for i, dimension in enumerate(form.indicators):
        for j, category in enumerate(dimension.children):
            for k, leaf in enumerate(category.children):
                result = evaluation.leaves[id(leaf)]
                if (result.score is not None and result.score >= leaf.weight and result.tier is None
                        and not result.over_deviation and leaf.score is None):
                    continue  # full automatic score, nothing to flag
                yield from _leaf_issues(leaf, result, leaf_path(dimension, category, leaf), (i, j, k), template)


def _leaf_issues(leaf: Leaf, result: LeafScore, where: str, index: tuple[int, int, int],
                 template: Template) -> Iterable[Issue]:
    rules = template.rules
    reason_title = template.reason_title
    has_reason = bool(leaf.reason.strip())
    if leaf.score is not None and not (0 <= leaf.score <= leaf.weight):
        yield Issue(ERROR, "score-out-of-range", where,
                    f"手工得分 {fmt(leaf.score)} 超出 0 至 {fmt(leaf.weight)} 的范围", index, "score")
    if result.score is None:
        yield Issue(ERROR, "score-not-computable", where, f"无法自动计算得分:{result.explanation}", index, "score")
    elif result.score < leaf.weight and not has_reason:
        why = (f"超出目标 {fmt(rules.deviation_threshold * HUNDRED)}% 以上已扣分," if result.over_deviation
               and rules.deviation_mode == "deduct" else "")  # not "unfinished": it did more than planned
        yield Issue(ERROR, "reason-required", where,
                    f"{why}得分 {fmt(result.score)} 低于分值 {fmt(leaf.weight)},须填写{reason_title}", index, "reason")
    if result.over_deviation and not has_reason:
        over = f"实际完成值超出目标 {fmt(rules.deviation_threshold * HUNDRED)}% 以上"
        if rules.deviation_mode == "suggest":
            yield Issue(WARNING, "reason-suggested", where, f"{over},建议在{reason_title}中说明原因", index, "reason")
        elif rules.deviation_mode == "require":
            yield Issue(ERROR, "reason-required", where, f"{over},须在{reason_title}中说明原因", index, "reason")
        # "deduct": the points are gone and reason-required above already asks for the explanation
    yield from _scoring_note(leaf, result, where, index, template)
    if (result.tier is not None and result.score is not None
            and not score_in_tier(result.score, result.tier, leaf.weight, rules)):
        yield Issue(WARNING, "tier-score-mismatch", where,
                    f"实际完成值为“{TIER_LABELS[result.tier]}”档,得分 {fmt(result.score)} 不在该档的分数区间内",
                    index, "score")


def _scoring_note(leaf: Leaf, result: LeafScore, where: str, index: tuple[int, int, int],
                  template: Template) -> Iterable[Issue]:
    """A template that asks every qualitative leaf for its scoring basis (广西), where it has a score.

    In the reason column a leaf short of full marks is already asked for its reason: one error per
    cell is enough, so only a full-marks leaf is asked here."""
    field = template.rules.qualitative_note
    if field is None or result.tier is None or result.score is None:
        return
    text = leaf.reason if field == "reason" else leaf.remark
    if text.strip() or (field == "reason" and result.score < leaf.weight):
        return
    yield Issue(ERROR, "scoring-note-required", where,
                f"定性指标(“{TIER_LABELS[result.tier]}”档,得分 {fmt(result.score)})须在{template.note_title}中写明评分依据",
                index, field)


def check_weights(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """Each level-1 weight against its leaves, and everything against 100. A template with free
    level-1 weights (四川: only the 90 indicator points are fixed) has the total checked alone."""
    total_weight = form.funds.weight
    leaves_total = Decimal(0)
    for i, dimension in enumerate(form.indicators):
        leaves_weight = evaluation.sum_of(dimension).weight
        leaves_total += leaves_weight
        if leaves_weight != dimension.weight and not weight_is_free(dimension, template):
            yield Issue(ERROR, "weight-mismatch", path_part(dimension.name),
                        f"{dimension.name or f'第 {i + 1} 个一级指标'}标明 {fmt(dimension.weight)} 分,但其三级指标分值合计为 "
                        f"{fmt(leaves_weight)} 分", (i,), "weight")
    total_weight += leaves_total
    if template.free_weights and leaves_total != template.indicators_total:
        yield Issue(ERROR, "weight-mismatch", "total",
                    f"三级指标分值合计为 {fmt(leaves_total)} 分,应为 {fmt(template.indicators_total)} 分"
                    f"(各一级指标之间的分配不限)", None, "weight")
    elif total_weight != HUNDRED:
        yield Issue(ERROR, "weight-mismatch", "total",
                    f"资金分值与全部指标分值合计为 {fmt(total_weight)} 分,应为 100 分", None, "weight")


_FUNDS_COLUMNS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


def funds_title(template: Template, key: str, default: str) -> str:
    """A funds column as the template's form calls it (湖北 "预算数(A)", 部门 "年初预算数(A)")."""
    for column in template.layout.funds_columns:
        if column.key == key:
            return column.title
    return default


def check_funds(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """Breakdown sums, with rows matched by meaning (model.funds_match). A part row that is missing
    or empty counts as 0; when no part has a figure in a column, the form gives no breakdown there
    and there is nothing to compare."""
    rows = match_rows(template, form.funds.rows)
    shown = {column.key for column in template.layout.funds_columns}
    columns = [(attr, default) for attr, default in _FUNDS_COLUMNS if not shown or attr in shown]
    for spec in template.funds_rows:
        whole_row = rows.get(spec.label)
        if not spec.sum_of or whole_row is None:
            continue
        parts = [rows[label] for label in spec.sum_of if label in rows]
        for attr, default in columns:  # not a column the template's form does not print (部门: 年初预算数)
            title = funds_title(template, attr, default)
            whole = getattr(whole_row, attr)
            figures = [getattr(p, attr) for p in parts if getattr(p, attr) is not None]
            if whole is None or not figures:
                continue
            total = sum(figures, Decimal(0))
            if total != whole:
                yield Issue(WARNING, "funds-breakdown-mismatch", "funds",
                            f"{spec.label}的{title} {fmt(whole)} 不等于 {'+'.join(spec.sum_of)} 之和 {fmt(total)}",
                            None, attr)
    total_row = form.funds.total
    # A budget of 0 with money spent is over-executed too (besides the required-field error for A).
    if (total_row and total_row.budget is not None and total_row.executed is not None
            and total_row.executed > total_row.budget):
        yield Issue(WARNING, "funds-over-executed", "funds",
                    f"{funds_title(template, 'executed', '全年执行数')} {fmt(total_row.executed)} 超过"
                    f"{funds_title(template, 'budget', '全年预算数')} {fmt(total_row.budget)}", None, "executed")
    yield from _funds_reason(form, template, evaluation)


def _funds_reason(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """四川: "预算执行率未达到90%的需说明原因" — judged on the exact rate (89.996 % has not reached 90 %)."""
    threshold = template.funds_reason_below
    rate = evaluation.funds.exact_rate
    if threshold is None or rate is None or rate >= threshold or form.funds.reason.strip():
        return
    yield Issue(ERROR, "funds-reason-required", "funds",
                f"预算执行率 {rate_short_of(evaluation.funds, threshold)}% 未达到 {fmt(threshold)}%,须在资金的“原因”栏说明原因",
                None, "reason")


def check_progress(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """The provincial platforms' two warnings (REGIONS), where the template asks for them: the
    indicators completed well ahead of the money spent, (S ÷ W − B ÷ A) ÷ (S ÷ W) above the gap
    (S the indicator score, W what the indicators are worth: 90 with funds 10), and an execution
    rate below the template's. A budget of 0 or none is already a required-field error."""
    rules, rate = template.rules, evaluation.funds.exact_rate
    if rate is None:
        return
    worth, score = template.indicators_total, evaluation.leaf_total
    if rules.progress_gap is not None and worth > 0 and score > 0:
        completion = score / worth
        gap = (completion - rate / HUNDRED) / completion
        if gap > rules.progress_gap:
            yield Issue(WARNING, "indicators-ahead-of-funds", "total",
                        f"指标得分率 {round2(completion * HUNDRED)}%(指标得分 {fmt(score)} ÷ {fmt(worth)})"
                        f"高于预算执行率 {evaluation.funds.rate}%,领先幅度 {round2(gap * HUNDRED)}%"
                        f"(超过 {fmt(rules.progress_gap * HUNDRED)}%):请核实指标完成值,或说明资金执行滞后的原因")
    if rules.progress_rate_below is not None and rate < rules.progress_rate_below:
        yield Issue(WARNING, "funds-rate-low", "funds",
                    f"预算执行率 {rate_short_of(evaluation.funds, rules.progress_rate_below)}% 低于 "
                    f"{fmt(rules.progress_rate_below)}%", None, "executed")


# What may follow a grade word and still make it one ("良好。", "优秀等次", "中等"), before the
# word ends: "中央和省级资金…" and "优化了流程…" open with no grade at all.
_AFTER_GRADE = re.compile(r"(?:好|秀)?(?:等次|等级|等|级)?(?![\u4e00-\u9fff])")


def conclusion_grade(text: str, words: Iterable[str]) -> Optional[str]:
    """The grade word (of ``words``, the template's) the 自评结论 opens with, else None.

    Longest words first, so a template's 不合格 is not read as 合格."""
    text = text.strip()
    for word in sorted(set(words), key=len, reverse=True):
        if word and text.startswith(word) and _AFTER_GRADE.match(text, len(word)):
            return word
    return None


def check_conclusion(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    written = conclusion_grade(form.conclusion, (word for _, word in template.rules.grades))
    if written is not None and written != evaluation.grade:
        yield Issue(WARNING, "grade-mismatch", "conclusion",
                    f"自评结论写的是“{written}”,但按总分 {evaluation.total} 计算的等级是“{evaluation.grade}”",
                    None, "conclusion")


def _header_text(form: Form, spec: HeaderField) -> str:
    if spec.in_project:
        return str(getattr(form.project, spec.key))
    return form.header.get(spec.key, "")


def check_required(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    """The header fields the template marks required (项目名称, 主管部门, 实施单位 by default; a
    department form: 部门(单位)), and the total row's budget."""
    for spec in template.layout.header_fields:
        if spec.required and not _header_text(form, spec).strip():
            yield Issue(ERROR, "required-field", "project", f"{spec.title}不能为空", None, spec.key)
    total_row = form.funds.total
    if total_row is None or not total_row.budget:
        label = template.funds_rows[0].label if template.funds_rows else "年度资金总额"
        yield Issue(ERROR, "required-field", "funds",
                    f"{label}的{funds_title(template, 'budget', '全年预算数(A)')}不能为空或为零", None, "budget")


CHECKS: tuple[Callable[[Form, Template, Evaluation], Iterable[Issue]], ...] = (
    check_required, check_funds, check_weights, check_leaves, check_progress, check_conclusion)


def run_checks(form: Form, template: Template, evaluation: Evaluation) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(form, template, evaluation))
    return issues
