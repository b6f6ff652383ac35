"""Export, import and print from the main window: the current form, or the whole workspace.

:class:`OutputActions` is held by :class:`ui.window.main_window.MainWindow` (as ``output``) and
reaches it only through :class:`OutputHost` (``current_tab``, ``current_document``,
``workspace``, ``show_message``); imported forms open through the window's
:class:`~ui.window.file_actions.FileActions`. It decides *what* goes out and the suggested file
name; :mod:`ui.output.runner` asks for the path and runs the exporter, which it imports only
when the user picks the entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Protocol

from ui.qt import QWidget

from model.report import AssessedForm, assess_form
from ui import dialogs
from ui.document import FormDocument
from ui.form.tab import FormTab
from ui.output import runner
from ui.window import files
from ui.window.file_actions import FileActions
from ui.window.workspace import WorkspacePanel


class OutputHost(Protocol):
    """What the output actions use of the window that holds them."""

    workspace: WorkspacePanel

    def current_tab(self) -> Optional[FormTab]: ...

    def current_document(self) -> Optional[FormDocument]: ...

    def show_message(self, text: str) -> None: ...


class OutputActions:
    """Menu entries that write other formats (Excel, PDF, paper) or read forms from Excel.

    ``parent`` is the widget the questions are asked over (the window)."""

    def __init__(self, parent: QWidget, host: OutputHost, file_actions: FileActions) -> None:
        self.parent = parent
        self.host = host
        self.file_actions = file_actions

    def export_workspace(self, kind: str) -> Optional[str]:
        """Every form of the workspace folder into one file named after the folder."""
        forms = self.host.workspace.assessed_forms()
        folder = self.host.workspace.folder or Path.home()
        entry = "export_xlsx" if kind == "xlsx" else "export_pdf"
        return runner.export_file(self.parent, entry, forms, str(folder / f"{folder.name or '自评表'}.{kind}"))

    def _current_assessed(self) -> list[AssessedForm]:
        tab = self.host.current_tab()
        if tab is None:
            return []
        tab.commit_pending()
        document = tab.document
        return [assess_form(document.form, str(document.path or ""), document.template)]

    def export_current(self, entry: str) -> Optional[str]:
        forms = self._current_assessed()
        document = self.host.current_document()
        if not forms or document is None:
            return None
        stem = document.path.stem if document.path else (document.form.project.name or "自评表")
        folder = document.path.parent if document.path else Path(files.get_setting("paths/last_folder") or ".")
        suffix = ".xlsx" if entry == "export_xlsx" else ".pdf"
        written = runner.export_file(self.parent, entry, forms, str(folder / f"{stem}{suffix}"))
        if written:
            self.host.show_message(f"已导出 {written}")
        return written

    def import_excel(self, path: Optional[str] = None) -> int:
        path = path or dialogs.open_excel_name(self.parent, files.get_setting("paths/last_folder"))
        if not path:
            return 0
        forms = runner.import_workbook(self.parent, path)
        for _name, form in forms:
            self.file_actions.open_form(form, path)
        if forms:
            self.host.show_message(f"已从 {path} 导入 {len(forms)} 份表单(尚未保存)")
        return len(forms)

    def print_current(self, entry: str) -> None:
        runner.print_entry(self.parent, entry, self._current_assessed())
