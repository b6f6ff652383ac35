"""How long the PDF export takes for a batch of forms (the real forms repeated), and against what floor.

The floor is what reportlab itself needs for the same texts: each form's texts in one plain reportlab
Table of CJK-wrapped Paragraphs, in the same embedded font, one form per page run, written to a file.
Both are timed as a whole process (interpreter start, imports, font loading, reading the forms,
layout, writing), the way a user's ``main.py export`` runs, in the same bench run so the machine's
load is the same for both. Target: the export at most twice the floor, growing linearly with the
number of forms (30 / 100 / 500).

Run: ``python -m bench.bench_pdf`` (prints the floor and the export for 30, 100 and 500 forms).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.forms import batch_of, real_forms
from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_writer import pdf_bytes

ROOT = Path(__file__).resolve().parents[1]

_EXPORT = """
import sys
sys.path.insert(0, {root!r})
from bench.forms import batch_of, real_forms
from exporters.pdf_writer import write_pdf
write_pdf(batch_of(real_forms(), {n}), {out!r})
"""

_FLOOR = """
import sys
sys.path.insert(0, {root!r})
from bench.bench_pdf import write_floor
write_floor({n}, {out!r})
"""


def _form_texts(af) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """A form's texts as table rows: the header fields, the funds rows, the goals, every leaf, the end."""
    form, ev = af.form, af.evaluation
    project = form.project
    rows = [[af.template.title, str(form.year), "", "", "", "", ""],
            ["项目名称", project.name, "主管部门", project.department, "实施单位", project.unit, project.fill_date]]
    for line in form.funds.rows:
        rows.append([line.label, str(line.initial or ""), str(line.budget or ""), str(line.executed or ""), "", "", ""])
    rows.append(["年度总体目标", form.goals.expected, "", form.goals.achieved, "", "", ""])
    for dimension, category, leaf in form.iter_leaves():
        score = ev.leaf(leaf).score
        rows.append([f"{dimension.name}/{category.name}", leaf.name, leaf.target, leaf.actual,
                     f"{leaf.weight}/{score if score is not None else ''}", leaf.reason, leaf.remark])
    rows.append(["自评结论", form.conclusion, "", "", "", "", project.contact])
    return rows


def write_floor(n: int, out: str) -> None:
    """The floor: the same texts, each form one plain Table of CJK Paragraphs, no merging or decorations."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    font = register_cjk_font()
    style = ParagraphStyle("floor", fontName=font, fontSize=9, leading=10.8, wordWrap="CJK")
    widths = [w * mm for w in (24, 30, 22, 22, 18, 56, 18)]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    story = []
    for af in batch_of(real_forms(), n):
        data = [[Paragraph(escape(text), style) for text in row] for row in _form_texts(af)]
        story += [Table(data, colWidths=widths, style=grid, repeatRows=0), PageBreak()]
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm)
    doc.build(story)


def _process_seconds(code: str, n: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "bench.pdf")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code.format(root=str(ROOT), n=n, out=out)], check=True)
        return time.perf_counter() - start


def bench_pdf_process(n: int, repeat: int = 2) -> float:
    """Seconds for a whole process that exports ``n`` forms to one PDF (best of ``repeat``)."""
    return min(_process_seconds(_EXPORT, n) for _ in range(repeat))


def bench_pdf_floor(n: int, repeat: int = 2) -> float:
    """Seconds for a whole process that writes the floor of ``n`` forms (best of ``repeat``)."""
    return min(_process_seconds(_FLOOR, n) for _ in range(repeat))


def bench_pdf_export(n: int) -> float:
    """Seconds to lay out and write one PDF of ``n`` forms (with the summary page), in this process."""
    forms = real_forms()
    batch = batch_of(forms, n)
    register_cjk_font()  # loading the font file once per process is not what is measured,
    pdf_bytes(forms[:1])  # nor the first use of reportlab's lazily built caches
    start = time.perf_counter()
    pdf_bytes(batch)
    return time.perf_counter() - start


if __name__ == "__main__":
    floor = bench_pdf_floor(30)
    export = bench_pdf_process(30)
    print(f"floor, 30 forms (whole process):  {floor:.2f} s")
    print(f"export, 30 forms (whole process): {export:.2f} s ({export / floor:.2f} × floor)")
    for count in (30, 100, 500):
        seconds = bench_pdf_export(count)
        print(f"export of {count} forms (layout and writing): {seconds:.2f} s, {seconds / count * 1000:.1f} ms/form")
