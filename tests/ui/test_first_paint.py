"""Work put off until a widget's first paint."""
from __future__ import annotations

from ui.first_paint import after_first_paint
from ui.qt import QApplication, QWidget


def test_after_first_paint_waits_for_the_paint(qtbot):
    """The start's slow work runs once the window has been painted, not before, and only once."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, lambda: calls.append("done"), latest_ms=60_000)
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls == ["done"])
    widget.repaint()  # a second paint, delivered now; a call it queued would run in processEvents
    QApplication.processEvents()
    assert calls == ["done"]


def test_after_first_paint_runs_anyway_for_a_window_never_painted(qtbot):
    """A window started minimised (or on a screen that never paints it) still finishes starting."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, lambda: calls.append("done"), latest_ms=20)
    qtbot.waitUntil(lambda: calls == ["done"])


def test_work_a_widget_never_shown_does_not_need_waits_for_its_paint(qtbot):
    """``latest_ms=None``: a form opened behind others makes its header section when turned to,
    not when the fallback of a widget never painted would have run it."""
    behind, never = QWidget(), QWidget()
    qtbot.addWidget(behind)
    qtbot.addWidget(never)
    calls = []
    after_first_paint(behind, lambda: calls.append("behind"), latest_ms=None)
    after_first_paint(never, lambda: calls.append("fallback"))  # the default fallback, set up second
    qtbot.waitUntil(lambda: calls == ["fallback"])
    assert calls == ["fallback"]
    behind.show()
    qtbot.waitUntil(lambda: calls == ["fallback", "behind"])
