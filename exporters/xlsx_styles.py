"""Cell styles as plain values, turned into XlsxWriter formats once per workbook.

The layout (:mod:`exporters.xlsx_sheet`) describes a cell's look with a frozen :class:`Style`; the
writer asks :class:`Formats` for the XlsxWriter format of that style. A workbook has a few dozen
distinct styles however many forms it holds, so each is created once and shared.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from exporters.xlsx_wrap import FONT_NAME, FONT_SIZE

ORANGE = "#FCD5B4"  # the fill of a score whose inputs changed after the program scored it
HELPER_GREY = "#F2F2F2"


@dataclass(frozen=True)
class Style:
    bold: bool = False
    size: int = FONT_SIZE
    color: str = ""
    align: str = "center"  # left / center / right
    valign: str = "vcenter"  # top / vcenter
    wrap: bool = True
    num: str = ""
    fill: str = ""
    top: bool = False
    bottom: bool = False
    left: bool = False
    right: bool = False

    def boxed(self, top: bool = True, bottom: bool = True) -> "Style":
        """The style with thin borders: always left and right, top and bottom as asked."""
        return _boxed(self, top, bottom)

    def with_number(self, num: str) -> "Style":
        return _numbered(self, num)


@lru_cache(maxsize=1024)
def _boxed(style: Style, top: bool, bottom: bool) -> Style:  # a few dozen styles, asked thousands of times
    return replace(style, top=top, bottom=bottom, left=True, right=True)


@lru_cache(maxsize=1024)
def _numbered(style: Style, num: str) -> Style:
    return replace(style, num=num)


TEXT = Style()
BOLD = Style(bold=True)
LEFT = Style(align="left")
TITLE = Style(bold=True, size=16)
SUBTITLE = Style(size=11)
HELPER = Style(size=9, color="#666666", fill=HELPER_GREY)
NOTE = Style(size=9, color="#666666", align="left", valign="top")
RULE = Style(size=9, align="left")  # a rule the form prints in its grid (四川 "预算执行率=…")
PLAIN_LEFT = Style(align="left", wrap=False)
PLAIN_RIGHT = Style(align="right", wrap=False)
HELPER_HEAD = Style(size=9, color="#666666", fill=HELPER_GREY, bold=True, top=True, bottom=True, left=True, right=True)
STATUS = Style(size=9, color="#C00000", fill=HELPER_GREY, bold=True, top=True, bottom=True, left=True, right=True)


def format_properties(style: Style) -> dict[str, Any]:
    props: dict[str, Any] = {"font_name": FONT_NAME, "font_size": style.size, "align": style.align,
                             "valign": style.valign}
    if style.bold:
        props["bold"] = True
    if style.color:
        props["font_color"] = style.color
    if style.wrap:
        props["text_wrap"] = True
    if style.num:
        props["num_format"] = style.num
    if style.fill:
        props["bg_color"] = style.fill
        props["pattern"] = 1
    for side in ("top", "bottom", "left", "right"):
        if getattr(style, side):
            props[side] = 1
    return props


class Formats:
    """The XlsxWriter formats of one workbook, one per distinct :class:`Style`."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cache: dict[Style, Any] = {}

    def get(self, style: Style) -> Any:
        fmt = self.cache.get(style)
        if fmt is None:
            fmt = self.cache[style] = self.workbook.add_format(format_properties(style))
        return fmt

    def conditional(self, fill: str = "", num: str = "", bold: bool = False) -> Any:
        """A format for a conditional rule: only what the rule changes."""
        props: dict[str, Any] = {}
        if fill:
            props.update(bg_color=fill, pattern=1)
        if num:
            props["num_format"] = num
        if bold:
            props["bold"] = True
        return self.workbook.add_format(props)
