"""How a form sheet prints: readable text, the bureau's page count, columns that fill the page and
amounts that fit their cells (exporters.xlsx_pages, the widths set in exporters.xlsx_sheet)."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_pages import INCH, MARGIN_SIDE, PAPER, WIDTH_SLACK, fill_width, page_setup
from exporters.xlsx_sheet import plan_sheet
from model.report import AssessedForm, assess_form, load_assessed
from model.values import format_money
from tests.conftest import REAL_FORM_PATHS, bureau_pages
from tests.region_forms import TEMPLATE_IDS, region_form

SMALLEST_PRINTED_TEXT = 7.5  # points: the workbook's 10 pt text at the print scale


def _printed_width(widths: tuple[int, ...], scale: int) -> float:
    return sum(wrap.column_points(w) for w in widths) * WIDTH_SLACK * scale / 100


@pytest.mark.parametrize("path", REAL_FORM_PATHS, ids=lambda p: p.stem)
def test_a_real_form_prints_readable_on_no_more_pages_than_the_bureau(path: Path) -> None:
    plan = plan_sheet(load_assessed(path))
    setup = page_setup(plan)
    assert wrap.FONT_SIZE * setup.scale / 100 >= SMALLEST_PRINTED_TEXT, f"{path.stem}: {setup.scale} %"
    assert len(setup.breaks) + 1 <= bureau_pages()[path.stem]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_prints_readable_within_the_page_width(template_id: str) -> None:
    plan = plan_sheet(assess_form(region_form(template_id)))
    setup = page_setup(plan)
    assert wrap.FONT_SIZE * setup.scale / 100 >= SMALLEST_PRINTED_TEXT, f"{template_id}: {setup.scale} %"
    usable = PAPER[setup.orientation][0] - 2 * MARGIN_SIDE * INCH
    assert _printed_width(plan.widths[:plan.last_col], setup.scale) <= usable


def test_a_landscape_page_is_filled_by_wider_columns() -> None:
    portrait = L.WIDTHS_WITH_REMARK
    room = (PAPER["landscape"][0] - 2 * MARGIN_SIDE * INCH) / WIDTH_SLACK
    wide = fill_width(portrait, "landscape")
    assert all(w > p for w, p in zip(wide, portrait))
    used = sum(wrap.column_points(w) for w in wide)
    assert room * 0.97 <= used <= room  # nearly the whole width, never more
    assert fill_width(wide, "portrait") == wide  # columns that are too wide already are left as they are


def test_a_landscape_template_prints_at_full_size() -> None:
    plan = plan_sheet(assess_form(region_form("guizhou-dept-2022")))
    assert page_setup(plan).orientation == "landscape"
    assert page_setup(plan).scale == 100


def test_a_large_amount_widens_its_column_so_that_it_is_not_shown_as_hashes() -> None:
    item = load_assessed(REAL_FORM_PATHS[0])
    form = copy.deepcopy(item.form)
    big = Decimal("1234567890.12")
    form.funds.rows[0].executed = big
    plan = plan_sheet(assess_form(form))
    low, high = plan.funds_cols.money()
    assert plan.funds_cols.executed in range(low, high + 1)
    width = plan.widths[plan.funds_cols.executed - 1]
    assert width > len(format_money(big))  # one unit to spare: LibreOffice's digits are wider
    normal = plan_sheet(item)
    assert normal.widths[plan.funds_cols.executed - 1] < width


@pytest.mark.parametrize("item", [*(f"template:{t}" for t in TEMPLATE_IDS), *(p.stem for p in REAL_FORM_PATHS)])
def test_no_printed_page_holds_only_the_total_and_the_closing_lines(item: str) -> None:
    """四川's sample put 改进措施 and the signatures alone on page 2, under a repeated indicator header."""
    if item.startswith("template:"):
        assessed = assess_form(region_form(item.split(":", 1)[1]))
    else:
        assessed = load_assessed(next(p for p in REAL_FORM_PATHS if p.stem == item))
    plan = plan_sheet(assessed)
    breaks = page_setup(plan).breaks
    assert not breaks or breaks[-1] < plan.total_row


def _long_form() -> AssessedForm:
    """f08 with every reason forty times as long: groups taller than a page, cut inside."""
    form = copy.deepcopy(load_assessed(next(p for p in REAL_FORM_PATHS if p.stem == "f08")).form)
    for _, _, leaf in form.iter_leaves():
        leaf.reason = (leaf.reason or "未完成原因说明。") * 40
    form.goals.expected = form.goals.expected * 30
    return assess_form(form)


@pytest.mark.parametrize("source", ["long", *(p.stem for p in REAL_FORM_PATHS)])
def test_a_page_never_ends_on_the_first_row_of_a_group_cut_by_the_break(source: str) -> None:
    """The column heads of 绩效指标, or 年度总体目标's heads, were left alone at the foot of a page."""
    item = _long_form() if source == "long" else load_assessed(next(p for p in REAL_FORM_PATHS if p.stem == source))
    plan = plan_sheet(item)
    for brk in page_setup(plan).breaks:
        alone = plan.rows[brk - 1].unit == brk - 1 == plan.rows[brk].unit
        assert not alone, f"row {brk - 1} starts a group that continues on the next page"


@pytest.mark.parametrize("path", REAL_FORM_PATHS, ids=lambda p: p.stem)
def test_the_execution_rate_column_holds_100_00(path: Path) -> None:
    """A fully executed budget's 执行率 printed as ### in a column of 6."""
    plan = plan_sheet(load_assessed(path))
    rate_col = plan.funds_cols.rate
    assert plan.widths[rate_col - 1] > len("100.00")
