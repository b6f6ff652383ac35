"""Chinese input on a fcitx desktop (UOS, Kylin): the window asks Qt's ibus plugin to reach fcitx5
through the IBus portal, because the Qt that comes with PySide6 has no fcitx plugin."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from ui.input_method import (IBUS_PORTAL, bridge_dialects, input_context_plugins, input_method_changes,
                             prepare_input_method, requested_input_method)

PYSIDE_PLUGINS = ["libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so",
                  "libqtvirtualkeyboardplugin.so"]


def test_the_desktops_input_method_is_read_from_qt_im_module_or_xmodifiers():
    assert requested_input_method({"QT_IM_MODULE": "fcitx"}) == "fcitx"
    assert requested_input_method({"QT_IM_MODULE": " Fcitx5 ", "XMODIFIERS": "@im=ibus"}) == "fcitx5"
    assert requested_input_method({"XMODIFIERS": "@im=fcitx"}) == "fcitx"
    assert requested_input_method({"XMODIFIERS": "@im=fcitx5@other"}) == "fcitx5"
    assert requested_input_method({}) == ""


def test_a_fcitx_desktop_gets_the_ibus_plugin_through_the_portal():
    assert input_method_changes({"QT_IM_MODULE": "fcitx"}, PYSIDE_PLUGINS) == {
        "QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert input_method_changes({"XMODIFIERS": "@im=fcitx"}, PYSIDE_PLUGINS)["QT_IM_MODULE"] == "ibus"
    # the user's own portal setting is theirs
    assert input_method_changes({"QT_IM_MODULE": "fcitx5", "IBUS_USE_PORTAL": "0"}, PYSIDE_PLUGINS) == {
        "QT_IM_MODULE": "ibus"}


def test_nothing_changes_where_the_desktops_choice_works():
    assert input_method_changes({"QT_IM_MODULE": "ibus"}, PYSIDE_PLUGINS) == {}  # an ibus desktop
    assert input_method_changes({}, PYSIDE_PLUGINS) == {}  # Windows, or no input method
    with_fcitx = PYSIDE_PLUGINS + ["libfcitx5platforminputcontextplugin.so"]
    assert input_method_changes({"QT_IM_MODULE": "fcitx"}, with_fcitx) == {}  # a Qt that has its plugin
    assert input_method_changes({"QT_IM_MODULE": "fcitx"}, ["libcomposeplatforminputcontextplugin.so"]) == {}


def test_the_plugins_are_read_from_qts_folders(tmp_path):
    folder = tmp_path / "platforminputcontexts"
    folder.mkdir()
    (folder / "libibusplatforminputcontextplugin.so").write_bytes(b"")
    assert input_context_plugins([str(tmp_path / "missing"), str(tmp_path)]) == ["libibusplatforminputcontextplugin.so"]
    assert input_context_plugins([]) == []


FCITX4, FCITX5 = "org.fcitx.Fcitx-0", "org.fcitx.Fcitx5"


@pytest.mark.parametrize("running, bridge, module", [
    ({IBUS_PORTAL, FCITX5, FCITX4}, (), "ibus"),  # fcitx5 (it answers all three): the portal
    ({FCITX5, FCITX4}, ("fcitx5", "fcitx4"), "fcitx"),  # fcitx5 without its IBus frontend: its own protocol
    ({FCITX4}, ("fcitx4",), "fcitx"),  # fcitx 4 alone: its protocol; Qt left as it was
    (set(), (), "ibus"),  # nothing runs yet: the portal, which fcitx5 may open later
])
def test_the_route_to_fcitx_follows_what_runs_on_the_session_bus(tmp_path, running, bridge, module):
    folder = tmp_path / "platforminputcontexts"
    folder.mkdir()
    (folder / "libibusplatforminputcontextplugin.so").write_bytes(b"")
    environ = {"QT_IM_MODULE": "fcitx", "DISPLAY": ":0"}
    asked: list[str] = []

    def services(names):
        asked.extend(names)
        return running

    assert prepare_input_method([str(tmp_path)], environ, services) == bridge
    assert environ["QT_IM_MODULE"] == module and asked == [IBUS_PORTAL, FCITX5, FCITX4]
    assert bridge_dialects(environ | {"QT_IM_MODULE": "fcitx"}, PYSIDE_PLUGINS, running) == bridge


def test_the_bus_is_not_asked_off_a_fcitx_desktop(tmp_path):
    def services(names):
        raise AssertionError("asked the session bus")

    assert prepare_input_method([str(tmp_path)], {"QT_IM_MODULE": "ibus"}, services) == ()
    assert prepare_input_method([str(tmp_path)], {}, services) == ()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6 carries the ibus plugin on Linux only")
def test_the_application_starts_with_the_ibus_plugin_on_a_fcitx_desktop():
    """The real start: PySide6's Qt has the ibus plugin, and Qt reads the variable as it starts
    (no session bus here, so no fcitx 4 either)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_IM_MODULE="fcitx")
    for name in ("IBUS_USE_PORTAL", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    code = ("import os\n"
            "from ui.app import create_app\n"
            "app = create_app()\n"
            "print(os.environ['QT_IM_MODULE'], os.environ.get('IBUS_USE_PORTAL'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ibus", "1"]


def test_the_about_box_says_how_chinese_is_typed(tmp_path, monkeypatch):
    from model.version import VERSION
    from ui import input_method
    from ui.window.help_pages import about_text

    monkeypatch.setattr(input_method, "chosen_route", "system")
    text = about_text()
    assert VERSION in text and "PySide6" in text and text.endswith("中文输入:系统输入法")
    input_method.bridge_started("fcitx4")
    assert about_text().endswith("中文输入:fcitx 4(经本程序转接)")


def test_a_bridge_that_cannot_start_is_said_so_in_the_about_box(qapp, monkeypatch):
    """fcitx 4's service is on the bus but gives no input context: the program goes on without
    it, and the 关于 dialog tells the clerk's support why there is no Chinese."""
    from ui import fcitx_channel, input_method
    from ui.app import connect_fcitx
    from ui.window.help_pages import about_text

    monkeypatch.setattr(input_method, "chosen_route", "fcitx4")
    monkeypatch.setattr(fcitx_channel.FcitxChannel, "open", classmethod(lambda cls, display=None, dialect=None: None))
    assert connect_fcitx(qapp, ("fcitx5", "fcitx4")) is False
    assert about_text().endswith("中文输入:fcitx(未能连接,无法输入中文)")


def test_the_bridge_tries_the_next_protocol_when_one_gives_no_input_context(qapp, monkeypatch):
    from ui import fcitx_bridge, input_method
    from ui.app import connect_fcitx

    monkeypatch.setattr(input_method, "chosen_route", "system")
    tried: list[str] = []

    def start(app, dialect):
        tried.append(dialect)
        return object() if dialect == "fcitx4" else None

    monkeypatch.setattr(fcitx_bridge, "start_bridge", start)
    assert connect_fcitx(qapp, ("fcitx5", "fcitx4")) is True
    assert tried == ["fcitx5", "fcitx4"] and input_method.input_method_text() == "中文输入:fcitx 4(经本程序转接)"
