"""Export, import and print from the main window: the current form, or the whole workspace.

:class:`OutputActions` is held by :class:`ui.window.main_window.MainWindow` (as ``output``) and
reaches it only through :class:`OutputHost` (``current_tab``, ``current_document``,
``workspace``, ``show_message``); imported forms open through the window's
:class:`~ui.window.file_actions.FileActions`. It decides *what* goes out and the suggested file
name (:func:`ui.output.names.default_stem`, the project name); :mod:`ui.output.exporting` asks for
the path, asks when the target is open in another program, and runs the exporter on a worker
thread, with progress, 取消, 重试 when Windows refused the file, and a closing message.
Printing lays the PDF out on a worker thread too, then shows the preview or the print dialog.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable, Optional, Protocol

from ui.qt import QWidget

from model.report import AssessedForm, assess_form
from ui import dialogs
from ui.document import FormDocument
from ui.form.tab import FormTab
from ui.output import exporting, runner
from ui.output.background import BackgroundTask, with_progress_dialog
from ui.output.names import default_stem, safe_stem
from ui.window import files
from ui.window.file_actions import FileActions
from ui.window.workspace import WorkspacePanel


class OutputHost(Protocol):
    """What the output actions use of the window that holds them."""

    workspace: WorkspacePanel

    def current_tab(self) -> Optional[FormTab]: ...

    def current_document(self) -> Optional[FormDocument]: ...

    def show_message(self, text: str) -> None: ...


def layout_pdf(forms: list[AssessedForm], progress: Optional[Callable[[int, int], None]] = None) -> bytes:
    """The print PDF (on the worker thread): the same bytes the PDF export writes; ``progress``
    after each form (the workspace's sixty forms take seconds), which may raise to cancel."""
    from exporters.pdf_writer import pdf_bytes

    return pdf_bytes(forms, progress=progress)


class OutputActions:
    """Menu entries that write other formats (Excel, PDF, paper) or read forms from Excel.

    ``parent`` is the widget the questions are asked over (the window). ``task`` is the export,
    the print layout or the reading of a workbook running in the background, if any (one at a
    time)."""

    def __init__(self, parent: QWidget, host: OutputHost, file_actions: FileActions) -> None:
        self.parent = parent
        self.host = host
        self.file_actions = file_actions
        self.task: Optional[BackgroundTask | exporting.Export] = None

    def busy(self) -> bool:
        if self.task is not None and self.task.is_running():
            dialogs.info(self.parent, "上一次导出、导入或打印仍在进行,请等它完成或取消后再试。")
            return True
        return False

    def _export(self, entry: str, forms: list[AssessedForm], suggested: Path) -> Optional[exporting.Export]:
        if not forms:
            dialogs.info(self.parent, "没有可导出的表单。")
            return None
        path = exporting.ask_path(self.parent, entry, str(suggested))
        if not path:
            return None
        self.task = exporting.start_export(self.parent, entry, forms, path,
                                           lambda written: self.host.show_message(f"已导出 {written}"))
        return self.task

    def export_workspace(self, kind: str) -> Optional[exporting.Export | BackgroundTask]:
        """Every form of the workspace folder into one file named after the folder (``kind``
        xlsx or pdf), or on paper (``print``: a finance bureau prints the lot for signature)."""
        if self.busy():
            return None
        workspace = self.host.workspace
        if workspace.is_loading():
            verb = "打印" if kind == "print" else "导出"
            dialogs.info(self.parent, f"工作区仍在读取和计算表单,请稍候再{verb}。")
            return None
        if kind == "print":
            return self._print_all(workspace.assessed_forms())
        folder = workspace.folder or files.start_folder()
        entry = "export_xlsx" if kind == "xlsx" else "export_pdf"
        return self._export(entry, workspace.assessed_forms(), folder / f"{safe_stem(folder.name)}.{kind}")

    def _current_assessed(self) -> list[AssessedForm]:
        """The current form as it is now, copied: the worker thread must not read a form the user
        may be editing."""
        tab = self.host.current_tab()
        if tab is None:
            return []
        tab.commit_pending()
        document = tab.document
        return [assess_form(copy.deepcopy(document.form), str(document.path or ""), document.template)]

    def export_current(self, entry: str) -> Optional[exporting.Export]:
        if self.busy():
            return None
        forms = self._current_assessed()
        document = self.host.current_document()
        if not forms or document is None:
            return None
        folder = document.path.parent if document.path else files.start_folder()
        suffix = ".xlsx" if entry == "export_xlsx" else ".pdf"
        return self._export(entry, forms, folder / f"{default_stem(document.form)}{suffix}")

    def import_excel(self, paths: str | list[str] | None = None) -> Optional[BackgroundTask]:
        """Read the workbooks on a worker thread (sixty sheets take over a second), then open
        their forms as unsaved tabs, one per turn of the event loop. A finance bureau gets one
        workbook from each department: several can be chosen (or dropped) at once. The reading
        task, or None."""
        if self.busy():
            return None
        chosen = [paths] if isinstance(paths, str) else list(paths or [])
        chosen = chosen or dialogs.open_excel_names(self.parent, str(files.start_folder(files.WORKBOOK_FOLDER,
                                                                                          files.LAST_FOLDER)))
        if not chosen:
            return None
        # the departments' workbooks arrive in one folder: the next import opens there, and so does
        # the folder chooser for saving the imported forms while no draft folder is known yet
        files.set_setting(files.WORKBOOK_FOLDER, str(Path(chosen[0]).resolve().parent))
        task = BackgroundTask(lambda reporter: runner.read_workbooks(chosen, reporter.progress), self.parent)
        with_progress_dialog(task, self.parent, "正在读取 Excel")
        task.succeeded.connect(self._open_imported)
        task.failed.connect(lambda error: exporting.report_failure(self.parent, "导入 Excel", error))
        self.task = task.start()
        return self.task

    def _open_imported(self, result: runner.WorkbooksRead) -> None:
        """What could not be read, in one message (workbooks, then sheets of the others), then the
        forms of every workbook read."""
        forms = [form for _path, read in result.read for form in read]
        parts = []
        if result.failed:
            lines = "\n".join(f"{Path(path).name}:{reason}" for path, reason in result.failed)
            parts.append(f"以下 {len(result.failed)} 个工作簿未能导入:\n\n{lines}")
        if result.broken:
            lines = "\n".join(f"{Path(path).name}:{reason}" for path, reason in result.broken)
            parts.append(f"以下 {len(result.broken)} 张工作表未能导入:\n\n{lines}")
        if parts and forms:  # a warning: most of the work did get in
            parts.append(f"其余 {len(forms)} 份表单将打开为未保存的标签页。")
            dialogs.warn(self.parent, "\n\n".join(parts))
        elif parts:
            dialogs.error(self.parent, "\n\n".join(parts))
        if not result.read:
            return
        source = result.read[0][0] if len(result.read) == 1 else f"{len(result.read)} 个工作簿"
        self.file_actions.open_forms(forms, source)

    def _print_all(self, forms: list[AssessedForm]) -> Optional[BackgroundTask]:
        """The workspace's forms to the printer (no preview: it would keep every page's image),
        after the same question about forms with errors as an export asks."""
        if not forms:
            dialogs.info(self.parent, "工作区中没有可打印的表单。")
            return None
        if not exporting.ask_to_go_on(self.parent, forms, "打印"):
            return None
        return self._print(forms, "print")

    def print_current(self, entry: str) -> Optional[BackgroundTask]:
        """Lay the PDF out in the background (seconds for a long form), then preview or print it."""
        if self.busy():
            return None
        forms = self._current_assessed()
        if not forms:
            return None
        return self._print(forms, entry)

    def _print(self, forms: list[AssessedForm], entry: str) -> BackgroundTask:
        task = BackgroundTask(lambda reporter: layout_pdf(forms, reporter.progress), self.parent)
        with_progress_dialog(task, self.parent, "正在排版", len(forms))
        task.succeeded.connect(lambda data: runner.print_entry(self.parent, entry, forms, data, self.host.show_message))
        task.failed.connect(lambda error: exporting.report_failure(self.parent, "打印", error))
        self.task = task.start()
        return self.task
