"""Export forms to Excel or PDF without freezing the window, and say at the end what was written.

The order of events for the user: the file name is asked (:func:`ui.dialogs.save_file_name`); if
some forms have errors they are named and the user may go on or stop
(:func:`ui.dialogs.ask_export_with_errors`); if another program has the target open (its lock
file beside it) the user closes it and 重试, or 仍然导出, or 取消 (:func:`target_free`); the export
runs on a worker thread (:mod:`ui.output.background`) with a progress dialog and 取消; at the end a
message says how many forms went where, with a 打开文件夹 button (:func:`ui.dialogs.export_finished`,
then :func:`ui.output.desktop.open_folder`). A failure is said in Chinese and the old file is
untouched; when the system refused to replace the target (Windows: open in Excel or WPS) 重试
writes it again (:class:`Export`).

:func:`write_forms` is the one seam to the exporters' entry points (``write_workbook`` /
``write_pdf``): it passes ``progress`` only when the entry point accepts it, so an exporter that
does not report progress still exports (the dialog then just waits).
"""
from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

from ui.qt import QObject, QWidget, Signal

from model.atomic import WriteError
from model.open_elsewhere import open_elsewhere
from model.report import AssessedForm
from ui import dialogs
from ui.output import desktop, runner
from ui.output.background import BackgroundTask, Reporter, with_progress_dialog

KINDS = {"export_xlsx": ("Excel", dialogs.EXCEL_FILTER, ".xlsx"), "export_pdf": ("PDF", dialogs.PDF_FILTER, ".pdf")}


def accepts_progress(call: Callable) -> bool:
    try:
        return "progress" in inspect.signature(call).parameters
    except (TypeError, ValueError):
        return False


def write_forms(entry: str, forms: Sequence[AssessedForm], path: str, reporter: Reporter) -> int:
    """Run the exporter of ``entry`` (on the worker thread); returns the number of forms written.

    Raises :class:`ui.output.background.Cancelled` when the user cancelled (from inside the
    exporter's progress call, so its atomic write keeps the old file)."""
    call = runner.function(entry)
    total = len(forms)
    reporter.progress(0, total)
    if accepts_progress(call):
        call(list(forms), path, progress=reporter.progress)
    else:
        call(list(forms), path)
    reporter.settle(total)  # written: a 取消 now would wrongly say the file is untouched
    return total


def forms_with_errors(forms: Sequence[AssessedForm]) -> list[str]:
    """Names of the forms whose checks found errors (not warnings), in export order."""
    return [form.name or Path(form.source).name or "未命名" for form in forms if form.evaluation.counts()[0]]


def error_lines(form: AssessedForm) -> list[str]:
    """The errors of a form, each with its place ("产出指标/数量指标/走访慰问人数:须填写…"), for the
    question before a form alone is exported or printed."""
    return [f"{issue.place}:{issue.message}" for issue in form.evaluation.issues if issue.severity == "error"]


def ask_to_go_on(parent: Optional[QWidget], forms: Sequence[AssessedForm], verb: str = "导出") -> bool:
    """True when no form has errors, or the user chose 仍然导出 (仍然打印) after reading which."""
    flawed = forms_with_errors(forms)
    if not flawed:
        return True
    errors = error_lines(forms[0]) if len(forms) == 1 else []
    return dialogs.ask_export_with_errors(parent, flawed, len(forms), verb, errors)


def ask_path(parent: Optional[QWidget], entry: str, suggested: str) -> str:
    kind, file_filter, suffix = KINDS[entry]
    return dialogs.save_file_name(parent, suggested, file_filter, f"导出 {kind}", suffix)


def target_free(parent: Optional[QWidget], path: str) -> bool:
    """Whether to write ``path``, asked (重试 / 仍然导出 / 取消) while another program has it open
    (its lock file beside it: on Windows the replace would fail, elsewhere that program would keep
    showing, and may save back, the old content). 重试 looks again; a crash's leftover lock looks
    the same as a real one, so 仍然导出 writes anyway."""
    while True:
        program = open_elsewhere(path)
        if not program:
            return True
        answer = dialogs.ask_target_in_use(parent, path, program)
        if answer == dialogs.WRITE_ANYWAY:
            return True
        if answer != dialogs.RETRY:
            return False


