"""The editor's main window: one window, one tab per open form.

Tabs (rather than one window per form) keep the 问题 panel, the workspace and the menus in one
place, and let a user flip between the 30 forms of a bureau without hunting for windows. The
window owns file handling (new, open, save, recent, autosave, recovery); each tab
(:class:`ui.form_tab.FormTab`) shows one :class:`ui.document.FormDocument`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ui.qt import (QByteArray, QDockWidget, QGuiApplication, QLabel, QMainWindow, Qt, QTabWidget, QTimer, QUndoGroup,
                   QVBoxLayout, QWidget)

from model.atomic import WriteError
from model.checks import Issue
from model.conclusion import draft_conclusion
from model.draft import DraftError, load_draft, save_draft
from model.form import Form
from model.new_form import new_form
from model.next_year import next_year_form
from model.report import AssessedForm, assess_form
from model.template import TemplateError, get_template
from ui import dialogs, export_actions, files
from ui.document import FormDocument
from ui.form_tab import FormTab
from ui.issues_panel import IssuesPanel
from ui.window_menus import build_actions, build_menus
from ui.workspace import WorkspacePanel

APP_TITLE = "绩效自评表编辑器"
AUTOSAVE_MS = 60_000


def tab_title(document: FormDocument) -> str:
    if document.path:
        return document.path.name
    return f"{document.form.project.name or '未命名'}({document.form.year}年度)"


class MainWindow(QMainWindow):
    def __init__(self, autosave_ms: int = AUTOSAVE_MS, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.welcome = QLabel("请通过“文件 → 新建”或“文件 → 打开”开始填写绩效自评表。\n"
                              "也可以用“工作区 → 选择文件夹”查看一个文件夹中的全部草稿。")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.welcome)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._build_docks()
        build_actions(self)
        build_menus(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self._current_changed()

    # --- construction --------------------------------------------------------------------------
    def _build_docks(self) -> None:
        self.issues = IssuesPanel()
        self.issues.issueActivated.connect(self.focus_issue)
        self.issues_dock = QDockWidget("问题", self)
        self.issues_dock.setObjectName("issues_dock")
        self.issues_dock.setWidget(self.issues)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.issues_dock)
        self.issues_dock.hide()
        self.workspace = WorkspacePanel()
        self.workspace.openRequested.connect(self.open_file)
        self.workspace.chooseFolderRequested.connect(self.choose_workspace)
        self.workspace.exportRequested.connect(self.export_workspace)
        self.workspace_dock = QDockWidget("工作区", self)
        self.workspace_dock.setObjectName("workspace_dock")
        self.workspace_dock.setWidget(self.workspace)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.workspace_dock)
        self.workspace_dock.hide()

    def restore_geometry(self) -> None:
        """Last session's size and place, or most of the screen the first time."""
        saved = files.get_setting("window/geometry")
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 760)
            return
        area = screen.availableGeometry()
        self.resize(min(1600, int(area.width() * 0.92)), int(area.height() * 0.92))
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    # --- tabs and documents ----------------------------------------------------------------------
    def tab_widgets(self) -> list[FormTab]:
        return [self.tabs.widget(n) for n in range(self.tabs.count())]

    def documents(self) -> list[FormDocument]:
        return [tab.document for tab in self.tab_widgets()]

    def current_tab(self) -> Optional[FormTab]:
        return self.tabs.currentWidget()

    def current_document(self) -> Optional[FormDocument]:
        tab = self.current_tab()
        return tab.document if tab else None

    def add_document(self, document: FormDocument, modified: bool = False,
                     recovery_key: Optional[str] = None) -> FormTab:
        """Show a document in a new tab; ``modified`` marks a form that exists only in memory."""
        tab = FormTab(document, recovery_key)
        tab.message.connect(self.show_message)
        tab.refused.connect(self.refuse_input)
        tab.summary.issuesRequested.connect(self.show_issues)
        self.undo_group.addStack(document.undo_stack)
        if modified:
            document.undo_stack.resetClean()
        document.modifiedChanged.connect(lambda _m, t=tab: self._update_titles(t))
        document.pathChanged.connect(lambda t=tab: self._update_titles(t))
        document.valueChanged.connect(lambda obj, attr, t=tab: self._on_value_changed(t, obj, attr))
        index = self.tabs.addTab(tab, tab_title(document))
        self.tabs.setCurrentIndex(index)
        self._update_titles(tab)
        return tab

    def _on_value_changed(self, tab: FormTab, obj: object, attr: str) -> None:
        if tab.document.path is None and (obj is tab.document.form.project or obj is tab.document.form):
            self._update_titles(tab)

    def _update_titles(self, tab: Optional[FormTab] = None) -> None:
        for n, each in enumerate(self.tab_widgets()):
            if tab is None or each is tab:
                text = tab_title(each.document) + (" *" if each.document.modified else "")
                self.tabs.setTabText(n, text)
                self.tabs.setTabToolTip(n, str(each.document.path or "尚未保存"))
        document = self.current_document()
        if document is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{tab_title(document)}[*] - {APP_TITLE}")
        self.setWindowModified(document.modified)

    def _current_changed(self, _index: int = -1) -> None:
        tab = self.current_tab()
        document = tab.document if tab else None
        self.welcome.setVisible(tab is None)
        self.tabs.setVisible(tab is not None)
        self.undo_group.setActiveStack(document.undo_stack if document else None)
        self.issues.set_document(document)
        has = document is not None
        for action in (self.act_save, self.act_save_as, self.act_next_year, self.act_close, self.act_copy,
                       self.act_paste):
            action.setEnabled(has)
        self.act_conclusion.setEnabled(has and document.template.show_conclusion)
        for action, entry in ((self.act_export_xlsx, "export_xlsx"), (self.act_export_pdf, "export_pdf"),
                              (self.act_preview, "print_preview"), (self.act_print, "print")):
            action.setEnabled(has and self.availability[entry])
        self._update_titles()

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
        QTimer.singleShot(0, lambda: dialogs.warn(self, text, "输入无效"))

    def show_issues(self) -> None:
        first = self.issues_dock.isHidden() and not getattr(self, "_issues_sized", False)
        self.issues_dock.show()
        self.issues_dock.raise_()
        if first:  # a few lines high the first time: the tree keeps most of the room
            self._issues_sized = True
            self.resizeDocks([self.issues_dock], [self.fontMetrics().lineSpacing() * 6 + 40],
                             Qt.Orientation.Vertical)

    def tree_call(self, name: str) -> None:
        tab = self.current_tab()
        if tab is not None and hasattr(tab.indicators, name):
            getattr(tab.indicators, name)()

    # --- new / open ------------------------------------------------------------------------------
    def new_dialog(self) -> Optional[FormDocument]:
        choice = dialogs.ask_new_form(self)
        return self.new_document(*choice) if choice else None

    def new_document(self, template_id: str, year: Optional[int] = None) -> Optional[FormDocument]:
        try:
            template = get_template(template_id)
        except TemplateError as exc:
            dialogs.error(self, str(exc))
            return None
        document = FormDocument(new_form(template, year), None, template)
        self.add_document(document)
        return document

    def open_dialog(self) -> None:
        folder = files.get_setting("paths/last_folder")
        for name in dialogs.open_file_names(self, folder):
            self.open_file(name)

    def open_file(self, path: str | Path) -> Optional[FormDocument]:
        """Open a draft in a new tab (or show its tab if it is open); errors change nothing."""
        path = Path(path)
        existing = self.find_tab(path)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return existing.document
        try:
            form = load_draft(path)
            template = get_template(form.template)
        except (DraftError, TemplateError) as exc:
            dialogs.error(self, f"无法打开草稿。\n\n{exc}")
            return None
        document = FormDocument(form, path.resolve(), template)
        self.add_document(document)
        files.remember_opened(path)
        self.show_message(f"已打开 {path}")
        return document

    def open_files(self, paths: list[str]) -> None:
        for path in paths:
            self.open_file(path)

    def open_form(self, form: Form, source: str = "") -> Optional[FormDocument]:
        """A form that exists only in memory (imported, next year, recovered) as an unsaved tab."""
        try:
            template = get_template(form.template)
        except TemplateError as exc:
            dialogs.error(self, f"无法打开{source or '表单'}。\n\n{exc}")
            return None
        document = FormDocument(form, None, template)
        self.add_document(document, modified=True)
        return document

    def new_next_year(self) -> Optional[FormDocument]:
        tab = self.current_tab()
        if tab is None:
            return None
        tab.commit_pending()
        document = self.open_form(next_year_form(tab.document.form))
        if document:
            self.show_message(f"已新建 {document.form.year} 年度的表,请填写实际完成值后另存。")
        return document

    # --- save / close ----------------------------------------------------------------------------
    def save_current(self) -> bool:
        tab = self.current_tab()
        return self.save_tab(tab) if tab else False

    def save_current_as(self) -> bool:
        tab = self.current_tab()
        return self.save_tab_as(tab) if tab else False

    def save_tab(self, tab: FormTab) -> bool:
        if tab.document.path is None:
            return self.save_tab_as(tab)
        return self.save_to(tab, tab.document.path)

    def save_tab_as(self, tab: FormTab, path: Optional[str | Path] = None) -> bool:
        if path is None:
            document = tab.document
            folder = Path(files.get_setting("paths/last_folder") or Path.home())
            suggested = document.path or folder / f"{document.form.project.name or '未命名'}.json"
            path = dialogs.save_file_name(self, str(suggested))
            if not path:
                return False
        return self.save_to(tab, Path(path))

    def save_to(self, tab: FormTab, path: Path) -> bool:
        tab.commit_pending()
        try:
            save_draft(tab.document.form, path)
        except WriteError as exc:
            dialogs.error(self, f"保存失败,文件未改动。\n\n{exc}")
            return False
        document = tab.document
        document.set_path(path.resolve())
        document.mark_saved()
        files.remove_recovery(tab.recovery_key)
        files.remember_opened(path)
        self._update_titles(tab)
        self.show_message(f"已保存 {path}")
        return True

    def _settle(self, tab: FormTab) -> bool:
        """Ask about unsaved changes; True when the tab may close."""
        tab.commit_pending()
        if not tab.document.modified:
            return True
        self.tabs.setCurrentWidget(tab)
        answer = dialogs.ask_save_changes(self, tab_title(tab.document))
        if answer == dialogs.SAVE:
            return self.save_tab(tab)
        return answer == dialogs.DISCARD

    def close_tab(self, index: int) -> bool:
        tab = self.tabs.widget(index)
        if tab is None or not self._settle(tab):
            return False
        self._drop_tab(tab)
        return True

    def _drop_tab(self, tab: FormTab) -> None:
        files.remove_recovery(tab.recovery_key)
        self._release(tab.document)
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.deleteLater()

    def _release(self, document: FormDocument) -> None:
        """Detach a closing document's undo stack: a stack that is destroyed while not clean
        emits cleanChanged, which must not reach a half-destroyed document or window."""
        if getattr(document, "_released", False):
            return
        document._released = True
        self.undo_group.removeStack(document.undo_stack)
        document.undo_stack.cleanChanged.disconnect()

    def close_current(self) -> bool:
        return self.close_tab(self.tabs.currentIndex()) if self.current_tab() else False

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        for tab in self.tab_widgets():
            if not self._settle(tab):
                event.ignore()
                return
        for tab in self.tab_widgets():
            files.remove_recovery(tab.recovery_key)
            self._release(tab.document)
        self.autosave_timer.stop()
        files.set_setting("window/geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        event.accept()

    # --- autosave and recovery -------------------------------------------------------------------
    def autosave_now(self) -> int:
        """Write a recovery copy of every modified form (and drop those of saved ones)."""
        written = 0
        for tab in self.tab_widgets():
            if not tab.document.modified:
                files.remove_recovery(tab.recovery_key)
                continue
            try:
                files.write_recovery(tab.recovery_key, tab.document.form, tab.document.path)
                written += 1
            except WriteError as exc:
                self.show_message(f"自动保存失败:{exc}")
        return written

    def offer_recovery(self) -> int:
        """At start-up: offer the copies a crash left; returns how many forms were recovered."""
        entries = files.list_recovery()
        if not entries:
            return 0
        choice = dialogs.ask_recovery(self, entries)
        if choice == dialogs.RECOVER:
            return self.recover(entries)
        if choice == dialogs.DISCARD_ALL and dialogs.confirm(
                self, f"丢弃后,这 {len(entries)} 份表单未保存的修改将无法找回。确定丢弃吗?"):
            for entry in entries:
                files.remove_recovery(entry.key)
        return 0

    def recover(self, entries: list[files.RecoveryEntry]) -> int:
        count = 0
        for entry in entries:
            try:
                form = load_draft(entry.draft)
                template = get_template(form.template)
            except (DraftError, TemplateError) as exc:
                dialogs.error(self, f"恢复副本无法读取,已保留在 {entry.draft}。\n\n{exc}")
                continue
            document = FormDocument(form, entry.original, template)
            self.add_document(document, modified=True, recovery_key=entry.key)
            count += 1
        if count:
            self.show_message(f"已恢复 {count} 份表单,请检查后保存。")
        return count

    # --- issues and conclusion -------------------------------------------------------------------
    def focus_issue(self, issue: Issue) -> None:
        tab = self.current_tab()
        if tab is not None and not tab.focus_issue(issue):
            self.show_message(issue.message)

    def generate_conclusion(self) -> bool:
        tab = self.current_tab()
        if tab is None or not tab.document.template.show_conclusion:
            return False
        tab.commit_pending()
        document = tab.document
        text = draft_conclusion(document.form, document.evaluation)
        current = document.form.conclusion.strip()
        if current and current != text and not dialogs.confirm(
                self, "自评结论已有内容。是否用生成的草稿替换?\n(替换后可用“撤销”恢复原文)"):
            return False
        document.set_value(document.form, "conclusion", text, "生成结论草稿")
        tab.conclusion.focus()
        return True

    # --- workspace -------------------------------------------------------------------------------
    def choose_workspace(self) -> None:
        folder = dialogs.choose_folder(self, files.get_setting("workspace/folder"))
        if folder:
            self.open_workspace(folder)

    def open_workspace(self, folder: str | Path) -> None:
        files.set_setting("workspace/folder", str(folder))
        self.workspace.set_folder(folder)
        if self.workspace_dock.isHidden():
            self.workspace_dock.show()
            self.resizeDocks([self.workspace_dock], [min(420, max(300, self.width() // 4))],
                             Qt.Orientation.Horizontal)
        self.workspace_dock.raise_()

    def export_workspace(self, kind: str) -> Optional[str]:
        forms = self.workspace.assessed_forms()
        folder = self.workspace.folder or Path.home()
        entry = "export_xlsx" if kind == "xlsx" else "export_pdf"
        return export_actions.export_file(self, entry, forms, str(folder / f"{folder.name or '自评表'}.{kind}"))

    # --- export, import, print -------------------------------------------------------------------
    def _current_assessed(self) -> list[AssessedForm]:
        tab = self.current_tab()
        if tab is None:
            return []
        tab.commit_pending()
        document = tab.document
        return [assess_form(document.form, str(document.path or ""), document.template)]

    def export_current(self, entry: str) -> Optional[str]:
        forms = self._current_assessed()
        if not forms:
            return None
        document = self.current_document()
        stem = document.path.stem if document.path else (document.form.project.name or "自评表")
        folder = document.path.parent if document.path else Path(files.get_setting("paths/last_folder") or ".")
        suffix = ".xlsx" if entry == "export_xlsx" else ".pdf"
        written = export_actions.export_file(self, entry, forms, str(folder / f"{stem}{suffix}"))
        if written:
            self.show_message(f"已导出 {written}")
        return written

    def import_excel(self, path: Optional[str] = None) -> int:
        path = path or dialogs.open_excel_name(self, files.get_setting("paths/last_folder"))
        if not path:
            return 0
        forms = export_actions.import_workbook(self, path)
        for _name, form in forms:
            self.open_form(form, path)
        if forms:
            self.show_message(f"已从 {path} 导入 {len(forms)} 份表单(尚未保存)")
        return len(forms)

    def print_current(self, entry: str) -> None:
        export_actions.print_entry(self, entry, self._current_assessed())

    def about(self) -> None:
        dialogs.info(self, "绩效自评表编辑器\n\n填写、检查、导出项目支出绩效自评表。\n所有数据仅保存在本机。", "关于")
