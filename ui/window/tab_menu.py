"""The menus of the form tabs: a tab's own (right click), as WPS has it: 关闭, 关闭其他, 关闭全部,
and 打开所在文件夹 for a form saved on disk; and the list of all open forms (the ▾ button at the
right end of the tab bar), for thirty tabs that no longer fit.

:class:`TabMenu` is held by the window; it is given the tab widget and the calls it makes, and
imports nothing of the window.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Optional

from ui.qt import QMenu, QObject, QPoint, Qt, QTabWidget, QToolButton


class TabMenu(QObject):
    """Builds the menu for the tab under the mouse; ``path_of(index)`` is that form's file, if any."""

    def __init__(self, tabs: QTabWidget, close: Callable[[int], object], close_others: Callable[[int], object],
                 close_all: Callable[[], object], path_of: Callable[[int], Optional[Path]],
                 show_folder: Callable[[str], object]) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.close = close
        self.close_others = close_others
        self.close_all = close_all
        self.path_of = path_of
        self.show_folder = show_folder
        bar = tabs.tabBar()
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        bar.customContextMenuRequested.connect(self._requested)
        self.list_button = QToolButton(tabs)
        self.list_button.setText("▾")
        self.list_button.setToolTip("列出所有打开的表单")
        self.list_button.setAutoRaise(True)
        self.list_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.list_menu = QMenu(self.list_button)
        self.list_menu.aboutToShow.connect(self.fill_list)
        self.list_button.setMenu(self.list_menu)
        tabs.setCornerWidget(self.list_button, Qt.Corner.TopRightCorner)

    def fill_list(self) -> None:
        """Every open form, the current one checked; choosing one shows its tab."""
        self.list_menu.clear()
        for index in range(self.tabs.count()):
            show = functools.partial(self.tabs.setCurrentIndex, index)
            action = self.list_menu.addAction(self.tabs.tabText(index), show)
            action.setCheckable(True)
            action.setChecked(index == self.tabs.currentIndex())
            action.setToolTip(self.tabs.tabToolTip(index))
        if not self.tabs.count():
            self.list_menu.addAction("(没有打开的表单)").setEnabled(False)

    def _requested(self, pos: QPoint) -> None:
        index = self.tabs.tabBar().tabAt(pos)
        if index < 0:
            return
        self.menu_for(index).exec(self.tabs.tabBar().mapToGlobal(pos))

    def menu_for(self, index: int) -> QMenu:
        """The menu of tab ``index`` (not shown: tests read its entries)."""
        menu = QMenu(self.tabs)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction("关闭(&C)", lambda: self.close(index))
        others = menu.addAction("关闭其他(&O)", lambda: self.close_others(index))
        others.setEnabled(self.tabs.count() > 1)
        menu.addAction("关闭全部(&A)", self.close_all)
        menu.addSeparator()
        path = self.path_of(index)
        folder = menu.addAction("打开所在文件夹(&F)",
                                lambda: self.show_folder(str(path.parent)) if path else None)
        folder.setEnabled(path is not None)
        if path is None:
            folder.setToolTip("尚未保存的表单没有所在文件夹")
        return menu
