"""How a form sheet prints: readable text, the bureau's page count, columns that fill the page and
amounts that fit their cells (exporters.xlsx_pages, the widths set in exporters.xlsx_sheet)."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from exporters import xlsx_layout as L
from exporters import xlsx_wrap as wrap
from exporters.xlsx_pages import INCH, MARGIN_SIDE, PAPER, WIDTH_SLACK, fill_width, page_height, page_setup
from exporters.xlsx_plan import SheetPlan
from exporters.xlsx_sheet import plan_sheet
from model.form import Category, Leaf
from model.report import AssessedForm, assess_form, load_assessed
from model.template_registry import get_template
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


LONG_TEMPLATES = ("hubei-2021", "sichuan-2023")
_REASON = "受汛期及材料价格上涨影响,部分工程进度滞后,已督促施工单位加派人手,预计次年一季度完成。"
_LEAF_COUNTS = (6, 8, 7, 7, 6, 8, 8, 7, 6)  # 3 一级 × 3 二级, 63 leaves
_REASON_REPEATS = (0, 1, 0, 3, 0, 2)  # reasons of none, one, two, three lines and more, in turn
LONG_LEAF = 30  # with long_leaf, this leaf's reason runs over rows (ROLE_TEXT) that fit on one page together
_LONG_LEAF_REPEATS = {"hubei-2021": 14, "sichuan-2023": 10}  # 37 lines in the 原因 column, 446 pt


def long_region_form(template_id: str, long_leaf: bool = False) -> AssessedForm:
    """A long form of ``template_id`` (湖北, 四川): 3 一级 of 3 二级 groups of 6 to 8 leaves each, their
    reasons of varying length; with ``long_leaf``, one of them longer than a row holds. Printed whole
    group by whole group, its pages were 55-60 % full."""
    template = get_template(template_id)
    form = region_form(template_id)
    shares = [template.indicators_total // 3] * 2
    shares.append(template.indicators_total - sum(shares))
    k = 0
    for d, (dimension, spec) in enumerate(zip(form.indicators, template.dimensions)):
        dimension.weight = shares[d]
        dimension.children = []
        for c in range(3):
            name = (spec.categories * 3)[c] + (str(c + 1) if c >= len(spec.categories) else "")
            leaves = []
            for n in range(_LEAF_COUNTS[3 * d + c]):
                repeats = _LONG_LEAF_REPEATS[template_id] if long_leaf and k == LONG_LEAF else _REASON_REPEATS[k % 6]
                leaves.append(Leaf(name=f"{name}{n + 1}", target="≥95%", actual="96%", weight=Decimal(1),
                                   reason=_REASON * repeats))
                k += 1
            dimension.children.append(Category(name, leaves))
        first = dimension.children[0].children[0]
        first.weight = shares[d] - (sum(len(cat.children) for cat in dimension.children) - 1)
    return assess_form(form)


def _pages(plan: SheetPlan) -> list[range]:
    """The rows of each planned page."""
    edges = [min(plan.rows), *page_setup(plan).breaks, plan.last_row + 1]
    return [range(a, b) for a, b in zip(edges, edges[1:])]


def _fill(plan: SheetPlan, page: range) -> float:
    """How full ``page`` prints: its rows and, below the first page, the repeated indicator header."""
    setup = page_setup(plan)
    repeat = plan.rows[plan.header_row].height if page.start > plan.header_row else 0.0
    return (sum(plan.rows[r].height for r in page) + repeat) / page_height(setup.orientation, setup.scale)


@pytest.mark.parametrize("template_id", LONG_TEMPLATES)
def test_a_long_form_fills_its_pages_by_cutting_a_group_between_its_leaves(template_id: str) -> None:
    """Whole 二级 groups moved to the next page left 湖北's and 四川's long forms 55-60 % full."""
    plan = plan_sheet(long_region_form(template_id))
    pages = _pages(plan)
    assert len(pages) > 3
    fills = [round(_fill(plan, page) * 100) for page in pages]
    assert all(fill >= 70 for fill in fills[:-1]), fills
    assert all(fill <= 100 for fill in fills), fills


@pytest.mark.parametrize("long_leaf", [False, True], ids=["short", "long-leaf"])
@pytest.mark.parametrize("template_id", LONG_TEMPLATES)
def test_a_group_cut_by_a_page_break_keeps_two_leaves_on_each_page(template_id: str, long_leaf: bool) -> None:
    """No page starts or ends with a single leaf of a 二级 group that goes on over the break (but for a
    leaf that fills most of a page by itself, the long one: it has a page of its own)."""
    plan = plan_sheet(long_region_form(template_id, long_leaf))
    pages = _pages(plan)
    cut = 0
    for before, after in zip(pages, pages[1:]):
        unit = plan.rows[after.start].unit
        if plan.rows[after.start - 1].unit != unit:
            continue
        cut += 1
        leaves = [r for r in plan.leaf_rows if plan.rows[r].unit == unit]
        for page, where in ((before, "left at the page foot"), (after, "alone at the page top")):
            kept = [r for r in leaves if r in page]
            alone = len(kept) < 2 and _fill(plan, page) < 0.7
            assert not alone, f"row {after.start}: one leaf {where}"
    assert cut, "no group was cut"


@pytest.mark.parametrize("template_id", LONG_TEMPLATES)
def test_a_page_never_breaks_inside_a_leaf_whose_text_goes_on_in_rows_below(template_id: str) -> None:
    plan = plan_sheet(long_region_form(template_id, long_leaf=True))
    first = sorted(plan.leaf_rows)[LONG_LEAF]
    last = next(r for r in range(first + 1, plan.last_row + 1) if plan.rows[r].role != L.ROLE_TEXT) - 1
    assert last > first  # the form holds such a leaf, short enough for one page
    setup = page_setup(plan)
    room = page_height(setup.orientation, setup.scale) - plan.rows[plan.header_row].height
    assert sum(plan.rows[r].height for r in range(first, last + 1)) <= room
    for brk in setup.breaks:
        assert plan.rows[brk].role != L.ROLE_TEXT, f"row {brk} continues the leaf above it"
