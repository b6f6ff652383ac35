"""Shared fixtures. Qt runs offscreen; the user data folder is a temporary one per test."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]


def _find_forms_dir() -> Path:
    """The real forms live in ../shared/forms beside the checkout (also in CI's clone)."""
    override = os.environ.get("PERF_EVAL_FORMS")
    candidates = [Path(override)] if override else []
    candidates += [ROOT.parent / "shared" / "forms", ROOT / "shared" / "forms"]
    for candidate in candidates:
        if (candidate / "expected.json").is_file():
            return candidate
    raise RuntimeError(f"找不到真实表单目录 shared/forms(查找过:{', '.join(map(str, candidates))})")


FORMS_DIR = _find_forms_dir()
REAL_FORM_PATHS = sorted(FORMS_DIR.glob("f*.json"))


@pytest.fixture
def forms_dir() -> Path:
    return FORMS_DIR


@pytest.fixture
def real_form_paths() -> list[Path]:
    return list(REAL_FORM_PATHS)


@pytest.fixture(autouse=True)
def isolated_data_home(tmp_path_factory, monkeypatch) -> Path:
    """Recovery files, logs, settings and user templates go to a fresh folder in every test."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("PERF_EVAL_HOME", str(home))
    return home


@pytest.fixture
def f17(tmp_path) -> Path:
    """A writable copy of the real form f17 (the one the issues' walkthroughs use)."""
    path = tmp_path / "f17.json"
    shutil.copy(FORMS_DIR / "f17.json", path)
    return path
