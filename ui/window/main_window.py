"""The editor's main window: one window, one tab per open form.

Tabs (rather than one window per form) keep the 问题 panel, the workspace and the menus in one
place, and let a user flip between the 30 forms of a bureau without hunting for windows. Each tab
(:class:`ui.form.tab.FormTab`) shows one :class:`ui.document.FormDocument`. The window holds its
helpers: ``file_actions`` (new, open, save, recent, autosave, recovery:
:mod:`ui.window.file_actions`), ``output`` (export, import, print: :mod:`ui.window.output_actions`),
``act`` (its actions), ``menus`` (:mod:`ui.window.menus`) and ``panels`` (the 问题 and workspace
docks: :mod:`ui.window.panels`). They reach back only through the small
protocols their modules declare, which this window satisfies; none of them imports this module.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, cast

from ui.qt import (QApplication, QByteArray, QGuiApplication, QKeySequence, QLabel, QMainWindow, QShortcut,
                   QTabWidget, QTimer, QUndoGroup, QVBoxLayout, QWidget, Signal)

from model.paths import APP_NAME
from ui.first_paint import after_first_paint
from ui.window import files
from ui.window.menus import Menus, create_actions
from ui.window.window_start import MAXIMISED_BELOW, first_placement

if TYPE_CHECKING:
    from model.checks import Issue
    from ui.document import FormDocument
    from ui.form.issues_panel import IssuesPanel
    from ui.form.tab import FormTab
    from ui.window.file_actions import FileActions
    from ui.window.help_pages import KeyHelp
    from ui.window.output_actions import OutputActions
    from ui.window.start_page import StartPage
    from ui.window.workspace import WorkspacePanel

__all__ = ["APP_TITLE", "AUTOSAVE_MS", "MainWindow"]

APP_TITLE = APP_NAME
AUTOSAVE_MS = 60_000
WELCOME = ("请通过“文件 → 新建”或“文件 → 打开”开始填写绩效自评表。\n"
           "也可以用“工作区 → 选择文件夹”查看一个文件夹中的全部草稿。")


class MainWindow(QMainWindow):
    """The window shell: tabs, docks, titles, issues, conclusion and workspace. File handling is
    its ``file_actions``, export/import/print its ``output``; its actions (``act``) and ``menus`` are
    made by :mod:`ui.window.menus`.

    Built in two steps so that a start shows the window at once: the frame (title, menus, toolbar,
    tab area) needs only Qt; :meth:`complete` then loads the form's modules and makes the helpers
    and panels. ``MainWindow()`` does both; the start of the program (:func:`ui.app.start_editor`)
    asks for the frame only, shows it, and lets :meth:`finish_start` do the rest once it is on
    screen."""

    startFinished = Signal()  # the start's files are open (or refused): the window is ready for work

    def __init__(self, autosave_ms: int = AUTOSAVE_MS, parent: Optional[QWidget] = None,
                 frame_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.autosave_ms = autosave_ms
        self.ready = False
        self._starting = False  # finish_start is opening the start's files: the page says so
        self.start_page: Optional[StartPage] = None  # made when the window is first empty
        self.key_help: Optional[KeyHelp] = None  # 帮助 → 键盘操作, made when asked for
        self._maximise_at_start = False
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)  # centred by its paragraph: Qt's alignment enums cost 25 ms to load
        self.show_welcome(WELCOME)
        central = QWidget()
        self._central = layout = QVBoxLayout(central)  # the welcome line, the start page, the tabs
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.welcome)
        layout.addWidget(self.tabs)
        self.tabs.hide()
        self.setCentralWidget(central)
        self.act = create_actions(self, self)  # not ``actions``: that is QWidget.actions()
        self.menus = Menus(self, self.act, self)
        for action in self.act.switchable():
            action.setEnabled(False)  # until complete(): the helpers they call do not exist yet
        if not frame_only:
            self.complete()

    # --- the two steps of a start ---------------------------------------------------------------
    def complete(self) -> None:
        """The helpers, the panels and the keys: everything that needs the form's modules."""
        if self.ready:
            return
        from ui.output import runner
        from ui.window.file_actions import FileActions
        from ui.window.output_actions import OutputActions

        self.file_actions: FileActions = FileActions(self, self)
        self.output: OutputActions = OutputActions(self, self, self.file_actions)
        self.tabs.tabCloseRequested.connect(self.file_actions.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self._build_panels()
        self._build_keys()
        from ui.window.zoom import Zoom

        self.zoom = Zoom(self, self.tab_widgets, self.show_message)  # the form pages' size (视图 → 放大)
        from ui.output import desktop
        from ui.window.file_drop import FileDrop
        from ui.window.tab_menu import TabMenu

        self.file_drop = FileDrop(self, self.file_actions.open_files, self.output.import_excel, self.open_workspace,
                                  self.show_message)
        self.tab_menu = TabMenu(self.tabs, self.file_actions.close_tab,
                                lambda index: self.file_actions.close_all(keep=self.tab_at(index)),
                                self.file_actions.close_all, lambda index: self.tab_at(index).document.path,
                                lambda folder: desktop.show_folder(self, folder))
        self.availability = {entry: runner.available(entry) for entry in runner.ENTRIES}
        self.workspace.export_buttons["xlsx"].setEnabled(self.availability["export_xlsx"])
        self.workspace.export_buttons["pdf"].setEnabled(self.availability["export_pdf"])
        self.workspace.export_buttons["print"].setEnabled(self.availability["print"])
        for action in self.act.switchable():
            action.setEnabled(True)
        self.menus.apply_availability(self.availability)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(self.autosave_ms)
        self.autosave_timer.timeout.connect(self.file_actions.autosave_now)
        self.autosave_timer.start()
        self.ready = True
        self._current_changed()

    def finish_start(self, paths: list[str], first: Optional[Callable[[], bool]] = None) -> None:
        """After the frame is on screen: ``first()`` (the start's claim on the single-instance
        channel; False: stop here), then complete the window, open the start's files, offer the
        recovery copies, and say so (``startFinished``)."""
        if paths:
            self.show_welcome("正在打开 " + "、".join(Path(p).name for p in paths) + " …")

        def opened() -> None:
            self._starting = False
            self._show_empty_page(self.current_tab() is None)  # the start page, if nothing opened
            QTimer.singleShot(0, self.file_actions.offer_recovery)
            self.startFinished.emit()

        self._starting = True

        def finish() -> None:
            if first is not None and not first():
                return
            self.complete()
            self.panels.reopen_workspace()
            opening = self.file_actions.open_files(paths)
            if opening is None:
                opened()
            else:
                opening.finished.connect(opened)

        after_first_paint(self, finish)

    # --- construction --------------------------------------------------------------------------
    def show_welcome(self, text: str) -> None:
        """``text`` centred, line by line; a file name in it is shown as typed."""
        for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\n", "<br>")):
            text = text.replace(char, entity)
        self.welcome.setText(f'<p align="center">{text}</p>')

    def _build_panels(self) -> None:
        from ui.window.panels import Panels

        self.panels = Panels(self, self.file_actions.open_file, self.output.export_workspace, self.focus_issue)
        self.issues: IssuesPanel = self.panels.issues
        self.issues_dock = self.panels.issues_dock
        self.workspace: WorkspacePanel = self.panels.workspace
        self.workspace_dock = self.panels.workspace_dock
        self.menus.add_panel_toggles(self.issues_dock, self.workspace_dock)

    def _build_keys(self) -> None:
        """F6 / Shift+F6 cycle the panes of the form and the 问题 panel; Ctrl+Tab switches forms."""
        for keys, slot in ((("F6",), lambda: self.cycle_pane(1)), (("Shift+F6",), lambda: self.cycle_pane(-1)),
                           (("Ctrl+Tab", "Ctrl+PgDown"), lambda: self.next_tab(1)),
                           (("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"), lambda: self.next_tab(-1))):
            for key in keys:
                QShortcut(QKeySequence(key), self).activated.connect(slot)

    def cycle_pane(self, step: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.cycle_pane(step, self.panels.issue_panes())

    def next_tab(self, step: int) -> None:
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def restore_geometry(self) -> None:
        """Last session's size and place; the first time, maximised on a small screen (a
        1366×768 laptop), else most of the screen, centred with room for the title bar."""
        saved = files.get_setting("window/geometry")
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 760)
            return
        area = screen.availableGeometry()
        place = first_placement(area)
        self.resize(place.size())  # also the size the 还原 button gives a maximised window
        self.move(place.topLeft())
        self._maximise_at_start = area.height() < MAXIMISED_BELOW

    def show_at_start(self) -> None:
        """Shows the window as :meth:`restore_geometry` chose (``showMaximized`` rather than a
        window state: the frame is shown before Qt's namespace is loaded)."""
        if self._maximise_at_start:
            self.showMaximized()
        else:
            self.show()

    # --- tabs and documents ----------------------------------------------------------------------
    def tab_at(self, index: int) -> FormTab:
        return cast("FormTab", self.tabs.widget(index))

    def tab_widgets(self) -> list[FormTab]:
        return [cast("FormTab", self.tabs.widget(n)) for n in range(self.tabs.count())]

    def documents(self) -> list[FormDocument]:
        return [tab.document for tab in self.tab_widgets()]

    def current_tab(self) -> Optional[FormTab]:
        return cast("Optional[FormTab]", self.tabs.currentWidget())

    def current_document(self) -> Optional[FormDocument]:
        tab = self.current_tab()
        return tab.document if tab else None

    def add_document(self, document: FormDocument, modified: bool = False,
                     recovery_key: Optional[str] = None, show: bool = True) -> FormTab:
        """A document in a new tab, made the current one if ``show``; ``modified`` marks a form
        that exists only in memory."""
        from ui.form.tab import FormTab
        from ui.window.file_actions import tab_title

        tab = FormTab(document, recovery_key or files.new_recovery_key())
        tab.message.connect(self.show_message)
        tab.refused.connect(self.refuse_input)
        tab.summary.issuesRequested.connect(self.show_issues)
        tab.indicators.toolbar.hide()  # its actions show in the window's toolbar (menus.show_tree_actions)
        self.zoom.watch(tab)
        self.undo_group.addStack(document.undo_stack)
        if modified:
            document.undo_stack.resetClean()
        document.modifiedChanged.connect(lambda _m, t=tab: self.update_titles(t))
        document.pathChanged.connect(lambda t=tab: self.update_titles(t))
        document.valueChanged.connect(lambda obj, attr, t=tab: self._on_value_changed(t, obj, attr))
        index = self.tabs.addTab(tab, tab_title(document))
        if show or self.tabs.count() == 1:
            self.tabs.setCurrentIndex(index)
        self.update_titles(tab)
        return tab

    def _on_value_changed(self, tab: FormTab, obj: object, attr: str) -> None:
        if tab.document.path is None and (obj is tab.document.form.project or obj is tab.document.form):
            self.update_titles(tab)

    def update_titles(self, tab: Optional[FormTab] = None) -> None:
        from ui.window.file_actions import tab_title

        for n, each in enumerate(self.tab_widgets()):
            if tab is None or each is tab:
                read_only = "(只读)" if self.file_actions.safety.is_read_only(each.document) else ""
                text = tab_title(each.document) + read_only + (" *" if each.document.modified else "")
                self.tabs.setTabText(n, text)
                self.tabs.setTabToolTip(n, str(each.document.path or "尚未保存"))
        document = self.current_document()
        if document is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            return
        read_only = "(只读)" if self.file_actions.safety.is_read_only(document) else ""
        self.setWindowTitle(f"{tab_title(document)}{read_only}[*] - {APP_TITLE}")
        self.setWindowModified(document.modified)

    def _current_changed(self, _index: int = -1) -> None:
        tab = self.current_tab()
        document = tab.document if tab else None
        self._show_empty_page(tab is None)
        self.tabs.setVisible(tab is not None)
        self.undo_group.setActiveStack(document.undo_stack if document else None)  # type: ignore[arg-type]  # None: no stack
        self.issues.set_document(document)
        self.menus.show_tree_actions(tab.indicators.toolbar.actions() if tab else [])
        has = document is not None
        actions = self.act
        for action in (actions.save, actions.save_as, actions.next_year, actions.close, actions.copy,
                       actions.paste):
            action.setEnabled(has)
        actions.conclusion.setEnabled(document is not None and document.template.show_conclusion)
        for action, entry in ((actions.export_xlsx, "export_xlsx"), (actions.export_pdf, "export_pdf"),
                              (actions.preview, "print_preview"), (actions.print, "print")):
            action.setEnabled(has and self.availability[entry])
        self.update_titles()

    def _show_empty_page(self, empty: bool) -> None:
        """No form open: the start page (recent drafts, 新建, 打开); while the window is still
        being completed or the start's files are opening, the welcome line that says so."""
        page_wanted = empty and self.ready and not self._starting
        if page_wanted and self.start_page is None:
            self.start_page = self._make_start_page()
        if self.start_page is not None:
            if page_wanted and self.start_page.isHidden():
                self.start_page.refresh()
                self.start_page.show()
                self.start_page.focus_list()
            elif not page_wanted:
                self.start_page.hide()
        self.welcome.setVisible(empty and not page_wanted)

    def _make_start_page(self) -> StartPage:
        from ui import dialogs
        from ui.output import desktop
        from ui.window.start_page import StartPage

        page = StartPage(self.act.new, self.act.open, self.choose_workspace, lambda f: desktop.show_folder(self, f),
                         lambda text: dialogs.confirm(self, text))
        page.openRequested.connect(self.file_actions.open_file)
        page.hide()
        self._central.insertWidget(1, page)
        return page

    def recent_changed(self) -> None:
        """The recent list changed elsewhere (the menu's 清除列表): the start page follows."""
        if self.start_page is not None and self.start_page.isVisible():
            self.start_page.refresh()

    def find_tab(self, path: Path) -> Optional[FormTab]:
        target = Path(path).resolve()
        for tab in self.tab_widgets():
            if tab.document.path and tab.document.path.resolve() == target:
                return tab
        return None

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def refuse_input(self, text: str) -> None:
        """A refused entry: status text now, a warning once the editor has closed."""
        self.show_message(text)
        from ui import dialogs

        QTimer.singleShot(0, lambda: dialogs.warn(self, text, "输入无效"))

    def show_issues(self) -> None:
        self.panels.show_issues()

    def tree_call(self, name: str) -> None:
        """Copy or paste indicator rows in the current tab (``name``: a method of its copy_paste)."""
        tab = self.current_tab()
        if tab is not None:
            getattr(tab.indicators.copy_paste, name)()

    def find_in_form(self, step: int = 0) -> None:
        """编辑 → 查找 (Ctrl+F): the 查找 line above the current form's tree (in the workspace: its
        筛选 field); ``step`` 1 or -1 (F3, Shift+F3): the next or previous cell with the text looked
        for last."""
        focus = QApplication.focusWidget()
        if not step and focus is not None and self.workspace_dock.isAncestorOf(focus):
            self.workspace.filter.setFocus()  # in the workspace, Ctrl+F looks for a form by its name
            self.workspace.filter.selectAll()
            return
        tab = self.current_tab()
        if tab is None:
            return
        if step:
            tab.indicators.find_bar.again(step)
        else:
            tab.indicators.find_bar.open()

    # --- closing -------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if not self.ready:  # closed while starting: nothing is open yet
            event.accept()
            return
        if not self.file_actions.settle_all():
            event.ignore()
            return
        self.autosave_timer.stop()
        files.set_setting("window/geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        self.panels.remember()
        event.accept()

    # --- issues and conclusion -------------------------------------------------------------------
    def focus_issue(self, issue: Issue) -> None:
        tab = self.current_tab()
        if tab is not None and not tab.focus_issue(issue):
            self.show_message(issue.message)

    def generate_conclusion(self) -> bool:
        tab = self.current_tab()
        if tab is None or not tab.document.template.show_conclusion:
            return False
        return tab.generate_conclusion()  # the same as the button beside 自评结论

    # --- workspace -------------------------------------------------------------------------------
    def choose_workspace(self) -> None:
        self.panels.choose_workspace()

    def open_workspace(self, folder: str | Path) -> None:
        self.panels.open_workspace(folder)

    def show_keys(self) -> None:
        """帮助 → 键盘操作 (F1): beside the window, listing the current form's tree keys too."""
        from ui.window.help_pages import KeyHelp

        if self.key_help is not None:
            self.key_help.close()
            self.key_help.deleteLater()
        tab = self.current_tab()
        names = {self.act.undo: "撤销", self.act.redo: "重做"}  # their texts name the step
        self.key_help = KeyHelp(list(self.act), tab.indicators.actions() if tab else [], names, self)
        self.key_help.show()
        self.key_help.raise_()

    def about(self) -> None:
        from ui import dialogs

        from ui.window.help_pages import about_text

        dialogs.info(self, about_text(), "关于")

