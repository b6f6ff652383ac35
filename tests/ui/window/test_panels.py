"""The 问题 and workspace docks: hidden at first, placed so the tree keeps the room, the workspace
back at the next start only if it was open."""
from __future__ import annotations

import pytest

from ui.qt import QMainWindow, Qt, QTreeView
from ui.window import files
from ui.window.panels import SIDE_ISSUES_BELOW, WORKSPACE_OPEN, Panels

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_panels(qtbot, height: int) -> tuple[QMainWindow, Panels, list]:
    window = QMainWindow()
    window.setCentralWidget(QTreeView())  # the form's place, as in the editor
    qtbot.addWidget(window)
    calls: list = []
    panels = Panels(window, lambda path: calls.append(("open", path)), lambda kind: calls.append(("export", kind)),
                    lambda issue: calls.append(("issue", issue)))
    window.resize(1200, height)
    window.show()
    qtbot.waitExposed(window)
    return window, panels, calls


def test_both_docks_start_hidden_and_f6_skips_a_hidden_issue_list(qtbot):
    _window, panels, _calls = make_panels(qtbot, 700)
    assert panels.issues_dock.isHidden() and panels.workspace_dock.isHidden()
    assert panels.issue_panes() == []
    panels.show_issues()
    assert panels.issue_panes() == [panels.issues.tree]


def test_on_a_short_window_the_issues_open_beside_the_tree(qtbot):
    window, panels, _calls = make_panels(qtbot, SIDE_ISSUES_BELOW - 100)
    panels.show_issues()
    assert window.dockWidgetArea(panels.issues_dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_on_a_tall_window_they_open_a_few_lines_below(qtbot):
    window, panels, _calls = make_panels(qtbot, SIDE_ISSUES_BELOW + 100)
    panels.show_issues()
    assert window.dockWidgetArea(panels.issues_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    qtbot.waitUntil(lambda: 0 < panels.issues_dock.height() < window.height() // 3)


def test_the_workspace_comes_back_only_if_it_was_open(qtbot, forms_dir):
    _window, panels, calls = make_panels(qtbot, 700)
    panels.workspace.set_folder(forms_dir)
    panels.remember()
    assert files.get_setting(WORKSPACE_OPEN) == ""
    panels.reopen_workspace()
    assert panels.workspace_dock.isHidden()
    panels.open_workspace(forms_dir)
    panels.remember()
    panels.workspace_dock.hide()
    panels.reopen_workspace()
    assert not panels.workspace_dock.isHidden() and calls == []
    qtbot.waitUntil(lambda: not panels.workspace.is_loading(), timeout=60_000)
