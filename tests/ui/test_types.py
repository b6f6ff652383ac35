"""Plain mypy on ui/ reports nothing (config: pyproject ``[tool.mypy]``).

The window's parts reach each other through protocols their own modules declare, so a renamed
method or a missing attribute is a type error here before it is a traceback for a user: the
move to composition left ``run_editor`` calling two methods the window no longer had, and mypy
was what noticed.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_reports_nothing_in_ui():
    result = subprocess.run([sys.executable, "-m", "mypy", "ui"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
