"""Import refuses hostile or foreign files with a clear message and writes nothing when it fails."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from exporters import xlsx_guard
from exporters.xlsx_reader import WorkbookError, import_workbook, read_workbook
from exporters.xlsx_writer import workbook_bytes
from model.draft import load_draft
from model.report import AssessedForm, load_assessed

BOMB_DTD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                      for n in range(1, 10)) + "]>\n")


@pytest.fixture
def assessed(real_form_paths: list[Path]) -> list[AssessedForm]:
    return [load_assessed(p) for p in real_form_paths[:3]]


@pytest.fixture
def book(assessed, tmp_path) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes(assessed))
    return path


def _rewrite(path: Path, target: Path, member: str, change) -> Path:
    """Copy a workbook, passing one member's text through ``change``."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(info.filename, data)
    return target


def _body(text: str) -> str:
    return text.split("?>", 1)[1] if text.startswith("<?xml") else text


def _bomb(text: str) -> str:
    """A worksheet whose first cell value expands to a billion "lol"s when the XML is parsed."""
    body = _body(text)
    assert "<v>" in body
    return BOMB_DTD + body.replace("<v>", "<v>&lol9;", 1)


def test_openpyxl_parses_with_defusedxml():
    assert xlsx_guard.defused_xml_active()


def test_xml_bomb_refused_by_defusedxml_and_by_the_guard(book, tmp_path):
    hostile = _rewrite(book, tmp_path / "bomb.xlsx", "xl/worksheets/sheet2.xml", _bomb)
    from defusedxml import EntitiesForbidden
    # openpyxl alone already refuses it (wrapped in ValueError); given a path it would leak the file
    with hostile.open("rb") as stream, pytest.raises(Exception) as refused:
        load_workbook(stream)
    chain = [refused.value, refused.value.__cause__, refused.value.__context__]
    assert any(isinstance(e, EntitiesForbidden) for e in chain)
    with pytest.raises(WorkbookError) as info:
        read_workbook(hostile)
    assert "bomb.xlsx" in str(info.value) and "不安全" in str(info.value)


def test_doctype_after_a_long_prolog_is_still_found(book, tmp_path):
    def change(text: str) -> str:
        return '<?xml version="1.0" encoding="UTF-8"?>' + "<!--" + "x" * 10000 + "-->" + '<!DOCTYPE x [<!ENTITY e "e">]>' + _body(text)
    hostile = _rewrite(book, tmp_path / "late.xlsx", "xl/workbook.xml", change)
    with pytest.raises(WorkbookError, match="DOCTYPE"):
        read_workbook(hostile)


def test_defusedxml_message_when_the_guard_is_bypassed(book, tmp_path, monkeypatch):
    hostile = _rewrite(book, tmp_path / "bomb.xlsx", "xl/worksheets/sheet2.xml", _bomb)
    monkeypatch.setattr(xlsx_guard, "_check_xml_head", lambda *args: None)
    with pytest.raises(WorkbookError, match="不安全的 XML 内容"):
        read_workbook(hostile)


def test_oversized_file_refused(tmp_path):
    path = tmp_path / "big.xlsx"
    with path.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)
    with pytest.raises(WorkbookError, match="过大"):
        read_workbook(path)


