"""The print-ready PDF read back with pypdf: texts, fonts, page size, outline, footers, metadata."""
from __future__ import annotations

import dataclasses
import math
from decimal import Decimal
from pathlib import Path

import pytest

from exporters.pdf_writer import document_title, pdf_bytes, write_pdf
from model.atomic import WriteError
from model.draft import load_draft
from model.report import assess_form, load_assessed
from model.values import format_money, format_rate, format_score
from tests.exporters.test_pdf_helpers import fonts_of, form_texts, many_indicators, page_texts, reader, squash

A4_PORTRAIT = (595.27, 841.89)


@pytest.fixture(scope="module")
def real_forms(request):
    from tests.conftest import REAL_FORM_PATHS
    return [load_assessed(path) for path in REAL_FORM_PATHS]


@pytest.fixture(scope="module")
def single_pdfs(real_forms):
    return [pdf_bytes([af]) for af in real_forms]


@pytest.fixture(scope="module")
def batch_pdf(real_forms):
    return pdf_bytes(real_forms)


def test_every_text_of_each_real_form_is_in_its_pdf(real_forms, single_pdfs):
    assert len(real_forms) == 10
    for af, data in zip(real_forms, single_pdfs):
        text = "".join(page_texts(data))
        missing = [what for what, value in form_texts(af.form) if squash(value) not in text]
        assert not missing, f"{af.source}: not found in the PDF: {missing}"


def test_figures_printed_are_the_evaluations(real_forms, single_pdfs):
    for af, data in zip(real_forms, single_pdfs):
        text = "".join(page_texts(data))
        ev = af.evaluation
        funds = af.form.funds
        assert (format_score(funds.weight) + (format_rate(ev.funds_rate) if ev.funds_rate is not None else "无法计算")
                + format_score(ev.funds.score)) in text
        assert f"{format_score(ev.total)}等级:{ev.grade}" in text
        for dimension, category, leaf in af.form.iter_leaves():
            score = ev.leaf(leaf).score
            assert (format_score(leaf.weight) + (format_score(score) if score is not None else "未评分")) in text


def test_f01_funds_block_with_thousands_separators(real_forms, single_pdfs):
    index = next(i for i, af in enumerate(real_forms) if af.source.endswith("f01.json"))
    text = page_texts(single_pdfs[index])[0]
    assert "年度资金总额300,000300,000188,4801062.836.28" in text
    assert format_money(Decimal("188480")) == "188,480"
    assert "财政拨款300,000300,000188,480---" in text  # rows other than the total show "-"


def test_all_fonts_embedded_truetype(single_pdfs, batch_pdf):
    for data in single_pdfs + [batch_pdf]:
        fonts = fonts_of(data)
        assert fonts
        for font in fonts:
            if font.get("/Subtype") == "/Type0":
                continue  # its descendant carries the descriptor
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font.get("/BaseFont")


def test_pages_are_a4_in_the_templates_orientation(single_pdfs, batch_pdf, real_forms):
    assert real_forms[0].template.orientation == "portrait"  # guizhou-2024, as the bureau prints it
    for data in single_pdfs + [batch_pdf]:
        pages = reader(data).pages
        for page in pages:
            size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
            assert size == pytest.approx(sorted(A4_PORTRAIT), abs=0.5)
        forms = pages[1:] if data is batch_pdf else pages  # the batch's summary page is landscape
        assert all(page.mediabox.height > page.mediabox.width for page in forms)


def test_portrait_template_gives_portrait_pages(real_form_paths):
    form = load_draft(real_form_paths[0])
    form.template = "mof-2020"
    data = pdf_bytes([assess_form(form)])
    pages = reader(data).pages
    assert all(p.mediabox.height > p.mediabox.width for p in pages)
    text = "".join(page_texts(data))
    assert "偏差原因分析及改进措施" in text and "备注" not in text  # remark_title None: no 备注 column
    assert "自评结论" not in text  # show_conclusion false


def test_footer_numbers_every_page(single_pdfs, real_forms):
    for af, data in zip(real_forms, single_pdfs):
        texts = page_texts(data)
        for number, text in enumerate(texts, 1):
            assert f"第{number}页共{len(texts)}页" in text
            assert squash(af.name)[:10] in text


def test_batch_one_outline_entry_per_form_each_on_its_first_page(batch_pdf, real_forms):
    pdf = reader(batch_pdf)
    outline = pdf.outline
    assert [entry.title for entry in outline] == [af.name for af in real_forms]
    starts = [pdf.get_destination_page_number(entry) for entry in outline]
    assert starts == sorted(starts) and starts[0] >= 1  # the summary page comes first
    texts = page_texts(batch_pdf)
    for start, af in zip(starts, real_forms):
        assert texts[start].startswith("项目支出绩效目标自评表(2024年度)")
        assert squash(af.form.project.name) in texts[start]
        assert "第1页共" in texts[start]


def test_batch_pages_numbered_per_form(batch_pdf, single_pdfs):
    texts = page_texts(batch_pdf)
    pages_per_form = [len(reader(data).pages) for data in single_pdfs]
    summary_pages = len(texts) - sum(pages_per_form)
    assert summary_pages >= 1
    assert "项目支出绩效自评汇总" in texts[0] and f"第1页共{summary_pages}页" in texts[0]
    position = summary_pages
    for count in pages_per_form:
        for number in range(1, count + 1):
            assert f"第{number}页共{count}页" in texts[position]
            position += 1


