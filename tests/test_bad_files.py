"""Bad draft files: each is refused with a clear Chinese message, never a traceback, and never changed.

The same files go through the three doors a user has: ``main.py check`` and ``main.py export``
(real subprocesses: stderr and exit code 2) and the window's open path (the error dialog function
of ui.dialogs is replaced to record what the user would read). After each attempt the file's bytes
and modification time are what they were, no file appeared beside it, and the program still works.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from model.draft_lock import is_lock_file
from tests.conftest import FORMS_DIR

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "main.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
TIMEOUT = 60  # a file that makes the program hang fails the test instead of blocking CI


def _real_text() -> str:
    return (FORMS_DIR / "f17.json").read_text(encoding="utf-8")


def _with(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = json.loads(_real_text())
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return write


def _replace(old: str, new: str) -> Callable[[Path], None]:
    """Raw text surgery for what json.dumps cannot write (NaN as a bare word, huge literals)."""
    def write(path: Path) -> None:
        text = _real_text()
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return write


def _leaf(data: dict) -> dict:
    return data["indicators"][0]["children"][0]["children"][0]


def _set_leaf(key: str, value) -> Callable[[dict], None]:
    return lambda data: _leaf(data).__setitem__(key, value)


def _huge(path: Path) -> None:
    """50 MB: sparse, so the test costs no disk; the program must refuse it before reading."""
    with path.open("wb") as stream:
        stream.write(b'{"format": "perf-self-eval", "version": 1, "padding": "')
        stream.truncate(50 * 1024 * 1024)


# name -> (how to make the file, a word the message must contain)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "空"),
    "truncated": (lambda p: p.write_bytes(_real_text().encode("utf-8")[:900]), "JSON"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 40), "UTF-8"),
    "utf16": (lambda p: p.write_bytes(_real_text().encode("utf-16")), "UTF-8"),
    "json_list": (lambda p: p.write_text("[1, 2, 3]", encoding="utf-8"), "不是绩效自评表草稿"),
    "json_string": (lambda p: p.write_text('"劳务协作站"', encoding="utf-8"), "不是绩效自评表草稿"),
    "not_a_form": (lambda p: p.write_text('{"name": "劳务协作站", "weight": 10}', encoding="utf-8"),
                   "不是绩效自评表草稿"),
    "weight_abc": (_with(_set_leaf("weight", "abc")), "abc"),
    "weight_list": (_with(_set_leaf("weight", [10])), "应为数字"),
    "name_number": (_with(_set_leaf("name", 12)), "应为文字"),
    "children_object": (_with(lambda d: d["indicators"][0].__setitem__("children", {"a": 1})), "应为列表"),
    "year_text": (_with(lambda d: d.__setitem__("year", "二〇二四")), "年度"),
    "nan": (_replace('"weight": 10', '"weight": NaN'), "NaN"),
    "infinity": (_replace('"weight": 10', '"weight": -Infinity'), "Infinity"),
    "budget_1e16": (_replace('"budget": 300000', '"budget": 1e16'), "过大"),
    "budget_10_pow_15": (_replace('"budget": 300000', '"budget": 1000000000000000'), "过大"),
    "exponent_overflow": (_replace('"executed": 135474.83', '"executed": 1e999999999'), "过大"),
    "integer_5000_digits": (_replace('"budget": 300000', '"budget": ' + "9" * 5000), "过大"),
    "tiny_exponent": (_replace('"weight": 10', '"weight": 1e-999999999'), "小数"),
    "zero_exponent": (_replace('"executed": 135474.83', '"executed": 0e-99999999'), "小数"),
    "deep_lists": (lambda p: p.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8"), "嵌套"),
    "deep_objects": (lambda p: p.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8"), "嵌套"),
    "deep_in_field": (_with(lambda d: d["project"].__setitem__("name", [[[[[[[["x"]]]]]]]])), "应为文字"),
    "lone_surrogate": (_replace('"name": "劳务', '"name": "\\ud800劳务'), "无效字符"),
    "newer_version": (_with(lambda d: d.__setitem__("version", 3)), "升级"),
    "version_text": (_with(lambda d: d.__setitem__("version", "1")), "版本"),
    "unknown_template": (_with(lambda d: d.__setitem__("template", "nowhere-1999")), "nowhere-1999"),
    "directory": (lambda p: p.mkdir(), "文件夹"),
    "missing": (lambda p: None, "不存在"),
    "fifty_mb": (_huge, "过大"),
}


def make_case(name: str, folder: Path) -> Path:
    path = folder / f"{name}.json"
    CASES[name][0](path)
    return path


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry of the folder with its size, mtime and (for small files) its bytes."""
    state = {}
    for entry in sorted(folder.iterdir()):
        info = entry.stat()
        content = entry.read_bytes() if entry.is_file() and info.st_size < 1_000_000 else None
        state[entry.name] = (entry.is_dir(), info.st_size, info.st_mtime_ns, content)
    return state


