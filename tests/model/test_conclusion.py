"""生成结论草稿: grade word first, the rows' explanations numbered once each."""
from __future__ import annotations

from model import assess
from model.checks import run_checks
from model.conclusion import draft_conclusion, unique_reasons
from model.draft import load_draft
from model.template_registry import get_template


def _draft(path):
    form = load_draft(path)
    return form, draft_conclusion(form, assess(form))


def test_draft_starts_with_grade_word(forms_dir):
    form, text = _draft(forms_dir / "f01.json")
    assert text.startswith("良。1.")
    assert "2." in text and "改进措施" in text
    form17, text17 = _draft(forms_dir / "f17.json")
    assert text17.startswith("中。1.")


def test_same_reason_written_twice_appears_once(forms_dir):
    form = load_draft(forms_dir / "f17.json")
    reasons = unique_reasons(form)
    # f17 repeats the 慰问 reason on three rows (once truncated, once with full-width commas)
    assert len(reasons) == 2
    assert reasons[0].endswith("提高资金使用效率。")


def test_form_without_reasons_gets_placeholder_text(forms_dir):
    form, text = _draft(forms_dir / "f02.json")
    assert text.startswith("优。")
    assert "1." not in text


def test_draft_passes_grade_check(forms_dir, real_form_paths):
    for path in real_form_paths:
        form = load_draft(path)
        evaluation = assess(form)
        form.conclusion = draft_conclusion(form, evaluation)
        codes = [i.code for i in run_checks(form, get_template(form.template), evaluation)]
        assert "grade-mismatch" not in codes, path.name


def test_reason_without_measures_gets_prompt(forms_dir):
    form = load_draft(forms_dir / "f01.json")
    for _d, _c, leaf in form.iter_leaves():
        leaf.reason = ""
    leaf.reason = "1、人员变动"
    text = draft_conclusion(form, assess(form))
    assert text.endswith("1.人员变动。改进措施:(请填写)。")
