"""Export, import and print entries of the menus, delegated to modules other parts provide.

Those modules are imported only when the user picks the entry, so the window starts quickly and a
missing or broken exporter disables one menu entry instead of the whole window.
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Callable, Iterable, Optional, cast

from ui.qt import QWidget

from model.atomic import WriteError
from model.draft import DraftError
from model.form import Form
from model.open_elsewhere import open_elsewhere
from model.report import AssessedForm
from model.template import TemplateError
from ui import dialogs

# menu entry -> (module, function)
ENTRIES = {
    "export_xlsx": ("exporters.xlsx_writer", "write_workbook"),
    "import_xlsx": ("exporters.xlsx_reader", "read_workbook"),
    "export_pdf": ("exporters.pdf_writer", "write_pdf"),
    "print_preview": ("ui.output.printing", "show_print_preview"),
    "print": ("ui.output.printing", "print_forms"),
}
USER_ERRORS = (DraftError, TemplateError, WriteError, ValueError, OSError)


def available(entry: str) -> bool:
    """Whether the module of a menu entry is installed (checked without importing it)."""
    module, _function = ENTRIES[entry]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def function(entry: str) -> Callable:
    module, name = ENTRIES[entry]
    return getattr(importlib.import_module(module), name)


def _run(parent: Optional[QWidget], entry: str, action: str, *args) -> tuple[bool, object]:
    """(succeeded, result); a failure has already been shown to the user in Chinese."""
    try:
        call = function(entry)
    except (ImportError, AttributeError) as exc:
        dialogs.error(parent, f"{action}功能不可用:{exc}")
        return False, None
    try:
        return True, call(*args)
    except USER_ERRORS as exc:
        dialogs.error(parent, f"{action}失败:{exc}")
        return False, None


def export_file(parent: Optional[QWidget], entry: str, forms: list[AssessedForm], suggested: str) -> Optional[str]:
    """Ask for a file name and write ``forms`` to it; returns the path written, or None."""
    if not forms:
        dialogs.info(parent, "没有可导出的表单。")
        return None
    excel = entry == "export_xlsx"
    path = dialogs.save_file_name(parent, suggested, dialogs.EXCEL_FILTER if excel else dialogs.PDF_FILTER,
                                  "导出 Excel" if excel else "导出 PDF", ".xlsx" if excel else ".pdf")
    if not path:
        return None
    return path if write_export(parent, entry, forms, path) else None


def write_export(parent: Optional[QWidget], entry: str, forms: list[AssessedForm], path: str) -> bool:
    """Write an export, asking first when another program has the target open (its lock file
    beside it), and offering 重试 when the system refuses to replace it (Windows locks a workbook
    open in Excel or WPS); either way the old file stays whole until the write succeeds."""
    checked = False
    while True:
        program = None if checked else open_elsewhere(path)
        if program:
            answer = dialogs.ask_target_in_use(parent, path, program)
            if answer == dialogs.CANCEL:
                return False
            checked = answer == dialogs.WRITE_ANYWAY
            continue
        try:
            call = function(entry)
        except (ImportError, AttributeError) as exc:
            dialogs.error(parent, f"导出功能不可用:{exc}")
            return False
        try:
            call(forms, path)
            return True
        except WriteError as exc:
            if isinstance(exc.__cause__, PermissionError):
                if dialogs.ask_retry_write(parent, str(exc)):
                    continue
                return False
            dialogs.error(parent, f"导出失败:{exc}")
            return False
        except USER_ERRORS as exc:
            dialogs.error(parent, f"导出失败:{exc}")
            return False


def import_workbook(parent: Optional[QWidget], path: str) -> list[tuple[str, Form]]:
    done, result = _run(parent, "import_xlsx", "导入 Excel", path)
    return list(cast(Iterable[tuple[str, Form]], result)) if done and result else []


def print_entry(parent: Optional[QWidget], entry: str, forms: list[AssessedForm],
                data: Optional[bytes] = None) -> None:
    """Preview or print ``forms``; ``data`` is their PDF when it was laid out already (in the background)."""
    if forms:
        _run(parent, entry, "打印", parent, forms, *([] if data is None else [data]))
