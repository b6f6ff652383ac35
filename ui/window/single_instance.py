"""One editor per user session: a second start hands its files to the running window and exits.

Double-clicking a draft in the file manager starts the program every time. Two editors with the
same draft open each save over the other's edits, so the second start does not open a window:
it sends its file list (absolute paths) over a local channel to the running editor, which opens
them (or shows their tab) and comes to the front.

The channel is a QLocalServer — a Unix domain socket on Linux, a named pipe on Windows, never a
network socket. Its name is per user and per data folder (``PERF_EVAL_HOME`` honoured), so each
test and each portable install has its own; on Linux it lives in the private ``XDG_RUNTIME_DIR``
when there is one. Messages are one line of UTF-8 JSON each way:
``{"open": ["/abs/a.json", …]}`` → ``{"ok": true}``.

Where the channel is a socket file (Linux, macOS) a start with no file there has nobody to hand
over to, so it shows its window without loading Qt's network module and claims the channel once
the window is on screen (:data:`CLAIM_BEFORE_WINDOW`); an editor that started at the same moment and
won is then handed the files, and this window closes again.
"""
from __future__ import annotations

import json
import os
import zlib
from enum import Enum
from pathlib import Path
from typing import Any, Optional

from ui.qt import QApplication, QObject, QTimer, Signal, local_channel

from model.paths import APP_FOLDER, data_home
from model.processes import user_name

CONNECT_MS = 1000
ANSWER_MS = 5000
MAX_MESSAGE = 1 << 20  # a file list, not a payload
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS
# Windows lets a second pipe server listen on a name already served, and a pipe cannot be looked
# for without connecting to it: there the channel is claimed before the window is made.
CLAIM_BEFORE_WINDOW = os.name != "posix"


def server_name() -> str:
    """Per user and data folder; a full socket path in XDG_RUNTIME_DIR where that exists."""
    home = str(data_home().resolve())
    data = f"{user_name()}\0{home}".encode("utf-8")
    key = f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}"  # a name, not a secret: no hashlib to load
    name = f"{APP_FOLDER}-{key}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if os.name == "posix" and runtime and Path(runtime).is_dir():
        path = str(Path(runtime) / name)
        if len(path.encode("utf-8")) <= _MAX_SOCKET_PATH:
            return path
    return name


def may_be_running(name: Optional[str] = None) -> bool:
    """Whether an editor may be listening. A Unix socket is a file (Qt puts a bare name in its
    temporary folder, ``TMPDIR`` or /tmp): no file, nobody listens. A Windows pipe: maybe."""
    if os.name != "posix":
        return True
    name = name or server_name()
    return os.path.exists(name if os.path.isabs(name) else os.path.join(os.environ.get("TMPDIR") or "/tmp", name))


def encode(message: dict) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_files(line: bytes) -> Optional[list[str]]:
    """The file list of an ``open`` message; None when the line is not one."""
    try:
        message = json.loads(line.decode("utf-8"))
    except ValueError:
        return None
    files = message.get("open") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


class HandOver(Enum):
    DELIVERED = "delivered"  # the running editor has the files: this process may exit
    NO_SERVER = "no-server"  # nobody listens: this process is the editor
    NO_ANSWER = "no-answer"  # someone listens but does not answer (hung): run a window of our own


def hand_over(files: list[str], name: Optional[str] = None) -> HandOver:
    """Send ``files`` (made absolute here: the running editor has another working folder) to the
    running editor. Works before a QApplication exists, so a second start is quick."""
    _server_class, socket_class = local_channel()
    sock = socket_class()
    sock.connectToServer(name or server_name())
    if not sock.waitForConnected(CONNECT_MS):
        return HandOver.NO_SERVER
    try:
        sock.write(encode({"open": [str(Path(f).absolute()) for f in files]}))
        if not sock.waitForBytesWritten(ANSWER_MS):
            return HandOver.NO_ANSWER
        answer = b""
        while b"\n" not in answer and len(answer) < MAX_MESSAGE:
            if not sock.bytesAvailable() and not sock.waitForReadyRead(ANSWER_MS):
                return HandOver.NO_ANSWER
            answer += bytes(sock.readAll())
        return HandOver.DELIVERED if answer.startswith(b'{"ok": true}') else HandOver.NO_ANSWER
    finally:
        sock.abort()


class InstanceServer(QObject):
    """The running editor's end. ``filesReceived(list)`` carries each start's files (maybe none:
    then the window only comes to the front). Files are delivered when no modal question is
    open, so a hand-over never stacks a dialog on top of one the user is answering."""

    filesReceived = Signal(list)

    def __init__(self, name: Optional[str] = None, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server: Any = None  # the QLocalServer, made by the first listen(): Qt's network module loads then
        self._buffers: dict = {}
        self._pending: list[list[str]] = []
        self._retry = QTimer(self)
        self._retry.setInterval(200)
        self._retry.timeout.connect(self._deliver)

    def listen(self) -> bool:
        if self.server is None:
            server_class, _socket_class = local_channel()
            self.server = server_class(self)
            self.server.newConnection.connect(self._accept)
        return bool(self.server.listen(self.name))

    def close(self) -> None:
        if self.server is not None:
            self.server.close()

    def remove_stale(self) -> None:
        """Remove a socket left by an editor that crashed (nothing on Windows)."""
        server_class, _socket_class = local_channel()
        server_class.removeServer(self.name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                sock.abort()
            else:
                self._buffers[sock] = data
            return
        files = decode_files(data.split(b"\n", 1)[0])
        self._buffers[sock] = b""
        if files is None:
            sock.write(encode({"ok": False}))
        else:
            sock.write(encode({"ok": True}))
            self._pending.append(files)
            QTimer.singleShot(0, self._deliver)
        sock.flush()
        sock.disconnectFromServer()

    def _deliver(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self._retry.start()
            return
        self._retry.stop()
        while self._pending:
            self.filesReceived.emit(self._pending.pop(0))


def serve(files: list[str], parent: Optional[QObject] = None,
          name: Optional[str] = None) -> tuple[HandOver, Optional[InstanceServer]]:
    """Become the session's editor (after the QApplication exists): :func:`claim` with a new
    server, returned when this process now listens (``NO_SERVER``), else None."""
    server = InstanceServer(name, parent)
    answer = claim(server, files)
    if answer is HandOver.NO_SERVER:
        return answer, server
    server.deleteLater()
    return answer, None


def claim(server: InstanceServer, files: list[str]) -> HandOver:
    """Listen on ``server``'s name: ``NO_SERVER`` when this process now listens; ``DELIVERED``
    when another editor started at the same moment won and took ``files``; ``NO_ANSWER`` when the
    channel cannot be had: the window then runs on its own, as before this existed."""
    # On Windows a second server could listen on a name already served, so the hand-over tried
    # before this (start_editor does it first) is what keeps a second editor from starting there.
    if server.listen():
        return HandOver.NO_SERVER
    answer = hand_over(files, server.name)  # someone may have begun listening a moment ago
    if answer is not HandOver.NO_SERVER:
        return answer
    server.remove_stale()
    return HandOver.NO_SERVER if server.listen() else HandOver.NO_ANSWER


def bring_to_front(window) -> None:
    """Show the window over the others (un-minimised); where the desktop refuses to move focus
    to a background program, the task bar entry flashes instead."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)
