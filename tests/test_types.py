"""The type checks CI runs: ``mypy --strict model exporters`` and plain ``mypy ui`` report nothing.

Config: pyproject ``[tool.mypy]``. The window's parts reach each other through protocols their own
modules declare, so a renamed method or a missing attribute is a type error here before it is a
traceback for a user: the move to composition left ``run_editor`` calling two methods the window
no longer had, and mypy was what noticed. model/ and exporters/ are strict because they are the
figures the bureau signs.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True)


def _pyside_version() -> tuple[int, ...]:
    import PySide6

    return tuple(int(part) for part in PySide6.__version__.split(".")[:2])


# ui/ is checked against the stubs of the newest PySide6 (CI's first run). Older stubs describe the
# same classes less completely (6.9: QStyleOptionViewItem without its inherited ``rect``/``font``, no
# ``KeyboardModifier | Key``, the one-argument ``parent()`` overload missing), so they report code
# that runs: the 6.9 run of the test suite is what proves the code on that binding.
@pytest.mark.skipif(_pyside_version() < (6, 10), reason="ui/ is type-checked against the newest PySide6 stubs")
def test_mypy_reports_nothing_in_ui():
    result = _mypy("ui")
    assert result.returncode == 0, result.stdout + result.stderr


def test_strict_mypy_reports_nothing_in_model_and_exporters():
    result = _mypy("--strict", "model", "exporters")
    assert result.returncode == 0, result.stdout + result.stderr
