"""Typing through fcitx 4 (older UOS/Kylin): keys fcitx takes stay away from the widget, the word it
commits arrives in it, other keys pass, and a failing fcitx leaves the keyboard working."""
from __future__ import annotations

from typing import Any

import pytest

from ui.fcitx_bridge import FcitxBridge
from ui.fcitx_channel import ChannelClosed
from ui.qt import QApplication, QEvent, QKeyEvent, QLineEdit, QPushButton, Qt, QVBoxLayout, QWidget

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
X_KEYCODES = {"n": 57, "i": 31, "h": 43, "a": 38, "o": 32, " ": 65}  # X keycodes of a US keyboard


class FakeChannel:
    """What fcitx 4 does with keys, as far as the bridge sees it: pinyin letters are taken while it
    is switched on, the space commits the word of the letters."""

    def __init__(self) -> None:
        self.on = True
        self.letters = ""
        self.calls: list[tuple[Any, ...]] = []
        self.pending: list[tuple[str, tuple[Any, ...]]] = []
        self.fail = False
        self.closed = False

    def process_key(self, keysym: int, keycode: int, state: int, release: bool, time: int) -> bool:
        if self.fail:
            raise ChannelClosed("fcitx is gone")
        self.calls.append(("key", chr(keysym), keycode, release))
        if release or not self.on:
            return False
        if chr(keysym).isalpha():
            self.letters += chr(keysym)
            return True
        if chr(keysym) == " " and self.letters:
            self.pending.append(("CommitString", ({"nihao": "你好"}.get(self.letters, self.letters),)))
            self.letters = ""
            return True
        return False

    def focus_in(self) -> None:
        self.calls.append(("focus_in",))

    def focus_out(self) -> None:
        self.calls.append(("focus_out",))

    def set_cursor_rect(self, x: int, y: int, width: int, height: int) -> None:
        self.calls.append(("cursor", width > 0 and height > 0))

    def read_pending(self) -> None:
        pass

    def take_signals(self) -> list[tuple[str, tuple[Any, ...]]]:
        taken, self.pending = self.pending, []
        return taken

    def fileno(self) -> int:
        return -1

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def form(qtbot):
    widget = QWidget()
    layout = QVBoxLayout(widget)
    widget.edit, widget.button = QLineEdit(), QPushButton("确定")
    layout.addWidget(widget.edit)
    layout.addWidget(widget.button)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.edit.setFocus()
    qtbot.waitUntil(widget.edit.hasFocus)
    return widget


@pytest.fixture
def bridge(form):
    channel = FakeChannel()
    made = FcitxBridge(QApplication.instance(), channel)
    yield made, channel
    made.stop()


def typed(widget, text: str) -> None:
    """Keys as the X server delivers them: each with its keysym and keycode."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key.Key_Space if character == " " else ord(character.upper())
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, X_KEYCODES[character], ord(character), 0,
                              character)
            QApplication.sendEvent(widget, event)


def return_key(widget) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 36,
                                                 0xFF0D, 0, "\r"))


def test_a_word_composed_in_fcitx_arrives_whole_and_its_letters_do_not(form, bridge):
    _bridge, channel = bridge
    typed(form.edit, "nihao")
    assert form.edit.text() == ""  # the letters are fcitx's, shown in its own window
    typed(form.edit, " ")
    assert form.edit.text() == "你好"
    assert ("key", "n", 57, False) in channel.calls and ("key", "n", 57, True) in channel.calls


def test_keys_fcitx_does_not_take_reach_the_widget(form, bridge):
    _bridge, channel = bridge
    channel.on = False  # English mode
    typed(form.edit, "na")
    assert form.edit.text() == "na"


def test_the_focus_and_the_cursor_are_told_to_fcitx(qtbot, form, bridge):
    _bridge, channel = bridge
    assert channel.calls[:2] == [("focus_in",), ("cursor", True)]  # the line edit had the focus
    form.button.setFocus()
    qtbot.waitUntil(form.button.hasFocus)
    assert channel.calls[-1] == ("focus_out",)  # a button takes no text
    form.edit.setFocus()
    qtbot.waitUntil(form.edit.hasFocus)
    assert channel.calls[-2:] == [("focus_in",), ("cursor", True)]


def test_a_failing_fcitx_is_left_and_the_keyboard_keeps_working(form, bridge):
    made, channel = bridge
    channel.fail = True
    typed(form.edit, "n")
    assert form.edit.text() == "n" and not made.active and channel.closed
    channel.fail = False
    typed(form.edit, "a")
    assert form.edit.text() == "na" and not [call for call in channel.calls if call[0] == "key"]


def test_a_key_fcitx_hands_back_reaches_the_widget_once(form, bridge):
    """fcitx may keep a key, then give it back (ForwardKey): the widget gets it, fcitx not again."""
    _bridge, channel = bridge
    channel.pending = [("ForwardKey", (ord("a"), 0, 0)), ("ForwardKey", (ord("a"), 0, 1))]
    typed(form.edit, "n")  # fcitx takes the n, then answers with the key it gives back
    assert form.edit.text() == "a"
    assert [call for call in channel.calls if call[0] == "key"] == [("key", "n", 57, False), ("key", "n", 57, True)]


def test_keys_the_program_makes_itself_are_not_sent_to_fcitx(qtbot, form, bridge):
    _bridge, channel = bridge
    qtbot.keyClicks(form.edit, "ab")  # no keysym: not typed on a keyboard
    assert form.edit.text() == "ab" and not [call for call in channel.calls if call[0] == "key"]


def test_a_word_typed_on_a_tree_cell_goes_into_it(qtbot, forms_dir):
    """The tree opens the cell's editor for the committed word; the filter follows the focus into
    the editor and back to the tree when Enter closes it."""
    from model.draft import load_draft
    from ui.document import FormDocument
    from ui.indicators.cells import COL_ACTUAL
    from ui.indicators.view import IndicatorView

    view = IndicatorView(FormDocument(load_draft(forms_dir / "f17.json")))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.start()
    qtbot.waitUntil(view.view.hasFocus)
    channel = FakeChannel()
    bridge = FcitxBridge(QApplication.instance(), channel)
    try:
        leaf = next(leaf for _d, _c, leaf in view.document.form.iter_leaves())
        assert view.view.currentIndex() == view.model.index_for(leaf, COL_ACTUAL)
        typed(view.view, "nihao ")
        editor = QApplication.focusWidget()
        assert view.view.is_editing() and editor is not view.view
        return_key(editor)
        qtbot.waitUntil(view.view.hasFocus)
        assert leaf.actual == "你好"
        typed(view.view, "nihao")  # the tree is watched again
        assert channel.letters == "nihao"
    finally:
        bridge.stop()