def refused_by_another_program(error: BaseException) -> bool:
    """A write the system refused because the target is held (Windows locks a workbook open in
    Excel or WPS): worth 重试 once the user closed it, the old file being still whole."""
    return isinstance(error, WriteError) and isinstance(error.__cause__, PermissionError)


def start_export(parent: Optional[QWidget], entry: str, forms: Sequence[AssessedForm], path: str,
                 on_written: Optional[Callable[[str], None]] = None) -> Optional["Export"]:
    """Check for errors and whether the target is open elsewhere, then write ``forms`` to ``path``
    in the background. None when nothing was started (no forms, or the user stopped at a question)."""
    forms = list(forms)
    if not forms:
        dialogs.info(parent, "没有可导出的表单。")
        return None
    if not ask_to_go_on(parent, forms):
        return None
    try:
        runner.function(entry)  # imported here, on the window thread: a missing module is said at once
    except (ImportError, AttributeError) as exc:
        dialogs.error(parent, f"导出功能不可用:{exc}")
        return None
    if not target_free(parent, path):
        return None
    return Export(parent, entry, forms, path, on_written).start()


class Export(QObject):
    """One export as the window sees it: the write on a worker thread, written again after 重试
    when the system refused to replace the target. ``finished`` comes once, after the last
    attempt, so a caller waits for the export, not for one try of it; ``outcome`` and ``error``
    are the last attempt's ("succeeded", "failed" or "cancelled"), ``task`` the attempt running."""

    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, parent: Optional[QWidget], entry: str, forms: list[AssessedForm], path: str,
                 on_written: Optional[Callable[[str], None]]) -> None:
        super().__init__(parent)
        self._parent = parent
        self.entry = entry
        self.forms = forms
        self.path = path
        self._on_written = on_written
        self.task: Optional[BackgroundTask] = None
        self.attempts = 0
        self.outcome = ""
        self.result: object = None
        self.error: Optional[BaseException] = None

    def start(self) -> "Export":
        """Start one write of the export (the first, or again after 重试)."""
        parent, path = self._parent, self.path
        entry, forms = self.entry, self.forms
        task = BackgroundTask(lambda reporter: write_forms(entry, forms, path, reporter), parent)
        with_progress_dialog(task, parent, f"正在导出 {KINDS[entry][0]}", len(forms))
        task.progressed.connect(self.progressed)
        task.succeeded.connect(lambda count: _finished(parent, int(count), path, self._on_written, self._note()))
        task.cancelled.connect(lambda: dialogs.info(parent, f"已取消导出,“{path}”未改动。"))
        task.finished.connect(lambda: self._attempt_ended(task))  # its thread has ended by then
        self.task = task
        self.attempts += 1
        task.start()
        return self

    def is_running(self) -> bool:
        return not self.outcome

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _note(self) -> str:
        """After a PDF: the characters its font cannot print (they show as boxes), if any."""
        if self.entry != "export_pdf":
            return ""
        from exporters.pdf_glyphs import unprintable_note  # loaded already: the PDF was just written

        return unprintable_note(text for item in self.forms for text in item.form.texts())

    def _attempt_ended(self, task: BackgroundTask) -> None:
        error = task.error
        if task.outcome == "failed" and error is not None:
            if not refused_by_another_program(error):
                report_failure(self._parent, "导出", error)
            elif dialogs.ask_retry_write(self._parent, str(error)):
                self.start()  # the same forms to the same file; the errors question is not asked again
                return
        self.outcome, self.result, self.error = task.outcome, task.result, error
        self.finished.emit()


def _finished(parent: Optional[QWidget], count: int, path: str, on_written: Optional[Callable[[str], None]],
              note: str = "") -> None:
    if on_written is not None:
        on_written(path)
    folder = str(Path(path).resolve().parent)
    text = f"已导出 {count} 份表单到:\n{path}" + (f"\n\n注意:{note}" if note else "")
    if dialogs.export_finished(parent, text, folder):
        desktop.show_folder(parent, folder)


def report_failure(parent: Optional[QWidget], action: str, error: BaseException) -> None:
    """A failure the user can act on (file in use, disk full, bad form) in Chinese; anything else is
    a bug and goes to the last-resort handler (logged, recovery copies, a Chinese message)."""
    if isinstance(error, runner.USER_ERRORS):
        dialogs.error(parent, f"{action}失败:{error}")
    else:
        sys.excepthook(type(error), error, error.__traceback__)
