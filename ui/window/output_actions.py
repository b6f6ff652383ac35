"""Export, import and print from the main window: the current form, or the whole workspace.

A mixin of :class:`ui.window.main_window.MainWindow` (which supplies ``current_tab``,
``current_document``, ``open_form``, ``workspace`` and ``show_message``). It decides *what* goes
out and the suggested file name; :mod:`ui.output.runner` asks for the path and runs the
exporter, which it imports only when the user picks the entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from model.report import AssessedForm, assess_form
from ui import dialogs
from ui.output import runner
from ui.window import files


class ExportActionsMixin:
    """Menu entries that write other formats (Excel, PDF, paper) or read forms from Excel."""

    def export_workspace(self, kind: str) -> Optional[str]:
        """Every form of the workspace folder into one file named after the folder."""
        forms = self.workspace.assessed_forms()
        folder = self.workspace.folder or Path.home()
        entry = "export_xlsx" if kind == "xlsx" else "export_pdf"
        return runner.export_file(self, entry, forms, str(folder / f"{folder.name or '自评表'}.{kind}"))

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
        written = runner.export_file(self, entry, forms, str(folder / f"{stem}{suffix}"))
        if written:
            self.show_message(f"已导出 {written}")
        return written

    def import_excel(self, path: Optional[str] = None) -> int:
        path = path or dialogs.open_excel_name(self, files.get_setting("paths/last_folder"))
        if not path:
            return 0
        forms = runner.import_workbook(self, path)
        for _name, form in forms:
            self.open_form(form, path)
        if forms:
            self.show_message(f"已从 {path} 导入 {len(forms)} 份表单(尚未保存)")
        return len(forms)

    def print_current(self, entry: str) -> None:
        runner.print_entry(self, entry, self._current_assessed())
