"""A save, export or import killed at any instant leaves the old file or the new one, whole.

A child process (tests/writers/child_writer.py) writes one kind of file to a fixed target over and
over, alternating two forms; the test kills it with SIGKILL after a random delay, many times, and
after every kill checks the folder:

- the target is absent only before its first write, and afterwards always present;
- it is whole: a draft is byte for byte one of the two versions (and so is its .bak); a workbook
  opens with openpyxl and reads back as one of the two forms; a PDF opens with pypdf (strict) and
  has the page count of one of the two; every draft an import wrote loads;
- nothing else is there but temporary files, whose names start with "." and end with ".tmp", so
  no one (nor the workspace's ``*.json`` scan) can take one for the target.

CI runs a short, time-bounded round per kind; ``-m slow`` runs the long one.
"""
from __future__ import annotations

import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

CHILD = Path(__file__).resolve().parent / "writers" / "child_writer.py"
TEMP = re.compile(r"^\..+\.tmp$")
MAX_DELAY = {"draft": 0.15, "xlsx": 0.3, "pdf": 0.4, "import": 0.5}  # a few writes' worth


@dataclass
class Round:
    kills: int = 0
    temp_seen: int = 0  # kills that caught a write in progress (a temp file was left)
    present_since: int = -1
    versions: set = field(default_factory=set)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Two real forms and a two-sheet workbook made of them."""
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
        "paths": paths, "book": book,
        "names": {f.project.name for f in forms},
        "draft_bytes": {draft_bytes(f) for f in forms},
        "pdf_pages": {len(PdfReader(io.BytesIO(pdf_bytes([a]))).pages) for a in assessed},
    }


def check_draft(target: Path, sources: dict) -> str:
    data = target.read_bytes()
    assert data in sources["draft_bytes"], f"draft is not a whole version ({len(data)} bytes)"
    backup = target.with_name(target.name + ".bak")
    if backup.exists():
        assert backup.read_bytes() in sources["draft_bytes"], "the .bak is not a whole version"
    return data[:200].decode("utf-8", "replace")


def check_xlsx(target: Path, sources: dict) -> str:
    import openpyxl
    from exporters.xlsx_reader import read_workbook
    openpyxl.load_workbook(target).close()
    forms = read_workbook(target)
    assert len(forms) == 1 and forms[0][1].project.name in sources["names"]
    return forms[0][1].project.name


def check_pdf(target: Path, sources: dict) -> str:
    from pypdf import PdfReader
    reader = PdfReader(target, strict=True)
    pages = len(reader.pages)
    assert pages in sources["pdf_pages"], f"{pages} pages"
    reader.pages[-1].extract_text()  # the last page's content stream is there and parses
    return str(pages)


def check_import(folder: Path, sources: dict) -> str:
    from model.draft import load_draft
    drafts = 0
    for round_dir in sorted(folder.iterdir()):
        assert round_dir.is_dir() and round_dir.name.startswith("round-"), round_dir.name
        for path in round_dir.iterdir():
            if TEMP.match(path.name):
                continue
            assert path.suffix == ".json", path.name
            assert load_draft(path).project.name in sources["names"]
            drafts += 1
    return str(drafts > 0)


CHECKS = {"draft": check_draft, "xlsx": check_xlsx, "pdf": check_pdf, "import": check_import}


def leftovers(folder: Path, target: Path) -> int:
    """Temp files left by a kill; any other stray file fails the test."""
    allowed = {target.name, target.name + ".bak"}
    temps = 0
    for path in folder.iterdir():
        if TEMP.match(path.name):
            temps += 1
        else:
            assert path.name in allowed, f"stray file {path.name}"
    return temps


def start_child(kind: str, target: Path, sources: dict) -> subprocess.Popen:
    args = [sys.executable, str(CHILD), kind, str(target), *map(str, sources["paths"]), str(sources["book"])]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        raise AssertionError(f"child did not start: {line!r} {child.communicate()[1]}")
    return child


def kill_loop(kind: str, folder: Path, sources: dict, kills: int, budget_s: float, seed: int) -> Round:
    rng = random.Random(seed)
    target = folder / {"draft": "target.json", "xlsx": "target.xlsx", "pdf": "target.pdf", "import": "out"}[kind]
    state = Round()
    deadline = time.monotonic() + budget_s
    temps_before = 0
    while state.kills < kills and (state.kills < 3 or time.monotonic() < deadline):
        child = start_child(kind, target, sources)
        time.sleep(rng.uniform(0, MAX_DELAY[kind]))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL, f"child ended by itself ({child.returncode})"
        state.kills += 1
        if not target.exists():
            assert state.present_since < 0, f"target vanished after kill {state.kills}"
            continue
        if state.present_since < 0:
            state.present_since = state.kills
        try:
            state.versions.add(CHECKS[kind](target, sources))
        except AssertionError:
            raise
        except Exception as exc:  # noqa: BLE001 - any reader failure means a broken file
            raise AssertionError(f"{kind}: broken target after kill {state.kills}: {exc!r}") from exc
        temps = import_leftovers(target) if kind == "import" else leftovers(folder, target)
        state.temp_seen += temps > temps_before
        temps_before = temps
    return state


def import_leftovers(out: Path) -> int:
    return sum(1 for d in out.iterdir() for p in d.iterdir() if TEMP.match(p.name))


@pytest.mark.parametrize("kind", ["draft", "xlsx", "pdf", "import"])
def test_killed_writer_leaves_old_or_new_file_whole(kind, tmp_path, sources):
    state = kill_loop(kind, tmp_path, sources, kills=12, budget_s=6, seed=zlib.crc32(kind.encode()))
    assert state.kills >= 3 and state.present_since > 0, "the child never got a file written"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["draft", "xlsx", "pdf", "import"])
def test_killed_writer_many_times(kind, tmp_path, sources, request):
    """About a minute per kind: run with ``-m slow`` (or PERF_EVAL_SLOW=1); CI runs the short one."""
    if "slow" not in (request.config.getoption("markexpr") or "") and not os.environ.get("PERF_EVAL_SLOW"):
        pytest.skip("long kill loop: run with -m slow")
    state = kill_loop(kind, tmp_path, sources, kills=60, budget_s=120, seed=int(time.time()))
    assert state.kills == 60
    if kind != "import":
        assert state.temp_seen, "no kill landed inside a write: the delays are too long to prove anything"
