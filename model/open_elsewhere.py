"""Whether an export target (a workbook, a PDF) is open in another program, from its lock file.

Excel and WPS keep an owner file ``~$name.xlsx`` beside an open workbook, LibreOffice a
``.~lock.name.xlsx#``. On Windows the open file is also locked, and replacing it fails; on Linux
the replace succeeds but the spreadsheet program still shows — and may later save back — the old
content. Either way the user is better told before the export than after. A lock left by a crash
looks the same, so this only informs a question (重试 / 仍然导出 / 取消), it never refuses.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

MAX_READ = 4096


def office_owner_files(target: Path) -> list[Path]:
    """Excel names its owner file ``~$`` + the full name; Word and WPS replace the first two
    characters of a long name by ``~$``."""
    names = [f"~${target.name}"]
    if len(target.stem) > 6:
        names.append(f"~${target.name[2:]}")
    return [target.with_name(name) for name in names]


def libreoffice_lock(target: Path) -> Path:
    return target.with_name(f".~lock.{target.name}#")


def _libreoffice_user(path: Path) -> str:
    """LibreOffice writes ``name,host,login,date,profile;``: the user's name, else the login."""
    try:
        text = path.read_bytes()[:MAX_READ].decode("utf-8", "replace")
    except OSError:
        return ""
    fields = text.split(";", 1)[0].split(",")
    name = fields[0].strip() if fields else ""
    login = fields[2].strip() if len(fields) > 2 else ""
    return (name or login)[:100]


def _office_user(path: Path) -> str:
    """Office's owner file starts with the user name's length (one byte) and the name in the
    system code page (GBK on Chinese Windows), padded to 54 bytes; the name follows again in
    UTF-16 after that field. Best effort: a name that does not decode cleanly is left out."""
    try:
        data = path.read_bytes()[:MAX_READ]
    except OSError:
        return ""
    length = data[0] if data else 0
    if not 0 < length <= 53:
        return ""
    for offset in (55, 56, 54):  # the UTF-16 copy, after a one- or two-byte length
        name = _clean(data[offset:offset + 2 * length], "utf-16-le")
        if name:
            return name
    return _clean(data[1:1 + length], "gbk")


def _clean(raw: bytes, encoding: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return ""
    return text[:100] if text and text.isprintable() else ""


def open_elsewhere(target: "os.PathLike[str] | str") -> Optional[str]:
    """A Chinese description of who has ``target`` open ("Excel 或 WPS(用户“张三”)"), or None
    when no other program's lock file is beside it."""
    path = Path(target)
    lock = libreoffice_lock(path)
    if lock.is_file():
        user = _libreoffice_user(lock)
        return "LibreOffice" + (f"(用户“{user}”)" if user else "")
    for owner in office_owner_files(path):
        if owner.is_file():
            user = _office_user(owner)
            return "Excel 或 WPS" + (f"(用户“{user}”)" if user else "")
    return None
