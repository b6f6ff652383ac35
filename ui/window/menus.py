"""The menus, the toolbar and their actions of :class:`ui.window.main_window.MainWindow`.

Kept apart from the window's logic: this is the list of what the user can do and under which
keys, in one place. Entries whose module is missing (export, print) are shown disabled.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ui.qt import QAction, QKeySequence, QMenu

from ui.output import runner
from ui.window import files

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


def _action(window: "MainWindow", text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: "MainWindow") -> None:
    a = functools.partial(_action, window)
    window.act_new = a("新建(&N)…", window.new_dialog, QKeySequence.StandardKey.New, "按模板新建一份自评表")
    window.act_open = a("打开(&O)…", window.open_dialog, QKeySequence.StandardKey.Open, "打开草稿文件")
    window.act_save = a("保存(&S)", window.save_current, QKeySequence.StandardKey.Save)
    window.act_save_as = a("另存为(&A)…", window.save_current_as, "Ctrl+Shift+S")
    window.act_next_year = a("新建下一年度…", window.new_next_year, None,
                           "以当前表为基础新建下一年度的表:保留指标和目标值,清空实际值、得分和金额")
    window.act_close = a("关闭(&W)", window.close_current, "Ctrl+W")
    window.act_quit = a("退出(&Q)", window.close, "Ctrl+Q")
    window.act_import_xlsx = a("导入 Excel…", window.import_excel)
    window.act_export_xlsx = a("导出 Excel…", lambda: window.export_current("export_xlsx"))
    window.act_export_pdf = a("导出 PDF…", lambda: window.export_current("export_pdf"))
    window.act_preview = a("打印预览…", lambda: window.print_current("print_preview"))
    window.act_print = a("打印(&P)…", lambda: window.print_current("print"), QKeySequence.StandardKey.Print)
    window.act_undo = window.undo_group.createUndoAction(window, "撤销")
    window.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
    window.act_redo = window.undo_group.createRedoAction(window, "重做")
    window.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    # toolbar twins with a fixed short text (the menu entries name the step to undo)
    window.tool_undo = a("撤销", window.undo_group.undo)
    window.tool_redo = a("重做", window.undo_group.redo)
    window.undo_group.canUndoChanged.connect(window.tool_undo.setEnabled)
    window.undo_group.canRedoChanged.connect(window.tool_redo.setEnabled)
    window.undo_group.undoTextChanged.connect(lambda text: window.tool_undo.setToolTip(f"撤销 {text} (Ctrl+Z)"))
    window.undo_group.redoTextChanged.connect(lambda text: window.tool_redo.setToolTip(f"重做 {text} (Ctrl+Y)"))
    window.tool_undo.setEnabled(False)
    window.tool_redo.setEnabled(False)
    window.act_copy = a("复制指标行", lambda: window.tree_call("copy_selection"))
    window.act_paste = a("粘贴指标行", lambda: window.tree_call("paste"))
    window.act_conclusion = a("生成结论草稿", window.generate_conclusion, None,
                            "按等级和各指标的原因分析生成自评结论草稿")
    window.act_workspace = a("选择文件夹…", window.choose_workspace)
    window.act_workspace_refresh = a("刷新", window.workspace.refresh)
    window.act_workspace_xlsx = a("导出全部为 Excel…", lambda: window.export_workspace("xlsx"))
    window.act_workspace_pdf = a("导出全部为 PDF…", lambda: window.export_workspace("pdf"))
    window.act_about = a("关于", window.about)
    window.availability = {entry: runner.available(entry) for entry in runner.ENTRIES}
    window.workspace.export_buttons["xlsx"].setEnabled(window.availability["export_xlsx"])
    window.workspace.export_buttons["pdf"].setEnabled(window.availability["export_pdf"])
    window.act_workspace_xlsx.setEnabled(window.availability["export_xlsx"])
    window.act_workspace_pdf.setEnabled(window.availability["export_pdf"])
    window.act_import_xlsx.setEnabled(window.availability["import_xlsx"])


def build_menus(window: "MainWindow") -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([window.act_new, window.act_open])
    window.recent_menu = QMenu("最近打开的文件", window)
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.act_save, window.act_save_as, window.act_next_year])
    file_menu.addSeparator()
    file_menu.addActions([window.act_import_xlsx, window.act_export_xlsx, window.act_export_pdf])
    file_menu.addSeparator()
    file_menu.addActions([window.act_preview, window.act_print])
    file_menu.addSeparator()
    file_menu.addActions([window.act_close, window.act_quit])
    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([window.act_undo, window.act_redo])
    edit_menu.addSeparator()
    edit_menu.addActions([window.act_copy, window.act_paste])
    edit_menu.addSeparator()
    edit_menu.addAction(window.act_conclusion)
    window.indicator_menu = bar.addMenu("指标(&I)")
    window.indicator_menu.aboutToShow.connect(lambda: fill_indicator_menu(window))
    workspace_menu = bar.addMenu("工作区(&K)")
    workspace_menu.addActions([window.act_workspace, window.act_workspace_refresh])
    workspace_menu.addSeparator()
    workspace_menu.addActions([window.act_workspace_xlsx, window.act_workspace_pdf])
    view_menu = bar.addMenu("视图(&V)")
    issues_toggle = window.issues_dock.toggleViewAction()
    issues_toggle.setText("问题面板")
    workspace_toggle = window.workspace_dock.toggleViewAction()
    workspace_toggle.setText("工作区面板")
    view_menu.addActions([issues_toggle, workspace_toggle])
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(window.act_about)
    toolbar = window.addToolBar("常用")
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addActions([window.act_new, window.act_open, window.act_save])
    toolbar.addSeparator()
    toolbar.addActions([window.tool_undo, window.tool_redo])
    toolbar.addSeparator()
    toolbar.addAction(window.act_conclusion)


def fill_recent_menu(window: "MainWindow") -> None:
    window.recent_menu.clear()
    paths = files.recent_files()
    for n, path in enumerate(paths, start=1):
        action = window.recent_menu.addAction(f"&{n % 10} {path}")
        action.triggered.connect(lambda _checked=False, p=path: window.open_file(p))
    if not paths:
        window.recent_menu.addAction("(无)").setEnabled(False)
        return
    window.recent_menu.addSeparator()
    window.recent_menu.addAction("清除列表").triggered.connect(lambda _checked=False: files.clear_recent())


def fill_indicator_menu(window: "MainWindow") -> None:
    window.indicator_menu.clear()
    tab = window.current_tab()
    actions = [a for a in tab.indicators.actions() if a.text()] if tab else []
    if actions:
        window.indicator_menu.addActions(actions)
    else:
        window.indicator_menu.addAction("(无可用操作)").setEnabled(False)
