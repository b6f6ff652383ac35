"""Export targets open in Excel, WPS or LibreOffice are recognised by those programs' lock files."""
from __future__ import annotations

from model.open_elsewhere import office_owner_files, open_elsewhere


def office_owner(name: str) -> bytes:
    """An owner file as Office writes it: length, ANSI name padded to 54 bytes, then UTF-16."""
    ansi = name.encode("gbk")
    return bytes([len(name)]) + ansi.ljust(54, b" ") + b"\x00" + name.encode("utf-16-le") + b"\x00" * 40


def test_nothing_beside_the_file(tmp_path):
    (tmp_path / "汇总.xlsx").write_bytes(b"x")
    (tmp_path / "other.xlsx").write_bytes(b"x")
    (tmp_path / "~$other.xlsx").write_bytes(b"x")
    assert open_elsewhere(tmp_path / "汇总.xlsx") is None


def test_excel_or_wps_owner_file_names_the_user(tmp_path):
    target = tmp_path / "汇总.xlsx"
    (tmp_path / "~$汇总.xlsx").write_bytes(office_owner("张三"))
    assert open_elsewhere(target) == "Excel 或 WPS(用户“张三”)"


def test_owner_file_that_does_not_decode_still_counts(tmp_path):
    target = tmp_path / "汇总.xlsx"
    (tmp_path / "~$汇总.xlsx").write_bytes(b"\x00\xff\xfe")
    assert open_elsewhere(target) == "Excel 或 WPS"


def test_word_style_short_owner_name_for_long_names(tmp_path):
    target = tmp_path / "2024年度绩效自评.pdf"
    assert office_owner_files(target)[1].name == "~$24年度绩效自评.pdf"
    office_owner_files(target)[1].write_bytes(b"")
    assert open_elsewhere(target) == "Excel 或 WPS"


def test_libreoffice_lock_names_the_user(tmp_path):
    target = tmp_path / "汇总.xlsx"
    (tmp_path / ".~lock.汇总.xlsx#").write_text("王五,PC-7,wangwu,01.12.2026 08:00,file:///home/wangwu;",
                                                  encoding="utf-8")
    assert open_elsewhere(target) == "LibreOffice(用户“王五”)"
    (tmp_path / ".~lock.汇总.xlsx#").write_text(",PC-7,wangwu,01.12.2026 08:00,x;", encoding="utf-8")
    assert open_elsewhere(target) == "LibreOffice(用户“wangwu”)"
