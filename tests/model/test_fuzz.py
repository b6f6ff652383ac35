"""Fuzzing the value parser, the scorer and the loader with random and mutated real forms.

In CI the example counts stay small; before a release run longer, e.g.
``HYPOTHESIS_PROFILE=release python -m pytest tests/model/test_fuzz.py``.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from model import assess
from model.draft import DraftError, parse_draft
from model.template import TemplateError
from model.scoring import round2
from model.values import MAX_NUMBER, parse_value
from tests.conftest import REAL_FORM_PATHS

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("release", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REAL_TEXTS = [p.read_text(encoding="utf-8") for p in REAL_FORM_PATHS]
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20), st.text(max_size=20),
                        st.floats(allow_nan=True, allow_infinity=True))
JSON_VALUES = st.recursive(JSON_LEAVES, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)), max_leaves=12)


@given(st.text(max_size=60))
def test_parser_never_raises(text):
    value = parse_value(text)
    assert value.number is None or value.number.is_finite()


def _all_paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _all_paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _all_paths(value, prefix + (index,))


def _replace(data, path, value):
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


@given(st.sampled_from(range(len(REAL_TEXTS))), st.data())
def test_mutated_real_forms_load_or_are_refused_cleanly(which, data):
    original = json.loads(REAL_TEXTS[which])
    paths = list(_all_paths(original))
    path = data.draw(st.sampled_from(paths))
    mutated = _replace(json.loads(REAL_TEXTS[which]), path, data.draw(JSON_VALUES))
    text = json.dumps(mutated, ensure_ascii=False, allow_nan=True)
    try:
        form = parse_draft(text, "变异.json")
    except DraftError as exc:
        assert str(exc).startswith("变异.json")
        return
    try:
        evaluation = assess(form)  # a form that loads must also score, without raising
    except TemplateError as exc:  # an unknown template is refused with a message naming it
        assert form.template in str(exc)
        return
    # whatever got in obeys the one reader's limits: nothing negative, nothing beyond any budget
    figures = [form.funds.weight] + [d.weight for d in form.indicators]
    figures += [m for row in form.funds.rows for m in (row.initial, row.budget, row.executed) if m is not None]
    figures += [leaf.weight for _, _, leaf in form.iter_leaves()]
    assert all(Decimal(0) <= x < MAX_NUMBER and not x.is_signed() for x in figures)
    # a hand-set score is kept as recorded, a negative one too, and then flagged rather than refused
    hand_set = [(leaf, leaf.score) for _, _, leaf in form.iter_leaves() if leaf.score is not None]
    assert all(abs(score) < MAX_NUMBER for _, score in hand_set)
    if any(score < 0 for _, score in hand_set):
        assert "score-out-of-range" in {issue.code for issue in evaluation.issues}
    leaf_scores = Decimal(0)
    for _, _, leaf in form.iter_leaves():
        result = evaluation.leaf(leaf)
        if result.auto:
            assert result.score is not None and Decimal(0) <= result.score <= leaf.weight
        leaf_scores += result.score or 0
    assert evaluation.total_uncapped == round2(evaluation.funds.score + leaf_scores)
    assert evaluation.total <= evaluation.total_uncapped
    if all(score >= 0 for _, score in hand_set):  # else the sum is as wrong as the flagged score
        assert evaluation.total >= 0


@given(st.sampled_from(range(len(REAL_TEXTS))), st.integers(0, 10 ** 6), st.binary(max_size=8))
def test_truncated_or_corrupted_bytes_are_refused_cleanly(which, cut, noise):
    raw = REAL_TEXTS[which].encode("utf-8")
    cut = cut % (len(raw) + 1)
    corrupted = raw[:cut] + noise
    try:
        text = corrupted.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        parse_draft(text, "坏.json")
    except DraftError:
        pass
