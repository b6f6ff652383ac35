"""Chinese input on Linux desktops whose input method is fcitx (UOS, Kylin, most Chinese installs).

Those desktops set ``QT_IM_MODULE=fcitx`` (or only ``XMODIFIERS=@im=fcitx``), but the Qt that comes
with PySide6 (and so with the bundle) carries no fcitx plugin, only ibus's; Qt 6 has no XIM either.
Left alone, such a window takes no Chinese at all: typing "nihao" gives "nihao". fcitx5 answers the
ibus protocol through the session bus's IBus portal, so the window asks Qt's ibus plugin to use the
portal there (tried under Xvfb with fcitx5 and its pinyin: 你好 arrives; through ibus's socket file
it does not). fcitx 4 has no such portal, nor has a fcitx5 built without its IBus frontend: there
the window talks to fcitx itself (:mod:`ui.fcitx_bridge`).

Must run before the QApplication is made: Qt reads the variables once, when it starts.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Mapping, MutableMapping, Optional

FCITX_NAMES = ("fcitx", "fcitx5")
IBUS_PLUGIN_PART = "ibus"
IBUS_PORTAL = "org.freedesktop.portal.IBus"  # fcitx5 answers here (so does ibus)


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
    if not fcitx_without_plugin(environ, plugins) or not any(IBUS_PLUGIN_PART in name for name in plugins):
        return {}
    changes = {"QT_IM_MODULE": "ibus"}
    if "IBUS_USE_PORTAL" not in environ:
        changes["IBUS_USE_PORTAL"] = "1"
    return changes


def fcitx_without_plugin(environ: Mapping[str, str], plugin_files: Iterable[str]) -> bool:
    """The desktop asks for fcitx and Qt has no plugin for it."""
    return (requested_input_method(environ) in FCITX_NAMES
            and not any("fcitx" in name.lower() for name in plugin_files))


def bridge_dialects(environ: Mapping[str, str], plugin_files: Iterable[str], running: Iterable[str]
                    ) -> tuple[str, ...]:
    """The fcitx protocols the window's own bridge (:mod:`ui.fcitx_bridge`) can try, best first;
    none when Qt reaches the input method itself. The IBus portal (fcitx5's usual door, with
    inline composition) comes before any bridge; without it, fcitx5's own protocol, then fcitx 4's
    (which fcitx5 speaks too)."""
    from ui.fcitx_channel import FCITX5_SERVICE, service_name

    names = set(running)
    if not fcitx_without_plugin(environ, plugin_files) or IBUS_PORTAL in names:
        return ()
    offered = (("fcitx5", FCITX5_SERVICE), ("fcitx4", service_name(environ.get("DISPLAY", ""))))
    return tuple(dialect for dialect, service in offered if service in names)


def running_services(names: Iterable[str]) -> set[str]:
    """Which of ``names`` have an owner on the session bus (none when there is no bus to ask)."""
    from ui.fcitx_channel import CALL_TIMEOUT_S

    try:
        from jeepney import message_bus
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return set()
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            return {name for name in names
                    if connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=CALL_TIMEOUT_S).body[0]}
    except Exception:  # noqa: BLE001 - no session bus (or an odd one): as if nothing ran
        return set()


def input_context_plugins(plugin_folders: Iterable[str]) -> list[str]:
    """The file names of Qt's input method plugins in its plugin folders (Qt's own, the bundle's)."""
    names: set[str] = set()
    for folder in plugin_folders:
        try:
            names.update(path.name for path in (Path(folder) / "platforminputcontexts").iterdir())
        except OSError:
            continue
    return sorted(names)


# How this start reaches the input method, for the 关于 dialog (support staff ask first).
ROUTES = {"system": "系统输入法", "portal": "fcitx5(经 IBus 门户)", "fcitx5": "fcitx5(经本程序转接)",
          "fcitx4": "fcitx 4(经本程序转接)", "failed": "fcitx(未能连接,无法输入中文)"}
chosen_route = "system"


def bridge_started(dialect: Optional[str]) -> None:
    """The bridge speaks ``dialect``; None: fcitx runs but gave the bridge no input context."""
    global chosen_route
    chosen_route = dialect if dialect is not None else "failed"


def prepare_input_method(plugin_folders: Iterable[str], environ: Optional[MutableMapping[str, str]] = None,
                         services: Callable[[Iterable[str]], set[str]] = running_services) -> tuple[str, ...]:
    """Set the environment for the desktop's input method; the protocols the bridge may speak
    once the application exists ("fcitx5", "fcitx4"; none: no bridge). The session bus is asked
    only on a fcitx desktop whose fcitx Qt cannot load."""
    global chosen_route
    environ = os.environ if environ is None else environ
    chosen_route = "system"
    if requested_input_method(environ) not in FCITX_NAMES:  # most starts: no folder listing, no bus
        return ()
    plugins = input_context_plugins(plugin_folders)
    if not fcitx_without_plugin(environ, plugins):
        return ()
    from ui.fcitx_channel import FCITX5_SERVICE, service_name  # the bus protocol: fcitx desktops only

    dialects = bridge_dialects(environ, plugins,
                               services([IBUS_PORTAL, FCITX5_SERVICE, service_name(environ.get("DISPLAY", ""))]))
    if dialects:
        return dialects
    changes = input_method_changes(environ, plugins)
    environ.update(changes)
    chosen_route = "portal" if changes else "system"
    return ()


def input_method_text() -> str:
    """The route of this start in words: "中文输入:fcitx5(经 IBus 门户)"."""
    return f"中文输入:{ROUTES[chosen_route]}"
