"""Indicator rows pasted from a sheet that prints the target in parts (四川: 指标性质 | 指标值 | 度量单位 |
完成值; 巴彦淖尔: 指标性质 | 指标方向 | 年度指标值 | 实际完成值 | 计量单位).

A clerk of such a region pastes last year's rows from a workbook in that layout. Read as the
editor's own rows (三级指标 | 年度指标值 | 实际完成值 | 分值 …) the sign went into the target, the number
into the actual and the unit into 分值, and the paste was refused. Here rows whose cells line up with
the template's printed columns are recognised and joined back into the one target and actual
the draft keeps ("≥" "95" "%" → "≥95%", "96" → "96%"), as the workbook import does. Pure Python.
"""
from __future__ import annotations

from typing import Optional, Sequence

from model.targets import SIGN_WORDS, join_target, split_actual, split_target
from model.tsv import is_header_row
from model.values import comparator_word, parse_value

PART_KEYS = ("comparator", "polarity", "comparator_name", "target_value", "unit", "actual_value")
SIGN_KEYS = ("comparator", "polarity", "comparator_name")
_TREE_LEVELS = ("level1", "level2")
_POLARITY_SIGNS = {"正向": "≥", "反向": "≤"}


def split_texts(target: str, actual: str, kind: str, bare_rule: str) -> dict[str, str]:
    """What a leaf shows in each split column, read as the scorer reads it (so 指标性质 says ≤
    wherever the score used ≤): the print, the workbook and a copied row all use it. An actual in
    another unit than the target's ("12000人" against "≥1.2万人") keeps its own unit in 完成值,
    since the 度量单位 column speaks for the target."""
    parts = split_target(target, kind, bare_rule)
    actual_value, actual_unit = split_actual(actual)
    unit = parts.unit or actual_unit
    if actual_unit and actual_unit != unit:
        actual_value = (actual or "").strip()
    return {"comparator": parts.comparator, "polarity": parts.polarity, "comparator_name": parts.comparator_name,
            "target_value": parts.value, "unit": unit, "actual_value": actual_value}


def split_row_fields(column_keys: Sequence[str]) -> Optional[tuple[str, ...]]:
    """The cells of a pasted row in a layout's printed order from 三级指标 on, or None for a
    layout that keeps the target in one column (there rows are the editor's own)."""
    fields = tuple(key for key in column_keys if key not in _TREE_LEVELS)
    return fields if any(key in PART_KEYS for key in fields) else None


def is_sign(text: str) -> bool:
    """What a 指标性质 / 指标方向 cell holds: ≥, 大于等于, 正向, 定性 … or nothing."""
    text = text.strip()
    return not text or text in SIGN_WORDS or comparator_word(text) is not None


def looks_split(rows: Sequence[Sequence[str]], fields: Sequence[str]) -> bool:
    """Whether every row (a title row apart) has the layout's cells, with a sign (or nothing)
    where it prints one."""
    signs = [n for n, key in enumerate(fields) if key in SIGN_KEYS]
    body = [row for row in rows[1 if rows and is_header_row(rows[0]) else 0:] if any(cell.strip() for cell in row)]
    return bool(body and signs) and all(len(row) >= len(fields) and all(is_sign(row[n]) for n in signs)
                                        for row in body)


def joined_row(cells: dict[str, str]) -> dict[str, str]:
    """A row's parts joined into the draft's fields: 年度指标值 from its sign, number and unit; the
    unit follows a bare number in 实际完成值; a qualitative target keeps its words."""
    row = {key: value for key, value in cells.items() if key not in PART_KEYS}
    unit = cells.get("unit", "").strip()
    value = cells.get("target_value", "").strip()
    sign = cells.get("comparator", "").strip() or cells.get("comparator_name", "").strip()
    if sign in SIGN_WORDS:
        sign = ""
    if not parse_value(value).is_numeric:
        sign = ""  # words ("有效提升") stay qualitative whatever the sign column says
    elif not sign:  # 正向/反向 alone: a floor or a ceiling
        sign = _POLARITY_SIGNS.get(cells.get("polarity", "").strip(), "")
    row["target"] = join_target(sign, value, unit)
    if "actual_value" in cells:
        actual = cells["actual_value"].strip()
        bare = parse_value(actual)
        row["actual"] = actual + unit if unit and bare.is_numeric and not bare.unit and bare.tier is None else actual
    return row


def split_leaf_rows(rows: Sequence[Sequence[str]], fields: Sequence[str]) -> list[dict[str, str]]:
    """Rows in the split layout as leaf fields (a title row and blank rows dropped), ready for
    validation."""
    if rows and is_header_row(rows[0]):
        rows = rows[1:]
    return [joined_row(dict(zip(fields, row))) for row in rows if any(cell.strip() for cell in row)]
