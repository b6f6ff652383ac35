"""The 帮助 menu's pages. 键盘操作 (F1): every key of the editor on one page, for a clerk who
knows WPS; 关于: the version, and what support staff ask first.

The commands' keys are read from the actions themselves (the window's and the current form's
tree), so the page cannot disagree with the menus. Moving and editing in the tree-table are not
actions; they are listed here as :mod:`ui.indicators.tree_view` and its delegates handle them.
The page is not modal: it can stay open beside the form while the clerk tries the keys.
"""
from __future__ import annotations

from typing import Iterable, Optional

from model.paths import APP_NAME
from ui import qt
from ui.qt import (QAction, QDialog, QDialogButtonBox, QKeySequence, QSize, QTreeWidget,
                   QTreeWidgetItem, QVBoxLayout, QWidget)
from ui.menu_text import plain_text

IN_THE_TABLE = (
    ("↑ ↓ ← →", "移到相邻的单元格"),
    ("Home / End", "移到本行的第一格 / 最后一格"),
    ("Ctrl+Home / Ctrl+End", "移到表格的第一格 / 最后一格"),
    ("Ctrl+方向键", "移到本列的第一行 / 最后一行,本行的第一格 / 最后一格"),
    ("Shift+方向键", "选择一块单元格(Ctrl+Shift+方向键、Ctrl+Shift+End 选到表格边上)"),
    ("直接输入", "替换单元格的内容"),
    ("F2", "编辑单元格,保留原内容,光标在末尾"),
    ("Enter / Shift+Enter", "确认,移到下一行 / 上一行"),
    ("Tab / Shift+Tab", "确认,移到右边 / 左边可填写的单元格"),
    ("Alt+Enter", "在单元格中换行(指标名称、原因分析、备注)"),
    ("Ctrl+Enter", "确认,留在本格"),
    ("Esc", "取消编辑,恢复原内容"),
    ("+ / - / *", "在指标列展开 / 收起 / 全部展开下级指标"),
)
BETWEEN_PANES = (
    ("F6 / Shift+F6", "在表头、资金、目标、指标表、自评结论和问题面板之间切换"),
    ("Ctrl+Tab / Ctrl+Shift+Tab", "切换到下一份 / 上一份表单"),
    ("Alt+字母", "打开菜单,如 Alt+F 打开“文件”"),
    ("Ctrl+;", "在“填报日期”中填入今天的日期"),
)


def action_rows(actions: Iterable[QAction], names: Optional[dict[QAction, str]] = None) -> list[tuple[str, str]]:
    """(key, what it does) for each action that has a key, in the given order; the first key
    of each (the one its menu shows), and each command once. ``names`` overrides an action's
    text (撤销 and 重做 name the step they would undo)."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        keys = [key for key in action.shortcuts() if not key.isEmpty()]
        text = (names or {}).get(action) or plain_text(action.text())
        if keys and text and (key_text(keys[0]), text) not in rows:
            rows.append((key_text(keys[0]), text))
    return rows


_KEY_NAMES = {"Ins": "Insert", "Del": "Delete", "Up": "↑", "Down": "↓", "Left": "←", "Right": "→"}


def key_text(key: QKeySequence) -> str:
    """"Alt+↑", "Delete": as the rows above write keys (Qt's own names are "Alt+上方向", "Del")."""
    parts = key.toString(QKeySequence.SequenceFormat.PortableText).split("+")
    return "+".join(_KEY_NAMES.get(part, part) for part in parts) if all(parts) else "+".join(parts)


class KeyHelp(QDialog):
    """The keys in three groups: the tree-table, its commands (when a form is open), the window."""

    def __init__(self, window_actions: Iterable[QAction], tree_actions: Iterable[QAction],
                 names: Optional[dict[QAction, str]] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("键盘操作")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["按键", "作用"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)  # every row as tall as the first group's title
        tree_rows = action_rows(tree_actions)
        self._group("在指标表中", list(IN_THE_TABLE) + tree_rows)
        if not tree_rows:
            self._group("指标表的命令", [("", "打开一份表单后列出(添加指标、删除行、清除内容……)")])
        self._group("窗口和菜单", list(BETWEEN_PANES) + action_rows(window_actions, names))
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        header = self.tree.header()
        header.resizeSection(0, self.tree.sizeHintForColumn(0) + 24)  # a gap between key and meaning
        self.tree.resizeColumnToContents(1)
        width = header.sectionSize(0) + header.sectionSize(1) + 60  # every meaning whole, no "…"
        self.resize(width, self.fontMetrics().lineSpacing() * 44)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> None:
        group = QTreeWidgetItem([title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setSizeHint(0, QSize(0, self.fontMetrics().lineSpacing() + 8))  # room for ↑ ↓ (width: the keys')
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        for key, meaning in rows:
            group.addChild(QTreeWidgetItem([key, meaning]))

    def rows(self) -> dict[str, list[tuple[str, str]]]:
        """What the page lists, group by group (for tests and for reading)."""
        listed: dict[str, list[tuple[str, str]]] = {}
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            assert group is not None
            listed[group.text(0)] = [(child.text(0), child.text(1))
                                     for child in (group.child(m) for m in range(group.childCount())) if child]
        return listed


def about_text() -> str:
    """What the program is, and what support staff ask first: its version, Qt's, the input method."""
    from model.version import VERSION
    from ui.input_method import input_method_text

    return (f"{APP_NAME} {VERSION}\n\n填写、检查、导出项目支出绩效自评表。\n所有数据仅保存在本机。"
            f"\n\n{qt.versions()}\n{input_method_text()}")
