"""生成结论草稿: a first draft of the 自评结论 from the grade and the explanations on the form.

The real forms' conclusions open with the grade word and a full stop, then list the reasons for
the points lost, numbered, each with its 改进措施 ("良。1.因……改进措施:……。2.……"). The
explanations a user already wrote on the indicator rows are exactly those reasons, so the draft
gathers them (once each: the same text is often pasted on several rows) in the order of the form.
"""
from __future__ import annotations

import re
import unicodedata
from model.form import Form
from model.scoring import Evaluation, fmt

IMPROVEMENT = "改进措施"
_END_PUNCT = "。!?;!?;…"
_NUMBERING = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、.)]\s*")


def _key(text: str) -> str:
    """Comparison key: width, spaces and punctuation style do not make a reason different."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s,.;:!?、。;:!?,]", "", text)


def _clean(text: str) -> str:
    text = _NUMBERING.sub("", text.strip())
    text = re.sub(r"\s+", " ", text)
    if text and text[-1] not in _END_PUNCT:
        text += "。"
    return text


def unique_reasons(form: Form) -> list[str]:
    """Every non-empty explanation once, in form order; a reason that is a truncated copy of a
    longer one (forms are often cut off by the cell width) gives way to the longer one."""
    kept: list[tuple[str, str]] = []
    for _dimension, _category, leaf in form.iter_leaves():
        text = _clean(leaf.reason)
        if not text:
            continue
        key = _key(text)
        for n, (other_key, _other) in enumerate(kept):
            if other_key.startswith(key):
                break
            if key.startswith(other_key):
                kept[n] = (key, text)
                break
        else:
            kept.append((key, text))
    return [text for _key_, text in kept]


def _with_improvement(reason: str) -> str:
    if IMPROVEMENT in reason:
        return reason
    return f"{reason}{IMPROVEMENT}:(请填写)。"


def draft_conclusion(form: Form, evaluation: Evaluation) -> str:
    """The draft text; starts with the computed grade word so the grade check agrees with it."""
    grade = evaluation.grade
    reasons = unique_reasons(form)
    if not reasons:
        rate_text = f"{evaluation.funds_rate}%" if evaluation.funds_rate is not None else "无法计算"
        return (f"{grade}。本项目自评总分 {fmt(evaluation.total)} 分,资金执行率 {rate_text},"
                f"各项绩效指标均已完成。经验做法:(请填写)。下步提升方向:(请填写)。")
    items = [f"{n}.{_with_improvement(reason)}" for n, reason in enumerate(reasons, start=1)]
    return f"{grade}。" + "".join(items)
