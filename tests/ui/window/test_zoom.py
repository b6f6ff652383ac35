"""视图 → 放大 / 缩小 / 实际大小 and Ctrl+wheel: every form page, kept for the next start."""
from __future__ import annotations

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

REAL_TREE = ensure_indicator_view()

from ui.qt import QApplication, QPoint, QPointF, QStyleOptionViewItem, Qt, QWheelEvent  # noqa: E402
from ui.window import zoom  # noqa: E402
from ui.window.zoom import saved_zoom, stepped  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning


def test_the_zoom_moves_along_wps_steps_and_stops_at_the_ends():
    assert [stepped(100, 1), stepped(100, -1), stepped(115, 1), stepped(115, -1)] == [110, 90, 125, 110]
    assert stepped(zoom.STEPS[-1], 1) == zoom.STEPS[-1] and stepped(zoom.STEPS[0], -1) == zoom.STEPS[0]


@pytest.fixture
def window(qtbot, monkeypatch):
    win = new_window(qtbot, monkeypatch)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def point_size(widget) -> float:
    return widget.font().pointSizeF()


def test_zoom_applies_to_every_form_page_and_is_kept(window, f17, forms_dir, tmp_path, qtbot):
    base = QApplication.font().pointSizeF()
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    window.act.zoom_in.trigger()
    window.act.zoom_in.trigger()
    assert point_size(tab) == pytest.approx(base * 1.25) and saved_zoom() == 125
    assert window.statusBar().currentMessage().startswith("缩放 125%")
    other = tmp_path / "f01.json"
    other.write_bytes((forms_dir / "f01.json").read_bytes())
    window.file_actions.open_file(other)  # opened later: the same zoom
    assert point_size(window.current_tab()) == pytest.approx(base * 1.25)
    assert window.menuBar().font().pointSizeF() == pytest.approx(base)  # menus and toolbar stay as they are
    window.act.zoom_actual.trigger()
    assert all(point_size(t) == pytest.approx(base) for t in window.tab_widgets()) and saved_zoom() == 100
    window.act.zoom_out.trigger()
    assert point_size(tab) == pytest.approx(base * 0.9)


def wheel(widget, notch: int, modifiers) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, notch),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_ctrl_wheel_over_the_tree_zooms_and_a_plain_wheel_scrolls(window, f17):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.repaint()  # the wheel is watched once the page is on screen
    QApplication.processEvents()
    viewport = tab.indicators.view.viewport()
    base = point_size(tab)
    wheel(viewport, 120, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.percent == 110 and point_size(tab) > base
    wheel(viewport, -120, Qt.KeyboardModifier.ControlModifier)
    wheel(viewport, -120, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.percent == 90
    wheel(viewport, -120, Qt.KeyboardModifier.NoModifier)
    assert window.zoom.percent == 90


@pytest.mark.skipif(not REAL_TREE, reason="needs the real indicator view")
def test_a_zoomed_page_fits_itself_rows_columns_and_funds(window, f17, qtbot):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    tree = tab.indicators.view
    leaf = tab.document.form.indicators[0].children[0].children[0]  # 走访慰问人数: a long reason
    tab.indicators.select_node(leaf, 1)

    def row_height() -> int:
        QApplication.processEvents()  # the page's own re-fitting, posted for the next turn
        tree.doItemsLayout()  # then the rows laid out now, not at the next paint
        return tree.visualRect(tree.currentIndex()).height()

    def name_height() -> int:
        """The 三级指标 cell's own height: its column keeps its width, so only the font tells."""
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        return tree.itemDelegate().sizeHint(option, tree.currentIndex().siblingAtColumn(0)).height()

    row_before, name_before, funds_before = row_height(), name_height(), tab.panel.funds.height()
    window.zoom.set_percent(150)
    assert row_height() > row_before * 1.3  # the long reason wraps at the bigger font, nothing cut off
    assert tree.header().sectionSize(0) == 250 and name_height() > name_before * 1.3
    assert tab.panel.funds.height() > funds_before * 1.3  # no inner scrolling, every row shown
    funds = tab.panel.funds
    assert all(funds.columnWidth(c) >= funds.fontMetrics().horizontalAdvance(funds.item(0, c).text())
               for c in range(funds.columnCount()) if funds.item(0, c) is not None)


def test_wrapped_text_is_measured_at_the_height_qt_paints_its_lines():
    """A font whose leading is negative (AR PL UMing): 28 px line spacing, 30 px lines."""
    from ui.indicators.delegates import painted_height

    class Metrics:
        def lineSpacing(self) -> int:  # noqa: N802 (Qt naming)
            return 28

        def height(self) -> int:
            return 30

    assert painted_height(Metrics(), 30) == 30  # one line
    assert painted_height(Metrics(), 6 * 28 + 30) == 7 * 30  # seven lines as boundingRect counts them
