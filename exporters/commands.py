"""`main.py export` and `main.py import`: thin wrappers that turn failures into Chinese messages.

Exit codes follow `check`: 0 done, 2 an input could not be read or an output not written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, TextIO

from model.atomic import WriteError
from model.report import load_many

EXIT_OK, EXIT_FAILED = 0, 2


def run_export(files: list[str], xlsx: Optional[str], pdf: Optional[str], out: TextIO, err: TextIO) -> int:
    """Export every readable form; a bad file of a batch of thirty is named, not a reason to export
    nothing (the exit code still says 2, so a script notices)."""
    if not xlsx and not pdf:
        print("错误:请用 --xlsx 输出.xlsx 和/或 --pdf 输出.pdf 指定输出文件", file=err)
        return EXIT_FAILED
    forms, failed = load_many(files, err)
    if not forms:
        print("没有可以导出的表单,未导出任何文件。", file=err)
        return EXIT_FAILED
    from exporters.pdf_fonts import FontError  # reportlab loads only for an export

    try:
        if xlsx:
            from exporters.xlsx_writer import write_workbook

            write_workbook(forms, xlsx)
            print(f"已导出 {len(forms)} 张表到 {xlsx}", file=out)
        if pdf:
            from exporters.pdf_writer import write_pdf

            write_pdf(forms, pdf)
            print(f"已导出 {len(forms)} 张表到 {pdf}", file=out)
    except (WriteError, FontError) as exc:
        print(f"错误:{exc}", file=err)
        return EXIT_FAILED
    if failed:
        loaded = {item.source for item in forms}
        skipped = [path for path in files if str(path) not in loaded]
        print(f"注意:{len(skipped)} 个文件无法读取,未导出:{'、'.join(map(str, skipped))}", file=err)
        return EXIT_FAILED
    return EXIT_OK


def run_import(book: str, out_dir: str, out: TextIO, err: TextIO) -> int:
    from exporters.xlsx_reader import WorkbookError, import_workbook

    try:
        written = import_workbook(book, Path(out_dir))
    except (WorkbookError, WriteError) as exc:
        print(f"错误:{exc}", file=err)
        return EXIT_FAILED
    for path in written:
        print(f"已导入:{path}", file=out)
    return EXIT_OK
