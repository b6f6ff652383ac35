"""The summary strip: its figures, and two lines instead of one where the page is narrow."""
from __future__ import annotations

import pytest

from model.draft import load_draft
from ui.document import FormDocument
from ui.form.summary_strip import SummaryBar

from tests.ui.form.visible_rows import AT_150

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def bar(qtbot, forms_dir):
    widget = SummaryBar(FormDocument(load_draft(forms_dir / "f17.json")))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_counts_share_the_line_when_there_is_room_and_go_below_when_not(qtbot, bar):
    bar.resize(bar.one_line_width() + 50, bar.height())
    qtbot.waitUntil(lambda: bar.errors.mapTo(bar, bar.errors.rect().topLeft()).y()
                    < bar.rate.mapTo(bar, bar.rate.rect().bottomLeft()).y())
    bar.resize(bar.minimumSizeHint().width(), 200)  # in a page its layout gives it the height it asks
    qtbot.waitUntil(lambda: bar.errors.mapTo(bar, bar.errors.rect().topLeft()).y()
                    >= bar.rate.mapTo(bar, bar.rate.rect().bottomLeft()).y())
    assert bar.minimumSizeHint().width() < bar.one_line_width() - 100
    assert bar.texts()["total"] == "70.52" and bar.errors.text() == "错误 0"


def test_at_150_percent_with_the_workspace_beside_nothing_is_pushed_off_the_window(qtbot, window, f17, forms_dir):
    """910 logical pixels (1366 at 150 %): the page used to need 700 of them beside a 300 px workspace,
    and a maximised window cut its right edge off (the 警告 count, the 查找 line's 关闭)."""
    window.resize(*AT_150)
    window.file_actions.open_file(f17)
    window.open_workspace(forms_dir)
    tab = window.current_tab()
    tab.indicators.find_bar.open()
    qtbot.waitUntil(lambda: window.workspace_dock.isVisible())
    assert window.minimumSizeHint().width() <= AT_150[0]
    qtbot.waitUntil(lambda: window.width() == AT_150[0])
    right = tab.mapTo(window, tab.rect().topRight()).x()
    assert right <= window.width()
    warnings = tab.summary.warnings
    assert warnings.mapTo(window, warnings.rect().topRight()).x() <= window.width()
    qtbot.waitUntil(lambda: not window.workspace.is_loading(), timeout=60_000)
