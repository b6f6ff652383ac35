"""Typing Chinese through fcitx 4: the window's keys go to fcitx, its chosen words to the widgets.

What fcitx 4's own Qt plugin would do, for the Qt of PySide6 that cannot load it (see
:mod:`ui.fcitx_channel` for why and how the messages travel). An event filter on the widget with
the focus hands each key typed in it (if it takes text) to fcitx: a key fcitx takes (pinyin being
composed, the space that picks a word) goes no further; any other (arrows, Enter, Delete, digits
in English mode) reaches the widget as before. A committed word arrives as the input method event
any input method sends, so the tree, the line edits and the text boxes treat it as they do ibus's.

If fcitx stops answering, the bridge switches itself off and keys go straight to the widgets: a
clerk can always type, at worst without Chinese.
"""
from __future__ import annotations

from typing import Any, Optional

from ui.fcitx_channel import DIALECTS, ChannelClosed, FcitxChannel
from ui.qt import (QApplication, QEvent, QGuiApplication, QInputMethodEvent, QKeyEvent, QObject, QSocketNotifier,
                   Qt, QWidget)

KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
# X keysyms fcitx may hand back (ForwardKey) that are not characters: their Qt keys.
_SPECIAL_KEYS = {0xFF08: Qt.Key.Key_Backspace, 0xFF09: Qt.Key.Key_Tab, 0xFF0D: Qt.Key.Key_Return,
                 0xFF1B: Qt.Key.Key_Escape, 0xFFFF: Qt.Key.Key_Delete, 0xFF51: Qt.Key.Key_Left,
                 0xFF52: Qt.Key.Key_Up, 0xFF53: Qt.Key.Key_Right, 0xFF54: Qt.Key.Key_Down}


def takes_text(widget: Optional[QWidget]) -> bool:
    """A widget an input method types into (line edits, text boxes, the tree's cells)."""
    return widget is not None and widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


class FcitxBridge(QObject):
    """Keys of this application to one fcitx input context, and its words back."""

    def __init__(self, app: QApplication, channel: FcitxChannel) -> None:
        super().__init__(app)
        self.app = app
        self.channel: Optional[FcitxChannel] = channel
        self._forwarding = False  # a key fcitx handed back is on its way: not fcitx's again
        self._focused: Optional[QWidget] = None
        self._notifier: Optional[Any] = None
        if channel.fileno() >= 0:
            self._notifier = QSocketNotifier(channel.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
        app.focusChanged.connect(self._on_focus_changed)
        QGuiApplication.inputMethod().cursorRectangleChanged.connect(self._send_cursor)
        self._on_focus_changed(None, QApplication.focusWidget())

    @property
    def active(self) -> bool:
        return self.channel is not None

    # --- keys ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if self.channel is None or self._forwarding or event.type() not in KEY_EVENTS:
            return False
        focused = QApplication.focusWidget()
        if watched is not focused or not takes_text(focused) or not isinstance(event, QKeyEvent):
            return False
        if not event.nativeVirtualKey():  # made by the program, not typed: no keysym to give fcitx
            return False
        try:
            taken = self.channel.process_key(event.nativeVirtualKey(), event.nativeScanCode(),
                                             event.nativeModifiers(), event.type() == QEvent.Type.KeyRelease,
                                             event.timestamp())
        except ChannelClosed:
            self.stop()
            return False
        self._apply_signals()
        if taken:
            self._send_cursor()
        return taken

    def _on_readable(self) -> None:
        if self.channel is None:
            return
        try:
            self.channel.read_pending()
        except ChannelClosed:
            self.stop()
            return
        self._apply_signals()

    def _apply_signals(self) -> None:
        if self.channel is None:
            return
        for member, args in self.channel.take_signals():
            if member == "CommitString" and args:
                self._commit(str(args[0]))
            elif member == "ForwardKey" and len(args) >= 3:
                self._forward_key(int(args[0]), int(args[1]), int(args[2]) == 1)

    def _commit(self, text: str) -> None:
        """A chosen word, to the widget with the focus, as an input method commits it."""
        target = QApplication.focusWidget()
        if target is None or not text:
            return
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(target, event)

    def _forward_key(self, keysym: int, state: int, release: bool) -> None:
        """A key fcitx did not keep after all (it sends it back): to the widget, once."""
        target = QApplication.focusWidget()
        if target is None:
            return
        text = chr(keysym) if 0x20 <= keysym < 0x7F else ""
        key = _SPECIAL_KEYS.get(keysym, ord(text.upper()) if text else Qt.Key.Key_unknown)
        kind = QEvent.Type.KeyRelease if release else QEvent.Type.KeyPress
        modifiers = Qt.KeyboardModifier.ShiftModifier if state & 1 else Qt.KeyboardModifier.NoModifier
        self._forwarding = True
        try:
            QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._forwarding = False

    # --- focus and cursor ----------------------------------------------------------------------
    def _on_focus_changed(self, _old: Optional[QWidget], new: Optional[QWidget]) -> None:
        """The filter follows the focus: it watches only the widget being typed in, so the rest
        of the window's events never pass through Python on their way."""
        if self.channel is None:
            return
        self._unwatch()
        try:
            if takes_text(new):
                assert new is not None
                self._focused = new
                new.installEventFilter(self)
                self.channel.focus_in()
                self._send_cursor()
            else:
                self.channel.focus_out()
        except ChannelClosed:
            self.stop()

    def _unwatch(self) -> None:
        """Stop watching the widget that had the focus (it may be gone: a closed cell editor)."""
        widget, self._focused = self._focused, None
        if widget is not None:
            try:
                widget.removeEventFilter(self)
            except RuntimeError:  # its C++ side is already deleted
                pass

    def _send_cursor(self) -> None:
        """Where the text cursor is on the screen, so fcitx shows its candidates beside it."""
        widget = QApplication.focusWidget()
        if self.channel is None or not takes_text(widget):
            return
        assert widget is not None
        rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        rect = rect.toRect() if hasattr(rect, "toRect") else rect
        if not hasattr(rect, "topLeft"):  # a widget that does not say where its cursor is
            return
        corner = widget.mapToGlobal(rect.topLeft())
        ratio = widget.devicePixelRatioF()
        try:
            self.channel.set_cursor_rect(int(corner.x() * ratio), int(corner.y() * ratio),
                                         max(1, int(rect.width() * ratio)), max(1, int(rect.height() * ratio)))
        except ChannelClosed:
            self.stop()

    def stop(self) -> None:
        """fcitx is gone or failing: keys go straight to the widgets from now on."""
        channel, self.channel = self.channel, None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._unwatch()
        if channel is not None:
            channel.close()


def start_bridge(app: QApplication, dialect: str = "fcitx4", display: Optional[str] = None) -> Optional[FcitxBridge]:
    """A bridge to the fcitx of this display speaking ``dialect`` ("fcitx4", "fcitx5"), or None
    when there is none."""
    channel = FcitxChannel.open(display, dialect=DIALECTS[dialect])
    return FcitxBridge(app, channel) if channel is not None else None
