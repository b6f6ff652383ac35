"""Reading back the PDFs the exporter writes (pypdf), shared by the PDF tests (plus tests of the helpers)."""
from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Iterator

from pypdf import PdfReader

from model.form import Form, Leaf
from model.report import AssessedForm, assess_form


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    """Text without any whitespace: line breaks inside wrapped cells differ from the source text."""
    return re.sub(r"\s+", "", text or "")


def page_texts(data: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in reader(data).pages]


def form_texts(form: Form) -> Iterator[tuple[str, str]]:
    """(what, text) for every text a person typed into the form."""
    project = form.project
    for what in ("name", "department", "unit", "contact", "phone", "fill_date"):
        yield f"project.{what}", getattr(project, what)
    yield "goals.expected", form.goals.expected
    yield "goals.achieved", form.goals.achieved
    yield "conclusion", form.conclusion
    for dimension, category, leaf in form.iter_leaves():
        where = f"{dimension.name}/{category.name}/{leaf.name}"
        yield f"{where}:一级", dimension.name
        yield f"{where}:二级", category.name
        for what in ("name", "target", "actual", "reason", "remark"):
            yield f"{where}:{what}", getattr(leaf, what)


def fonts_of(data: bytes) -> list[dict]:
    """Every font dictionary used on any page (descendant fonts of Type0 fonts included)."""
    fonts = []
    for page in reader(data).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            fonts.append(font)
            for descendant in font.get("/DescendantFonts", []):
                fonts.append(descendant.get_object())
    return fonts


def many_indicators(form: Form, count: int) -> AssessedForm:
    """The form with ``count`` leaves spread over its first category (weights kept to 100)."""
    category = form.indicators[0].children[0]
    category.children = [Leaf(name=f"第{i}个三级指标", target="≥100人", actual=f"{90 + i % 20}人",
                              weight=Decimal("0.1"), reason="人数未达到目标" if i % 20 < 10 else "")
                         for i in range(count)]
    return assess_form(form)


def test_squash_removes_every_kind_of_whitespace():
    assert squash(" 第 1 页\n共\t2 页 ") == "第1页共2页"
    assert squash("a b\nc\r\nd") == "abcd"
