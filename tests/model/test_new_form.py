"""The year a new form is for: the one just over, or the one ending in December."""
from __future__ import annotations

import datetime

import pytest

from model.new_form import default_year, new_form
from model.template_registry import get_template


@pytest.mark.parametrize("today, year", [
    (datetime.date(2027, 1, 5), 2026),  # January: the self-evaluation of the year just over
    (datetime.date(2027, 4, 30), 2026),
    (datetime.date(2026, 11, 30), 2025),
    (datetime.date(2026, 12, 1), 2026),  # December: the year-end accounts of this year
    (datetime.date(2026, 12, 31), 2026),
])
def test_a_new_form_is_for_the_year_over_or_the_one_ending(today, year):
    assert default_year(today) == year


def test_a_new_form_without_a_year_takes_the_default_one():
    form = new_form(get_template("guizhou-2024"))
    assert form.year == default_year()
    assert new_form(get_template("guizhou-2024"), 2023).year == 2023
