"""The single-instance channel: a second start hands its files over (a real subprocess talks to
the server in this process) and the names keep users, data folders and tests apart."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from ui.window import single_instance
from ui.qt import QDialog, local_channel
from ui.window.single_instance import HandOver, InstanceServer, decode_files, hand_over, serve, server_name

CLIENT = ("import sys; sys.path.insert(0, {root!r})\n"
          "from ui.window.single_instance import hand_over\n"
          "print(hand_over(sys.argv[1:]).value)\n")


def start_client(files: list[str], cwd: Path) -> subprocess.Popen:
    """A second start, as far as the channel goes: another process, the same user and data folder."""
    return subprocess.Popen([sys.executable, "-c", CLIENT.format(root=str(ROOT)), *files], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))


@pytest.fixture
def server(qapp):
    state, instance = serve([])
    assert state is HandOver.NO_SERVER and instance is not None
    yield instance
    instance.close()
    instance.deleteLater()


def test_name_is_per_data_folder_and_stable(monkeypatch, tmp_path):
    first = server_name()
    assert first == server_name() and "perf-self-eval-" in first
    monkeypatch.setenv("PERF_EVAL_HOME", str(tmp_path / "another"))
    assert server_name() != first


def test_name_lives_in_the_private_runtime_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    if os.name == "posix":
        assert Path(server_name()).parent == tmp_path
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / ("x" * 120)))
    assert "/" not in server_name()  # too long for a socket path: Qt's temp folder


def test_nobody_listening(qapp):
    assert hand_over(["a.json"]) is HandOver.NO_SERVER


def test_second_process_hands_its_files_over(qtbot, server, tmp_path):
    (tmp_path / "sub").mkdir()
    with qtbot.waitSignal(server.filesReceived, timeout=15000) as got:
        client = start_client(["甲 乙.json", str(tmp_path / "abs.json")], tmp_path / "sub")
    out, err = client.communicate(timeout=15)
    assert client.returncode == 0 and out.strip() == "delivered", err
    assert got.args[0] == [str(tmp_path / "sub" / "甲 乙.json"), str(tmp_path / "abs.json")]  # absolute


def test_a_start_without_files_only_raises_the_window(qtbot, server, tmp_path):
    with qtbot.waitSignal(server.filesReceived, timeout=15000) as got:
        client = start_client([], tmp_path)
    client.communicate(timeout=15)
    assert got.args[0] == []


def test_files_wait_while_a_question_is_open(qtbot, server, tmp_path):
    received: list = []
    server.filesReceived.connect(received.append)
    question = QDialog()
    qtbot.addWidget(question)
    question.setModal(True)
    question.show()
    qtbot.waitUntil(lambda: single_instance.QApplication.activeModalWidget() is question)
    client = start_client(["a.json"], tmp_path)
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=15000)
    out, err = client.communicate()  # reads and closes both pipes
    assert client.returncode == 0 and out.strip() == "delivered", err
    qtbot.waitUntil(lambda: server._retry.isActive())
    assert received == []
    question.close()
    qtbot.waitUntil(lambda: received == [[str(tmp_path / "a.json")]])


def test_a_second_server_of_the_same_name_does_not_steal_the_channel(qtbot, server, monkeypatch):
    """Two editors starting at once: the later one must not take the name over (the first would
    then be unreachable); from the same thread it cannot be answered, so it runs unserved."""
    monkeypatch.setattr(single_instance, "ANSWER_MS", 300)
    state, other = serve([], name=server.name)
    assert other is None and state is HandOver.NO_ANSWER
    assert server.server.isListening()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
def test_a_socket_left_by_a_crashed_editor_is_taken_over(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    name = server_name()
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(name)  # a socket file nobody listens on, as after a kill
    leftover.close()
    assert Path(name).exists()
    state, instance = serve([])
    assert state is HandOver.NO_SERVER and instance.server.isListening()
    instance.close()


def test_bad_messages_are_refused(qtbot, server):
    _server_class, socket_class = local_channel()
    sock = socket_class()
    sock.connectToServer(server.name)
    qtbot.waitUntil(lambda: sock.state() == socket_class.LocalSocketState.ConnectedState)
    received: list = []
    server.filesReceived.connect(received.append)
    sock.write(b'{"open": "not a list"}\n')
    qtbot.waitUntil(lambda: sock.bytesAvailable() > 0)
    assert json.loads(bytes(sock.readAll()).decode()) == {"ok": False}
    assert received == []
    sock.abort()


@pytest.mark.parametrize("line, files", [(b'{"open": ["a"]}', ["a"]), (b'{"open": []}', []), (b"\xff", None),
                                         (b"[]", None), (b'{"open": [1]}', None), (b"{}", None)])
def test_decode_files(line, files):
    assert decode_files(line) == files


def test_server_can_close_and_be_reopened(qapp):
    instance = InstanceServer()
    assert instance.listen()
    instance.close()
    assert hand_over([]) is HandOver.NO_SERVER
    assert instance.listen()
    instance.close()


# --- two real editors --------------------------------------------------------------------------------

CHILD = ROOT / "tests" / "writers" / "child_instance.py"


class Editor:
    """A first editor in a subprocess, read line by line."""

    def __init__(self, quit_file: Path, *drafts: Path) -> None:
        self.quit_file = quit_file
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen([sys.executable, str(CHILD), str(quit_file), *map(str, drafts)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        encoding="utf-8", env=env)

    def line(self) -> str:
        text = self.process.stdout.readline().strip()
        assert text, self.process.stderr.read() if self.process.poll() is not None else "no output"
        return text

    def tabs(self) -> list[str]:
        text = self.line()
        assert text.startswith("tabs "), text
        return json.loads(text[5:])

    def close(self) -> int:
        self.quit_file.write_text("quit", encoding="utf-8")
        out, err = self.process.communicate(timeout=60)
        assert out.strip() == "closed", err
        return self.process.returncode


def second_start(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """What a double-click in the file manager runs: ``main.py FILE``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env=env)


