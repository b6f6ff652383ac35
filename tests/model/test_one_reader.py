"""Drafts, templates and pastes read a weight by the same rules: what one accepts, all accept.

The window's cells and the workbook import call the same readers (tests/ui/test_bad_input.py,
tests/exporters/test_xlsx_numbers.py); here the three model paths are held against each other,
so a draft can never carry a weight (say -5) that the window would refuse.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Optional

import pytest

from model.draft import DraftError, parse_draft
from model.paths import bundled_templates_dir
from model.template import TemplateError
from model.template_parse import template_from_dict
from model.tsv import leaf_rows, parse_tsv, validate_leaf_rows
from model.values import NumberError, read_weight
from tests.conftest import FORMS_DIR

WEIGHTS: list[Any] = ["10", " 7.5 ", "１０", "10分", "1,000", "-0", "0", "-5", "-0.01", "abc", "1e5", "NaN",
                      "Infinity", "9" * 30, "0." + "0" * 25 + "1", "五分", 10, Decimal("2.50"), Decimal(-5),
                      Decimal("1e999999999"), Decimal("-1e-999999999")]


def via_reader(value: Any) -> tuple[Optional[Decimal], str]:
    try:
        return read_weight(value, ""), ""
    except NumberError as exc:
        return None, str(exc)


def via_draft(value: Any) -> tuple[Optional[Decimal], str]:
    data = json.loads((FORMS_DIR / "f17.json").read_text(encoding="utf-8"))
    data["indicators"][0]["children"][0]["children"][0]["weight"] = "@@"
    text = json.dumps(data, ensure_ascii=False)
    literal = str(value) if isinstance(value, (int, Decimal)) else json.dumps(value, ensure_ascii=False)
    try:
        form = parse_draft(text.replace('"@@"', literal), "x.json")
    except DraftError as exc:
        return None, str(exc)
    return form.indicators[0].children[0].children[0].weight, ""


def via_paste(value: Any) -> tuple[Optional[Decimal], str]:
    try:
        rows = validate_leaf_rows(leaf_rows(parse_tsv(f"甲\t≥1人\t1人\t{value}\n")))
    except NumberError as exc:
        return None, str(exc)
    weight = rows[0]["weight"]
    assert isinstance(weight, Decimal)
    return weight, ""


def via_template(value: Any) -> tuple[Optional[Decimal], str]:
    data = json.loads((bundled_templates_dir() / "guizhou-2024.json").read_text(encoding="utf-8"))
    # A cap of the total is read as a weight is; a level-1 weight is too, but changing one would
    # also break the template's funds + indicators = 100 rule, which is not what this test is about.
    data["scoring"]["rate_caps"] = [{"low": 0, "high": 50, "cap": value}]
    try:
        return template_from_dict(data).rules.rate_caps[0].cap, ""
    except TemplateError as exc:
        return None, str(exc)


@pytest.mark.parametrize("value", WEIGHTS, ids=lambda v: repr(v)[:24])
def test_drafts_templates_and_pastes_agree_on_a_weight(value):
    number, message = via_reader(value)
    for read in (via_draft, via_template) + ((via_paste,) if isinstance(value, str) else ()):
        got, said = read(value)
        assert got == number, read.__name__
        if number is None:
            assert said.endswith(message), (read.__name__, said, message)


def test_a_negative_weight_is_refused_everywhere():
    for read in (via_reader, via_draft, via_paste, via_template):
        number, message = read("-5")
        assert number is None and "不能为负数" in message, read.__name__
