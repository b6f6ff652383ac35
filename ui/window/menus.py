"""The actions, menus and toolbar of :class:`ui.window.main_window.MainWindow`.

Kept apart from the window's logic: this is the list of what the user can do and under which
keys, in one place. The window creates its :class:`Actions` (:func:`create_actions`) and its
:class:`Menus` and keeps both; they reach the window only through :class:`WindowHost`. Entries
whose module is missing (export, print) are shown disabled.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional, Protocol, Union

from ui.qt import QAction, QDockWidget, QKeySequence, QMainWindow, QMenu, QObject, QUndoGroup

from ui.menu_text import plain_text
from ui.window import files

if TYPE_CHECKING:
    from ui.form.tab import FormTab
    from ui.window.file_actions import FileActions
    from ui.window.output_actions import OutputActions
    from ui.window.workspace import WorkspacePanel
    from ui.window.zoom import Zoom

Shortcut = Union[None, str, QKeySequence.StandardKey, list[str], tuple[str, ...]]


class WindowHost(Protocol):
    """What the actions and menus use of the window: the objects it holds and its own slots."""

    undo_group: QUndoGroup
    file_actions: FileActions
    output: OutputActions
    workspace: WorkspacePanel
    issues_dock: QDockWidget
    workspace_dock: QDockWidget
    availability: dict[str, bool]

    def current_tab(self) -> Optional[FormTab]: ...

    def tree_call(self, name: str) -> None: ...

    def find_in_form(self, step: int = 0) -> None: ...

    def generate_conclusion(self) -> bool: ...

    def choose_workspace(self) -> None: ...

    def about(self) -> None: ...

    def show_keys(self) -> None: ...

    zoom: Zoom

    def recent_changed(self) -> None: ...

    def close(self) -> bool: ...


class Actions(NamedTuple):
    """Every action of the window's menus and toolbar, created once by the window."""

    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    save_all: QAction
    next_year: QAction
    close: QAction
    close_all: QAction
    quit: QAction
    import_xlsx: QAction
    export_xlsx: QAction
    export_pdf: QAction
    preview: QAction
    print: QAction
    undo: QAction
    redo: QAction
    tool_undo: QAction  # toolbar twins with a fixed short text (the menu entries name the step to undo)
    tool_redo: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    copy: QAction
    paste: QAction
    conclusion: QAction
    workspace: QAction
    workspace_refresh: QAction
    workspace_xlsx: QAction
    workspace_pdf: QAction
    workspace_print: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_actual: QAction
    keys: QAction
    about: QAction

    def switchable(self) -> list[QAction]:
        """The actions the window switches off while it starts; not 撤销/重做 of the menu, which
        follow the undo group."""
        return [getattr(self, name) for name in self._fields if name not in ("undo", "redo")]


