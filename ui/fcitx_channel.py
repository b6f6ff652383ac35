"""The D-Bus side of typing through fcitx: one input context of the fcitx daemon, no Qt.

fcitx 4 (the input method of older UOS 20 and Kylin V10 installs, often with 搜狗拼音) talks to
programs only through its own Qt 5/Qt 6 plugins, built for the system's Qt, which the Qt of PySide6
cannot load; it has no IBus portal either (fcitx5 has: see :mod:`ui.input_method`). So the window
speaks fcitx 4's D-Bus protocol itself, as its plugins do: create an input context, tell it about
focus and the cursor, hand it every key, and take the text it commits. The preedit and candidates
are drawn by fcitx in its own small window ("capacity" 0), so the widgets only ever receive whole
committed words. fcitx5 normally comes in through its IBus portal; where a build of it lacks the
portal, the same channel speaks fcitx5's own protocol (:data:`FCITX5`).

jeepney (pure Python) carries the messages: QtDBus cannot send the unsigned integers the protocol
requires from Python. Every call has a short timeout; a failed one makes :meth:`FcitxChannel.call`
raise :class:`ChannelClosed`, and the bridge then stops using fcitx rather than eat keys.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from typing import Any, Optional, Protocol

CALL_TIMEOUT_S = 0.5  # a key waits at most this long for fcitx; the usual answer takes ~1 ms
SIGNAL_BUFFER = 256
PRESS, RELEASE = 0, 1  # fcitx 4's key event types
PROGRAM = "perf-self-eval"


@dataclass(frozen=True)
class Dialect:
    """One of fcitx's two D-Bus protocols, as far as the channel uses them: fcitx 4's, and fcitx5's
    own (which fcitx5's Qt plugins use, so it is there even where fcitx5's IBus portal is not)."""

    name: str
    im_path: str
    im_interface: str
    ic_interface: str
    key_signature: str  # ProcessKeyEvent: the release flag is an int (fcitx 4) or a bool (fcitx5)

    def service(self, display: str) -> str:
        return service_name(display) if self.name == "fcitx4" else FCITX5_SERVICE


FCITX4 = Dialect("fcitx4", "/inputmethod", "org.fcitx.Fcitx.InputMethod", "org.fcitx.Fcitx.InputContext", "uuuiu")
FCITX5 = Dialect("fcitx5", "/org/freedesktop/portal/inputmethod", "org.fcitx.Fcitx.InputMethod1",
                 "org.fcitx.Fcitx.InputContext1", "uuubu")
FCITX5_SERVICE = "org.fcitx.Fcitx5"
DIALECTS = {dialect.name: dialect for dialect in (FCITX4, FCITX5)}


class ChannelClosed(Exception):
    """fcitx did not answer, or answered with an error: stop sending it keys."""


class Connection(Protocol):
    """What the channel uses of jeepney's blocking connection (a fake one in the tests)."""

    def send_and_get_reply(self, message: Any, *, timeout: Optional[float] = None) -> Any: ...

    def recv_messages(self, *, timeout: Optional[float] = None) -> None: ...

    def filter(self, rule: Any, *, queue: Optional[deque[Any]] = None, bufsize: int = 1) -> Any: ...

    def close(self) -> None: ...


def display_number(display: str) -> int:
    """The X display's number, which names fcitx 4's service: ":0.0" → 0, "host:1" → 1."""
    number = display.rpartition(":")[2].partition(".")[0]
    return int(number) if number.isdigit() else 0


def service_name(display: str) -> str:
    return f"org.fcitx.Fcitx-{display_number(display)}"