def test_summary_page_lists_each_project(batch_pdf, real_forms):
    summary = page_texts(batch_pdf)[0]
    for af in real_forms:
        assert format_score(af.evaluation.total) in summary
    assert "各项目总分" in summary  # the chart's caption, drawn in the CJK font


def test_summary_only_for_batches_unless_asked(real_forms):
    one = page_texts(pdf_bytes(real_forms[:1], summary=True))
    assert "项目支出绩效自评汇总" in one[0]
    two = page_texts(pdf_bytes(real_forms[:2], summary=False))
    assert two[0].startswith("项目支出绩效目标自评表")
    assert "项目支出绩效自评汇总" not in "".join(page_texts(pdf_bytes(real_forms[:1])))


def test_metadata(batch_pdf, single_pdfs, real_forms):
    meta = reader(single_pdfs[0]).metadata
    assert meta.title == real_forms[0].name
    assert meta.author == real_forms[0].form.project.unit
    assert meta.creator == "绩效自评表编辑器"
    assert reader(batch_pdf).metadata.title == "项目支出绩效目标自评表(10 个项目)" == document_title(real_forms)


def test_twenty_thousand_character_explanation(real_form_paths):
    form = load_draft(real_form_paths[0])
    leaf = next(leaf for _, _, leaf in form.iter_leaves())
    body = ("因参考人员少,考试规模不大,故产生的展板、印刷等费用比预期费用少。See plan 2024-ABC. " * 400)[:20000]
    leaf.reason = body + "说明结束"
    data = pdf_bytes([assess_form(form)])
    texts = page_texts(data)
    assert len(texts) > 5
    joined = "".join(texts)
    assert "说明结束" in joined
    # the indicator that the explanation belongs to is named again on its continuation pages
    for text in texts[1:-1]:
        assert squash(leaf.name) in text and "三级指标" in text
    assert all(f"共{len(texts)}页" in text for text in texts)


def test_three_hundred_indicators(real_form_paths):
    af = many_indicators(load_draft(real_form_paths[1]), 300)
    data = pdf_bytes([af])
    texts = page_texts(data)
    joined = "".join(texts)
    for i in (0, 150, 299):
        assert f"第{i}个三级指标" in joined
    for text in texts[1:-1]:  # continuation pages: header repeated, spanned names shown again
        assert "三级指标" in text and "产出指标" in text


def test_long_goals_and_conclusion_split_too(real_form_paths):
    form = load_draft(real_form_paths[0])
    form.goals.expected = "预期目标文字" * 3000
    form.conclusion = "结论文字" * 4000 + "结论完"
    data = pdf_bytes([assess_form(form)])
    joined = "".join(page_texts(data))
    assert "结论完" in joined and joined.count("年度总体目标") >= 2


def test_write_pdf_is_atomic(tmp_path: Path, real_forms):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_pdf(real_forms[:2], target)
    assert target.read_bytes().startswith(b"%PDF")
    assert len(reader(target.read_bytes()).pages) >= 3
    with pytest.raises(WriteError):
        write_pdf(real_forms[:1], tmp_path / "missing-folder" / "out.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]  # no temporary file left behind


def test_no_forms_is_refused(tmp_path: Path):
    with pytest.raises(ValueError):
        pdf_bytes([])
    with pytest.raises(ValueError):
        write_pdf([], tmp_path / "x.pdf")


def test_batch_mixing_orientations(real_form_paths):
    a = load_assessed(real_form_paths[0])
    a.template = dataclasses.replace(a.template, orientation="landscape")  # a region printing landscape
    form = load_draft(real_form_paths[1])
    form.template = "mof-2020"
    b = assess_form(form)
    pdf = reader(pdf_bytes([a, b]))
    starts = [pdf.get_destination_page_number(entry) for entry in pdf.outline]
    first, second = pdf.pages[starts[0]], pdf.pages[starts[1]]
    assert first.mediabox.width > first.mediabox.height
    assert second.mediabox.height > second.mediabox.width
    assert math.isclose(float(second.mediabox.width), A4_PORTRAIT[0], abs_tol=0.5)


def test_empty_and_odd_forms_still_export():
    from model.form import Category, Dimension, Form, Leaf
    empty = assess_form(Form())
    assert len(reader(pdf_bytes([empty])).pages) == 1
    odd = Form()
    odd.project.name = "名称<b>&amp;" + "很长" * 300
    odd.indicators = [Dimension("产出指标", children=[Category("数量指标"), Category("质量指标", [
        Leaf(name="a<b>c & d", target="≥1", actual="", weight=Decimal(5))])]), Dimension("效益指标")]
    text = "".join(page_texts(pdf_bytes([assess_form(odd)])))
    assert "名称<b>&amp;很长" in text and "a<b>c&d" in text  # markup characters printed as typed
    assert "数量指标" in text and "效益指标" in text  # a group without children still shows
    assert "未评分" in text  # a leaf the rules cannot score


def test_batch_opens_with_the_outline_shown(batch_pdf, single_pdfs):
    assert reader(batch_pdf).trailer["/Root"].get("/PageMode") == "/UseOutlines"
    assert reader(single_pdfs[0]).trailer["/Root"].get("/PageMode") != "/UseOutlines"
