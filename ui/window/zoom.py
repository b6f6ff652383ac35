"""视图 → 放大 / 缩小 / 实际大小, and Ctrl+wheel over a form: the form pages, bigger or smaller.

A clerk reading a 40-row form on a 1366×768 laptop, or a colleague looking over her shoulder, zooms
the sheet in WPS with Ctrl+wheel; the same works here. Only the form pages change (header, funds,
goals, tree, 自评结论), not the menus, the toolbar or the panels, as in WPS. Every open form and every
form opened later has the same zoom, and it is kept for the next start. Each page's parts fit
themselves to the new font (their ``changeEvent``), so the zoom is only a font size.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from ui.qt import QApplication, QEvent, QFont, QObject, Qt, QTimer, QWheelEvent, QWidget
from ui.first_paint import after_first_paint
from ui.window import files

if TYPE_CHECKING:
    from ui.form.tab import FormTab

SETTING = "view/zoom"
STEPS = (80, 90, 100, 110, 125, 150, 175, 200)  # per cent, as WPS's zoom list
ACTUAL = 100


def stepped(percent: int, direction: int) -> int:
    """The next zoom in ``direction`` (+1 bigger, -1 smaller), kept within :data:`STEPS`."""
    if direction > 0:
        return next((step for step in STEPS if step > percent), STEPS[-1])
    return next((step for step in reversed(STEPS) if step < percent), STEPS[0])


def zoomed_font(base: QFont, percent: int) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * percent / 100)
    return font


def saved_zoom() -> int:
    try:
        percent = int(files.get_setting(SETTING, str(ACTUAL)))
    except ValueError:
        return ACTUAL
    return percent if percent in STEPS else ACTUAL


class Zoom(QObject):
    """The zoom of the window's form pages; ``pages()`` are the open ones, ``say`` the status bar.

    Ctrl+wheel inside a page zooms (one step a notch) instead of scrolling it: the wheel goes to
    the scrolling parts (tree, funds, text boxes, the header section), which :meth:`watch` filters;
    not the whole application, whose every event would then pass through Python."""

    def __init__(self, parent: QWidget, pages: Callable[[], Iterable[FormTab]], say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.pages, self.say = pages, say
        self.percent = saved_zoom()

    def watch(self, page: FormTab) -> None:
        """A new page: at the current zoom, its Ctrl+wheel zooming once it is on screen (asking
        Qt for the scroll areas' viewports costs PySide6 ~30 ms the first time; see
        :func:`ui.indicators.tree_view.known_viewport`)."""
        self.apply(page)
        after_first_paint(page, lambda: self._filter_wheel(page), latest_ms=None)  # no wheel reaches it before

    def _filter_wheel(self, page: FormTab) -> None:
        for area in page.scroll_areas():
            area.viewport().installEventFilter(self)

    def apply(self, page: FormTab) -> None:
        """A page at the current zoom; at the actual size an untouched page keeps its font."""
        if self.percent != ACTUAL or page.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            page.setFont(zoomed_font(QApplication.font(), self.percent))
            QTimer.singleShot(0, page, page.fit_splitter)  # the header section as tall as its zoomed fields

    def set_percent(self, percent: int) -> None:
        self.percent = percent if percent in STEPS else ACTUAL
        files.set_setting(SETTING, str(self.percent))
        for page in self.pages():
            self.apply(page)
        self.say(f"缩放 {self.percent}%(Ctrl+滚轮 或 视图 → 放大、缩小、实际大小)")

    def step(self, direction: int) -> None:
        self.set_percent(stepped(self.percent, direction))

    def actual(self) -> None:
        self.set_percent(ACTUAL)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # a plain wheel scrolls, as before
        notch = event.angleDelta().y()
        if notch:
            self.step(1 if notch > 0 else -1)
        return True


