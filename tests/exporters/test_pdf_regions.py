"""Each template prints its own layout (REGIONS.md): title, header fields and tick boxes, funds columns,
split indicator columns, closing blocks and signature lines."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from exporters.form_labels import labels_for
from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_tables import TICKED, UNTICKED, layout_for, project_block
from exporters.pdf_writer import pdf_bytes
from model.report import assess_form
from model.values import format_score
from tests.exporters.test_pdf_helpers import page_texts, reader, squash
from tests.region_forms import TEMPLATE_IDS, region_form


def _text(template_id: str) -> str:
    return "".join(page_texts(pdf_bytes([assess_form(region_form(template_id))])))


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_each_template_prints_its_title_columns_and_closing_blocks(template_id):
    af = assess_form(region_form(template_id))
    labels = labels_for(af.template)
    text = "".join(page_texts(pdf_bytes([af])))
    assert squash(labels.title) in text
    for head in labels.table_headers() + labels.funds_headers[1:]:
        assert squash(head) in text, head
    for field in labels.header_fields:
        assert squash(field.title) in text, field.title
    for block in labels.closing_blocks:
        body = af.form.conclusion if block.key == "conclusion" else af.form.closing[block.key]
        assert squash(block.title) in text and squash(body) in text
    for name in labels.signatures:
        assert squash(name) in text


def test_sichuan_splits_the_target_and_prints_the_funds_reason_and_signatures():
    text = _text("sichuan-2023")
    assert "指标性质指标值度量单位完成值权重得分未完成原因分析" in text
    assert "≥95%96" in text  # 指标性质 ≥ | 指标值 95 | 度量单位 % | 完成值 96
    assert "部分工程款待审计后支付。" in text  # the funds block's 原因
    assert "评价结论" in text and "存在问题" in text and "改进措施" in text and "自评结论" not in text
    assert "项目负责人" in text and "财务负责人" in text and "联系人" not in text


SICHUAN_NOTE = "预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因"  # REGIONS.md


def test_sichuan_prints_its_funds_rule_under_the_funds_block():
    text = _text("sichuan-2023")
    assert text.count(SICHUAN_NOTE) == 1
    note = text.index(SICHUAN_NOTE)  # after the sources and the 原因 beside them, before 年度总体目标
    assert text.index("其他资金") < note and text.index("部分工程款待审计后支付。") < note < text.index("预期目标")
    af = assess_form(region_form("sichuan-2023"))
    layout = layout_for(af, register_cjk_font())
    rows = project_block(af, layout).rows
    note = next(r for r in rows if r.cells[1] and r.cells[1][0] == SICHUAN_NOTE)
    assert note.hspans == ((1, len(note.cells) - 1),) and note.keys[0] == "funds"  # under the block's label
    assert rows[rows.index(note) - 1].cells[1][0] == "其他资金"


def test_a_template_without_a_note_prints_no_extra_line():
    af = assess_form(region_form("guizhou-2024"))
    layout = layout_for(af, register_cjk_font())
    rows = project_block(af, layout).rows
    noted = project_block(assess_form(af.form, template=replace(af.template, funds_note="说明")), layout).rows
    assert len(noted) == len(rows) + 1
    funds = [n for n, r in enumerate(rows) if r.keys[0] == "funds"]
    assert len(funds) == 1 + len(af.form.funds.rows)  # the heads and the sources, nothing more
    assert len(reader(pdf_bytes([af])).pages) == 1


def test_mof_2020_split_prints_polarity_and_direction():
    text = _text("mof-2020-split")
    assert "指标性质指标方向年度指标值实际完成值计量单位分值得分" in text
    assert "正向大于等于9596%" in text and "反向小于等于3028万元" in text


def test_hubei_prints_one_funds_row_and_its_tick_boxes():
    form = region_form("hubei-2021")
    text = "".join(page_texts(pdf_bytes([assess_form(form)])))
    assert "预算执行情况(万元)(20分)" in text and "得分(20分*执行率)" in text
    assert "年度财政资金总额1,172.55996.6785.0017" in text  # 20 × 85 %
    assert f"{UNTICKED}部门预算项目{UNTICKED}财政专项{TICKED}市对下转移支付项目" in text
    assert "年初目标值(A)" in text


def test_department_form_prints_the_scoring_method():
    text = _text("guizhou-dept-2022")
    assert "部门整体支出绩效自评表" in text and "部门(单位)" in text
    assert "得分计算方法" in text and "执行率*该指标分值,最高不得超过分值上限" in text


def _with_undeclared_weights(template_id: str):
    """The region's form as a clerk leaves it on a free-weight layout: no 一级 weight typed (0)."""
    form = region_form(template_id)
    for dimension in form.indicators:
        dimension.weight = Decimal(0)
    return assess_form(form)


@pytest.mark.parametrize("template_id", ["hubei-2021", "sichuan-2023"])
def test_a_free_weight_layout_prints_each_level1_worth_its_leaves(template_id):
    af = _with_undeclared_weights(template_id)
    sums = [af.evaluation.sum_of(d).weight for d in af.form.indicators]
    assert all(sums) and not any(i.code == "weight-mismatch" for i in af.evaluation.issues)
    text = "".join(page_texts(pdf_bytes([af])))
    assert "(0分)" not in text
    for dimension, weight in zip(af.form.indicators, sums):
        assert f"({format_score(weight)}分)" in text, dimension.name
