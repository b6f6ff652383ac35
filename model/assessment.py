"""``assess(form)``: the one call the window, the command line and the exporters share.

Its own module, imported by ``model`` on first use, so that importing the package stays cheap. Its
imports are at the top, not inside the function: the window's background workers call it, and
with PySide6 6.9 an ``import`` statement run on a worker thread while the GUI thread runs Qt can
crash the process (PySide6 hooks every import).
"""
from __future__ import annotations

from typing import Optional

from model.checks import run_checks
from model.form import Form
from model.scoring import Evaluation, evaluate
from model.template import Template
from model.template_registry import get_template


def assess(form: Form, template: Optional[Template] = None) -> Evaluation:
    """Scores and issues of a form; raises TemplateError only if its template is unknown."""
    template = template or get_template(form.template)
    evaluation = evaluate(form, template)
    evaluation.issues = run_checks(form, template, evaluation)
    return evaluation
