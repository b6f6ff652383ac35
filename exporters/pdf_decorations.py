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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from exporters.form_labels import L_FILL_DATE, L_PHONE, L_UNIT
from exporters.pdf_tables import Layout, markup
from model.report import AssessedForm

FOOTER_SIZE = 8.5


class FormStart(Flowable):
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


class FormCanvas(Canvas):
    """A canvas that holds its pages back until save, to number them per form."""

    font_name = "Helvetica"  # set by the writer (see canvas_maker)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
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
        seen: Counter = Counter()
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
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def draw_footer(canvas: Canvas, name: str, page: int, total: int, font: str) -> None:
    width, _ = canvas._pagesize
    margin = 12 * mm
    y = 7 * mm
    canvas.saveState()
    canvas.setFont(font, FOOTER_SIZE)
    canvas.setFillColor(colors.black)
    number = f"第 {page} 页 共 {total} 页"
    canvas.drawCentredString(width / 2, y, number)
    room = width / 2 - stringWidth(number, font, FOOTER_SIZE) / 2 - margin - 6 * mm
    canvas.drawString(margin, y, _fit(name, font, FOOTER_SIZE, room))
    canvas.restoreState()


def draw_header(canvas: Canvas, text: str, font: str) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font, FOOTER_SIZE)
    canvas.setFillColor(colors.HexColor("#444444"))
    canvas.drawRightString(width - 12 * mm, height - 8 * mm, _fit(text, font, FOOTER_SIZE, width / 2))
    canvas.restoreState()


def title_block(af: AssessedForm, layout: Layout) -> list[Flowable]:
    """Title, (N年度), and the 单位(盖章) / 填报日期 line above the grid."""
    s = layout.styles
    date = af.form.project.fill_date if af.template.show_fill_date else ""
    line = Table([[Paragraph(L_UNIT, s["meta"]),
                   Paragraph(markup(f"{L_FILL_DATE}{date}") if af.template.show_fill_date else "", s["meta-right"])]],
                 colWidths=[layout.width / 2] * 2,
                 style=TableStyle([("FONTNAME", (0, 0), (-1, -1), layout.font),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [Paragraph(markup(af.template.title), s["title"]),
            Paragraph(markup(f"({af.form.year}年度)"), s["subtitle"]), Spacer(0, 2 * mm), line]


def signature_block(af: AssessedForm, layout: Layout) -> Flowable:
    """Signatures, contact and date, with room on the right for the unit's seal; kept on one page."""
    s = layout.styles
    project = af.form.project
    contact = project.contact if af.template.show_contact else ""
    phone = project.phone if af.template.show_contact else ""
    blank = "＿" * 6
    cells = [
        [_p(f"单位负责人:{blank}", s), _p(f"财务负责人:{blank}", s), _p(f"填表人:{contact or blank}", s),
         _p("单位(盖章)", s, "center")],
        [_p(f"{L_PHONE}{phone or blank}", s), _p(f"日期:{project.fill_date or blank}", s), "", ""],
    ]
    third = layout.width * 0.25
    table = Table(cells, colWidths=[third, third, third, layout.width - 3 * third], rowHeights=[14 * mm, 14 * mm],
                  style=TableStyle([("FONTNAME", (0, 0), (-1, -1), layout.font), ("SPAN", (3, 0), (3, 1)),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("VALIGN", (3, 0), (3, 1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                    ("TEXTCOLOR", (3, 0), (3, 1), colors.HexColor("#555555"))]))
    return KeepTogether([Spacer(0, 4 * mm), table])


def _p(text: str, styles: dict, style: Optional[str] = None) -> Paragraph:
    return Paragraph(markup(text), styles[style or "meta"])
