"""The summary page's bar chart of the totals, its labels in the form's font.

reportlab's chart labels are set in one font, so a project name with a character that font lacks (a
rare name character, ☑) would print a box under its bar; the labels are drawn here instead, each
character in a font that has it (:mod:`exporters.pdf_glyphs`), slanted as reportlab's own were.
"""
from __future__ import annotations

import math
from typing import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from exporters.pdf_glyphs import runs
from exporters.pdf_tables import Layout
from model.report import AssessedForm
from model.values import format_score

CHART_BARS = 30  # bars per chart; a long batch gets several charts
LABEL_SIZE, LABEL_ANGLE = 7, 35


def short_names(names: Sequence[str], limit: int = 9) -> list[str]:
    """Names shortened to about ``limit`` characters for the chart, each batch name told apart: a
    cut keeps the name's head and its end ("就业补助资金…创业补贴"), and the end grows until no two
    different names read the same (three 就业补助资金(… bars said nothing)."""
    def shorten(name: str, tail: int) -> str:
        if len(name) <= limit + tail:
            return name
        head = max(2, limit - tail)
        return f"{name[:head]}…{name[len(name) - tail:]}" if tail else name[:limit - 1] + "…"

    distinct = list(dict.fromkeys(names))
    result = {name: shorten(name, 0) for name in distinct}
    for tail in range(1, max((len(n) for n in distinct), default=0) + 1):
        clashes = [n for n in distinct if sum(1 for m in distinct if result[m] == result[n]) > 1]
        if not clashes:
            break
        for name in clashes:
            result[name] = shorten(name, tail)
    return [result[name] for name in names]


def totals_chart(forms: Sequence[AssessedForm], start: int, count: int, font: str, layout: Layout) -> Drawing:
    """Bars of the totals (0–100) labelled "序号.项目名称" as in the table, in the CJK font."""
    width, height = layout.width, 78 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's starting font; Helvetica would be referenced unembedded
    chart = VerticalBarChart()
    # the axis stands far enough in that the first slanted label stays inside the page's 10 mm margin
    left = 30 * mm
    slot = min((width - left - 6 * mm) / max(1, len(forms)), 24 * mm)  # a few bars stay slim
    chart.x, chart.y, chart.width, chart.height = left, 24 * mm, slot * len(forms), height - 32 * mm
    # reportlab's charts draw numbers; the totals are shown as figures, not used for any sum
    chart.data = [[float(af.evaluation.total) for af in forms]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = font
    chart.categoryAxis.visibleLabels = False  # drawn below, each character in a font that has it
    chart.bars[0].fillColor = colors.HexColor("#4A6FA5")
    chart.barLabelFormat = "values"  # the bars' labels are the printed figures, not the floats drawn
    chart.barLabelArray = [[format_score(af.evaluation.total) for af in forms]]
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = font, 6.5, 6
    drawing.add(chart)
    names = short_names([af.name for af in forms])
    for i, name in enumerate(names):  # under the middle of its bar's slot, as reportlab's labels were
        drawing.add(slanted_label(chart.x + (i + 0.5) * slot, chart.y - 2, f"{start + i + 1}.{name}", font))
    caption = "各项目总分" if count <= CHART_BARS else f"各项目总分(第 {start + 1}–{start + len(forms)} 项)"
    drawing.add(String(0, height - 6 * mm, caption, fontName=font, fontSize=10))
    return drawing


def slanted_label(x: float, y: float, text: str, font: str, size: float = LABEL_SIZE,
                  angle: float = LABEL_ANGLE) -> Group:
    """``text`` ending at (x, y), its top there, rising at ``angle`` degrees to the left of it (the way
    reportlab's "ne"-anchored labels slant), in runs of ``font`` and the fallbacks it needs."""
    pieces = [(name, piece, stringWidth(piece, name, size)) for name, piece in runs(text, font)]
    label = Group()
    left = -sum(width for _name, _piece, width in pieces)
    for name, piece, width in pieces:
        label.add(String(left, -size, piece, fontName=name, fontSize=size))
        left += width
    turn = math.radians(angle)
    label.transform = (math.cos(turn), math.sin(turn), -math.sin(turn), math.cos(turn), x, y)
    return label