def _action(parent: QObject, text: str, slot: Callable[[], object], shortcut: Shortcut = None,
            tip: str = "") -> QAction:
    action = QAction(text, parent)
    # setShortcuts, not setShortcut: choosing among setShortcut's overloads makes PySide6 load
    # Qt's whole namespace (25 ms) before the window can show. A standard key gets all the
    # platform's bindings, as Qt's own actions have them.
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif isinstance(shortcut, str):
        action.setShortcuts([QKeySequence(shortcut)])
    elif shortcut is not None:
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def create_actions(parent: QObject, window: WindowHost) -> Actions:
    """The actions; those of the window's helpers look them up when triggered, as the window
    makes its helpers after its frame (:meth:`ui.window.main_window.MainWindow.complete`)."""
    a = functools.partial(_action, parent)
    group = window.undo_group

    def file(name: str) -> Callable[[], object]:
        return lambda: getattr(window.file_actions, name)()

    def output(name: str, *args: str) -> Callable[[], object]:
        return lambda: getattr(window.output, name)(*args)

    actions = Actions(
        new=a("新建(&N)…", file("new_dialog"), QKeySequence.StandardKey.New, "按模板新建一份自评表"),
        open=a("打开(&O)…", file("open_dialog"), QKeySequence.StandardKey.Open, "打开草稿文件"),
        save=a("保存(&S)", file("save_current"), QKeySequence.StandardKey.Save),
        save_as=a("另存为(&A)…", file("save_current_as"), ("Ctrl+Shift+S", "F12")),  # F12: Excel's, WPS's
        save_all=a("全部保存(&T)", file("save_all"), None,
                   "保存所有修改过的表单;多份未保存过的表单只问一次文件夹,按项目名称命名"),
        next_year=a("新建下一年度(&Y)…", file("new_next_year"), None,
                    "以当前表为基础新建下一年度的表:保留指标和目标值,清空实际值、得分和金额"),
        close=a("关闭(&W)", file("close_current"), ("Ctrl+W", "Ctrl+F4")),  # Ctrl+F4 closes a workbook
        close_all=a("关闭全部(&L)", file("close_all"), "Ctrl+Shift+W", "关闭所有表单(有未保存的修改时只问一次)"),
        quit=a("退出(&Q)", window.close, "Ctrl+Q"),
        import_xlsx=a("导入 Excel(&I)…", output("import_excel")),
        export_xlsx=a("导出 Excel(&E)…", output("export_current", "export_xlsx")),
        export_pdf=a("导出 PDF(&D)…", output("export_current", "export_pdf")),
        preview=a("打印预览(&V)…", output("print_current", "print_preview"), "Ctrl+F2"),  # Excel's key
        print=a("打印(&P)…", output("print_current", "print"), QKeySequence.StandardKey.Print),
        undo=group.createUndoAction(parent, "撤销(&U)"),
        redo=group.createRedoAction(parent, "重做(&R)"),
        tool_undo=a("撤销", group.undo),
        tool_redo=a("重做", group.redo),
        find=a("查找(&F)…", window.find_in_form, QKeySequence.StandardKey.Find,
               "在当前表单的指标表中查找文字(Enter 下一个,Shift+Enter 上一个)"),
        find_next=a("查找下一个(&N)", lambda: window.find_in_form(1), "F3", "再找上次查找的文字(Shift+F3 上一个)"),
        find_previous=a("查找上一个(&V)", lambda: window.find_in_form(-1), "Shift+F3"),
        copy=a("复制指标行(&C)", lambda: window.tree_call("copy_selection")),
        paste=a("粘贴指标行(&P)", lambda: window.tree_call("paste")),
        conclusion=a("生成结论草稿(&G)", window.generate_conclusion, None,
                     "按等级和各指标的原因分析生成自评结论草稿"),
        workspace=a("选择文件夹(&F)…", window.choose_workspace),
        workspace_refresh=a("刷新(&R)", lambda: window.workspace.refresh()),
        workspace_xlsx=a("导出全部为 Excel(&E)…", output("export_workspace", "xlsx")),
        workspace_pdf=a("导出全部为 PDF(&D)…", output("export_workspace", "pdf")),
        workspace_print=a("打印全部(&P)…", output("export_workspace", "print"), None,
                          "把工作区中的全部表单送到打印机(有错误的表单先列出)"),
        zoom_in=a("放大(&I)", lambda: window.zoom.step(1), ("Ctrl+=", "Ctrl++", "Ctrl+Alt+="),
                  "放大表单页(也可按住 Ctrl 滚动鼠标滚轮)"),
        zoom_out=a("缩小(&O)", lambda: window.zoom.step(-1), "Ctrl+Alt+-",
                   "缩小表单页(也可按住 Ctrl 滚动鼠标滚轮;Ctrl+- 是删除行)"),
        zoom_actual=a("实际大小(&0)", lambda: window.zoom.actual(), "Ctrl+0", "表单页恢复 100%"),
        keys=a("键盘操作(&K)…", window.show_keys, "F1", "列出所有按键:在指标表中移动、编辑,以及各命令的快捷键"),
        about=a("关于(&A)", window.about),
    )
    actions.undo.setShortcuts([QKeySequence("Ctrl+Z")])
    actions.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    group.canUndoChanged.connect(actions.tool_undo.setEnabled)
    group.canRedoChanged.connect(actions.tool_redo.setEnabled)
    group.undoTextChanged.connect(lambda text: actions.tool_undo.setToolTip(f"撤销 {text} (Ctrl+Z)"))
    group.redoTextChanged.connect(lambda text: actions.tool_redo.setToolTip(f"重做 {text} (Ctrl+Y)"))
    return actions


