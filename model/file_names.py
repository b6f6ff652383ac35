"""File names that never replace a file already there: "名称.json", then "名称(2).json", ….

Used where the program names many files at once (drafts imported from a workbook, 全部保存 of
forms never saved): the names it gives each other count as taken too. Compared without case, as
Windows does.
"""
from __future__ import annotations

from typing import Iterable


def unique_file_names(stems: Iterable[str], taken: Iterable[str], suffix: str = ".json") -> list[str]:
    """One free name per stem, in order; ``taken`` are the names already in the folder."""
    used = {name.lower() for name in taken}
    names = []
    for stem in stems:
        name, n = f"{stem}{suffix}", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}({n}){suffix}"
        used.add(name.lower())
        names.append(name)
    return names
