"""Shared fixtures. Qt runs offscreen; the user data folder is a temporary one per test."""
from __future__ import annotations

import os
import re
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


def bureau_pages() -> dict[str, int]:
    """The bureau's printed page counts, read off shared/forms/README.md ("f01 1, f02 1, …")."""
    text = (FORMS_DIR / "README.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "Pages as the bureau printed them" in line)
    return {name: int(count) for name, count in re.findall(r"\b(f\d\d) (\d+)", line)}


@pytest.fixture(scope="session")
def forms_copy(tmp_path_factory) -> Path:
    """The real forms, copied once per test run: a draft opened in the window gets a lock file
    beside it (model/draft_lock.py), which must never appear in the shared folder, nor meet the
    lock of another test run that has the same form open there."""
    copy = tmp_path_factory.mktemp("forms")
    shutil.copytree(FORMS_DIR, copy, dirs_exist_ok=True)
    return copy


@pytest.fixture
def forms_dir(forms_copy) -> Path:
    return forms_copy


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
