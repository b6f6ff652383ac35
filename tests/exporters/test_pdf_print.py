"""The PDF as a bureau prints and hands it in: no more pages than the bureau's own print, no page holding
only the closing lines, Chinese line breaking, the template's own wording, a split row's figures once,
and nothing within 10 mm of the paper's edge."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from bench.forms import batch_of
from exporters.form_labels import labels_for
from exporters.pdf_lines import CANNOT_END, CANNOT_START
from exporters.pdf_chart import short_names
from exporters.pdf_writer import pdf_bytes
from model.draft import load_draft
from model.report import assess_form, load_assessed
from model.template_registry import get_template
from model.values import format_score
from tests.conftest import REAL_FORM_PATHS, bureau_pages
from tests.exporters.test_pdf_helpers import page_texts, reader, squash


@pytest.fixture(scope="module")
def real_forms():
    return [load_assessed(path) for path in REAL_FORM_PATHS]


@pytest.fixture(scope="module")
def single_pdfs(real_forms):
    return {af.source: pdf_bytes([af]) for af in real_forms}


@pytest.fixture(scope="module")
def batch_30(real_forms):
    return pdf_bytes(batch_of(real_forms, 30))


def test_no_form_takes_more_pages_than_the_bureau_printed(real_forms, single_pdfs):
    counts = bureau_pages()
    assert len(counts) == 10
    for af in real_forms:
        name = af.source.rsplit("/", 1)[-1][:3]
        pages = len(reader(single_pdfs[af.source]).pages)
        assert pages <= counts[name], f"{name}: {pages} pages, the bureau printed {counts[name]}"


def test_a_dozen_short_indicators_fit_one_page(real_forms, single_pdfs):
    af = next(af for af in real_forms if af.source.endswith("f01.json"))
    assert len(list(af.form.iter_leaves())) == 11
    assert len(reader(single_pdfs[af.source]).pages) == 1


def _content(text: str, af_name: str, closing: list[str]) -> str:
    """A page's text without the footer, the continuation header and the closing lines."""
    text = re.sub(r"第\d+页共\d+页", "", text)
    text = text.replace("(续)", "")
    for words in closing + [squash(af_name)[:20]]:
        text = text.replace(words, "")
    return text


def test_no_page_of_a_30_form_batch_holds_only_the_closing_lines(real_forms, batch_30):
    pdf = reader(batch_30)
    texts = page_texts(batch_30)
    starts = [pdf.get_destination_page_number(entry) for entry in pdf.outline] + [len(texts)]
    forms = batch_of(real_forms, 30)
    assert len(starts) == 31
    for index, af in enumerate(forms):
        labels = labels_for(af.template)
        closing = [squash(line.label) for line in labels.closing] + [squash(af.form.project.contact), "联系人:"]
        title = squash(labels.title)
        for page in range(starts[index], starts[index + 1]):
            rest = _content(texts[page], af.name, closing).replace(title, "")
            # a page carries form rows: at least one figure or one text of the grid besides the labels
            assert len(rest) > 30, f"page {page + 1} ({af.name}) holds only {texts[page]!r}"
        last = texts[starts[index + 1] - 1]
        assert "联系人:" in last and labels.conclusion in last  # the closing lines stay with the conclusion


def _lines(data: bytes) -> list[str]:
    return [line.strip() for page in reader(data).pages for line in page.extract_text().split("\n") if line.strip()]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(single_pdfs):
    checked = 0
    for source, data in single_pdfs.items():
        for line in _lines(data):
            checked += 1
            assert line[0] not in CANNOT_START, f"{source}: {line!r}"
            assert line[-1] not in CANNOT_END, f"{source}: {line!r}"
            if line != "-":  # the funds rows print "-" where a figure does not apply
                assert any(ch.isalnum() for ch in line), f"{source}: a line of punctuation only: {line!r}"
    assert checked > 500


def test_labels_wrap_between_words(single_pdfs):
    lines = _lines(next(iter(single_pdfs.values())))
    assert "主管部门" in lines and "及代码" in lines  # not 主管部门及/代码
    for word in ("年度", "总体", "目标"):
        assert word in lines
    assert not any(line.endswith("年度总体目") or line.startswith("标") for line in lines)


def test_guizhou_form_prints_its_title_and_labels(real_forms, single_pdfs):
    af = real_forms[0]
    text = "".join(page_texts(single_pdfs[af.source]))
    assert text.startswith("项目支出绩效目标自评表(2024年度)单位(盖章):")
    assert "填报日期:2025-01-23" in text
    assert f"联系人:{squash(af.form.project.contact)}" in text
    for word in ("填表人", "单位负责人", "财务负责人", "联系电话"):  # lines the guizhou-2024 form does not have
        assert word not in text
    assert text.index("自评结论") < text.index("联系人:")