@pytest.fixture
def drafts(tmp_path, forms_dir):
    folder = tmp_path / "草稿"
    folder.mkdir()
    for name in ("f17.json", "f23.json"):
        (folder / name).write_bytes((forms_dir / name).read_bytes())
    return folder


@pytest.mark.skipif(os.name != "posix", reason="the child is read through a pipe, killed with SIGKILL")
def test_two_editor_processes_one_window_one_tab(drafts, tmp_path):
    from model.draft_lock import lock_path, read_lock

    f17, f23 = drafts / "f17.json", drafts / "f23.json"
    first = Editor(tmp_path / "quit", f17)
    try:
        assert first.line() == "ready"
        assert first.tabs() == [str(f17.resolve())]
        again = second_start("f17.json", cwd=drafts)  # the same draft, by a relative name
        assert again.returncode == 0 and again.stdout == "" and "Traceback" not in again.stderr, again.stderr
        assert first.tabs() == [str(f17.resolve())]  # shown, not opened twice
        other = second_start(str(f23), cwd=tmp_path)
        assert other.returncode == 0, other.stderr
        assert first.tabs() == [str(f17.resolve()), str(f23.resolve())]
        assert read_lock(f17).pid == first.process.pid and read_lock(f23).pid == first.process.pid
        bare = second_start(cwd=tmp_path)  # started again without a file: the running one comes forward
        assert bare.returncode == 0
        assert first.tabs() == [str(f17.resolve()), str(f23.resolve())]
        from tests.test_no_network import inet_sockets, socket_inodes, table_inodes
        if Path("/proc/self/net/unix").is_file():  # the channel is a Unix socket, nothing else is open
            pid = first.process.pid
            assert inet_sockets(pid) == set()
            assert socket_inodes(pid) & table_inodes(pid, "unix")
        assert first.close() == 0
    finally:
        if first.process.poll() is None:
            first.process.kill()
            first.process.communicate()
    assert not lock_path(f17).exists() and not lock_path(f23).exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_editors_lock_and_socket_are_ignored(drafts, tmp_path):
    import signal

    from model.draft_lock import lock_path, read_lock

    f17 = drafts / "f17.json"
    crashed = Editor(tmp_path / "quit-1", f17)
    assert crashed.line() == "ready" and crashed.tabs() == [str(f17.resolve())]
    crashed.process.send_signal(signal.SIGKILL)
    crashed.process.communicate(timeout=30)
    assert read_lock(f17).pid == crashed.process.pid  # left behind, as after a power cut
    after = Editor(tmp_path / "quit-2", f17)  # would block on a question if the lock counted
    try:
        assert after.line() == "ready" and after.tabs() == [str(f17.resolve())]
        assert read_lock(f17).pid == after.process.pid
        handed = second_start(str(f17), cwd=tmp_path)  # and the channel is the new editor's
        assert handed.returncode == 0 and after.tabs() == [str(f17.resolve())]
        assert after.close() == 0
    finally:
        if after.process.poll() is None:
            after.process.kill()
            after.process.communicate()
    assert not lock_path(f17).exists()


