"""Checks a workbook file before openpyxl is allowed to open it.

A workbook arrives from outside (e-mail, USB stick). openpyxl parses its XML with defusedxml when
that is installed (entity expansion and external entities are refused), and this module adds what
defusedxml cannot see: a zip whose members would inflate to gigabytes, a file that is far too large
to be a form, an old .xls or some other file renamed to .xlsx, and any DOCTYPE at all (no part of a
real .xlsx has one), so a hostile file is refused even where defusedxml is missing.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # uncompressed size of one part, as the zip declares it
MAX_TOTAL_BYTES = 150 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # compressed XML rarely shrinks more than ~50×; bombs shrink 1000× or more
XML_HEAD_BYTES = 4096
_ROOT_TAG = re.compile(rb"<[A-Za-z_]")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnsafeWorkbook(ValueError):
    """The file is not a workbook this program will open; ``str()`` is a Chinese message."""


def defused_xml_active() -> bool:
    """Whether openpyxl parses with defusedxml (it does so by itself when the package is installed)."""
    return bool(getattr(openpyxl, "DEFUSEDXML", False))


def check_workbook_file(path: Path) -> None:
    """Raise :class:`UnsafeWorkbook` unless ``path`` looks like a sane, modest .xlsx file."""
    name = f"“{path.name}”"
    if not path.exists():
        raise UnsafeWorkbook(f"文件{name}不存在")
    if path.is_dir():
        raise UnsafeWorkbook(f"{name}是一个文件夹,不是 Excel 工作簿")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsafeWorkbook(f"文件{name}过大({size / 1024 / 1024:.1f} MB,上限 "
                             f"{MAX_FILE_BYTES // 1024 // 1024} MB),不像是绩效自评表工作簿,已拒绝打开")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head == OLE_MAGIC:
        raise UnsafeWorkbook(f"文件{name}是旧版 Excel 97-2003 格式(.xls)或加密的工作簿,"
                             "请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入")
    if not zipfile.is_zipfile(path):
        raise UnsafeWorkbook(f"文件{name}不是 Excel 工作簿(.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive, name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnsafeWorkbook(f"文件{name}已损坏,无法作为 Excel 工作簿读取({exc})") from None


def _check_members(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeWorkbook(f"文件{name}包含的部件过多({len(infos)} 个),已拒绝打开")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeWorkbook(f"文件{name}不是 Excel 工作簿(.xlsx):缺少工作簿内容")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise UnsafeWorkbook(f"文件{name}解压后过大(部件“{info.filename}”),可能是恶意构造的文件,已拒绝打开")
        if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_RATIO:
            raise UnsafeWorkbook(f"文件{name}的部件“{info.filename}”压缩比异常,可能是恶意构造的文件,已拒绝打开")
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _check_xml_head(archive, info, name)


def _check_xml_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Look at the prolog (everything before the root element), where a DOCTYPE would have to be."""
    prolog = b""
    with archive.open(info) as member:
        while True:
            chunk = member.read(XML_HEAD_BYTES)
            prolog += chunk
            root = _ROOT_TAG.search(prolog)
            if root or not chunk:
                break
    upper = prolog[:root.start()].upper() if root else prolog.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise UnsafeWorkbook(f"文件{name}的部件“{info.filename}”含有不安全的 XML 声明(DOCTYPE/ENTITY),"
                             "已拒绝打开")
