"""Property tests: bounds and monotonicity of the scorer, and save → load equality."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from model.draft import draft_bytes, form_to_dict, parse_draft
from model.form import Category, Dimension, Form, Funds, FundsRow, Goals, Leaf, Project
from model.scoring import score_leaf
from model.template_registry import get_template

RULES = get_template("guizhou-2024").rules
PROPORTIONAL = get_template("guizhou-2024").rules.__class__(equal_rule="proportional")

amounts = st.decimals(min_value=0, max_value=10 ** 9, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
comparators = st.sampled_from(["≥", ">", "≤", "<", "=", "不低于", "不超过", "＝", ">="])
units = st.sampled_from(["人", "元", "万元", "%", "次", ""])
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(comparators, amounts, units, amounts, units, weights, st.sampled_from([RULES, PROPORTIONAL]))
def test_auto_score_lies_between_zero_and_weight(op, t, t_unit, a, a_unit, w, rules):
    result = score_leaf(Leaf("x", f"{op}{t}{t_unit}", f"{a}{a_unit}", w), rules)
    if result.score is not None:
        assert Decimal(0) <= result.score <= w


@given(texts, texts, weights)
def test_any_text_scores_within_bounds_or_not_at_all(target, actual, w):
    result = score_leaf(Leaf("x", target, actual, w), RULES)
    assert result.score is None or Decimal(0) <= result.score <= w


@given(st.sampled_from(["≥", ">", "不少于"]), amounts, amounts, amounts, weights)
def test_at_least_never_decreases_when_actual_grows(op, t, a1, a2, w):
    low, high = sorted((a1, a2))
    s_low = score_leaf(Leaf("x", f"{op}{t}人", f"{low}人", w), RULES).score
    s_high = score_leaf(Leaf("x", f"{op}{t}人", f"{high}人", w), RULES).score
    assert s_low is not None and s_high is not None
    assert s_high >= s_low


optional_money = st.one_of(st.none(), amounts)
leaves = st.builds(Leaf, texts, texts, texts, weights, st.one_of(st.none(), weights), texts, texts)
categories = st.builds(Category, texts, st.lists(leaves, max_size=4))
dimensions = st.builds(Dimension, texts, weights, st.lists(categories, max_size=3))
forms = st.builds(
    Form,
    template=st.sampled_from(["guizhou-2024", "mof-2020"]),
    year=st.integers(2000, 2100),
    project=st.builds(Project, texts, texts, texts, texts, texts, texts),
    funds=st.builds(Funds, st.sampled_from(["元", "万元"]), weights,
                    st.lists(st.builds(FundsRow, texts, optional_money, optional_money, optional_money), max_size=5)),
    goals=st.builds(Goals, texts, texts),
    indicators=st.lists(dimensions, max_size=3),
    conclusion=texts,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(forms)
def test_save_then_load_gives_an_equal_form(form):
    loaded = parse_draft(draft_bytes(form).decode("utf-8"))
    assert loaded == form
    assert form_to_dict(loaded) == form_to_dict(form)