class Menus:
    """The menu bar and the toolbar; the recent-files and 指标 menus are filled as they open."""

    def __init__(self, main: QMainWindow, actions: Actions, window: WindowHost) -> None:
        self.window = window
        bar = main.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([actions.new, actions.open])
        self.recent = QMenu("最近打开的文件(&R)", main)
        self.recent.aboutToShow.connect(self.fill_recent)
        file_menu.addMenu(self.recent)
        file_menu.addSeparator()
        file_menu.addActions([actions.save, actions.save_as, actions.save_all, actions.next_year])
        file_menu.addSeparator()
        file_menu.addActions([actions.import_xlsx, actions.export_xlsx, actions.export_pdf])
        file_menu.addSeparator()
        file_menu.addActions([actions.preview, actions.print])
        file_menu.addSeparator()
        file_menu.addActions([actions.close, actions.close_all, actions.quit])
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([actions.undo, actions.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([actions.find, actions.find_next, actions.find_previous])
        edit_menu.addSeparator()
        edit_menu.addActions([actions.copy, actions.paste])
        edit_menu.addSeparator()
        edit_menu.addAction(actions.conclusion)
        self.indicators = bar.addMenu("指标(&I)")
        self.indicators.aboutToShow.connect(self.fill_indicators)
        workspace_menu = bar.addMenu("工作区(&K)")
        workspace_menu.addActions([actions.workspace, actions.workspace_refresh])
        workspace_menu.addSeparator()
        workspace_menu.addActions([actions.workspace_xlsx, actions.workspace_pdf, actions.workspace_print])
        self.view = bar.addMenu("视图(&V)")  # its panels' entries come with the panels (add_panel_toggles)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([actions.keys, actions.about])
        self.toolbar = toolbar = main.addToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([actions.new, actions.open, actions.save])
        toolbar.addSeparator()
        toolbar.addActions([actions.tool_undo, actions.tool_redo])
        toolbar.addSeparator()
        toolbar.addAction(actions.conclusion)
        for action in (actions.new, actions.open, actions.save, actions.conclusion):
            action.setIconText(plain_text(action.text()))  # the menu's "(N)" is no use on a button

        self._tree_actions: list[QAction] = []
        self.actions = actions

    def add_panel_toggles(self, issues: QDockWidget, workspace: QDockWidget) -> None:
        for dock, text in ((issues, "问题面板(&P)"), (workspace, "工作区面板(&W)")):
            toggle = dock.toggleViewAction()
            toggle.setText(text)
            self.view.addAction(toggle)
        self.view.addSeparator()
        self.view.addActions([self.actions.zoom_in, self.actions.zoom_out, self.actions.zoom_actual])

    def apply_availability(self, availability: dict[str, bool]) -> None:
        """Entries whose module is missing stay disabled; undo and redo wait for a step."""
        actions = self.actions
        actions.workspace_xlsx.setEnabled(availability["export_xlsx"])
        actions.workspace_pdf.setEnabled(availability["export_pdf"])
        actions.workspace_print.setEnabled(availability["print"])
        actions.import_xlsx.setEnabled(availability["import_xlsx"])
        actions.tool_undo.setEnabled(self.window.undo_group.canUndo())
        actions.tool_redo.setEnabled(self.window.undo_group.canRedo())

    def show_tree_actions(self, actions: list[QAction]) -> None:
        """The current form's tree toolbar (添加指标 … 恢复自动计算) in the window's toolbar row,
        which has room to spare: the tab then spends no line of its height on it."""
        for action in self._tree_actions:
            self.toolbar.removeAction(action)
        self._tree_actions = [self.toolbar.addSeparator()] + list(actions) if actions else []
        self.toolbar.addActions(self._tree_actions[1:])

    def fill_recent(self) -> None:
        self.recent.clear()
        paths = files.recent_files()
        for n, path in enumerate(paths, start=1):
            action = self.recent.addAction(f"&{n % 10} {path}")
            action.triggered.connect(lambda _checked=False, p=path: self.window.file_actions.open_file(p))
        if not paths:
            self.recent.addAction("(无)").setEnabled(False)
            return
        self.recent.addSeparator()
        self.recent.addAction("清除列表").triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        files.clear_recent()
        self.window.recent_changed()

    def fill_indicators(self) -> None:
        self.indicators.clear()
        tab = self.window.current_tab()
        actions = [a for a in tab.indicators.actions() if a.text()] if tab else []
        if actions:
            self.indicators.addActions(actions)
        else:
            self.indicators.addAction("(无可用操作)").setEnabled(False)
