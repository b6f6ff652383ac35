"""A save, export or import killed at any step of its write leaves the old file or the new one, whole.

A child process (tests/writers/child_writer.py) writes one kind of file to a fixed target over and
over, alternating two forms. It stops at a chosen step of the N-th atomic write
(:data:`model.atomic.STEPS`: temp file created, content written, fsync'ed, backup copied, just
before and just after the rename) and the test kills it there with SIGKILL, then checks the folder:

- before the first rename the target is absent; afterwards it is present, and it is exactly the
  version of the last write that got as far as its rename: a draft byte for byte (and its .bak the
  one before); a workbook opens with openpyxl and reads back as that form; a PDF opens with pypdf
  (strict) with that form's page count; every draft an import wrote loads;
- a temporary file is left exactly when the kill came before the rename — proof the kill landed
  inside a write — and its name starts with "." and ends with ".tmp", so no one (nor the
  workspace's ``*.json`` scan) can take it for the target; nothing else is there.

No timing is involved: the same kill points are hit on every run. ``-m slow`` adds later writes.
"""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import pytest

from model.atomic import STEPS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

CHILD = Path(__file__).resolve().parent / "writers" / "child_writer.py"
TEMP = re.compile(r"^\..+\.tmp$")
TARGETS = {"draft": "target.json", "xlsx": "target.xlsx", "pdf": "target.pdf", "import": "out"}
NO_BACKUP = tuple(step for step in STEPS if step != "backup-copied")
CHILD_TIMEOUT_S = 120  # only ever reached when the child is broken: a paused child answers at once


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Two real forms, a two-sheet workbook made of them, and how each version shows in a file."""
    from exporters.xlsx_writer import write_workbook
    from model.draft import draft_bytes, load_draft
    from model.report import assess_form
    from exporters.pdf_writer import pdf_bytes
    from pypdf import PdfReader
    from tests.conftest import FORMS_DIR

    folder = tmp_path_factory.mktemp("sources")
    paths = [FORMS_DIR / "f17.json", FORMS_DIR / "f23.json"]
    forms = [load_draft(p) for p in paths]
    assessed = [assess_form(f) for f in forms]
    book = folder / "book.xlsx"
    write_workbook(assessed, book)
    return {
        "paths": paths, "book": book, "names": [f.project.name for f in forms],
        "draft": [draft_bytes(f) for f in forms],
        "xlsx": [f.project.name for f in forms],
        "pdf": [len(PdfReader(io.BytesIO(pdf_bytes([a]))).pages) for a in assessed],
    }


def version_of_draft(target: Path) -> bytes:
    return target.read_bytes()


def version_of_xlsx(target: Path) -> str:
    import openpyxl
    from exporters.xlsx_reader import read_workbook
    openpyxl.load_workbook(target).close()
    forms = read_workbook(target)
    assert len(forms) == 1
    return forms[0][1].project.name


def version_of_pdf(target: Path) -> int:
    from pypdf import PdfReader
    reader = PdfReader(target, strict=True)
    reader.pages[-1].extract_text()  # the last page's content stream is there and parses
    return len(reader.pages)


VERSION_OF: dict[str, Callable[[Path], Any]] = {"draft": version_of_draft, "xlsx": version_of_xlsx,
                                                "pdf": version_of_pdf}


def run_until(kind: str, target: Path, sources: dict, step: str, nth: int) -> None:
    """Start the child, let it reach ``step`` of its ``nth`` write, and kill it there."""
    args = [sys.executable, str(CHILD), kind, str(target), *map(str, sources["paths"]), str(sources["book"])]
    env = {**os.environ, "PAUSE": f"{step}:{nth}"}
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    watchdog = threading.Timer(CHILD_TIMEOUT_S, child.kill)  # a broken child must not hang the run
    watchdog.start()
    try:
        lines = [child.stdout.readline().strip() for _ in range(2)]
    finally:
        watchdog.cancel()
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate()
    assert lines == ["ready", f"paused {step} {nth}"], err
    assert child.returncode == -signal.SIGKILL


def temps_and_strays(folder: Path, allowed: set[str]) -> int:
    """Temp files left by the kill; any other file but ``allowed`` fails the test."""
    temps = 0
    for path in folder.iterdir():
        if TEMP.match(path.name):
            temps += 1
        else:
            assert path.name in allowed, f"stray file {path.name}"
    return temps


def check_file(kind: str, folder: Path, sources: dict, step: str, nth: int) -> None:
    target = folder / TARGETS[kind]
    renamed = nth + (step == "replaced")  # writes that got as far as their rename
    if renamed == 0:
        assert not target.exists(), "the target exists before any write finished"
    else:
        try:
            version = VERSION_OF[kind](target)
        except Exception as exc:  # noqa: BLE001 - any reader failure means a broken file
            raise AssertionError(f"{kind}: broken target at {step} of write {nth}: {exc!r}") from exc
        assert version == sources[kind][(renamed - 1) % 2], f"not the last whole version at {step} of write {nth}"
    backup = target.with_name(target.name + ".bak")
    if kind == "draft":  # write k (k ≥ 1) puts version k - 1 in the .bak just before its rename
        backed_up = nth - 1 if step in ("before-replace", "replaced") else nth - 2
        if backed_up < 0:
            assert not backup.exists(), f"a .bak at {step} of write {nth}"
        else:
            assert backup.read_bytes() == sources["draft"][backed_up % 2], "the .bak is not the previous version"
    temps = temps_and_strays(folder, {target.name, backup.name})
    expected = 0 if step == "replaced" else 2 if step == "backup-copied" else 1
    assert temps == expected, f"{temps} temp files at {step} of write {nth}"


def check_import(folder: Path, sources: dict, step: str, nth: int) -> None:
    from model.draft import load_draft
    out = folder / TARGETS["import"]
    drafts = temps = 0
    for round_dir in sorted(out.iterdir()) if out.exists() else ():
        assert round_dir.is_dir() and round_dir.name.startswith("round-"), round_dir.name
        for path in round_dir.iterdir():
            if TEMP.match(path.name):
                temps += 1
                continue
            assert path.suffix == ".json", path.name
            assert load_draft(path).project.name in sources["names"]
            drafts += 1
    assert drafts == nth + (step == "replaced"), f"{drafts} drafts at {step} of write {nth}"
    assert temps == (0 if step == "replaced" else 1)


def kill_at(kind: str, folder: Path, sources: dict, step: str, nth: int) -> None:
    run_until(kind, folder / TARGETS[kind], sources, step, nth)
    if kind == "import":
        check_import(folder, sources, step, nth)
    else:
        check_file(kind, folder, sources, step, nth)


CASES = ([("draft", step, 1) for step in STEPS] + [("draft", step, 0) for step in ("written", "replaced")]
         + [(kind, step, nth) for kind in ("xlsx", "pdf") for step in NO_BACKUP for nth in (0, 1)
            if nth == 1 or step in ("written", "replaced")]
         + [("import", step, nth) for step in ("created", "written", "replaced") for nth in (0, 1)])


@pytest.mark.parametrize("kind, step, nth", CASES)
def test_killed_at_a_step_of_a_write_leaves_old_or_new_file_whole(kind, step, nth, tmp_path, sources):
    kill_at(kind, tmp_path, sources, step, nth)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["draft", "xlsx", "pdf", "import"])
def test_killed_at_every_step_of_later_writes(kind, tmp_path_factory, sources, request):
    """Every step of writes 0 to 3 (``-m slow`` or PERF_EVAL_SLOW=1); CI runs the cases above."""
    if "slow" not in (request.config.getoption("markexpr") or "") and not os.environ.get("PERF_EVAL_SLOW"):
        pytest.skip("long kill grid: run with -m slow")
    steps = STEPS if kind == "draft" else NO_BACKUP
    for nth in range(4):
        for step in steps:
            if step == "backup-copied" and nth == 0:
                continue  # the first save has nothing to back up
            kill_at(kind, tmp_path_factory.mktemp(f"{kind}-{step}-{nth}"), sources, step, nth)
