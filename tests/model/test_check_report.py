"""`check --json`'s figures are plain decimal strings, whatever notation the draft used."""
from __future__ import annotations

from decimal import Decimal

from model.check_report import form_summary
from model.report import assess_form
from tests.builders import leaf, make_form


def test_hand_set_scores_in_exponent_notation_print_as_plain_decimals():
    form = make_form([leaf("≥10次", "10次", "40", name="十分", reason="说明"), leaf("≥10次", "1次", "10", name="极小", reason="说明")])
    leaves = {lf.name: lf for _, _, lf in form.iter_leaves()}
    leaves["十分"].score = Decimal("1E+1")
    leaves["极小"].score = Decimal("1E-7")
    summary = form_summary(assess_form(form))
    scores = {entry["path"].split("/")[-1]: entry["score"] for entry in summary["leaves"]}
    assert scores["十分"] == "10" and scores["极小"] == "0.0000001"
    assert "E" not in summary["total"] and "E" not in summary["funds_score"]


def test_usual_figures_keep_their_two_decimals():
    summary = form_summary(assess_form(make_form([leaf("≥3次", "1次", "50", name="三分之一", reason="说明")])))
    assert [entry["score"] for entry in summary["leaves"]][0] == "16.67"
    assert summary["funds_rate"] == "100.00" and summary["total"] == "66.67"  # 10 + 16.67 + 30 + 10


def test_check_says_when_a_broken_user_template_is_not_used(isolated_data_home, real_form_paths):
    """A malformed override of guizhou-2024 used to leave check silently on the built-in one."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    folder = isolated_data_home / "templates"
    folder.mkdir()
    (folder / "guizhou-2024.json").write_text('{"id": "guizhou-2024", ', encoding="utf-8")
    form = next(p for p in real_form_paths if p.name == "f23.json")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(form)], capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert done.returncode == 0 and "人事考试经费" in done.stdout
    assert "未使用无法读取的模板文件" in done.stderr and "guizhou-2024.json" in done.stderr
