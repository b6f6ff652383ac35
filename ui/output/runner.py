"""Export, import and print entries of the menus, delegated to modules other parts provide.

Those modules are imported only when the user picks the entry, so the window starts quickly and a
missing or broken exporter disables one menu entry instead of the whole window.

Exports themselves run in the background (:mod:`ui.output.exporting`); this module finds their
exporter (:func:`function`) and lists the errors a user can act on (:data:`USER_ERRORS`).
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Callable, Iterable, Optional, cast

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


def read_forms(path: str, progress: Callable[[int, int], None]) -> list[tuple[str, Form]]:
    """The forms of a workbook (on a worker thread): ``progress`` after each sheet, may raise to
    cancel. A missing reader or a bad file raises; the window says it in Chinese."""
    try:
        call = function("import_xlsx")
    except (ImportError, AttributeError) as exc:
        raise OSError(f"功能不可用:{exc}") from None
    return list(cast(Iterable[tuple[str, Form]], call(path, progress=progress)))


def print_entry(parent: Optional[QWidget], entry: str, forms: list[AssessedForm],
                data: Optional[bytes] = None, done: Optional[Callable[[str], None]] = None) -> None:
    """Preview or print ``forms``; ``data`` is their PDF when it was laid out already (in the
    background); ``done`` gets the closing message of a print."""
    if forms:
        extra = [] if entry != "print" or done is None else [done]
        _run(parent, entry, "打印", parent, forms, data, *extra)
