"""Process and machine identity used to tell a live lock (or recovery copy) from a stale one."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from model import processes
from model.processes import boot_token, pid_alive, process_running, process_start_token, same_boot


def test_names_are_never_empty():
    assert processes.user_name() and processes.host_name()


def test_this_and_a_finished_process():
    assert pid_alive(os.getpid()) is True
    assert process_running(os.getpid(), process_start_token(os.getpid()))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert pid_alive(child.pid) is False
    assert not process_running(child.pid, None)
    assert pid_alive(0) is False and pid_alive(-3) is False


@pytest.mark.skipif(process_start_token(os.getpid()) is None, reason="no start times here")
def test_a_start_token_tells_a_reused_pid():
    parent = os.getppid()
    assert process_running(parent, process_start_token(parent))
    assert not process_running(parent, "1")
    assert not process_running(os.getpid(), "1")


def test_cannot_tell_counts_as_running(monkeypatch):
    monkeypatch.setattr(processes, "pid_alive", lambda pid: None)
    assert process_running(99999999, "x")


def test_boot_tokens():
    token = boot_token()
    assert same_boot(token, token) is (None if token is None else True)
    assert same_boot(None, "x") is None and same_boot("x", "y") is False
    assert same_boot("1000000", "1000100") and not same_boot("1000000", "1009999")
