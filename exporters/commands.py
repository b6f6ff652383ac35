"""`main.py export` and `main.py import`: thin wrappers that turn failures into Chinese messages.

Exit codes follow `check`: 0 done, 2 an input could not be read or an output not written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, TextIO

from model.atomic import WriteError
from model.open_elsewhere import open_elsewhere
from model.report import AssessedForm, load_many

EXIT_OK, EXIT_SOME_LEFT_OUT, EXIT_FAILED = 0, 1, 2
LISTED = 5  # forms named in the note about errors


def run_export(files: list[str], xlsx: Optional[str], pdf: Optional[str], out: TextIO, err: TextIO) -> int:
    """Export every readable form; a bad file of a batch of thirty is named, not a reason to export
    nothing (the exit code still says 2, so a script notices)."""
    if not xlsx and not pdf:
        print("错误:请用 --xlsx 输出.xlsx 和/或 --pdf 输出.pdf 指定输出文件", file=err)
        return EXIT_FAILED
    problem = _target_problem(xlsx, ".xlsx") or _target_problem(pdf, ".pdf")
    if problem:
        print(f"错误:{problem}", file=err)
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
            _say_unprintable(forms, err)
    except (WriteError, FontError) as exc:
        print(f"错误:{exc}", file=err)
        return EXIT_FAILED
    _say_forms_with_errors(forms, err)
    if failed:
        loaded = {item.source for item in forms}
        skipped = [path for path in files if str(path) not in loaded]
        print(f"注意:{len(skipped)} 个文件无法读取,未导出:{'、'.join(map(str, skipped))}", file=err)
        return EXIT_FAILED
    return EXIT_OK


def _target_problem(target: Optional[str], suffix: str) -> str:
    """Why not to write ``target``: a name of another kind ("--xlsx 汇总.pdf" would hand on a
    workbook called .pdf), or a file another program has open (replacing it under Excel or
    LibreOffice loses what they show or save back). "" when it may be written."""
    if not target:
        return ""
    if Path(target).suffix.lower() != suffix:
        return f"输出文件“{target}”应以 {suffix} 结尾"
    program = open_elsewhere(target)
    if program:
        return f"“{target}”正被 {program} 打开,请先关闭它再导出"
    return ""


def _say_unprintable(forms: list[AssessedForm], err: TextIO) -> None:
    from exporters.pdf_glyphs import unprintable_note

    note = unprintable_note(text for item in forms for text in item.form.texts())
    if note:
        print(f"注意:{note}", file=err)


def _say_forms_with_errors(forms: list[AssessedForm], err: TextIO) -> None:
    """A form with errors is exported as it stands (a draft may be); the program says which, as the
    window asks before it writes, so a batch of thirty does not hide one whose score is wrong."""
    counted = [(item, item.evaluation.counts()[0]) for item in forms]
    flawed = [(item, errors) for item, errors in counted if errors]
    if not flawed:
        return
    names = "、".join(f"{item.name}({errors} 个错误)" for item, errors in flawed[:LISTED])
    more = f"等共 {len(flawed)} 张" if len(flawed) > LISTED else ""
    print(f"注意:以下表单仍有错误,导出的表中其得分可能不正确:{names}{more}。用 check 命令查看这些错误。", file=err)


def run_import(book: str, out_dir: str, out: TextIO, err: TextIO) -> int:
    from exporters.xlsx_reader import WorkbookError, import_workbook

    try:
        written, broken = import_workbook(book, Path(out_dir))
    except (WorkbookError, WriteError) as exc:
        print(f"错误:{exc}", file=err)
        return EXIT_FAILED
    for path in written:
        print(f"已导入:{path}", file=out)
    for _sheet, reason in broken:  # the reason names the sheet and the cell
        print(f"错误:{reason}(此工作表未导入)", file=err)
    if broken:
        print(f"已导入 {len(written)} 张表,{len(broken)} 张工作表未导入。", file=err)
        return EXIT_SOME_LEFT_OUT
    return EXIT_OK
