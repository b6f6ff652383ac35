"""The checks of DOMAIN.md: functions that return issues, never raise.

The window, the command line and the exporters all read the same list, so a problem is described
once, here, with its location (the "一级/二级/三级" path plus the indices and the field, so the
window can jump to the cell).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Optional

from model.form import Form, Leaf, leaf_path
from model.scoring import Evaluation, LeafScore, fmt, score_in_tier
from model.template import Template
from model.values import TIER_LABELS, normalize

ERROR = "error"
WARNING = "warning"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning"
    code: str
    where: str  # "一级/二级/三级", a level-1 name, or total / funds / conclusion / project
    message: str
    index: Optional[tuple[int, ...]] = None  # (i,), (i, j) or (i, j, k) into form.indicators
    field: Optional[str] = None  # the cell: reason, score, actual, weight, name, department, …

    def as_dict(self) -> dict[str, Optional[str]]:
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
        yield Issue(ERROR, "reason-required", where,
                    f"得分 {fmt(result.score)} 低于分值 {fmt(leaf.weight)},须填写{reason_title}", index, "reason")
    if result.over_deviation and not has_reason:
        yield Issue(WARNING, "reason-suggested", where,
                    f"实际完成值超出目标 {fmt(rules.deviation_threshold * HUNDRED)}% 以上,"
                    f"建议在{reason_title}中说明原因", index, "reason")
    if (result.tier is not None and result.score is not None
            and not score_in_tier(result.score, result.tier, leaf.weight, rules)):
        yield Issue(WARNING, "tier-score-mismatch", where,
                    f"实际完成值为“{TIER_LABELS[result.tier]}”档,得分 {fmt(result.score)} 不在该档的分数区间内",
                    index, "score")


def check_weights(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    total_weight = form.funds.weight
    for i, dimension in enumerate(form.indicators):
        leaves_weight = evaluation.sum_of(dimension).weight
        total_weight += leaves_weight
        if leaves_weight != dimension.weight:
            yield Issue(ERROR, "weight-mismatch", dimension.name,
                        f"{dimension.name}标明 {fmt(dimension.weight)} 分,但其三级指标分值合计为 "
                        f"{fmt(leaves_weight)} 分", (i,), "weight")
    if total_weight != HUNDRED:
        yield Issue(ERROR, "weight-mismatch", "total",
                    f"资金分值与全部指标分值合计为 {fmt(total_weight)} 分,应为 100 分", None, "weight")


def check_funds(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    # "其中:上级补助" typed with a full-width colon or spaces is still the template's row
    rows = {normalize(row.label): row for row in form.funds.rows}
    for spec in template.funds_rows:
        whole_row = rows.get(normalize(spec.label))
        if not spec.sum_of or whole_row is None:
            continue
        parts = [rows[normalize(label)] for label in spec.sum_of if normalize(label) in rows]
        for attr, title in (("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数")):
            whole = getattr(whole_row, attr)
            if whole is None:
                continue
            total = sum((getattr(p, attr) or Decimal(0) for p in parts), Decimal(0))
            if total != whole:
                yield Issue(WARNING, "funds-breakdown-mismatch", "funds",
                            f"{spec.label}的{title} {fmt(whole)} 不等于 {'+'.join(spec.sum_of)} 之和 {fmt(total)}",
                            None, attr)
    total_row = form.funds.total
    if total_row and total_row.budget and total_row.executed is not None and total_row.executed > total_row.budget:
        yield Issue(WARNING, "funds-over-executed", "funds",
                    f"全年执行数 {fmt(total_row.executed)} 超过全年预算数 {fmt(total_row.budget)}", None, "executed")


GRADE_WORDS = ("优", "良", "中", "差")


def check_conclusion(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    text = form.conclusion.strip()
    if text[:1] in GRADE_WORDS and text[:1] != evaluation.grade:
        yield Issue(WARNING, "grade-mismatch", "conclusion",
                    f"自评结论写的是“{text[:1]}”,但按总分 {evaluation.total} 计算的等级是“{evaluation.grade}”",
                    None, "conclusion")


def check_required(form: Form, template: Template, evaluation: Evaluation) -> Iterable[Issue]:
    for attr, title in (("name", "项目名称"), ("department", "主管部门"), ("unit", "实施单位")):
        if not getattr(form.project, attr).strip():
            yield Issue(ERROR, "required-field", "project", f"{title}不能为空", None, attr)
    total_row = form.funds.total
    if total_row is None or not total_row.budget:
        yield Issue(ERROR, "required-field", "funds", "年度资金总额的全年预算数(A)不能为空或为零", None, "budget")


CHECKS: tuple[Callable[[Form, Template, Evaluation], Iterable[Issue]], ...] = (
    check_required, check_funds, check_weights, check_leaves, check_conclusion)


def run_checks(form: Form, template: Template, evaluation: Evaluation) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(form, template, evaluation))
    return issues
