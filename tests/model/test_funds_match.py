"""Funds rows are matched by meaning: spaces, full-width colons, "其中" and the template's other names."""
from __future__ import annotations

import pytest

from model.form import FundsRow
from model.funds_match import match_rows, row_key
from model.template_registry import get_template


@pytest.mark.parametrize("label, key", [("其中:上级补助", "上级补助"), ("其中\uff1a本年财政拨款 ", "本年财政拨款"),
                                        (" 年度资金 总额\uff1a", "年度资金总额"), ("其他", "其他")])
def test_row_key(label, key):
    assert row_key(label) == key


def test_match_rows_by_alias_and_first_row_as_total():
    template = get_template("mof-2020")
    rows = [FundsRow("合计"), FundsRow("其中:本年财政拨款"), FundsRow("上年结转资金"), FundsRow("不认识的行")]
    matched = match_rows(template, rows)
    assert matched["年度资金总额"] is rows[0]  # the first row is the total whatever it is called
    assert matched["其中:当年财政拨款"] is rows[1]
    assert matched["上年结转资金"] is rows[2]
    assert "其他资金" not in matched and rows[3] not in matched.values()
