"""Chinese input on Linux desktops whose input method is fcitx (UOS, Kylin, most Chinese installs).

Those desktops set ``QT_IM_MODULE=fcitx`` (or only ``XMODIFIERS=@im=fcitx``), but the Qt that comes
with PySide6 (and so with the bundle) carries no fcitx plugin, only ibus's; Qt 6 has no XIM either.
Left alone, such a window takes no Chinese at all: typing "nihao" gives "nihao". fcitx5 answers the
ibus protocol through the session bus's IBus portal, so the window asks Qt's ibus plugin to use the
portal there (tried under Xvfb with fcitx5 and its pinyin: 你好 arrives; through ibus's socket file
it does not). With fcitx 4, which has no such portal, nothing changes: it had no input either.

Must run before the QApplication is made: Qt reads the variables once, when it starts.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping, MutableMapping, Optional

FCITX_NAMES = ("fcitx", "fcitx5")
IBUS_PLUGIN_PART = "ibus"


def requested_input_method(environ: Mapping[str, str]) -> str:
    """The input method the desktop asks Qt for: QT_IM_MODULE, else the XIM one of XMODIFIERS."""
    module = environ.get("QT_IM_MODULE", "").strip().lower()
    if module:
        return module
    modifiers = environ.get("XMODIFIERS", "").strip().lower()
    return modifiers.split("@im=", 1)[1].split("@")[0].strip() if "@im=" in modifiers else ""


def input_method_changes(environ: Mapping[str, str], plugin_files: Iterable[str]) -> dict[str, str]:
    """What to set so that fcitx reaches the window through ibus's plugin; empty when the desktop's
    own choice works (a Qt with a fcitx plugin, an ibus desktop, Windows)."""
    plugins = [name.lower() for name in plugin_files]
    if requested_input_method(environ) not in FCITX_NAMES:
        return {}
    if any("fcitx" in name for name in plugins) or not any(IBUS_PLUGIN_PART in name for name in plugins):
        return {}
    changes = {"QT_IM_MODULE": "ibus"}
    if "IBUS_USE_PORTAL" not in environ:
        changes["IBUS_USE_PORTAL"] = "1"
    return changes


def input_context_plugins(plugin_folders: Iterable[str]) -> list[str]:
    """The file names of Qt's input method plugins in its plugin folders (Qt's own, the bundle's)."""
    names: set[str] = set()
    for folder in plugin_folders:
        try:
            names.update(path.name for path in (Path(folder) / "platforminputcontexts").iterdir())
        except OSError:
            continue
    return sorted(names)


def prepare_input_method(plugin_folders: Iterable[str], environ: Optional[MutableMapping[str, str]] = None
                         ) -> dict[str, str]:
    """Apply :func:`input_method_changes` to the environment; returns what was changed."""
    environ = os.environ if environ is None else environ
    changes = input_method_changes(environ, input_context_plugins(plugin_folders))
    environ.update(changes)
    return changes
