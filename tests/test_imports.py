"""model/ and exporters/ must not pull in Qt: the command line and exporters run without it."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

MODULES = ["model", "model.form", "model.template", "model.template_parse", "model.template_registry", "model.values",
           "model.scoring", "model.checks", "model.draft", "model.tsv", "model.report", "model.check_report", "exporters",
           "exporters.commands"]


def test_model_and_exporters_do_not_import_qt():
    optional = ["exporters.xlsx_writer", "exporters.xlsx_reader", "exporters.pdf_writer"]
    code = ("import importlib, sys\n"
            f"for name in {MODULES!r}: importlib.import_module(name)\n"
            f"for name in {optional!r}:\n"
            "    try: importlib.import_module(name)\n"
            "    except ModuleNotFoundError as exc:\n"
            "        if exc.name != name: raise\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken')))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
