"""Dates in Qt's own dialogs written the Chinese way, whatever the system's locale says.

Qt's file chooser writes a file's date in the *system* locale (``QLocale.system()``, not the default
the program sets), which Qt on Linux reads from LC_ALL / LC_TIME / LANG as the application starts.
On an office PC left at C or en_US (a fresh UOS install, a remote login) its 修改日期 column read
"1 12 2026 13:35" among Chinese labels. So, for the moment the application starts, LC_TIME says
Chinese; Qt has no need of the system having that locale installed (it carries its own data).

Windows and macOS read the user's regional settings instead, which on these PCs are Chinese
already. LC_ALL, where someone set it, is left alone: it overrides every category on purpose.
Pure Python: no Qt.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator, Mapping, MutableMapping, Optional

CHINESE_TIME_LOCALE = "zh_CN.UTF-8"


def time_locale_changes(environ: Mapping[str, str], platform: str) -> dict[str, str]:
    """The variables to set so Qt writes dates in Chinese: none where they already say Chinese."""
    if platform in ("win32", "cygwin", "darwin") or environ.get("LC_ALL"):
        return {}
    current = environ.get("LC_TIME") or environ.get("LANG") or ""
    if current.startswith("zh"):
        return {}
    return {"LC_TIME": CHINESE_TIME_LOCALE}


@contextmanager
def chinese_dates(environ: Optional[MutableMapping[str, str]] = None,
                  platform: str = sys.platform) -> Iterator[dict[str, str]]:
    """Within the block the environment asks for Chinese dates; afterwards it is as it was, so
    programs the editor starts (the file manager of 打开文件夹) keep the user's own settings."""
    environ = os.environ if environ is None else environ
    changes = time_locale_changes(environ, platform)
    saved = {key: environ.get(key) for key in changes}
    environ.update(changes)
    try:
        yield changes
    finally:
        for key, value in saved.items():
            if value is None:
                environ.pop(key, None)
            else:
                environ[key] = value
