"""`main.py check`: every form's figures and problems, as text or as JSON (the DOMAIN.md contract).

Exit codes: 0 no form has an error, 1 at least one has, 2 a file could not be read. In the JSON, an
unreadable file is an entry ``{"file", "error"}`` in its place among the forms.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Optional, TextIO

from model.form import leaf_path
from model.draft import DraftError
from model.report import AssessedForm, load_assessed
from model.template import TemplateError
from model.template_registry import default_registry
from model.scoring import fmt

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _str(number: Optional[Decimal]) -> Optional[str]:
    """A plain decimal string: a hand-set score written "1E+1" in its draft is "10", never "1E+1"."""
    return None if number is None else format(number, "f")


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
        lines.append(f"{item.source}: {issue.place}: {label}:{issue.message} [{issue.code}]")
    return "\n".join(lines)


def load_each(files: list[str], err: TextIO) -> list[AssessedForm | tuple[str, str]]:
    """Every file in the order given: its assessed form, or ``(file, Chinese error)`` when it cannot
    be read (also printed to ``err``), so a JSON consumer sees which file of a batch failed and why."""
    results: list[AssessedForm | tuple[str, str]] = []
    for path in files:
        try:
            results.append(load_assessed(path))
        except (DraftError, TemplateError) as exc:
            print(f"错误:{exc}", file=err)
            results.append((str(path), str(exc)))
    return results


def warn_broken_templates(err: TextIO) -> None:
    """A user template that cannot be read is not used: a form it was meant for (an override of
    guizhou-2024, say) is checked by the built-in one, so say so rather than keep silent."""
    for problem in default_registry().errors:
        print(f"注意:未使用无法读取的模板文件。{problem}", file=err)


def run_check(files: list[str], as_json: bool, out: TextIO, err: TextIO) -> int:
    warn_broken_templates(err)
    results = load_each(files, err)
    forms = [item for item in results if isinstance(item, AssessedForm)]
    if as_json:
        entries = [form_summary(item) if isinstance(item, AssessedForm) else {"file": item[0], "error": item[1]}
                   for item in results]
        out.write(json.dumps({"forms": entries}, ensure_ascii=False, indent=1) + "\n")
    else:
        for item in forms:
            print(format_text(item), file=out)
    if len(forms) < len(results):
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(f.evaluation.counts()[0] for f in forms) else EXIT_OK