class FcitxChannel:
    """One input context of the fcitx 4 daemon on the session bus."""

    def __init__(self, connection: Connection, service: str, context_path: str, dialect: Dialect = FCITX4) -> None:
        from jeepney import MatchRule

        self.connection = connection
        self.service = service
        self.context_path = context_path
        self.dialect = dialect
        self.signals: deque[Any] = deque(maxlen=SIGNAL_BUFFER)
        rule = MatchRule(type="signal", interface=dialect.ic_interface, path=context_path)
        self._filter = connection.filter(rule, queue=self.signals)
        self._filter.__enter__()
        self._add_match(rule)

    @classmethod
    def open(cls, display: Optional[str] = None, connection: Optional[Connection] = None,
             dialect: Dialect = FCITX4) -> Optional["FcitxChannel"]:
        """A new input context, or None when that fcitx does not run here (or it fails)."""
        try:
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return None
        service = dialect.service(display if display is not None else os.environ.get("DISPLAY", ""))
        try:
            connection = connection or open_dbus_connection(bus="SESSION")
            if not _has_owner(connection, service):
                connection.close()
                return None
            return cls(connection, service, _create_context(connection, service, dialect), dialect)
        except Exception:  # noqa: BLE001 - no bus, no fcitx, an odd answer: no bridge, keys as before
            return None

    def call(self, method: str, signature: str = "", args: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """Call a method of the input context; its reply's values."""
        return _call(self.connection, self.service, self.context_path, self.dialect.ic_interface, method, signature,
                     args)

    def process_key(self, keysym: int, keycode: int, state: int, release: bool, time: int) -> bool:
        """Give fcitx a key; True when it took it (for a word being composed)."""
        kind: object = (RELEASE if release else PRESS) if self.dialect is FCITX4 else release
        body = self.call("ProcessKeyEvent", self.dialect.key_signature,
                         (keysym & 0xFFFFFFFF, keycode & 0xFFFFFFFF, state & 0xFFFFFFFF, kind, time & 0xFFFFFFFF))
        return bool(body) and int(body[0]) > 0

    def focus_in(self) -> None:
        self.call("FocusIn")

    def focus_out(self) -> None:
        self.call("FocusOut")

    def set_cursor_rect(self, x: int, y: int, width: int, height: int) -> None:
        """Where the cursor is on the screen (pixels): fcitx puts its candidate window below it."""
        self.call("SetCursorRect", "iiii", (x, y, width, height))

    def read_pending(self) -> None:
        """Take in whatever fcitx has sent meanwhile (a word chosen with the mouse) without waiting."""
        try:
            while True:
                self.connection.recv_messages(timeout=0)
        except TimeoutError:
            pass
        except Exception as exc:  # noqa: BLE001 - as in _call
            raise ChannelClosed(str(exc)) from exc

    def take_signals(self) -> list[tuple[str, tuple[Any, ...]]]:
        """The signals fcitx has sent since the last look: ("CommitString", ("你好",)), ..."""
        from jeepney import HeaderFields

        taken = []
        while self.signals:
            message = self.signals.popleft()
            taken.append((str(message.header.fields.get(HeaderFields.member, "")), tuple(message.body)))
        return taken

    def fileno(self) -> int:
        sock = getattr(self.connection, "sock", None)
        return sock.fileno() if sock is not None else -1

    def close(self) -> None:
        try:
            self.call("DestroyIC")
        except ChannelClosed:
            pass
        self._filter.__exit__(None, None, None)
        try:
            self.connection.close()
        except OSError:
            pass

    def _add_match(self, rule: Any) -> None:
        from jeepney import message_bus

        try:
            self.connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - as in _call
            raise ChannelClosed(str(exc)) from exc


def _create_context(connection: Connection, service: str, dialect: Dialect) -> str:
    """A new input context of this program; its object path."""
    if dialect is FCITX4:
        body = _call(connection, service, dialect.im_path, dialect.im_interface, "CreateICv3", "si",
                     (PROGRAM, os.getpid()))
        return f"/inputcontext_{int(body[0])}"
    body = _call(connection, service, dialect.im_path, dialect.im_interface, "CreateInputContext", "a(ss)",
                 ([("program", PROGRAM), ("display", "x11:")],))
    return str(body[0])


def _has_owner(connection: Connection, service: str) -> bool:
    from jeepney import message_bus

    reply = connection.send_and_get_reply(message_bus.NameHasOwner(service), timeout=CALL_TIMEOUT_S)
    return bool(reply.body and reply.body[0])


def _call(connection: Connection, service: str, path: str, interface: str, method: str, signature: str,
          args: tuple[Any, ...]) -> tuple[Any, ...]:
    from jeepney import DBusAddress, MessageType, new_method_call

    message = new_method_call(DBusAddress(path, bus_name=service, interface=interface), method, signature, args)
    try:
        reply = connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - a dropped bus, a message jeepney cannot read: keys go on
        raise ChannelClosed(f"{method}: {exc}") from exc
    if reply.header.message_type == MessageType.error:
        raise ChannelClosed(f"{method}: {reply.body}")
    return tuple(reply.body)