def assert_clear_message(text: str, word: str) -> None:
    assert CJK.search(text), f"no Chinese in {text!r}"
    assert word in text, f"{word!r} not in {text!r}"
    for leak in ("Traceback", "File \"", "Error:", "Exception", "line "):
        assert leak not in text, f"{leak!r} leaks into the message {text!r}"
    assert len(text) < 2000, "a message, not a dump"


def run_main(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_refuses_with_message_and_exit_2(name, tmp_path):
    path = make_case(name, tmp_path)
    before = snapshot(tmp_path)
    result = run_main("check", path.name, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout.strip() == ""
    assert_clear_message(result.stderr, CASES[name][1])
    assert path.name in result.stderr  # the user learns which file
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_refuses_and_writes_nothing(name, tmp_path):
    path = make_case(name, tmp_path)
    before = snapshot(tmp_path)
    result = run_main("export", path.name, "--xlsx", "out.xlsx", "--pdf", "out.pdf", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert_clear_message(result.stderr, CASES[name][1])
    assert "未导出" in result.stderr
    assert snapshot(tmp_path) == before  # neither out.xlsx nor out.pdf nor a temp file


def test_check_reports_good_files_beside_bad_ones(tmp_path, forms_dir):
    """One bad file does not stop the others: their figures are printed, the bad one is an entry
    with its error, the exit code is 2."""
    bad = make_case("weight_abc", tmp_path)
    result = run_main("check", "--json", str(forms_dir / "f17.json"), bad.name, cwd=tmp_path)
    assert result.returncode == 2
    forms = json.loads(result.stdout)["forms"]
    assert [f.get("project") for f in forms] == ["劳务协作站工作经费", None]
    assert forms[1]["file"] == bad.name and "abc" in forms[1]["error"]
    assert_clear_message(result.stderr, "abc")


# --- the window ---------------------------------------------------------------------------------

@pytest.fixture
def window(qtbot, monkeypatch):
    from tests.ui.window_helpers import ensure_indicator_view
    ensure_indicator_view()
    from ui import dialogs
    from ui.window.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, text, title="": shown.append(text))
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": shown.append(text))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    win.shown = shown
    return win


@pytest.mark.parametrize("name", sorted(CASES))
def test_window_open_refuses_with_dialog_and_keeps_running(name, window, tmp_path, forms_dir):
    path = make_case(name, tmp_path)
    before = snapshot(tmp_path)
    assert window.file_actions.open_file(path) is None
    assert len(window.shown) == 1, window.shown
    assert_clear_message(window.shown[0], CASES[name][1])
    assert window.tabs.count() == 0
    assert snapshot(tmp_path) == before
    # the program keeps running: a good form opens, is edited, saved elsewhere
    good = window.file_actions.open_file(forms_dir / "f17.json")
    assert good is not None and window.tabs.count() == 1
    window.current_tab().panel.funds.commit_money(0, "executed", "300000")
    assert window.current_tab().summary.texts()["funds_score"] == "10.00"
    saved = tmp_path / "good-saved.json"
    assert window.file_actions.save_tab_as(window.current_tab(), saved) and saved.is_file()
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k != saved.name and not is_lock_file(k)} == before  # untouched


# --- hostile workbooks through `main.py import` (the guard itself is tested in tests/exporters) ----

def _book(folder: Path) -> Path:
    from exporters.xlsx_writer import write_workbook
    from model.report import load_assessed
    path = folder / "source.xlsx"
    write_workbook([load_assessed(FORMS_DIR / "f01.json"), load_assessed(FORMS_DIR / "f17.json")], path)
    return path


def _xml_bomb(path: Path) -> None:
    from tests.exporters.test_xlsx_safety import _bomb, _rewrite
    source = _book(path.parent)
    _rewrite(source, path, "xl/worksheets/sheet2.xml", _bomb)
    source.unlink()


def _zip_bomb(path: Path) -> None:
    import zipfile
    source = _book(path.parent)
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in book.infolist():
            out.writestr(info.filename, book.read(info))
        out.writestr("xl/media/huge.bin", b"\0" * (60 * 1024 * 1024))
    source.unlink()


def _cell_text(text: str) -> Callable[[Path], None]:
    """A budget typed as text in Excel: the first cell holding 300000 (f01's 全年预算数) becomes ``text``."""
    def write(path: Path) -> None:
        import openpyxl
        source = _book(path.parent)
        workbook = openpyxl.load_workbook(source)
        cell = next(c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value == 300000)
        cell.value = text
        workbook.save(path)
        source.unlink()
    return write


def _sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as stream:
            stream.write(b"PK\x03\x04")
            stream.truncate(size)
    return write


BOOKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "xml_bomb": (_xml_bomb, "不安全"),
    "zip_bomb": (_zip_bomb, "过大"),
    "oversized": (_sparse(25 * 1024 * 1024), "过大"),
    "old_xls": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096), "另存为"),
    "csv_renamed": (lambda p: p.write_text("项目名称,金额\n劳务协作站,300000\n", encoding="utf-8"), "不是 Excel"),
    "empty": (lambda p: p.write_bytes(b""), "不是 Excel"),
    "truncated": (lambda p: (_book(p.parent), p.write_bytes((p.parent / "source.xlsx").read_bytes()[:3000]),
                             (p.parent / "source.xlsx").unlink()), "Excel"),
    "directory": (lambda p: p.mkdir(), "文件夹"),
    "missing": (lambda p: None, "不存在"),
}


