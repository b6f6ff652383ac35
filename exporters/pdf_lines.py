"""Chinese line breaking for the PDF cells, and the flowable that draws the broken lines.

reportlab's CJK wrapping lets a closing mark hang past the line end; in a narrow cell that put
"，" at the start of the next line or alone on a line (17 and 4 such lines in the ten real forms).
The rules of Chinese typesetting (GB/T 15834, 禁则) are simple to keep when the text is cut into
*units* first: a closing mark (，。、)》” …) sticks to what precedes it and an opening mark (（《“ …)
to what follows, a run of Latin letters and digits ("2024", "≥100", "ABC-1") is one unit, and a
line holds whole units. So no line starts with a closing mark, none ends with an opening one, and no
line is punctuation alone, whatever the width.

Breaking here is also what decides a cell's height, exactly: the chunks of a long text
(:func:`chunk_lines`) are whole lines, and the drawn lines are the measured ones.
"""
from __future__ import annotations

from typing import Optional, Sequence

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from exporters.form_labels import label_words
from exporters.pdf_glyphs import draw_text, font_for

CANNOT_START = frozenset("，。、；：？！）》」』】〕〉〗〙〛”’…—～·%‰℃,.;:?!)]}>、°′″")
CANNOT_END = frozenset("（《「『【〔〈〖〘〚“‘([{<")
_SPACE = " \t\u3000"
UNIT_CHARS = frozenset("万亿千百元人次个户件家项天日月年岁名期场所台套册份本张篇公里米吨亩平方")

_widths: dict[tuple[str, float], dict[str, float]] = {}


def text_width(text: str, font: str, size: float) -> float:
    """Width of a text in points, each character in the font that prints it (:mod:`exporters.pdf_glyphs`);
    per-character widths are cached (a batch reuses a few thousand)."""
    table = _widths.get((font, size))
    if table is None:
        table = _widths[(font, size)] = {}
    total = 0.0
    for ch in text:
        width = table.get(ch)
        if width is None:
            width = table[ch] = getFont(font_for(ch, font)).stringWidth(ch, size)
        total += width
    return total


def _is_latin(ch: str) -> bool:
    """Part of a word that must not be cut: Latin letters, digits, and what goes with numbers."""
    return ch.isascii() and (ch.isalnum() or ch in "-+/%.,:_#&@'~*=") or ch in "≥≤＞＜＝±×÷．％"


_BREAKING = CANNOT_START | CANNOT_END


def _inside_number(text: str, j: int) -> bool:
    """A separator between digits ("300,000", "6.28", "12:30") belongs to the number."""
    return text[j] in ",.:" and text[j - 1].isdigit() and j + 1 < len(text) and text[j + 1].isdigit()


def units(text: str) -> list[str]:
    """A line of text cut into the pieces a line break may fall between."""
    pieces: list[str] = []
    pending_open = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in CANNOT_END:
            pending_open += ch
            i += 1
            continue
        if ch in CANNOT_START and pieces and not pending_open:
            if len(pieces) > 1 and not pieces[-1].strip(_SPACE):  # "字 ，": the space goes with the mark
                space = pieces.pop()
                pieces[-1] += space
            pieces[-1] += ch
            i += 1
            continue
        if ch in _SPACE:
            j = i
            while j < n and text[j] in _SPACE:
                j += 1
            if pending_open:
                pending_open += text[i:j]
            else:
                pieces.append(text[i:j])
            i = j
            continue
        j = i + 1
        if _is_latin(ch):
            while j < n and _is_latin(text[j]) and (text[j] not in _BREAKING or _inside_number(text, j)):
                j += 1
            if text[j - 1].isdigit():  # a quantity keeps its unit: "100人", "1.35万元", "≥931423人"
                while j < n and text[j] in UNIT_CHARS and j - i < 24:
                    j += 1
        pieces.append(pending_open + text[i:j])
        pending_open = ""
        i = j
    if pending_open:  # an opening mark at the very end has nothing to stick to
        if pieces:
            pieces[-1] += pending_open
        else:
            pieces.append(pending_open)
    return pieces


