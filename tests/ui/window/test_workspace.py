"""工作区: a folder's drafts with their figures; unreadable files listed with their error."""
from __future__ import annotations

import json
import shutil

from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from ui.window.main_window import MainWindow  # noqa: E402
from ui.window.workspace import WorkspacePanel, scan_folder  # noqa: E402


def test_workspace_lists_the_ten_real_forms(qtbot, forms_dir, real_form_paths):
    expected = json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))
    panel = WorkspacePanel()
    qtbot.addWidget(panel)
    panel.set_folder(forms_dir)
    rows = {panel.table.item(r, 0).text(): [panel.table.item(r, c).text() for c in range(6)]
            for r in range(panel.table.rowCount())}
    # expected.json is in the folder too and is not a draft: listed as unreadable
    assert set(rows) == {p.name for p in real_form_paths} | {"expected.json"}
    for name, want in expected.items():
        _file, project, total, grade, errors, warnings = rows[name]
        assert (project, total, grade) == (want["project"], want["total"], want["grade"])
        issues = want.get("issues", [])
        assert int(errors) == sum(1 for i in issues if i.startswith("error"))
        assert int(warnings) == sum(1 for i in issues if i.startswith("warning"))
    assert rows["expected.json"][1].startswith("无法读取")
    assert len(panel.assessed_forms()) == 10


def test_unreadable_file_and_refresh(qtbot, forms_dir, tmp_path):
    shutil.copy(forms_dir / "f01.json", tmp_path / "a.json")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    entries = scan_folder(tmp_path)
    assert [e.path.name for e in entries] == ["a.json", "b.json"]
    assert entries[1].assessed is None and "JSON" in entries[1].error
    panel = WorkspacePanel()
    qtbot.addWidget(panel)
    panel.set_folder(tmp_path)
    assert panel.table.rowCount() == 2 and "1 个无法读取" in panel.summary.text()
    shutil.copy(forms_dir / "f02.json", tmp_path / "c.json")
    panel.refresh()
    assert panel.table.rowCount() == 3


def test_double_click_opens_in_window(qtbot, forms_dir, monkeypatch):
    from ui import dialogs
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_workspace(forms_dir)
    assert not window.workspace_dock.isHidden()
    row = next(r for r in range(window.workspace.table.rowCount())
               if window.workspace.table.item(r, 0).text() == "f13.json")
    window.workspace.table.cellDoubleClicked.emit(row, 1)
    assert window.current_document().path == (forms_dir / "f13.json").resolve()
