"""The page an empty window shows: 新建, 打开, 工作区, and the drafts opened last.

A clerk starts the editor in January to go on with the drafts of last year, and WPS greets its
users the same way: the recent documents, newest first, one of them a click away. So the newest
draft is selected as the page comes up and Enter opens it; Delete takes an entry off the list
(the file stays where it is); a draft that is gone is greyed, and choosing it offers to drop it.

The page is held by the window, which gives it its actions and calls; it imports nothing of the
window. It reads the list from :mod:`ui.window.files` each time it is shown.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable, Optional, cast

from ui.qt import (QAction, QHBoxLayout, QHeaderView, QKeySequence, QLabel, QMenu, QPalette, QPoint, QPushButton,
                   QSize, Qt, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget, Signal)
from ui.window import files

PATH_ROLE = Qt.ItemDataRole.UserRole
NO_RECENT = "还没有打开过草稿。用“新建自评表”开始填写,或打开已有的草稿。"


def when_text(modified: datetime.datetime, now: datetime.datetime) -> str:
    """When a draft was last changed, as a clerk says it: 今天 14:05, 昨天 09:10, else the date."""
    days = (now.date() - modified.date()).days
    if days == 0:
        return f"今天 {modified:%H:%M}"
    if days == 1:
        return f"昨天 {modified:%H:%M}"
    return f"{modified:%Y-%m-%d}"


def recent_rows(paths: list[str], now: Optional[datetime.datetime] = None,
                names: Optional[dict[str, str]] = None) -> list[tuple[str, str, str, str, bool]]:
    """(path, name, folder, when, exists) for each recent path, in the list's order; the name is
    the project's (``names``) where it is known, else the file's."""
    now = now or datetime.datetime.now()
    names = names or {}
    rows = []
    for text in paths:
        path = Path(text)
        name = names.get(text) or path.stem
        try:
            modified = datetime.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            rows.append((text, name, str(path.parent), "文件已不存在", False))
            continue
        rows.append((text, name, str(path.parent), when_text(modified, now), True))
    return rows


class StartPage(QWidget):
    """``openRequested(path)`` when a recent draft is chosen; the buttons trigger the window's
    actions. ``confirm(text)`` asks a yes/no question (a dialog in the window, a stub in tests)."""

    openRequested = Signal(str)

    def __init__(self, new: QAction, open_: QAction, choose_workspace: Callable[[], object],
                 show_folder: Callable[[str], object], confirm: Callable[[str], bool],
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.show_folder = show_folder
        self.confirm = confirm
        title = QLabel("绩效自评表编辑器")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        self.buttons = {"new": QPushButton("新建自评表…"), "open": QPushButton("打开草稿…"),
                        "workspace": QPushButton("打开工作区文件夹…")}
        self.buttons["new"].clicked.connect(new.trigger)
        self.buttons["open"].clicked.connect(open_.trigger)
        self.buttons["workspace"].clicked.connect(lambda _checked=False: choose_workspace())
        row = QHBoxLayout()
        for button in self.buttons.values():
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.list = self._make_list()
        self.empty = QLabel(NO_RECENT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addWidget(QLabel("最近打开的文件(Enter 打开,Delete 从列表中移除):"))
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.refresh()

    def _make_list(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(3)
        tree.setHeaderLabels(["名称", "位置", "修改时间"])
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        tree.itemActivated.connect(lambda item, _column: self.activate(item))
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._menu_requested)
        tree.installEventFilter(self)
        return tree

    # --- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the recent list; the newest entry becomes the current one."""
        self.list.clear()
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for path, name, folder, when, exists in recent_rows(files.recent_files(), names=files.recent_names()):
            item = QTreeWidgetItem([name, folder, when])
            width = self.list.fontMetrics().horizontalAdvance(name) + 24  # the hint sets the width too
            item.setSizeHint(0, QSize(width, self.row_height()))
            item.setData(0, PATH_ROLE, path)
            item.setToolTip(0, path)
            item.setToolTip(1, folder)
            if not exists:
                for column in range(3):
                    item.setForeground(column, grey)
                item.setToolTip(2, "这个文件已被移动、改名或删除")
            self.list.addTopLevelItem(item)
        has = self.list.topLevelItemCount() > 0
        self._fit_height()
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.select(0)

    def row_height(self) -> int:
        return self.list.fontMetrics().height() + 10  # room to read and to click, as in WPS's list

    def _fit_height(self) -> None:
        """As tall as the list (at most the ten the menu keeps), so the page is not one big box."""
        rows = max(1, self.list.topLevelItemCount())
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(self.list.header().sizeHint().height() + rows * self.row_height() + frame)

    def paths(self) -> list[str]:
        return [self._item(n).data(0, PATH_ROLE) for n in range(self.list.topLevelItemCount())]

    def _item(self, row: int) -> QTreeWidgetItem:
        return cast(QTreeWidgetItem, self.list.topLevelItem(row))

    def select(self, row: int) -> None:
        """Row ``row`` (kept within the list) becomes the current entry, if there is one."""
        count = self.list.topLevelItemCount()
        if count:
            self.list.setCurrentItem(self._item(max(0, min(row, count - 1))))

    def focus_list(self) -> None:
        """Keys go to the list (Enter opens the newest draft), or to 新建 when it is empty."""
        (self.list if self.list.isVisible() else self.buttons["new"]).setFocus()

    def activate(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, PATH_ROLE)
        if Path(path).exists():
            self.openRequested.emit(path)
        elif self.confirm(f"找不到文件:\n{path}\n\n它可能已被移动、改名或删除。要把它从“最近打开的文件”中移除吗?"):
            self.remove(path)

    def remove(self, path: str) -> None:
        """Off the recent list, and the next entry becomes current; the file is not touched."""
        row = self.paths().index(path) if path in self.paths() else 0
        files.remove_recent(path)
        self.refresh()
        self.select(row)
        self.focus_list()

    def clear(self) -> None:
        files.clear_recent()
        self.refresh()
        self.focus_list()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Back from the file manager (where a draft may have been moved or deleted): re-read."""
        super().changeEvent(event)
        if event.type() == event.Type.ActivationChange and self.isVisible() and self.isActiveWindow():
            item = self.list.currentItem()
            current = item.data(0, PATH_ROLE) if item is not None else None
            self.refresh()
            if current in self.paths():
                self.select(self.paths().index(current))

    # --- keys and the menu ---------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        """Delete on the list removes the current entry, as in WPS's recent list."""
        if (watched is self.list and event.type() == event.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Delete)):
            item = self.list.currentItem()
            if item is not None:
                self.remove(item.data(0, PATH_ROLE))
            return True
        return super().eventFilter(watched, event)

    def menu_for(self, item: Optional[QTreeWidgetItem]) -> QMenu:
        menu = QMenu(self)
        if item is not None:
            path = item.data(0, PATH_ROLE)
            menu.addAction("打开", lambda: self.activate(item))
            folder = menu.addAction("打开所在文件夹", lambda: self.show_folder(str(Path(path).parent)))
            folder.setEnabled(Path(path).parent.is_dir())
            menu.addAction("从列表中移除", lambda: self.remove(path))
            menu.addSeparator()
        menu.addAction("清除列表", self.clear)
        return menu

    def _menu_requested(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        self.menu_for(item).exec(self.list.viewport().mapToGlobal(pos))
