"""新建下一年度 and the new empty form from a template."""
from __future__ import annotations

from decimal import Decimal

from model import assess
from model.draft import form_to_dict, load_draft
from model.new_form import new_form
from model.next_year import next_year_form
from model.template_registry import get_template
from tests.builders import make_form


def test_next_year_clears_actuals_and_keeps_targets(forms_dir):
    form = load_draft(forms_dir / "f17.json")
    before = form_to_dict(form)
    new = next_year_form(form)
    assert form_to_dict(form) == before  # the source is untouched
    assert new.year == 2025
    assert new.project.name == form.project.name
    old_leaves = [leaf for _d, _c, leaf in form.iter_leaves()]
    new_leaves = [leaf for _d, _c, leaf in new.iter_leaves()]
    assert [(l.name, l.target, l.weight) for l in new_leaves] == [(l.name, l.target, l.weight) for l in old_leaves]
    assert all(l.actual == "" and l.score is None and l.reason == "" for l in new_leaves)
    assert any(l.score is not None for l in old_leaves)
    assert [r.label for r in new.funds.rows] == [r.label for r in form.funds.rows]
    assert all(r.initial is None and r.budget is None and r.executed is None for r in new.funds.rows)
    assert new.conclusion == "" and new.goals.achieved == "" and new.goals.expected == form.goals.expected
    assert new.funds.weight == form.funds.weight


def test_new_form_follows_template():
    template = get_template("mof-2020")
    form = new_form(template, 2024)
    assert form.template == "mof-2020" and form.year == 2024
    assert [r.label for r in form.funds.rows] == [s.label for s in template.funds_rows]
    assert form.funds.unit == "万元"
    assert [d.name for d in form.indicators] == [d.name for d in template.dimensions]
    for dimension, spec in zip(form.indicators, template.dimensions):
        assert dimension.weight == spec.weight
        assert [c.name for c in dimension.children] == list(spec.categories)
        assert all(len(c.children) == 1 for c in dimension.children)
    evaluation = assess(form)
    assert evaluation.funds_rate is None and evaluation.total == Decimal("0.00")
    assert any(i.code == "required-field" for i in evaluation.issues)


def test_next_year_clears_last_years_funds_reason_and_closing_texts_but_keeps_ticks():
    form = make_form()
    form.funds.reason = "项目延期"
    form.closing = {"problems": "宣传不足", "measures": "加强宣传"}
    form.header = {"project_category": "财政专项"}
    new = next_year_form(form)
    assert (new.funds.reason, new.closing, new.header) == ("", {}, {"project_category": "财政专项"})
    assert form.closing["problems"] == "宣传不足"  # the old form is untouched
