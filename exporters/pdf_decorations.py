"""What surrounds the tables: the title lines, the signature block and the page header and footer.

Page numbers are "第 X 页 共 Y 页" counted *per form*: each form of a batch is signed, sealed and handed
in on its own, so its pages must read 1..N even inside a 300-form PDF (the summary pages count on their
own too). The total is known only at the end, so :class:`FormCanvas` keeps every finished page and draws
headers, footers and outline entries when the document is saved (one layout pass, no second build).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from exporters.form_labels import L_PHONE, ClosingLine, FormLabels, labels_for
from exporters.pdf_glyphs import draw_text
from exporters.pdf_lines import text_width
from exporters.pdf_tables import Layout, Row, markup
from model.report import AssessedForm

FOOTER_SIZE = 8.5


class FormStart(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Zero-size marker at the start of each form: tells the canvas which form its pages belong to."""

    def __init__(self, key: str, title: str, name: str, bookmark: bool = True) -> None:
        super().__init__()
        self.key, self.title, self.name, self.bookmark = key, title, name, bookmark
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, FormCanvas):
            canvas.begin_form(self.key, self.title, self.name, self.bookmark)


class FormCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages back until save, to number them per form."""

    font_name = "Helvetica"  # set by the writer (see canvas_maker)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._form = ("", "", "")  # key, title shown in the header, name shown in the footer
        self._marks: list[tuple[str, str]] = []

    def begin_form(self, key: str, title: str, name: str, bookmark: bool) -> None:
        self._form = (key, title, name)
        if bookmark:
            self._marks = self._marks + [(key, name)]

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        totals = Counter(state["_form"][0] for state in self._held)
        seen: Counter[str] = Counter()
        for state in self._held:
            self.__dict__.update(state)
            key, title, name = self._form
            seen[key] += 1
            for mark_key, mark_title in self._marks:
                self.bookmarkPage(mark_key)
                self.addOutlineEntry(mark_title, mark_key, level=0)
            if seen[key] > 1 and title:
                draw_header(self, f"{title}(续)", self.font_name)
            draw_footer(self, name, seen[key], totals[key], self.font_name)
            Canvas.showPage(self)
        if sum(len(state["_marks"]) for state in self._held) > 1:
            self.showOutline()  # a batch opens with its list of projects beside the pages
        Canvas.save(self)


def canvas_maker(font: str) -> type[FormCanvas]:
    """A FormCanvas class bound to the document's font (reportlab instantiates it itself)."""
    return type("BoundFormCanvas", (FormCanvas,), {"font_name": font})


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a text with an ellipsis so a footer never runs into the page number."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


EDGE = 10 * mm  # nothing is printed nearer the paper's edge: many printers cannot print the outer 5 mm


def draw_footer(canvas: Canvas, name: str, page: int, total: int, font: str) -> None:
    """The form's name on the left and "第 X 页 共 Y 页" in the middle, its descenders 10 mm above the edge."""
    width, _ = canvas._pagesize
    y = EDGE + FOOTER_SIZE * 0.2
    canvas.saveState()
    canvas.setFont(font, FOOTER_SIZE)
    canvas.setFillColor(colors.black)
    number = f"第 {page} 页 共 {total} 页"
    canvas.drawCentredString(width / 2, y, number)
    room = width / 2 - text_width(number, font, FOOTER_SIZE) / 2 - EDGE - 6 * mm
    draw_text(canvas, EDGE, y, _fit(name, font, FOOTER_SIZE, room), font, FOOTER_SIZE)
    canvas.restoreState()


def draw_header(canvas: Canvas, text: str, font: str) -> None:
    """The continuation header, its tallest glyph 10 mm below the top edge."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font, FOOTER_SIZE)
    canvas.setFillColor(colors.HexColor("#444444"))
    draw_text(canvas, width - EDGE, height - EDGE - FOOTER_SIZE, _fit(text, font, FOOTER_SIZE, width / 2), font,
              FOOTER_SIZE, "right")
    canvas.restoreState()


def title_block(af: AssessedForm, layout: Layout, labels: Optional[FormLabels] = None) -> list[Flowable]:
    """The template's title, its year line, and the 单位(盖章) / 填报日期 line above the grid."""
    labels = labels or labels_for(af.template)
    s = layout.styles
    font = layout.font
    story: list[Flowable] = [Paragraph(markup(labels.title, font), s["title"]),
                             Paragraph(markup(labels.year(af.form.year), font), s["subtitle"])]
    date = f"{labels.fill_date}{af.form.project.fill_date}" if labels.show_fill_date else ""
    if labels.unit or date:
        line = Table([[Paragraph(markup(labels.unit, font), s["meta"]), Paragraph(markup(date, font), s["meta-right"])]],
                     colWidths=[layout.width / 2] * 2,
                     style=TableStyle([("FONTNAME", (0, 0), (-1, -1), layout.font),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        story.append(line)
    else:
        story.append(Spacer(0, 1.5 * mm))
    return story


def closing_lines(af: AssessedForm, labels: FormLabels) -> list[str]:
    """The template's lines under the 自评结论 (guizhou-2024: 联系人), filled from the draft; a
    signature line without a field gets a blank to sign on. A phone number the draft holds is
    printed even where the template has no line for it, so nothing typed is lost."""
    project = af.form.project
    values = {"contact": project.contact, "phone": project.phone, "fill_date": project.fill_date, "": ""}
    lines = list(labels.closing)
    if project.phone and not any(line.field == "phone" for line in lines) and labels.header_field("phone") is None:
        lines.append(ClosingLine(L_PHONE, "phone"))
    return [f"{line.label}{values[line.field] or BLANK}" for line in lines]


BLANK = "＿" * 6


def closing_rows(af: AssessedForm, layout: Layout, labels: FormLabels, columns: int) -> list[Row]:
    """The closing lines as one rule-less row under the grid, kept on the page of the conclusion
    (see :meth:`exporters.pdf_split_table.GroupedTable.split`)."""
    lines = closing_lines(af, labels)
    if not lines:
        return []
    text = "\u3000\u3000\u3000".join(lines)
    return [Row([(text, layout.styles["meta"])] + [None] * (columns - 1), [None] * columns,
                ((0, columns - 1),) if columns > 1 else (), free=True)]