def break_lines(text: str, width: float, font: str, size: float, words: bool = False,
                stack: bool = False) -> list[str]:
    """The lines a text takes in a column ``width`` points wide.

    With ``words`` a label breaks only between its words (:func:`exporters.form_labels.label_words`); with
    ``stack`` a label that does not fit on one line puts each word on its own line, as the official
    form stacks 年度/总体/目标 in its first column.
    """
    lines: list[str] = []
    for paragraph in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        pieces = label_words(paragraph) if words else units(paragraph)
        if stack and text_width(paragraph, font, size) > width + 1e-6:
            lines += pieces
            continue
        lines += _fill(pieces, width, font, size)
    return lines or [""]


def _fill(pieces: Sequence[str], width: float, font: str, size: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for piece in pieces:
        piece_width = text_width(piece, font, size)
        if line and used + piece_width > width + 1e-6:
            lines.append(line.rstrip(_SPACE))
            piece = piece.lstrip(_SPACE)
            line, used = "", 0.0
            piece_width = text_width(piece, font, size)
        if not line and piece_width > width + 1e-6 and len(piece) > 1:
            head, piece = _cut_overlong(piece, width, font, size)
            lines += head
            piece_width = text_width(piece, font, size)
        line, used = line + piece, used + piece_width
    lines.append(line.rstrip(_SPACE))
    return lines


def _cut_overlong(piece: str, width: float, font: str, size: float) -> tuple[list[str], str]:
    """A unit wider than the column (a long number or URL): cut by character, never before a closing
    mark or after an opening one (in a column too narrow for that, the marks overhang the line)."""
    lines: list[str] = []
    while len(piece) > 1 and text_width(piece, font, size) > width + 1e-6:
        cut = 1
        while cut < len(piece) and text_width(piece[:cut + 1], font, size) <= width + 1e-6:
            cut += 1
        fitting = cut
        while 1 < cut < len(piece) and _bad_cut(piece, cut):
            cut -= 1
        if cut < len(piece) and _bad_cut(piece, cut):
            cut = fitting  # no clean cut before: let the marks hang past the line end instead
            while cut < len(piece) and _bad_cut(piece, cut):
                cut += 1
        lines.append(piece[:cut])
        piece = piece[cut:]
    return lines, piece


def _bad_cut(piece: str, cut: int) -> bool:
    """Whether cutting ``piece`` at ``cut`` would start a line with a closing mark or end one with an
    opening mark (spaces at the cut do not count: they are dropped)."""
    head, rest = piece[:cut].rstrip(_SPACE), piece[cut:].lstrip(_SPACE)
    return bool(rest and rest[0] in CANNOT_START) or bool(head and head[-1] in CANNOT_END)


def chunk_lines(text: str, width: float, font: str, size: float, max_lines: int) -> list[str]:
    """A long text cut into pieces of at most ``max_lines`` lines each (one table row per piece).

    The pieces are whole lines of the column, joined by line breaks, so each piece lays out again
    to exactly these lines.
    """
    lines = break_lines(text, width, font, size)
    if len(lines) <= max_lines:
        return [text or ""]
    return ["\n".join(lines[i:i + max_lines]) for i in range(0, len(lines), max_lines)]


class TextLines(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A cell's text, broken by :func:`break_lines` and drawn line by line in the style's font.

    The lines are remembered per width: a table is measured in several probes and parts, always at
    the same column widths (give or take reportlab's 1e-14 rounding).
    """

    def __init__(self, text: str, style: ParagraphStyle, words: bool = False, stack: bool = False) -> None:
        super().__init__()
        self.text, self.style, self.words, self.stack = text, style, words, stack
        self.lines: list[str] = []
        self._at: Optional[float] = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._at is None or abs(self._at - availWidth) > 1e-6:
            style = self.style
            self.lines = break_lines(self.text, availWidth, style.fontName, style.fontSize, self.words, self.stack)
            self._at = availWidth
        self.width, self.height = availWidth, len(self.lines) * self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        size, leading = style.fontSize, style.leading
        canvas.setFont(style.fontName, size)
        baseline = self.height - leading + (leading - size) / 2 + size * 0.14
        x, align = {TA_CENTER: (self.width / 2, "center"), TA_RIGHT: (self.width, "right")}.get(
            style.alignment, (0.0, "left"))
        for line in self.lines:
            draw_text(canvas, x, baseline, line, style.fontName, size, align)
            baseline -= leading
