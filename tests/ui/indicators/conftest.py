"""f17's indicator tree, shown, active and started as a window starts it: the keyboard is on the
first actual value (the tests that drive it with keys begin from there)."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.draft import load_draft
from ui.document import FormDocument
from ui.indicators.view import IndicatorView


@pytest.fixture
def started_view(qtbot, forms_dir: Path) -> IndicatorView:
    widget = IndicatorView(FormDocument(load_draft(forms_dir / "f17.json")))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.start()
    qtbot.waitUntil(widget.view.hasFocus)
    return widget
