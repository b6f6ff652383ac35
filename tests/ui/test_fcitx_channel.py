"""The D-Bus messages of typing through fcitx 4, checked against a connection that answers as the
fcitx 4 daemon does (its protocol: an input context per program, keys as unsigned integers)."""
from __future__ import annotations

from collections import deque
from typing import Any, Optional

import pytest

pytest.importorskip("jeepney")  # Linux only (pyproject)

from jeepney import DBusAddress, HeaderFields, new_error, new_method_return, new_signal  # noqa: E402

from ui.fcitx_channel import FCITX5, ChannelClosed, FcitxChannel, display_number, service_name  # noqa: E402


class FakeBus:
    """Answers NameHasOwner, AddMatch, CreateICv3 and the input context's methods; records calls."""

    def __init__(self, running: bool = True, taken: int = 1, broken: Optional[str] = None) -> None:
        self.running, self.taken, self.broken = running, taken, broken
        self.calls: list[tuple[str, str, str, tuple[Any, ...]]] = []
        self.queues: list[deque[Any]] = []
        self.incoming: list[Any] = []
        self.closed = False

    def send_and_get_reply(self, message: Any, *, timeout: Optional[float] = None) -> Any:
        fields = message.header.fields
        member = fields[HeaderFields.member]
        self.calls.append((fields[HeaderFields.path], member, fields.get(HeaderFields.signature, ""),
                           tuple(message.body)))
        if member == self.broken:
            return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))
        if member == "NameHasOwner":
            return new_method_return(message, "b", (self.running,))
        if member == "CreateICv3":
            return new_method_return(message, "ibuuuu", (7, True, 0, 0, 0, 0))
        if member == "CreateInputContext":  # fcitx5's own protocol
            return new_method_return(message, "oay", ("/org/freedesktop/portal/inputcontext/3", b"\x01" * 16))
        if member == "ProcessKeyEvent":
            if fields[HeaderFields.interface].endswith("InputContext1"):
                return new_method_return(message, "b", (bool(self.taken),))
            return new_method_return(message, "i", (self.taken,))
        return new_method_return(message)

    def recv_messages(self, *, timeout: Optional[float] = None) -> None:
        if not self.incoming:
            raise TimeoutError
        message = self.incoming.pop(0)
        for queue in self.queues:
            queue.append(message)

    def filter(self, rule: Any, *, queue: Optional[deque[Any]] = None, bufsize: int = 1) -> Any:
        bus = self

        class Handle:
            def __enter__(self) -> deque[Any]:
                assert queue is not None
                bus.queues.append(queue)
                return queue

            def __exit__(self, *args: Any) -> None:
                bus.queues.clear()

        return Handle()

    def close(self) -> None:
        self.closed = True


def test_the_service_is_named_after_the_display():
    assert display_number(":0") == 0 and display_number(":1.0") == 1 and display_number("host:12") == 12
    assert display_number("") == 0 and service_name(":5") == "org.fcitx.Fcitx-5"


def test_an_input_context_is_created_and_keys_go_as_unsigned_integers():
    bus = FakeBus()
    channel = FcitxChannel.open(":0", connection=bus)
    assert channel is not None and channel.context_path == "/inputcontext_7"
    assert bus.calls[0][1:] == ("NameHasOwner", "s", ("org.fcitx.Fcitx-0",))
    assert bus.calls[1][:3] == ("/inputmethod", "CreateICv3", "si")
    assert channel.process_key(0x6E, 57, 0, False, 1234) is True
    assert bus.calls[-1] == ("/inputcontext_7", "ProcessKeyEvent", "uuuiu", (0x6E, 57, 0, 0, 1234))
    channel.process_key(0x6E, 57, 0, True, 1235)
    assert bus.calls[-1][3][3] == 1  # a release
    channel.set_cursor_rect(10, 20, 1, 16)
    assert bus.calls[-1][1:] == ("SetCursorRect", "iiii", (10, 20, 1, 16))


def test_a_key_fcitx_leaves_is_said_so():
    channel = FcitxChannel.open(":0", connection=FakeBus(taken=0))
    assert channel is not None and channel.process_key(0xFF51, 113, 0, False, 0) is False  # Left


def test_no_fcitx_on_the_bus_means_no_channel():
    bus = FakeBus(running=False)
    assert FcitxChannel.open(":0", connection=bus) is None and bus.closed
    assert FcitxChannel.open(":0", connection=FakeBus(broken="CreateICv3")) is None


def test_an_error_from_fcitx_closes_the_channel_for_the_bridge():
    channel = FcitxChannel.open(":0", connection=FakeBus(broken="ProcessKeyEvent"))
    assert channel is not None
    with pytest.raises(ChannelClosed):
        channel.process_key(0x6E, 57, 0, False, 0)


def test_the_words_fcitx_commits_meanwhile_are_read_without_waiting():
    bus = FakeBus()
    channel = FcitxChannel.open(":0", connection=bus)
    assert channel is not None
    emitter = DBusAddress("/inputcontext_7", interface="org.fcitx.Fcitx.InputContext")
    bus.incoming = [new_signal(emitter, "CommitString", "s", ("走访",)),
                    new_signal(emitter, "ForwardKey", "uui", (0xFF0D, 0, 0))]
    channel.read_pending()
    assert channel.take_signals() == [("CommitString", ("走访",)), ("ForwardKey", (0xFF0D, 0, 0))]
    assert channel.take_signals() == []
    channel.close()
    assert bus.calls[-1][1] == "DestroyIC" and bus.closed


def test_anything_going_wrong_on_the_bus_closes_the_channel_instead_of_raising_it():
    bus = FakeBus()
    channel = FcitxChannel.open(":0", connection=bus)
    assert channel is not None

    def broken(message: Any, *, timeout: Optional[float] = None) -> Any:
        raise ValueError("a message jeepney cannot read")

    bus.send_and_get_reply = broken  # type: ignore[method-assign]
    with pytest.raises(ChannelClosed):
        channel.process_key(0x6E, 57, 0, False, 0)
    channel.close()  # still closes
    assert bus.closed


def test_fcitx5s_own_protocol_takes_a_bool_for_the_release_and_answers_one():
    """A fcitx5 built without its IBus frontend: the bridge speaks the protocol of fcitx5's Qt plugins."""
    bus = FakeBus()
    channel = FcitxChannel.open(":0", connection=bus, dialect=FCITX5)
    assert channel is not None and channel.context_path == "/org/freedesktop/portal/inputcontext/3"
    assert bus.calls[0][3] == ("org.fcitx.Fcitx5",)
    assert bus.calls[1][:3] == ("/org/freedesktop/portal/inputmethod", "CreateInputContext", "a(ss)")
    assert channel.process_key(0x6E, 57, 0, True, 9) is True
    assert bus.calls[-1] == ("/org/freedesktop/portal/inputcontext/3", "ProcessKeyEvent", "uuubu",
                             (0x6E, 57, 0, True, 9))