def _with_extra_member(book, path, name: str, zero_bytes: int):
    """A copy of ``book`` with one more, highly compressible member (zeros)."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
        out.writestr(name, b"\0" * zero_bytes)
    return path


def test_zip_bomb_refused_from_declared_sizes(book, tmp_path):
    path = _with_extra_member(book, tmp_path / "zipbomb.xlsx", "xl/media/huge.bin", 60 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(WorkbookError, match="解压后过大"):
        read_workbook(path)


def test_high_compression_ratio_refused(book, tmp_path):
    path = _with_extra_member(book, tmp_path / "ratio.xlsx", "xl/media/zeros.bin", 5 * 1024 * 1024)
    with pytest.raises(WorkbookError, match="压缩比异常"):
        read_workbook(path)


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "另存为"),
    ("项目名称,金额\n".encode("utf-8"), "不是 Excel 工作簿"),
    (b"", "不是 Excel 工作簿"),
])
def test_non_xlsx_files_refused(tmp_path, content, message):
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message):
        read_workbook(path)


def test_zip_that_is_not_a_workbook_refused(tmp_path):
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("word/document.xml", "<w/>")
    with pytest.raises(WorkbookError, match="缺少工作簿内容"):
        read_workbook(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkbookError, match="不存在"):
        read_workbook(tmp_path / "nope.xlsx")
    with pytest.raises(WorkbookError, match="文件夹"):
        read_workbook(tmp_path)


def test_foreign_sheet_named_with_its_cell_and_the_forms_still_imported(book, assessed, tmp_path):
    wb = load_workbook(book)
    notes = wb.create_sheet("说明")
    notes["A1"] = "本工作簿由财务科整理"
    notes["B2"] = 42
    wb.save(book)
    out = tmp_path / "out"
    written, broken = import_workbook(book, out)
    [(sheet, message)] = broken
    assert sheet == "说明"
    assert message.startswith("工作表“说明”单元格 A4:")
    assert "项目名称" in message
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    assert len(written) == len(assessed)


def test_a_workbook_whose_only_sheet_is_foreign_is_refused_with_the_sheets_reason(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本工作簿由财务科整理"
    wb.save(tmp_path / "notes.xlsx")
    with pytest.raises(WorkbookError) as info:
        import_workbook(tmp_path / "notes.xlsx", tmp_path / "out")
    assert str(info.value).startswith("工作表“说明”单元格 ")
    assert not (tmp_path / "out").exists()


def test_bad_number_named_with_sheet_and_cell_and_only_that_sheet_left_out(book, assessed, tmp_path):
    wb = load_workbook(book)
    ws = wb[assessed[2].name]  # the last sheet: the first two would be fine
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标")
    row = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 7).value == 10)
    ws.cell(row, 7).value = "十分"
    wb.save(book)
    out = tmp_path / "out"
    out.mkdir()
    written, broken = import_workbook(book, out)
    assert broken == [(assessed[2].name, f"工作表“{assessed[2].name}”单元格 G{row}:分值应为数字,而不是“十分”")]
    assert [load_draft(p).project.name for p in written] == [a.form.project.name for a in assessed[:2]]
    assert sorted(out.iterdir()) == sorted(written)
    with pytest.raises(WorkbookError, match="分值应为数字"):  # taken whole or not at all
        read_workbook(book)


def test_missing_weight_and_changed_header_named(book, assessed, tmp_path):
    wb = load_workbook(book)
    ws = wb[assessed[0].name]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标")
    ws.cell(header + 1, 7).value = None
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(WorkbookError, match=f"单元格 G{header + 1}:分值不能为空"):
        read_workbook(tmp_path / "a.xlsx")
    ws.cell(header, 5).value = "目标"
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(WorkbookError, match=f"单元格 E{header}:应为表头“年度指标值\\(A\\)”"):
        read_workbook(tmp_path / "b.xlsx")


def test_unknown_template_and_newer_version_refused(book, assessed, tmp_path):
    wb = load_workbook(book)
    ws = wb[assessed[0].name]
    ws["P1"] = "perf-self-eval:1:no-such-template"
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(WorkbookError, match="单元格 P1:未知的模板“no-such-template”"):
        read_workbook(tmp_path / "a.xlsx")
    ws["P1"] = "perf-self-eval:2:guizhou-2024"
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(WorkbookError, match="更新版本"):
        read_workbook(tmp_path / "b.xlsx")


def test_failed_write_removes_drafts_already_written(book, tmp_path, monkeypatch):
    import exporters.xlsx_reader as reader
    from model.atomic import WriteError
    calls = []

    def flaky(form, path, backup=False):
        if calls:
            raise WriteError("无法写入:磁盘已满")
        calls.append(path)
        Path(path).write_text("{}", encoding="utf-8")

    monkeypatch.setattr(reader, "save_draft", flaky)
    out = tmp_path / "out"
    with pytest.raises(WriteError):
        import_workbook(book, out)
    assert list(out.iterdir()) == []


def test_workbook_without_form_sheets(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(WorkbookError, match="没有绩效自评表工作表"):
        read_workbook(tmp_path / "empty.xlsx")


def test_bytes_roundtrip_does_not_depend_on_a_file_name(assessed):
    data = workbook_bytes(assessed)
    assert zipfile.is_zipfile(io.BytesIO(data))
