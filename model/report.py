"""A form together with everything derived from it, as the exporters and the command line use it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional, TextIO

from model import assess
from model.draft import DraftError, load_draft
from model.form import Dimension, Form
from model.scoring import Evaluation, shown_dimension_weight
from model.template import Template, TemplateError
from model.template_registry import get_template


@dataclass
class AssessedForm:
    form: Form
    template: Template
    evaluation: Evaluation
    source: str = ""  # the file it came from, for messages and batch listings

    @property
    def name(self) -> str:
        return self.form.project.name or Path(self.source).stem or "未命名项目"

    def dimension_weight(self, dimension: Dimension) -> Decimal:
        """What the 一级 row prints in "产出指标(60分)" (model.scoring.shown_dimension_weight)."""
        return shown_dimension_weight(dimension, self.template, self.evaluation)


def assess_form(form: Form, source: str = "", template: Optional[Template] = None) -> AssessedForm:
    template = template or get_template(form.template)
    return AssessedForm(form, template, assess(form, template), source)


def load_assessed(path: str | Path) -> AssessedForm:
    """Load and assess one draft; raises DraftError or TemplateError with a Chinese message that
    names the file (a batch of thirty must say which one has the unknown template)."""
    form = load_draft(path)
    try:
        return assess_form(form, str(path))
    except TemplateError as exc:
        raise TemplateError(f"{path}:{exc}") from None


def load_many(files: list[str], err: TextIO) -> tuple[list[AssessedForm], bool]:
    """Load every readable file; print a Chinese message to ``err`` for each that is not.

    Returns the forms and whether any file failed, so commands can choose their exit code.
    """
    forms: list[AssessedForm] = []
    failed = False
    for path in files:
        try:
            forms.append(load_assessed(path))
        except (DraftError, TemplateError) as exc:
            failed = True
            print(f"错误:{exc}", file=err)
    return forms, failed
