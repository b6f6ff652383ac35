"""Child process for tests/test_interrupted_writes.py: writes one kind of file over and over.

    PAUSE=STEP:N python child_writer.py KIND TARGET FORM_A FORM_B [BOOK]

KIND is ``draft`` (save_draft to TARGET), ``xlsx`` / ``pdf`` (export to TARGET) or ``import``
(import BOOK into a new sub-folder of TARGET each round). The forms alternate between FORM_A and
FORM_B so the parent can tell which whole version it finds. The child prints ``ready`` once its
imports are done, then writes. With ``PAUSE``, when its N-th atomic write (from 0; an import makes
one per sheet) reaches step STEP of :func:`model.atomic.atomic_write`, it prints ``paused STEP N``
and waits there to be killed.
"""
from __future__ import annotations

import os
import sys
import threading
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, also when not installed

from model import atomic  # noqa: E402
from model.draft import load_draft, save_draft  # noqa: E402
from model.report import assess_form  # noqa: E402


def pause_at(spec: str) -> None:
    """Install the step hook: stop for good at STEP of the N-th write."""
    wanted, nth = spec.split(":")
    current = -1  # the write in progress

    def hook(step: str) -> None:
        nonlocal current
        if step == "created":  # the first step of every write
            current += 1
        if step == wanted and current == int(nth):
            print(f"paused {step} {nth}", flush=True)
            threading.Event().wait()  # until SIGKILL

    atomic.step_hook = hook


def main(kind: str, target: str, form_a: str, form_b: str, book: str = "") -> None:
    forms = [load_draft(form_a), load_draft(form_b)]
    assessed = [assess_form(f) for f in forms]
    warm = lambda: None  # noqa: E731
    if kind == "draft":
        write = lambda n: save_draft(forms[n % 2], target)  # noqa: E731
    elif kind == "xlsx":
        from exporters.xlsx_writer import workbook_bytes, write_workbook
        warm = lambda: workbook_bytes(assessed[:1])  # noqa: E731
        write = lambda n: write_workbook([assessed[n % 2]], target)  # noqa: E731
    elif kind == "pdf":
        from exporters.pdf_writer import pdf_bytes, write_pdf
        warm = lambda: pdf_bytes(assessed[:1])  # noqa: E731 (loads the fonts)
        write = lambda n: write_pdf([assessed[n % 2]], target)  # noqa: E731
    elif kind == "import":
        from exporters.xlsx_reader import import_workbook, read_workbook
        warm = lambda: read_workbook(book)  # noqa: E731
        write = lambda n: import_workbook(book, Path(target) / f"round-{n:06d}")  # noqa: E731
    else:
        raise SystemExit(f"unknown kind {kind}")
    warm()  # in memory only: the first write to the target may be the one that is killed
    if os.environ.get("PAUSE"):
        pause_at(os.environ["PAUSE"])
    print("ready", flush=True)
    for n in count():
        write(n)


if __name__ == "__main__":
    main(*sys.argv[1:])