# --- a start that finds no socket file -------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="a Unix socket is a file")
def test_no_socket_file_means_nobody_listens(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert not single_instance.may_be_running()
    state, instance = serve([])
    assert state is HandOver.NO_SERVER and single_instance.may_be_running()
    instance.close()
    assert not single_instance.may_be_running()
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # a bare name lives in Qt's temporary folder
    assert single_instance.may_be_running(str(tmp_path / "x")) is False
    (tmp_path / "bare-name").write_text("")
    assert single_instance.may_be_running("bare-name")


SHOWN_BEFORE_NETWORK = """
import sys
sys.path.insert(0, {root!r})
from ui.app import start_editor
from ui.qt import QEvent, QObject

app, window, server = start_editor([])

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = True
            print("network loaded" if "PySide6.QtNetwork" in sys.modules else "no network", flush=True)
            print(" ".join(name for name in ("hashlib", "ui.fcitx_channel") if name in sys.modules) or "-",
                  flush=True)
        return False

probe = FirstPaint()
window.installEventFilter(probe)
window.startFinished.connect(lambda: (print("listening" if server.server.isListening() else "deaf", flush=True),
                                      app.quit()))
app.exec()
"""


@pytest.mark.skipif(os.name != "posix", reason="a Unix socket is a file")
def test_the_window_shows_before_the_channel_is_claimed(tmp_path):
    """No socket file: the window is on screen before Qt's network module, hashlib or fcitx's D-Bus
    channel load; then it listens."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERF_EVAL_HOME": str(tmp_path / "home"),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SHOWN_BEFORE_NETWORK.format(root=str(ROOT))], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["no", "network", "-", "listening"], done.stderr


RACING_START = """
import sys
sys.path.insert(0, {root!r})
import ui.window.single_instance as channel
channel.may_be_running = lambda name=None: False  # the running editor began listening just after the look
from tests.writers.child_instance import main
sys.exit(main({quit!r}, {draft!r}))
"""


@pytest.mark.skipif(os.name != "posix", reason="the child is read through a pipe")
def test_a_start_that_lost_the_race_hands_over_and_closes(drafts, tmp_path):
    f17, f23 = drafts / "f17.json", drafts / "f23.json"
    first = Editor(tmp_path / "quit", f17)
    try:
        assert first.line() == "ready" and first.tabs() == [str(f17.resolve())]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
        code = RACING_START.format(root=str(ROOT), quit=str(tmp_path / "never"), draft=str(f23))
        late = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                              timeout=60, env=env)
        assert late.returncode == 0 and late.stdout.split() == ["closed"], late.stderr  # never got ready
        assert first.tabs() == [str(f17.resolve()), str(f23.resolve())]
        assert first.close() == 0
    finally:
        if first.process.poll() is None:
            first.process.kill()
            first.process.communicate()
