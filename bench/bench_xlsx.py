"""How long the Excel export takes for a batch of forms (the ten real forms repeated).

Target: 30 forms in under 1 s on the 2-core CI machine, growing linearly with the number of forms
(500 forms should take about 500 / 30 times as long). Repeated forms share project names, so this
also exercises the unique sheet naming.
Run: ``python -m bench.bench_xlsx`` (prints the seconds for 30 and 500 forms and their ratio).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.forms import batch_of, real_forms  # noqa: E402
from exporters.xlsx_writer import write_workbook  # noqa: E402


def bench_xlsx_export(n: int) -> float:
    """Seconds to lay out and write (atomically, to disk) one workbook of ``n`` forms with its 汇总."""
    forms = real_forms()
    batch = batch_of(forms, n)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        write_workbook(batch, Path(folder) / "bench.xlsx")
        return time.perf_counter() - start


if __name__ == "__main__":
    small, large = bench_xlsx_export(30), bench_xlsx_export(500)
    print(f"Excel export of 30 forms: {small:.2f} s")
    print(f"Excel export of 500 forms: {large:.2f} s ({large / small:.1f} × the time of 30; linear: {500 / 30:.1f} ×)")
