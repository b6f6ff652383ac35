"""The print-ready PDF: one or many forms, laid out like the paper form, with an optional summary page.

Each form starts on a new page in its template's orientation, has an outline entry (bookmark) and pages
numbered on their own ("第 X 页 共 Y 页", see :mod:`exporters.pdf_decorations`). The same bytes are what
the window previews and prints (``ui.output.printing``), so what prints is what exports.
"""
from __future__ import annotations

import io
import os
from contextlib import contextmanager
from typing import IO, Callable, Iterator, Optional, Sequence

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Spacer)
from reportlab.platypus.doctemplate import ActionFlowable

from exporters.form_labels import labels_for
from exporters.pdf_chart import CHART_BARS, short_names, totals_chart
from exporters.pdf_decorations import FormStart, canvas_maker, closing_rows, title_block
from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_tables import BAND, GroupedTable, Layout, Row, grid_for, layout_for, markup, project_block, \
    results_block
from model.atomic import atomic_write
from model.report import AssessedForm
from model.values import format_rate, format_score

CREATOR = "绩效自评表编辑器"
SUMMARY_ORIENTATION = "landscape"
Progress = Optional[Callable[[int, int], None]]  # (done, total) as the layout reaches each form; may raise to cancel


class _Progress(ActionFlowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Reports ``done`` of ``total`` when the layout reaches it (takes no room, draws nothing)."""

    def __init__(self, progress: Callable[[int, int], None], done: int, total: int) -> None:
        super().__init__()
        self.progress, self.done, self.total = progress, done, total

    def apply(self, doc: BaseDocTemplate) -> None:
        self.progress(self.done, self.total)


def document_title(forms: Sequence[AssessedForm]) -> str:
    if len(forms) == 1:
        return forms[0].name
    return f"{forms[0].template.title}({len(forms)} 个项目)"


def document_author(forms: Sequence[AssessedForm]) -> str:
    """The 实施单位; for a batch of several units, the distinct ones joined (at most three)."""
    units = list(dict.fromkeys(f.form.project.unit for f in forms if f.form.project.unit))
    return "、".join(units[:3]) + ("等" if len(units) > 3 else "")


def page_template(layout: Layout) -> PageTemplate:
    """A page of one geometry: the frame inside the margins, less the header and footer bands."""
    width, height = layout.page_size
    frame = Frame(layout.margin, layout.margin + BAND, width - 2 * layout.margin, layout.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=page_id(layout))
    return PageTemplate(id=page_id(layout), frames=[frame], pagesize=layout.page_size)


def page_id(layout: Layout) -> str:
    return f"{layout.orientation}-{layout.margin:.2f}"


def _page_templates(forms: Sequence[AssessedForm], font: str, summary: bool) -> list[PageTemplate]:
    """One page template per geometry the batch uses, the first page's first (the document starts there)."""
    layouts = ([Layout(SUMMARY_ORIENTATION, font)] if summary else []) + [layout_for(af, font) for af in forms]
    unique = {page_id(layout): layout for layout in reversed(layouts)}
    first = page_id(layouts[0])
    return [page_template(layout) for key, layout in sorted(unique.items(), key=lambda item: item[0] != first)]


def form_story(af: AssessedForm, font: str, index: int) -> list[Flowable]:
    """Everything of one form, in the order of the paper form; the closing lines end the last table
    so they stay on the page of the conclusion."""
    layout = layout_for(af, font)
    labels = labels_for(af.template)
    grid = grid_for(af, layout, labels)
    story: list[Flowable] = [FormStart(f"form-{index}", labels.title, af.name)]
    story += title_block(af, layout, labels)
    story += [project_block(af, layout, grid, labels),
              results_block(af, layout, grid, labels, closing_rows(af, layout, labels, len(grid.indicators)))]
    return story


def summary_story(forms: Sequence[AssessedForm], font: str) -> list[Flowable]:
    """The batch's first page(s): one line per project and a bar chart of the totals."""
    layout = Layout(SUMMARY_ORIENTATION, font)
    s = layout.styles
    story: list[Flowable] = [FormStart("summary", "绩效自评汇总", "绩效自评汇总", bookmark=False),
                             Paragraph("项目支出绩效自评汇总", s["title"]),
                             Paragraph(markup(f"共 {len(forms)} 个项目"), s["subtitle"]), Spacer(0, 3 * mm)]
    story.append(_summary_table(forms, layout))
    for start in range(0, len(forms), CHART_BARS):
        story += [CondPageBreak(82 * mm), Spacer(0, 4 * mm),
                  totals_chart(forms[start:start + CHART_BARS], start, len(forms), font, layout)]
    return story


def _summary_table(forms: Sequence[AssessedForm], layout: Layout) -> GroupedTable:
    s = layout.styles
    heads = ["序号", "项目名称", "实施单位", "执行率(%)", "总分", "等级"]
    fractions = (0.06, 0.42, 0.28, 0.09, 0.08, 0.07)
    widths = [layout.width * f for f in fractions]
    rows = [Row([(h, s["head"]) for h in heads], [None] * 6, shaded=True)]
    for number, af in enumerate(forms, 1):
        ev = af.evaluation
        rate = "无法计算" if ev.funds_rate is None else format_rate(ev.funds_rate)
        rows.append(Row([(str(number), s["center"]), (af.name, s["cell"]), (af.form.project.unit, s["cell"]),
                         (rate, s["center"]), (format_score(ev.total), s["center"]), (ev.grade, s["center"])],
                        [None] * 6))
    return GroupedTable(rows, widths, repeat=1, page_height=layout.height, padding=layout.padding)


def build_story(forms: Sequence[AssessedForm], font: str, summary: Optional[bool] = None,
                progress: Progress = None) -> list[Flowable]:
    if summary is None:
        summary = len(forms) > 1
    story: list[Flowable] = []
    if summary:  # the document starts in the summary's orientation (see render_pdf)
        story += summary_story(forms, font)
    for index, af in enumerate(forms):
        if story:
            story += [NextPageTemplate(page_id(layout_for(af, font))), PageBreak()]
        story += form_story(af, font, index)
        if progress is not None:
            story.append(_Progress(progress, index + 1, len(forms)))
    return story


def render_pdf(forms: Sequence[AssessedForm], stream: IO[bytes], *, summary: Optional[bool] = None,
               progress: Progress = None) -> None:
    """Lay out the forms and write the PDF to a binary stream."""
    if not forms:
        raise ValueError("没有可导出的表单")
    font = register_cjk_font()
    with_summary = len(forms) > 1 if summary is None else summary
    templates = _page_templates(forms, font, with_summary)
    doc = BaseDocTemplate(stream, pagesize=templates[0].pagesize, pageTemplates=templates,
                          title=document_title(forms), author=document_author(forms), creator=CREATOR,
                          subject=forms[0].template.title, initialFontName=font,
                          leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, pageCompression=1)
    with _binary_streams():
        doc.build(build_story(forms, font, with_summary, progress), canvasmaker=canvas_maker(font))


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without reportlab's ASCII-85 layer: smaller files, and faster to write (the
    encoder is pure Python). The setting is global in reportlab, so it is restored afterwards."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def pdf_bytes(forms: Sequence[AssessedForm], *, summary: Optional[bool] = None, progress: Progress = None) -> bytes:
    """The PDF in memory (for printing); ``progress`` as in :func:`write_pdf`."""
    buffer = io.BytesIO()
    render_pdf(list(forms), buffer, summary=summary, progress=progress)
    return buffer.getvalue()


def write_pdf(forms: Sequence[AssessedForm], path: str | os.PathLike[str], *, summary: Optional[bool] = None,
              progress: Progress = None) -> None:
    """Write the PDF atomically: an interrupted export never leaves a broken file (raises WriteError).

    ``progress(done, total)`` is called as the layout passes each form; an exception it raises (the
    window's 取消) ends the export and leaves the old file as it was."""
    forms = list(forms)
    if not forms:
        raise ValueError("没有可导出的表单")
    atomic_write(path, lambda stream: render_pdf(forms, stream, summary=summary, progress=progress))
