"""Export, import and print entries of the menus, delegated to modules other parts provide.

Those modules are imported only when the user picks the entry, so the window starts quickly and a
missing or broken exporter disables one menu entry instead of the whole window.

Exports themselves run in the background (:mod:`ui.output.exporting`); this module finds their
exporter (:func:`function`) and lists the errors a user can act on (:data:`USER_ERRORS`).
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Callable, Iterable, NamedTuple, Optional, cast

from ui.qt import QWidget

from model.atomic import WriteError
from model.draft import DraftError
from model.form import Form
from model.report import AssessedForm
from model.template import TemplateError
from ui import dialogs

# menu entry -> (module, function)
ENTRIES = {
    "export_xlsx": ("exporters.xlsx_writer", "write_workbook"),
    "import_xlsx": ("exporters.xlsx_reader", "read_workbook_sheets"),
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


def read_forms(path: str, progress: Callable[[int, int], None]) -> tuple[list[Form], list[str]]:
    """The forms of a workbook (on a worker thread), and why each sheet that gave none could not be
    read (the reason names the sheet and its cell): ``progress`` after each sheet, may raise to
    cancel. A missing reader or a bad file raises; the window says it in Chinese."""
    try:
        call = function("import_xlsx")
    except (ImportError, AttributeError) as exc:
        raise OSError(f"功能不可用:{exc}") from None
    forms, broken = cast(tuple[Iterable[tuple[str, Form]], Iterable[tuple[str, str]]], call(path, progress=progress))
    return [form for _name, form in forms], [reason for _sheet, reason in broken]


class WorkbooksRead(NamedTuple):
    """What an import of several workbooks read: each workbook's forms, the workbooks that could not
    be read with the reason (in Chinese), and the sheets left out of the others as (workbook, reason),
    each in the order chosen."""

    read: list[tuple[str, list[Form]]]
    failed: list[tuple[str, str]]
    broken: list[tuple[str, str]]


def read_workbooks(paths: list[str], progress: Callable[[int, int], None]) -> WorkbooksRead:
    """The forms of each workbook in turn (on a worker thread). A workbook the user can do
    something about (not ours, damaged, hostile) is listed and the others are still read. The
    progress counts the sheets of one workbook alone, else the workbooks (the dialog shows the
    count: "2 / 3"); every sheet still reports, so 取消 stops at the next one. One workbook alone
    that fails raises, as :func:`read_forms`."""
    read: list[tuple[str, list[Form]]] = []
    failed: list[tuple[str, str]] = []
    broken: list[tuple[str, str]] = []
    for number, path in enumerate(paths):
        def part(done: int, total: int, number: int = number) -> None:
            if len(paths) == 1:
                progress(done, total)
            else:
                progress(number + (1 if done >= total else 0), len(paths))
        try:
            forms, reasons = read_forms(path, part)
        except USER_ERRORS as exc:
            if len(paths) == 1:
                raise
            failed.append((path, str(exc)))
            continue
        read.append((path, forms))
        broken += [(path, reason) for reason in reasons]
    return WorkbooksRead(read, failed, broken)


def print_entry(parent: Optional[QWidget], entry: str, forms: list[AssessedForm],
                data: Optional[bytes] = None, done: Optional[Callable[[str], None]] = None) -> None:
    """Preview or print ``forms``; ``data`` is their PDF when it was laid out already (in the
    background); ``done`` gets the closing message of a print."""
    if forms:
        extra = [] if entry != "print" or done is None else [done]
        _run(parent, entry, "打印", parent, forms, data, *extra)
