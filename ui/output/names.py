"""The one default file name of a form: its project name, made safe for every file system.

Save-as, export to Excel and export to PDF all suggest it, so the three files of one project
sort together in a folder and nobody has to type the name three times.
"""
from __future__ import annotations

import re

from model.form import Form

UNNAMED = "未命名"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows refuses in a name (Linux: "/" and NUL)
MAX_STEM = 80  # Windows paths stay below 260 characters in the usual folders


def safe_stem(text: str) -> str:
    stem = _UNSAFE.sub("_", text).strip().strip(".")
    return stem[:MAX_STEM].rstrip() or UNNAMED


def default_stem(form: Form) -> str:
    """``form``'s project name as a file name without suffix (未命名 when it has none)."""
    return safe_stem(form.project.name or "")
