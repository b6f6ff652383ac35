"""The form, its templates, scoring and checks: pure Python, no Qt.

``assess(form)`` (:mod:`model.assessment`) is the one call the window, the command line and the
exporters share: it scores the form with its template and attaches the list of problems.

Importing the package loads none of its modules: ``model.paths`` or ``model.atomic`` alone stay
cheap (the window's frame needs them before any form is opened), and the names below are loaded
on first use (PEP 562).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model.assessment import assess
    from model.checks import Issue
    from model.form import Category, Dimension, Form, Funds, FundsRow, Goals, Leaf, Project, leaf_path
    from model.scoring import Evaluation
    from model.template import Template, TemplateError
    from model.template_registry import get_template
else:
    _HOMES = {"assess": "model.assessment", "Issue": "model.checks", "Evaluation": "model.scoring",
              **{name: "model.form" for name in ("Category", "Dimension", "Form", "Funds", "FundsRow", "Goals",
                                                 "Leaf", "Project", "leaf_path")},
              "Template": "model.template", "TemplateError": "model.template",
              "get_template": "model.template_registry"}

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return getattr(importlib.import_module(home), name)


__all__ = ["assess", "Category", "Dimension", "Evaluation", "Form", "Funds", "FundsRow", "Goals", "Issue",
           "Leaf", "Project", "Template", "TemplateError", "get_template", "leaf_path"]