# A sheet spoilt in a spreadsheet program: f01's sheet is left out, f17's still imported.
SPOILT_SHEETS: dict[str, tuple[Callable[[Path], None], str]] = {
    "budget_1e999999999": (_cell_text("1e999999999"), "1e999999999"),
    "budget_letters": (_cell_text("三十万"), "三十万"),
}


def _import_on_the_command_line(make: Callable[[Path], None], name: str, tmp_path: Path):
    """Run `import` on the workbook ``make`` writes: the result and the drafts written (the workbook
    itself must be left untouched)."""
    path = tmp_path / f"{name}.xlsx"
    make(path)
    before = snapshot(tmp_path)
    result = run_main("import", path.name, "--out", "drafts", cwd=tmp_path)
    after = snapshot(tmp_path)
    after.pop("drafts", None)
    assert after == before  # the workbook untouched
    drafts = tmp_path / "drafts"
    return result, sorted(drafts.iterdir()) if drafts.is_dir() else []


@pytest.mark.parametrize("name", sorted(SPOILT_SHEETS))
def test_import_leaves_out_a_spoilt_sheet_with_message_and_exit_1(name, tmp_path):
    result, drafts = _import_on_the_command_line(SPOILT_SHEETS[name][0], name, tmp_path)
    assert result.returncode == 1, result.stderr
    assert_clear_message(result.stderr, SPOILT_SHEETS[name][1])
    assert "单元格 D7" in result.stderr and "此工作表未导入" in result.stderr
    [draft] = drafts
    assert json.loads(draft.read_text(encoding="utf-8"))["project"]["name"] == _name_of("f17.json")


def _name_of(source: str) -> str:
    return json.loads((FORMS_DIR / source).read_text(encoding="utf-8"))["project"]["name"]


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_import_refuses_hostile_workbook_with_message_and_exit_2(name, tmp_path):
    result, drafts = _import_on_the_command_line(BOOKS[name][0], name, tmp_path)
    assert result.returncode == 2, result.stderr
    assert_clear_message(result.stderr, BOOKS[name][1])
    assert drafts == []  # no draft written


def test_window_import_opens_the_other_forms_of_a_workbook_with_a_spoilt_sheet(window, qtbot, tmp_path):
    path = tmp_path / "budget.xlsx"
    SPOILT_SHEETS["budget_1e999999999"][0](path)
    before = snapshot(tmp_path)
    with qtbot.waitSignal(window.output.import_excel(str(path)).finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.tabs.count() == 1)
    assert window.current_document().form.project.name == _name_of("f17.json")
    assert len(window.shown) == 1
    assert_clear_message(window.shown[0], "1e999999999")
    assert snapshot(tmp_path) == before  # nothing written: the form is an unsaved tab


@pytest.mark.parametrize("name", ["xml_bomb", "zip_bomb", "truncated"])
def test_window_import_refuses_hostile_workbook(name, window, qtbot, tmp_path):
    path = tmp_path / f"{name}.xlsx"
    BOOKS[name][0](path)
    before = snapshot(tmp_path)
    with qtbot.waitSignal(window.output.import_excel(str(path)).finished, timeout=60_000):
        pass  # read on a worker thread: the window stays responsive
    assert len(window.shown) == 1 and window.tabs.count() == 0
    assert_clear_message(window.shown[0], BOOKS[name][1])
    assert snapshot(tmp_path) == before
