"""The form, its templates, scoring and checks: pure Python, no Qt.

``assess(form)`` is the one call the window, the command line and the exporters share: it scores
the form with its template and attaches the list of problems.
"""
from __future__ import annotations

from typing import Optional

from model.checks import Issue, run_checks
from model.form import Category, Dimension, Form, Funds, FundsRow, Goals, Leaf, Project, leaf_path
from model.scoring import Evaluation, evaluate
from model.template import Template, TemplateError, get_template


def assess(form: Form, template: Optional[Template] = None) -> Evaluation:
    """Scores and issues of a form; raises TemplateError only if its template is unknown."""
    template = template or get_template(form.template)
    evaluation = evaluate(form, template)
    evaluation.issues = run_checks(form, template, evaluation)
    return evaluation


__all__ = ["assess", "Category", "Dimension", "Evaluation", "Form", "Funds", "FundsRow", "Goals", "Issue",
           "Leaf", "Project", "Template", "TemplateError", "get_template", "leaf_path"]
