"""Benchmarks of the targets the issues set, printed as a table.

Run: ``python bench/run.py``. Each row: what is measured, the time, the target. Benchmarks of parts
that are not installed (e.g. no display libraries) are reported as skipped, not as failures.
"""
from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FLOOR_30 = "对照:30 张表,每张一个普通 reportlab 表格(整个进程)"
BARE_BEST = "对照:空白 PySide6 窗口,三次取最快"

# (label, module, function, arguments, target: seconds, None, or (factor, label) = at most factor × that row)
BENCHES: list[tuple[str, str, str, tuple[Any, ...], Any]] = [
    ("评分:1000 个三级指标(冷启动)", "bench.bench_model", "bench_score_cold", (1000,), None),
    ("重新评分:1000 个三级指标,改一处后", "bench.bench_model", "bench_rescore_after_edit", (1000,), 0.005),
    ("界面更新:300 个指标,改一处后", "bench.bench_ui_tree", "bench_tree_edit", (300,), 0.050),
    ("导出 Excel:30 张表", "bench.bench_xlsx", "bench_xlsx_export", (30,), 1.0),
    ("导出 Excel:500 张表(应约为 30 张的 17 倍)", "bench.bench_xlsx", "bench_xlsx_export", (500,), None),
    (FLOOR_30, "bench.bench_pdf", "bench_pdf_floor", (30,), None),
    ("导出 PDF:30 张表(整个进程)", "bench.bench_pdf", "bench_pdf_process", (30,), (2.0, FLOOR_30)),
    ("导出 PDF:30 张表", "bench.bench_pdf", "bench_pdf_export", (30,), 3.0),
    ("导出 PDF:100 张表(应约为 30 张的 3.3 倍)", "bench.bench_pdf", "bench_pdf_export", (100,), None),
    ("导出 PDF:500 张表(应约为 30 张的 17 倍)", "bench.bench_pdf", "bench_pdf_export", (500,), None),
    (BARE_BEST, "bench.bench_ui_start", "bench_bare_window_best", (3,), None),
    ("下限:只有 f17 表单页的窗口(无菜单、面板),三次取最快", "bench.bench_ui_start", "bench_form_only_best", (3,),
     None),
    ("启动:main.py f17.json 窗口显示,三次取最快", "bench.bench_ui_start", "bench_window_shown_best", (3,),
     (1.5, BARE_BEST)),
    ("启动:f17 打开完毕、可以输入,三次取最快", "bench.bench_ui_start", "bench_form_ready_best", (3,), (1.5, BARE_BEST)),
    ("工作区 500 份:首批行显示", "bench.bench_ui_workspace", "bench_workspace_first_rows", (500,), 1.0),
    ("工作区 500 份:全部计算完", "bench.bench_ui_workspace", "bench_workspace_all_scored", (500,), None),
    ("工作区 500 份:计算时界面最长停顿", "bench.bench_ui_workspace", "bench_workspace_longest_freeze", (500,), 0.1),
    ("导出 PDF 30 张时界面最长停顿", "bench.bench_ui_export", "bench_export_longest_freeze", (30, "export_pdf"), 0.1),
    ("导出 PDF 30 张时指标树最长一次重绘", "bench.bench_ui_export", "bench_repaint_during_export", (30, "export_pdf"),
     0.1),
    ("导出 Excel 30 张时界面最长停顿", "bench.bench_ui_export", "bench_export_longest_freeze", (30, "export_xlsx"),
     0.1),
    ("一次打开 30 份草稿时界面最长停顿", "bench.bench_ui_open", "bench_open_drafts_longest_freeze", (30,), 0.1),
    ("导入 30 张表的工作簿时界面最长停顿", "bench.bench_ui_open", "bench_import_workbook_longest_freeze", (30,), 0.1),
]


def run_one(module: str, function: str, args: tuple) -> tuple[Optional[float], str]:
    try:
        bench: Callable[..., float] = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as exc:
        return None, f"跳过({exc})"
    return bench(*args), ""


def _target(target: Any, measured: dict[str, float]) -> tuple[Optional[float], str]:
    """A target in seconds and how it reads: absolute, or a factor of a row measured before."""
    if target is None:
        return None, "-"
    if isinstance(target, tuple):
        factor, reference = target
        if reference not in measured:
            return None, f"≤ {factor:g}× 对照"
        return factor * measured[reference], f"≤ {factor:g}× 对照 ({factor * measured[reference] * 1000:.0f} ms)"
    return float(target), f"< {target * 1000:g} ms"


def main() -> int:
    rows = []
    measured: dict[str, float] = {}
    for label, module, function, args, target in BENCHES:
        seconds, note = run_one(module, function, args)
        limit, shown = _target(target, measured)
        if seconds is None:
            rows.append((label, "-", shown, note))
            continue
        measured[label] = seconds
        verdict = "" if limit is None else ("达标" if seconds <= limit else "未达标")
        rows.append((label, f"{seconds * 1000:.2f} ms", shown, verdict))
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'项目':<{width}}{'耗时':>14}  {'目标':>26}  结论")
    for label, took, target, verdict in rows:
        print(f"{label:<{width}}{took:>14}  {target:>26}  {verdict}")
    return 1 if any(r[3] == "未达标" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
