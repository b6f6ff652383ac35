"""No network: starting the window, editing, checking, saving and exporting open no socket.

Every way Python reaches the network (connect, connect_ex, bind, sendto, name look-ups,
create_connection) is replaced by a trap that records the call and raises. The work is done once
in this process (window, edit, check, export) and once through ``main.py check``/``export`` in a
subprocess whose socket module is trapped the same way before ``main.main`` runs. Qt's sockets do
not go through Python's module, so on Linux the process's open sockets are also read from /proc:
the single-instance channel (ui/window/single_instance.py, QLocalServer) is a Unix domain socket, and no
internet (TCP, UDP, raw) socket may exist.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TRAP = """
import socket, sys
calls = []
def trap(name):
    def refuse(*args, **kwargs):
        sys.stderr.write(f"NETWORK:{name}\\n")
        raise OSError(f"network use forbidden: {name}")
    return refuse
for name in ("connect", "connect_ex", "bind", "sendto", "listen"):
    setattr(socket.socket, name, trap(name))
for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection",
             "create_server"):
    setattr(socket, name, trap(name))
"""


INET_TABLES = ("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6")


def socket_inodes(pid: int) -> set[str]:
    """The inodes of every socket the process has open (Linux)."""
    found = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            found.add(target[len("socket:["):-1])
    return found


def table_inodes(pid: int, table: str) -> set[str]:
    try:
        lines = Path(f"/proc/{pid}/net/{table}").read_text(encoding="ascii").splitlines()[1:]
    except OSError:
        return set()
    column = 6 if table == "unix" else 9
    return {line.split()[column] for line in lines if len(line.split()) > column}


def inet_sockets(pid: int) -> set[str]:
    """The process's internet sockets (should be none), by inode."""
    mine = socket_inodes(pid)
    return {inode for table in INET_TABLES for inode in table_inodes(pid, table) & mine}


needs_proc = pytest.mark.skipif(not Path("/proc/self/net/unix").is_file(), reason="Linux /proc")


@pytest.fixture
def no_network(monkeypatch):
    used: list[str] = []

    def trap(name):
        def refuse(*args, **kwargs):
            used.append(name)
            raise OSError(f"network use forbidden: {name}")
        return refuse

    for name in ("connect", "connect_ex", "bind", "sendto", "listen"):
        monkeypatch.setattr(socket.socket, name, trap(name))
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection",
                 "create_server"):
        monkeypatch.setattr(socket, name, trap(name))
    yield used
    assert used == [], f"the program used the network: {used}"


def test_trap_works(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network == ["create_connection"]
    no_network.clear()


def test_window_edit_check_save_export_open_no_socket(no_network, qtbot, monkeypatch, forms_dir, tmp_path):
    from tests.ui.window_helpers import ensure_indicator_view
    ensure_indicator_view()
    from exporters.pdf_writer import write_pdf
    from exporters.xlsx_reader import import_workbook
    from exporters.xlsx_writer import write_workbook
    from model.check_report import run_check
    from model.report import assess_form
    from ui import dialogs
    from ui.app import create_app
    from ui.window.main_window import MainWindow

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    create_app()  # fonts, translations, icon
    window = MainWindow()
    qtbot.addWidget(window)
    window.restore_geometry()
    draft = tmp_path / "f17.json"
    shutil.copy(forms_dir / "f17.json", draft)
    document = window.file_actions.open_file(draft)
    window.current_tab().panel.funds.commit_money(0, "executed", "300,000")
    assert document.evaluation.funds_score == Decimal("10.00")
    window.file_actions.autosave_now()
    assert window.file_actions.save_current()
    out, err = io.StringIO(), io.StringIO()
    assert run_check([str(draft), str(forms_dir / "f23.json")], True, out, err) in (0, 1)
    forms = [assess_form(document.form, str(draft))]
    write_workbook(forms, tmp_path / "out.xlsx")
    write_pdf(forms, tmp_path / "out.pdf")
    assert import_workbook(tmp_path / "out.xlsx", tmp_path / "imported")[0]
    assert (tmp_path / "out.pdf").stat().st_size > 1000
    if Path("/proc/self/net/unix").is_file():
        assert inet_sockets(os.getpid()) == set()


@needs_proc
def test_single_instance_channel_is_a_unix_socket(no_network, qapp):
    """The check really sees Qt's sockets: the channel's listening socket is found among this
    process's Unix sockets, and nothing among its internet ones."""
    from ui.window.single_instance import serve

    before = socket_inodes(os.getpid())
    _state, server = serve([])
    try:
        new = socket_inodes(os.getpid()) - before
        assert new and new <= table_inodes(os.getpid(), "unix")
        assert inet_sockets(os.getpid()) == set()
    finally:
        server.close()


@needs_proc
def test_the_inet_check_can_fail():
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))  # loopback only: listed in /proc/net/udp once bound
    try:
        assert str(os.fstat(probe.fileno()).st_ino) in inet_sockets(os.getpid())
    finally:
        probe.close()


def run_trapped(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    code = TRAP + f"sys.path.insert(0, {str(ROOT)!r})\nimport main\nsys.exit(main.main({args!r}))\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_command_line_opens_no_socket(forms_dir, tmp_path):
    files = [str(p) for p in sorted(forms_dir.glob("f*.json"))[:3]]
    checked = run_trapped(["check", "--json", *files], tmp_path)
    assert checked.returncode in (0, 1) and "NETWORK" not in checked.stderr, checked.stderr
    exported = run_trapped(["export", *files, "--xlsx", "all.xlsx", "--pdf", "all.pdf"], tmp_path)
    assert exported.returncode == 0 and "NETWORK" not in exported.stderr, exported.stderr
    imported = run_trapped(["import", "all.xlsx", "--out", "drafts"], tmp_path)
    assert imported.returncode == 0 and "NETWORK" not in imported.stderr, imported.stderr
    assert len(list((tmp_path / "drafts").glob("*.json"))) == 3


def test_subprocess_trap_is_live(tmp_path):
    """The wrapper really traps: a program that does reach for the network is caught."""
    code = TRAP + "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.invalid/')\nexcept Exception:\n    pass\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "NETWORK:" in result.stderr
