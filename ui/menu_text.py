"""Menu entries carry their Alt letter, as in WPS and Excel ("剪切(&T)", "清除内容(&N)"): a clerk
opens a menu with Alt and picks an entry by its letter. A toolbar button, a tooltip and the key
list read the same entry without the letter, from here.
"""
from __future__ import annotations

import re

_LETTER = re.compile(r"\(&\w\)")


def plain_text(menu_text: str) -> str:
    """"新建(&N)…" as a button or a sentence reads it: "新建"."""
    return _LETTER.sub("", menu_text).replace("…", "").replace("&", "")