def test_mof_2020_form_prints_the_national_wording(real_form_paths):
    form = load_draft(real_form_paths[0])
    form.template = "mof-2020"
    text = "".join(page_texts(pdf_bytes([assess_form(form)])))
    assert text.startswith("项目支出绩效自评表(2024年度)")
    assert "主管部门" in text and "主管部门及代码" not in text
    assert "年度指标值实际完成值" in text and "(A)" not in text
    assert "偏差原因分析及改进措施" in text
    assert "联系人" not in text and "单位(盖章)" not in text


def test_a_template_of_its_own_closing_lines(real_form_paths):
    form = load_draft(real_form_paths[0])
    form.project.phone = "0854-8221234"
    template = get_template("guizhou-2024")
    labels = dataclasses.replace(template.labels, closing=(("填表人:", "contact"), ("单位负责人:", "")))
    af = assess_form(form, template=dataclasses.replace(template, labels=labels))
    text = "".join(page_texts(pdf_bytes([af])))
    assert f"填表人:{squash(form.project.contact)}" in text and "单位负责人:＿" in text
    assert "联系电话:0854-8221234" in text  # a phone number typed in the draft is never dropped


def test_a_row_split_between_pages_prints_its_figures_once(real_form_paths):
    form = load_draft(real_form_paths[0])
    leaf = next(leaf for _, _, leaf in form.iter_leaves())
    leaf.weight, leaf.score = Decimal("12.34"), Decimal("3.33")  # figures no sum contains
    leaf.reason = "因参考人员少,考试规模不大,故产生的展板、印刷等费用比预期费用少。" * 120 + "说明结束"
    texts = page_texts(pdf_bytes([assess_form(form)]))
    pages_with_name = [i for i, text in enumerate(texts) if squash(leaf.name) in text]
    assert len(pages_with_name) >= 3  # the row runs over several pages, named on each
    assert "".join(texts).count("12.34") == 1 and "".join(texts).count("3.33") == 1
    assert "12.34" in texts[pages_with_name[0]]


def test_300_indicator_form_splits_rows_once(real_form_paths):
    from tests.exporters.test_pdf_helpers import many_indicators
    af = many_indicators(load_draft(real_form_paths[1]), 300)
    for i, (_, _, leaf) in enumerate(af.form.iter_leaves()):
        leaf.reason = f"第{i}条说明:" + "人数未达到目标,下一步加强宣传。" * 6
    af = assess_form(af.form)
    data = pdf_bytes([af])
    texts = page_texts(data)
    assert len(texts) > 3
    joined = "".join(texts)
    for i in (0, 150, 299):
        assert joined.count(f"第{i}条说明:") == 1
    leaves = list(af.form.iter_leaves())
    split = [leaf for _, _, leaf in leaves if sum(squash(leaf.name) + "≥100人" in t for t in texts) > 1]
    for leaf in split:  # a leaf cut by a page break: name on both pages, weight and score on the first
        figures = format_score(leaf.weight) + format_score(af.evaluation.leaf(leaf).score)
        assert sum(figures in t for t in texts) <= 1


def _ink_near_edge(page: pdfium.PdfPage, dpi: float = 72, edge_mm: float = 10) -> list[tuple[int, int]]:
    """Dark pixels in the outer ``edge_mm`` of the page (less a third of a mm for anti-aliasing)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    edge = int((edge_mm - 0.3) / 25.4 * dpi)
    return [(x, y) for y in range(height) for x in range(width)
            if (x < edge or y < edge or x >= width - edge or y >= height - edge) and pixels[y * stride + x] < 200]


def test_nothing_is_printed_within_10_mm_of_the_edge(real_forms, batch_30):
    document = pdfium.PdfDocument(batch_30)
    pages = [0, 1] + list(range(2, len(document), 7))  # the summary, and forms' first and later pages
    for number in pages:
        assert not _ink_near_edge(document[number]), f"page {number + 1} prints within 10 mm of the edge"


def test_summary_names_every_form_distinctly(real_forms):
    names = ["就业补助资金(创业担保贷款贴息)", "就业补助资金(职业技能培训补贴)", "就业补助资金(公益性岗位补贴)",
             "人事考试经费", "人事考试经费"]
    short = short_names(names)
    assert len(set(short[:3])) == 3 and short[3] == short[4] == "人事考试经费"
    assert all(len(s) <= 14 for s in short)
    forms = []
    for name in names[:3]:
        form = load_draft(REAL_FORM_PATHS[0])
        form.project.name = name
        forms.append(assess_form(form))
    summary = page_texts(pdf_bytes(forms))[0]
    for name in names[:3]:
        assert squash(name) in summary
