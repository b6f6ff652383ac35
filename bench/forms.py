"""The real forms the export benchmarks measure, found beside the checkout and repeated to a batch.

One place for this so the PDF and Excel timings always run on the same batch of forms.
"""
from __future__ import annotations

from pathlib import Path

from model.report import AssessedForm, load_assessed


def forms_dir() -> Path:
    """``shared/forms`` beside the checkout (or inside it, as in some CI layouts)."""
    root = Path(__file__).resolve().parents[1]
    for candidate in (root.parent / "shared" / "forms", root / "shared" / "forms"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("找不到 shared/forms")


def real_forms() -> list[AssessedForm]:
    return [load_assessed(path) for path in sorted(forms_dir().glob("f*.json"))]


def batch_of(forms: list[AssessedForm], n: int) -> list[AssessedForm]:
    """``n`` forms: the given ones repeated in order (repeats share project names on purpose)."""
    return [forms[i % len(forms)] for i in range(n)]
