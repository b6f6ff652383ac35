"""`main.py check`: every form's figures and problems, as text or as JSON (the DOMAIN.md contract).

Exit codes: 0 no form has an error, 1 at least one has, 2 a file could not be read.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Optional, TextIO

from model.form import leaf_path
from model.report import AssessedForm, load_many
from model.scoring import fmt

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _str(number: Optional[Decimal]) -> Optional[str]:
    return None if number is None else str(number)


def form_summary(item: AssessedForm) -> dict[str, Any]:
    """The JSON object of one form: numbers as decimal strings, paths as "一级/二级/三级"."""
    evaluation = item.evaluation
    return {
        "file": item.source,
        "project": item.form.project.name,
        "funds_rate": _str(evaluation.funds_rate),
        "funds_score": _str(evaluation.funds_score),
        "total": _str(evaluation.total),
        "grade": evaluation.grade,
        "leaves": [{"path": leaf_path(d, c, leaf), "weight": fmt(leaf.weight),
                    "score": _str(evaluation.leaf(leaf).score), "auto": evaluation.leaf(leaf).auto}
                   for d, c, leaf in item.form.iter_leaves()],
        "issues": [issue.as_dict() for issue in evaluation.issues],
    }


def format_text(item: AssessedForm) -> str:
    evaluation = item.evaluation
    errors, warnings = evaluation.counts()
    rate = f"{evaluation.funds_rate}%" if evaluation.funds_rate is not None else "无法计算"
    lines = [f"{item.source}: {item.name}",
             f"  执行率 {rate}  资金得分 {evaluation.funds_score}  总分 {evaluation.total}  等级 {evaluation.grade}"
             f"  错误 {errors}  警告 {warnings}"]
    if evaluation.cap_note:
        lines.append(f"  {evaluation.cap_note}")
    for issue in evaluation.issues:
        label = "错误" if issue.severity == "error" else "警告"
        lines.append(f"{item.source}: {issue.where}: {label}:{issue.message} [{issue.code}]")
    return "\n".join(lines)


def run_check(files: list[str], as_json: bool, out: TextIO, err: TextIO) -> int:
    forms, unreadable = load_many(files, err)
    if as_json:
        out.write(json.dumps({"forms": [form_summary(f) for f in forms]}, ensure_ascii=False, indent=1) + "\n")
    else:
        for item in forms:
            print(format_text(item), file=out)
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(f.evaluation.counts()[0] for f in forms) else EXIT_OK
