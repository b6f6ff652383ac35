"""Exports onto a file another program has open: asked in Chinese, never a broken file (#15)."""
from __future__ import annotations

import os

import pytest

from model.report import load_assessed
from ui import dialogs
from ui.output import runner as export_actions


@pytest.fixture
def forms(f17):
    return [load_assessed(f17)]


class Asked(list):
    """The questions asked, in order; ``answers[name]`` lists the replies (a callable is called)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict = {"ask_target_in_use": [], "ask_retry_write": []}


@pytest.fixture
def asked(monkeypatch):
    record = Asked()

    def answer(name):
        def ask(parent, *args):
            record.append((name, args))
            reply = record.answers[name].pop(0)
            return reply() if callable(reply) else reply
        return ask

    for name in record.answers:
        monkeypatch.setattr(dialogs, name, answer(name))
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": record.append(("error", (text,))))
    return record


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_workbook_open_in_wps_is_asked_about_until_it_is_closed(qapp, tmp_path, forms, asked):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")
    owner = tmp_path / "~$汇总.xlsx"
    owner.write_bytes(b"")
    asked.answers["ask_target_in_use"] += [dialogs.RETRY, dialogs.CANCEL]
    assert not export_actions.write_export(None, "export_xlsx", forms, str(target))
    assert [name for name, _ in asked] == ["ask_target_in_use"] * 2  # 重试 while still open: asked again
    assert asked[0][1] == (str(target), "Excel 或 WPS")
    assert target.read_bytes() == b"old"

    def close_in_wps_then_retry():
        owner.unlink()
        return dialogs.RETRY

    asked.answers["ask_target_in_use"] += [close_in_wps_then_retry]
    assert export_actions.write_export(None, "export_xlsx", forms, str(target))
    assert target.read_bytes()[:2] == b"PK" and len(asked) == 3


def test_write_anyway_exports_over_a_leftover_lock(qapp, tmp_path, forms, asked):
    target = tmp_path / "汇总.pdf"
    (tmp_path / ".~lock.汇总.pdf#").write_text("张三,PC,zhang,01.12.2026 08:00,x;", encoding="utf-8")
    asked.answers["ask_target_in_use"] += [dialogs.WRITE_ANYWAY]
    assert export_actions.write_export(None, "export_pdf", forms, str(target))
    assert asked == [("ask_target_in_use", (str(target), "LibreOffice(用户“张三”)"))]
    assert target.read_bytes()[:5] == b"%PDF-"


def test_a_file_locked_by_windows_offers_retry_and_keeps_the_old_file(qapp, tmp_path, forms, asked, monkeypatch):
    """On Windows, replacing a workbook that Excel has open fails with PermissionError."""
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")
    real_replace = os.replace
    refusals = [1, 1]

    def locked_replace(src, dst):
        if str(dst) == str(target) and refusals:
            refusals.pop()
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked_replace)
    asked.answers["ask_retry_write"] += [True, False]
    assert not export_actions.write_export(None, "export_xlsx", forms, str(target))
    assert [name for name, _ in asked] == ["ask_retry_write"] * 2  # and no error box after 取消
    assert "被其他程序占用" in asked[0][1][0]
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []
    refusals.append(1)
    asked.answers["ask_retry_write"] += [True]
    assert export_actions.write_export(None, "export_xlsx", forms, str(target))
    assert target.read_bytes()[:2] == b"PK" and leftovers(tmp_path) == []


def test_other_write_errors_are_reported(qapp, tmp_path, forms, asked):
    assert not export_actions.write_export(None, "export_xlsx", forms, str(tmp_path / "无此文件夹" / "a.xlsx"))
    assert asked[-1][0] == "error" and "导出失败" in asked[-1][1][0] and "文件夹不存在" in asked[-1][1][0]
