"""Model benchmarks: scoring a 1000-leaf form, and re-scoring it after one edit."""
from __future__ import annotations

import time
from decimal import Decimal
from typing import Callable

from bench.forms import forms_dir
from model import assess
from model.draft import load_draft
from model.form import Category, Dimension, Form, Leaf
from model.scoring import clear_cache
from model.values import parse_value


def big_form(n_leaves: int = 1000) -> Form:
    """A form of ``n_leaves`` leaves made by repeating real leaves with distinct values."""
    form = load_draft(forms_dir() / "f07.json")
    samples = [leaf for _, _, leaf in form.iter_leaves()]
    per_category = 25
    leaves = []
    for n in range(n_leaves):
        sample = samples[n % len(samples)]
        leaves.append(Leaf(f"{sample.name}{n}", sample.target, sample.actual.replace("人", f"{n % 7}人"),
                           Decimal("0.05"), None, sample.reason, ""))
    categories = [Category(f"类别{i}", leaves[i:i + per_category]) for i in range(0, n_leaves, per_category)]
    form.indicators = [Dimension("产出指标", Decimal(50), categories)]
    return form


def best_of(function: Callable[[], object], repeat: int = 20) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def bench_score_cold(n_leaves: int = 1000) -> float:
    form = big_form(n_leaves)

    def cold() -> None:
        parse_value.cache_clear()
        clear_cache()
        assess(form)
    return best_of(cold, 5)


def bench_rescore_after_edit(n_leaves: int = 1000) -> float:
    form = big_form(n_leaves)
    assess(form)
    leaf = form.indicators[0].children[3].children[4]
    values = iter(range(10 ** 6))

    def edit() -> None:
        leaf.actual = f"{next(values)}人"
        assess(form)
    return best_of(edit, 50)
