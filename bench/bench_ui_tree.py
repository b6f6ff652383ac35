"""UI benchmark: how long the indicator tree takes to show the result of one edit.

One edit = ``setData`` on a leaf's 实际完成值 through the model (pushing an undo command, re-scoring
the form, the model emitting dataChanged for the changed rows) plus ``processEvents`` so the view
repaints. The form has ``n_leaves`` leaves; the target is well under 50 ms for 300.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_model import big_form  # noqa: E402
from ui.document import FormDocument  # noqa: E402
from ui.indicators.view import IndicatorView  # noqa: E402
from ui.qt import QApplication  # noqa: E402
from ui.indicators.cells import COL_ACTUAL  # noqa: E402

from model.template_registry import get_template  # noqa: E402


def bench_tree_edit(n_leaves: int = 300, edits: int = 15) -> float:
    """Median seconds from ``setData`` to a repainted view, over ``edits`` edits."""
    app = QApplication.instance() or QApplication([])
    form = big_form(n_leaves)
    document = FormDocument(form, template=get_template(form.template))
    view = IndicatorView(document)
    view.resize(1366, 768)
    view.show()
    app.processEvents()
    leaves = [leaf for _, _, leaf in form.iter_leaves()]
    leaf = leaves[len(leaves) // 3]
    view.select_node(leaf)
    app.processEvents()
    index = view.model.index_for(leaf, COL_ACTUAL)
    times = []
    for n in range(edits):
        start = time.perf_counter()
        view.model.setData(index, f"{100 + n}人")
        app.processEvents()
        times.append(time.perf_counter() - start)
    view.close()
    view.deleteLater()
    app.processEvents()
    return statistics.median(times)


if __name__ == "__main__":
    seconds = bench_tree_edit(300)
    print(f"界面更新:300 个指标,改一处后 {seconds * 1000:.1f} ms(目标 < 50 ms)")
