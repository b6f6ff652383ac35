"""How long the PDF export takes for a batch of forms (the real forms repeated).

Target: 30 forms in under 3 s on the 2-core CI machine, growing linearly with the number of forms.
Run: ``python -m bench.bench_pdf`` (prints the seconds for 30 and 300 forms).
"""
from __future__ import annotations

import time

from bench.forms import batch_of, real_forms
from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_writer import pdf_bytes


def bench_pdf_export(n: int) -> float:
    """Seconds to lay out and write one PDF of ``n`` forms (with the summary page)."""
    forms = real_forms()
    batch = batch_of(forms, n)
    register_cjk_font()  # loading the font file once per process is not what is measured,
    pdf_bytes(forms[:1])  # nor the first use of reportlab's lazily built caches
    start = time.perf_counter()
    pdf_bytes(batch)
    return time.perf_counter() - start


if __name__ == "__main__":
    for count in (30, 300):
        print(f"PDF export of {count} forms: {bench_pdf_export(count):.2f} s")
