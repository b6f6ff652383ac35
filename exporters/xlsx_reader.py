"""Read workbooks written by :mod:`exporters.xlsx_writer` back into forms, also after editing.

The file is checked before openpyxl opens it (:mod:`exporters.xlsx_guard`); each form sheet is
parsed by :mod:`exporters.xlsx_parse`. A finance bureau's workbook holds dozens of forms; one sheet
spoilt in Excel must not keep the others out, so :func:`read_workbook_sheets` reads every sheet it
can and names the ones it cannot (with the cell and the reason). :func:`import_workbook` writes the
drafts only once every sheet has been read.
"""
from __future__ import annotations

import os
import re
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Optional

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_layout as L
from exporters.xlsx_cells import WorkbookError, cell_decimal
from exporters.xlsx_guard import UnsafeWorkbook, check_workbook_file
from exporters.xlsx_parse import read_sheet
from model.atomic import WriteError
from model.draft import save_draft
from model.file_names import unique_file_names
from model.form import Form
from model.messages import os_reason

__all__ = ["WorkbookError", "WorkbookSheets", "cell_decimal", "import_workbook", "read_workbook",
           "read_workbook_sheets", "safe_file_stem"]


def _is_summary(ws: Worksheet) -> bool:
    mark = ws.cell(1, L.COL_MARK).value
    if isinstance(mark, str) and mark.startswith(L.SUMMARY_MARK):
        return True
    return ws.title.startswith(L.SUMMARY_SHEET) and L.normalize_label(ws.cell(1, 1).value) == "序号"


def _is_blank(ws: Worksheet) -> bool:
    return all(cell.value in (None, "") for row in ws.iter_rows() for cell in row)


def _caused_by_defusedxml(exc: BaseException) -> bool:
    """openpyxl wraps parser errors in ValueError; defusedxml's refusal is somewhere in the chain."""
    seen: set[int] = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        if type(current).__module__.startswith("defusedxml"):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


_LOADING = threading.Lock()


def _clean_merge_range_unstyled(ws: Worksheet, merged: Any) -> None:
    """openpyxl's own step without its last line, which copies the range's border onto every edge
    cell: that copy is most of the time an import takes (form sheets have ~40 merged ranges), and
    the import reads values only."""
    cells = merged.cells
    next(cells)  # the top left cell keeps its value
    for row, col in cells:
        ws._cells[row, col] = MergedCell(ws, row, col)


@contextmanager
def _merges_without_styles() -> Iterator[None]:
    """While loading for an import, skip the restyling of merged cells (see above)."""
    original = getattr(Worksheet, "_clean_merge_range", None)
    if original is None:  # another openpyxl: load as it does
        yield
        return
    with _LOADING:
        Worksheet._clean_merge_range = _clean_merge_range_unstyled
        try:
            yield
        finally:
            Worksheet._clean_merge_range = original


def _open(path: Path, data_only: bool) -> Workbook:
    name = f"“{path.name}”"
    try:
        # our own handle, closed even when openpyxl fails halfway (it would leave its zip open: a
        # leaked handle that keeps the file locked on Windows); a full load needs no file afterwards
        with path.open("rb") as stream, _merges_without_styles():
            return load_workbook(stream, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or hostile file
        if _caused_by_defusedxml(exc):
            raise WorkbookError(f"文件{name}含有不安全的 XML 内容(实体扩展或外部实体),已拒绝打开") from None
        if isinstance(exc, (MemoryError, RecursionError)):
            raise WorkbookError(f"文件{name}内容异常,无法读取,已拒绝打开") from None
        raise WorkbookError(f"无法读取文件{name}:不是有效的 Excel 工作簿或已损坏({type(exc).__name__})") from None


class WorkbookSheets(NamedTuple):
    """The forms read from a workbook as (sheet name, form), and the sheets that could not be read
    as (sheet name, reason in Chinese), each in the workbook's order."""

    forms: list[tuple[str, Form]]
    broken: list[tuple[str, str]]


def read_workbook_sheets(path: os.PathLike[str] | str,
                         progress: Optional[Callable[[int, int], None]] = None) -> WorkbookSheets:
    """Every form sheet of the workbook that can be read, and the reason for each that cannot; the
    汇总 sheet and empty sheets are skipped. ``progress(done, total)`` is called after each sheet
    (the window runs this on a worker thread; an exception it raises, the user's 取消, stops the
    reading). Raises WorkbookError when the file cannot be read or no sheet gives a form."""
    path = Path(path)
    try:
        check_workbook_file(path)
    except UnsafeWorkbook as exc:
        raise WorkbookError(str(exc)) from None
    workbook = _open(path, data_only=False)
    cache: list[Workbook] = []

    def cached() -> Workbook:
        if not cache:
            cache.append(_open(path, data_only=True))
        return cache[0]

    forms: list[tuple[str, Form]] = []
    broken: list[tuple[str, str]] = []
    sheets = workbook.worksheets
    for done, ws in enumerate(sheets, start=1):
        if not (_is_summary(ws) or _is_blank(ws)):
            try:
                forms.append((ws.title, read_sheet(ws, cached)))
            except WorkbookError as exc:
                broken.append((ws.title, str(exc)))
        if progress is not None:
            progress(done, len(sheets))
    if not forms:
        if len(broken) == 1:
            raise WorkbookError(broken[0][1])
        if broken:
            raise WorkbookError(f"文件“{path.name}”的 {len(broken)} 张工作表都无法读取,第一张:{broken[0][1]}")
        raise WorkbookError(f"文件“{path.name}”中没有绩效自评表工作表")
    return WorkbookSheets(forms, broken)


def read_workbook(path: os.PathLike[str] | str,
                  progress: Optional[Callable[[int, int], None]] = None) -> list[tuple[str, Form]]:
    """Every form sheet of the workbook as (sheet name, form), or WorkbookError naming the first
    sheet that cannot be read: for callers that take a workbook whole or not at all."""
    sheets = read_workbook_sheets(path, progress)
    if sheets.broken:
        raise WorkbookError(sheets.broken[0][1])
    return sheets.forms


_UNSAFE_FILE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED_FILE_NAMES = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
MAX_FILE_STEM = 60


def safe_file_stem(name: str) -> str:
    """A file name that works on Windows, Linux and macOS, from a project name."""
    stem = _UNSAFE_FILE_CHARS.sub("_", unicodedata.normalize("NFC", name or "")).strip().strip(".").strip()
    stem = stem[:MAX_FILE_STEM].rstrip(". ")
    if not stem:
        return "未命名项目"
    if stem.split(".")[0].lower() in _RESERVED_FILE_NAMES:
        stem = "_" + stem
    return stem


def _targets(forms: list[tuple[str, Form]], folder: Path) -> list[Path]:
    taken = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    stems = [safe_file_stem(form.project.name or sheet) for sheet, form in forms]
    return [folder / name for name in unique_file_names(stems, taken)]


def import_workbook(path: os.PathLike[str] | str,
                    out_dir: os.PathLike[str] | str) -> tuple[list[Path], list[tuple[str, str]]]:
    """Save every form sheet that can be read as a draft in ``out_dir``: the drafts written, and the
    sheets left out with the reason. If a draft cannot be written, none is left behind.

    Existing files are never overwritten: a name already taken gets "(2)", "(3)", … appended.
    """
    forms, broken = read_workbook_sheets(path)
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"无法创建文件夹“{folder}”:{os_reason(exc)}") from None
    written: list[Path] = []
    try:
        for (_, form), target in zip(forms, _targets(forms, folder)):
            save_draft(form, target, backup=False)
            written.append(target)
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    return written, broken
