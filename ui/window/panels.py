"""The window's two docks: the 问题 panel and the workspace, both opened on demand.

The window holds a :class:`Panels` and reaches the docks through it; the panels reach back only
through the three callables they are given (open a file, export the workspace, go to an issue), so
this module never imports the window.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ui.qt import QDockWidget, QMainWindow, QTimer, QWidget

from ui import qt  # qt.Qt, looked up when first used
from ui.form.issues_panel import IssuesPanel
from ui.window import files
from ui.window.workspace import SETTING as WORKSPACE_FOLDER, WorkspacePanel

if TYPE_CHECKING:
    from model.checks import Issue

SIDE_ISSUES_BELOW = 900  # a window shorter than this opens the 问题 panel beside the tree, not below
WORKSPACE_OPEN = "window/workspace_open"  # the workspace panel was open when the window closed


class Panels:
    """The 问题 panel (``issues`` in ``issues_dock``) and the workspace (``workspace`` in
    ``workspace_dock``) of ``window``; both start hidden."""

    def __init__(self, window: QMainWindow, open_file: Callable[[str], object],
                 export_workspace: Callable[[str], object], focus_issue: Callable[["Issue"], None]) -> None:
        self.window = window
        self.issues = IssuesPanel()
        self.issues.issueActivated.connect(focus_issue)
        self.issues_dock = self._hidden_dock("问题", "issues_dock", self.issues,
                                             qt.Qt.DockWidgetArea.BottomDockWidgetArea)
        self._issues_placed = False
        self.issues_dock.visibilityChanged.connect(self._on_issues_visibility)
        self.workspace = WorkspacePanel()
        self.workspace.openRequested.connect(open_file)
        self.workspace.chooseFolderRequested.connect(self.choose_workspace)
        self.workspace.exportRequested.connect(export_workspace)
        self.workspace_dock = self._hidden_dock("工作区", "workspace_dock", self.workspace,
                                                qt.Qt.DockWidgetArea.LeftDockWidgetArea)

    def _hidden_dock(self, title: str, name: str, widget: QWidget, area: "qt.Qt.DockWidgetArea") -> QDockWidget:
        """A dock that starts hidden: the panels open on demand (问题 from the summary strip)."""
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.hide()
        return dock

    # --- 问题 --------------------------------------------------------------------------------------
    def show_issues(self) -> None:
        self.issues_dock.show()
        self.issues_dock.raise_()

    def issue_panes(self) -> list[QWidget]:
        """The 问题 panel's list when it is open: the last stop of F6 after the form's panes."""
        return [self.issues.tree] if not self.issues_dock.isHidden() else []

    def _on_issues_visibility(self, visible: bool) -> None:
        """The first time the 问题 panel opens (summary button or 视图 menu), give it its place."""
        if visible and not self._issues_placed:
            self._issues_placed = True
            self._place_issues()

    def _place_issues(self) -> None:
        """The tree keeps most of the room: beside it on a short screen, else a few lines below."""
        window = self.window
        if window.height() < SIDE_ISSUES_BELOW:
            window.addDockWidget(qt.Qt.DockWidgetArea.RightDockWidgetArea, self.issues_dock)
            width = max(300, window.width() // 4)  # sized once the move is laid out
            horizontal = qt.Qt.Orientation.Horizontal
            QTimer.singleShot(0, lambda: window.resizeDocks([self.issues_dock], [width], horizontal))
        else:
            window.resizeDocks([self.issues_dock], [window.fontMetrics().lineSpacing() * 6 + 40],
                               qt.Qt.Orientation.Vertical)

    # --- workspace ---------------------------------------------------------------------------------
    def choose_workspace(self) -> None:
        from ui import dialogs

        # the first time, where the drafts were opened from: a clerk's drafts are her workspace
        folder = dialogs.choose_folder(self.window, str(files.start_folder(WORKSPACE_FOLDER, files.LAST_FOLDER)))
        if folder:
            self.open_workspace(folder)
            self.workspace.filter.setFocus()  # chosen to find a form: its name can be typed at once

    def open_workspace(self, folder: str | Path) -> None:
        self.workspace.set_folder(folder)  # which remembers it for the next start
        if self.workspace_dock.isHidden():
            self.workspace_dock.show()
            self.window.resizeDocks([self.workspace_dock], [min(420, max(300, self.window.width() // 4))],
                                    qt.Qt.Orientation.Horizontal)
        self.workspace_dock.raise_()

    def reopen_workspace(self) -> None:
        """The workspace panel comes back if it was open when the window last closed: a finance
        bureau works from it every day. Its drafts are read and scored in the background."""
        if files.get_setting(WORKSPACE_OPEN) == "1" and self.workspace.folder is not None:
            self.open_workspace(self.workspace.folder)

    def remember(self) -> None:
        """At closing: whether the workspace is to come back next time."""
        files.set_setting(WORKSPACE_OPEN, "1" if self.workspace_dock.isVisible() else "")
