"""Funds rows matched by meaning, not by exact label (DOMAIN § "Rules from other regions").

Forms print the same row as "其中:当年财政拨款", "其中：本年财政拨款" or "财政拨款"; a template lists a
row's other names, and spaces, full-width colons and a leading "其中" do not count. Checks and
exporters use :func:`match_rows` so they agree on which form row is which template row.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Optional

from model.form import FundsRow

if TYPE_CHECKING:  # model.template_parse validates row names with row_key, so it cannot be imported here
    from model.template import FundsRowSpec, Template

_LEADING = re.compile(r"^其中[::]?")


def row_key(label: str) -> str:
    """"其中：上级补助 " → "上级补助"; "年度资金总额:" → "年度资金总额"."""
    text = unicodedata.normalize("NFKC", label or "")
    text = re.sub(r"\s+", "", text)
    text = _LEADING.sub("", text)
    return text.rstrip(":")


def spec_keys(spec: "FundsRowSpec") -> set[str]:
    return {row_key(name) for name in (spec.label, *spec.aliases)}


def match_rows(template: "Template", rows: list[FundsRow]) -> dict[str, FundsRow]:
    """The form row of each template row, by template label. The first form row is the total
    (DOMAIN), so it stands for the template's first row when no row carries that row's name."""
    by_key: dict[str, "FundsRowSpec"] = {}
    for spec in template.funds_rows:
        for key in spec_keys(spec):
            by_key.setdefault(key, spec)
    matched: dict[str, FundsRow] = {}
    for row in rows:
        found = by_key.get(row_key(row.label))
        if found is not None and found.label not in matched:
            matched[found.label] = row
    first: Optional["FundsRowSpec"] = template.funds_rows[0] if template.funds_rows else None
    if (first is not None and first.label not in matched and rows
            and all(row is not rows[0] for row in matched.values())):
        matched[first.label] = rows[0]
    return matched
