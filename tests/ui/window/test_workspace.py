"""工作区: a folder's drafts scored in the background, sortable, remembered and watched."""
from __future__ import annotations

import json
import shutil
import threading
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tests.ui.typing import type_keys
from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from ui.qt import Qt  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.window import workspace  # noqa: E402
from ui.window.workspace import WorkspacePanel, scan_folder  # noqa: E402
from ui.window.workspace_model import ERRORS, FILE, GRADE, NAME, TOTAL, WARNINGS  # noqa: E402


def make_panel(qtbot) -> WorkspacePanel:
    panel = WorkspacePanel()
    qtbot.addWidget(panel)
    return panel


def wait_loaded(qtbot, panel: WorkspacePanel, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=timeout)


def rows(panel: WorkspacePanel) -> list[list[str]]:
    """The table as the user sees it (in its current sort)."""
    model = panel.sorted
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.fixture
def big_folder(tmp_path, real_form_paths) -> Path:
    """200 drafts made from the ten real forms (a bureau's folder), in tmp_path."""
    folder = tmp_path / "2024"
    folder.mkdir()
    for n in range(200):
        shutil.copy(real_form_paths[n % len(real_form_paths)], folder / f"项目{n:03d}.json")
    return folder


def test_workspace_lists_the_ten_real_forms(qtbot, forms_dir, real_form_paths):
    expected = json.loads((forms_dir / "expected.json").read_text(encoding="utf-8"))
    panel = make_panel(qtbot)
    panel.set_folder(forms_dir)
    wait_loaded(qtbot, panel)
    table = {r[FILE]: r for r in rows(panel)}
    # expected.json is in the folder too and is not a draft: listed as unreadable
    assert set(table) == {p.name for p in real_form_paths} | {"expected.json"}
    for name, want in expected.items():
        row = table[name]
        assert (row[NAME], row[TOTAL], row[GRADE]) == (want["project"], want["total"].removesuffix(".00"),
                                                       want["grade"])
        issues = want.get("issues", [])
        assert int(row[ERRORS]) == sum(1 for i in issues if i.startswith("error"))
        assert int(row[WARNINGS]) == sum(1 for i in issues if i.startswith("warning"))
    assert "无法读取" in table["expected.json"][NAME]
    assert len(panel.assessed_forms()) == 10
    summary = panel.summary.text()
    assert summary.splitlines()[1].startswith("平均总分 ")  # its own line: never wrapped before the figure
    grades = [want["grade"] for want in expected.values()]
    for grade in set(grades):
        assert f"{grade} {grades.count(grade)}" in summary
    mean = sum(Decimal(w["total"]) for w in expected.values()) / len(expected)
    assert f"平均总分 {mean.quantize(Decimal('0.01'), ROUND_HALF_UP)}" in summary and "1 份无法读取" in summary


def test_name_cells_carry_full_name_and_path_as_tooltip(qtbot, forms_dir):
    panel = make_panel(qtbot)
    panel.set_folder(forms_dir)
    wait_loaded(qtbot, panel)
    index = next(panel.sorted.index(r, NAME) for r in range(panel.sorted.rowCount())
                 if panel.sorted.index(r, FILE).data() == "f13.json")
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data() in tip and str(forms_dir / "f13.json") in tip


def test_unreadable_file_and_refresh(qtbot, forms_dir, tmp_path):
    shutil.copy(forms_dir / "f01.json", tmp_path / "a.json")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    entries = scan_folder(tmp_path)
    assert [e.path.name for e in entries] == ["a.json", "b.json"]
    assert entries[1].assessed is None and "JSON" in entries[1].error
    panel = make_panel(qtbot)
    panel.set_folder(tmp_path)
    wait_loaded(qtbot, panel)
    assert panel.sorted.rowCount() == 2 and "1 份无法读取" in panel.summary.text()
    shutil.copy(forms_dir / "f02.json", tmp_path / "c.json")
    panel.refresh()
    wait_loaded(qtbot, panel)
    assert panel.sorted.rowCount() == 3 and len(panel.assessed_forms()) == 2


def test_200_forms_are_listed_at_once_and_scored_in_the_background(qtbot, big_folder):
    panel = make_panel(qtbot)
    seen = []
    panel.set_folder(big_folder)
    assert panel.sorted.rowCount() == 200  # listed before any is scored
    assert panel.is_loading() and not panel.progress.isHidden()
    panel.task.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(panel.loaded, timeout=60_000):
        pass
    assert not panel.is_loading() and panel.progress.isHidden()
    assert len(panel.assessed_forms()) == 200
    assert seen and seen[-1] == (200, 200) and len(seen) >= 2  # in batches
    assert all(row[TOTAL] for row in rows(panel))
    assert panel.summary.text().startswith("共 200 份")


def test_read_drafts_are_shown_a_few_rows_a_turn_so_the_window_keeps_answering(qtbot, big_folder):
    """While the worker holds the GIL each row costs the window about half a millisecond: a turn
    of the event loop shows at most ROWS_PER_TURN drafts, the next turn the next ones."""
    panel = make_panel(qtbot)
    paths = sorted(big_folder.glob("*.json"))[:40]
    panel.model.set_paths(paths)
    for path in paths:
        panel._results.put(workspace.read_entry(path))
    panel._take_results()
    assert len(panel.assessed_forms()) == workspace.ROWS_PER_TURN and panel.take_timer.isActive()
    qtbot.waitUntil(lambda: len(panel.assessed_forms()) == 40)
    assert not panel.take_timer.isActive()


def test_cancel_leaves_the_rest_unscored_and_refresh_finishes(qtbot, big_folder, monkeypatch):
    """The worker holds after its first batch until the window has cancelled: on a fast machine
    it would otherwise score all 200 before the first progress report reaches the window."""
    cancelled = threading.Event()
    real_read, reads = workspace.read_entry, []

    def read_then_wait(path):
        reads.append(path)
        if len(reads) > workspace.FIRST_BATCH:
            cancelled.wait(30)
        return real_read(path)

    monkeypatch.setattr(workspace, "read_entry", read_then_wait)
    panel = make_panel(qtbot)
    panel.set_folder(big_folder)
    panel.task.progressed.connect(lambda done, total: (panel.cancel_loading(), cancelled.set()))
    with qtbot.waitSignal(panel.loaded, timeout=60_000):
        pass
    scored = len(panel.assessed_forms())
    assert 0 < scored < 200
    assert sum(1 for row in rows(panel) if "未计算" in row[NAME]) == 200 - scored
    assert "未计算" in panel.summary.text()
    with qtbot.waitSignal(panel.loaded, timeout=60_000):
        panel.refresh()
    assert len(panel.assessed_forms()) == 200


def test_columns_sort_numerically(qtbot, big_folder):
    panel = make_panel(qtbot)
    panel.set_folder(big_folder)
    wait_loaded(qtbot, panel)
    panel.table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)
    totals = [Decimal(row[TOTAL]) for row in rows(panel)]
    assert totals == sorted(totals, reverse=True) and totals[0] == 100 and totals[-1] == 10
    panel.table.sortByColumn(TOTAL, Qt.SortOrder.AscendingOrder)
    assert [Decimal(row[TOTAL]) for row in rows(panel)] == sorted(totals)
    panel.table.sortByColumn(WARNINGS, Qt.SortOrder.DescendingOrder)
    warnings = [int(row[WARNINGS]) for row in rows(panel)]
    assert warnings == sorted(warnings, reverse=True) and warnings[0] > 0
    panel.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    names = [row[NAME] for row in rows(panel)]
    assert names[0] == names[1]  # the same project's copies sit together


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_the_folder_is_remembered_and_read_when_shown(qtbot, forms_dir):
    first = make_panel(qtbot)
    first.set_folder(forms_dir)
    wait_loaded(qtbot, first)
    again = make_panel(qtbot)
    assert again.folder == forms_dir and again.sorted.rowCount() == 0  # nothing read before it is shown
    with qtbot.waitSignal(again.loaded, timeout=60_000):
        again.show()
    assert len(again.assessed_forms()) == 10


def test_the_folder_is_watched(qtbot, forms_dir, tmp_path):
    shutil.copy(forms_dir / "f01.json", tmp_path / "a.json")
    panel = make_panel(qtbot)
    panel.set_folder(tmp_path)
    wait_loaded(qtbot, panel)
    shutil.copy(forms_dir / "f02.json", tmp_path / "b.json")
    qtbot.waitUntil(lambda: len(panel.assessed_forms()) == 2, timeout=10_000)
    (tmp_path / "a.json").unlink()
    qtbot.waitUntil(lambda: panel.sorted.rowCount() == 1, timeout=10_000)
    assert [e.path.name for e in panel.entries] == ["b.json"]


def test_activating_a_row_opens_it_in_the_window(qtbot, forms_dir, monkeypatch):
    from ui import dialogs
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_workspace(forms_dir)
    wait_loaded(qtbot, window.workspace)
    assert not window.workspace_dock.isHidden()
    table = window.workspace.table
    table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, FILE).data() == "f13.json")
    table.activated.emit(table.model().index(row, NAME))  # double-click or Enter
    assert window.current_document().path == (forms_dir / "f13.json").resolve()


def test_a_sorted_table_stays_sorted_while_it_fills(qtbot, big_folder):
    panel = make_panel(qtbot)
    panel.table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)
    panel.set_folder(big_folder)
    with qtbot.waitSignal(panel.loaded, timeout=60_000):
        pass
    totals = [Decimal(row[TOTAL]) for row in rows(panel)]
    assert len(totals) == 200 and totals == sorted(totals, reverse=True)
    assert panel.sorted.sortColumn() == TOTAL


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_the_panel_reopens_with_the_window_if_it_was_open(qtbot, forms_dir):
    def start() -> MainWindow:
        window = MainWindow(frame_only=True)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.startFinished, timeout=10_000):
            window.finish_start([])
        return window

    first = start()
    assert first.workspace_dock.isHidden()  # never opened: not shown
    first.open_workspace(forms_dir)
    wait_loaded(qtbot, first.workspace)
    assert first.close()
    again = start()
    assert again.workspace_dock.isVisible() and again.workspace.folder == forms_dir
    wait_loaded(qtbot, again.workspace)
    assert len(again.workspace.assessed_forms()) == 10
    again.workspace_dock.close()  # the user closes the panel: the next start keeps it closed
    assert again.close()
    assert start().workspace_dock.isHidden()


def test_the_sort_is_remembered_for_the_next_start(qtbot, forms_dir):
    first = make_panel(qtbot)
    first.table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)  # 总分, high to low
    again = make_panel(qtbot)
    header = again.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (TOTAL, Qt.SortOrder.DescendingOrder)
    again.set_folder(forms_dir)
    wait_loaded(qtbot, again)
    totals = [Decimal(row[TOTAL]) for row in rows(again) if row[TOTAL]]
    assert totals == sorted(totals, reverse=True)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_the_filter_keeps_the_projects_whose_name_holds_the_text(qtbot, big_folder):
    """Among 200 forms, the one a colleague asks about: type part of its name, Enter, Enter."""
    names = {"项目007.json": "城乡居民医疗救助资金", "项目042.json": "农村低保资金", "项目113.json": "城乡低保提标资金"}
    for file, name in names.items():
        path = big_folder / file
        draft = json.loads(path.read_text(encoding="utf-8"))
        draft["project"]["name"] = name
        path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    panel = make_panel(qtbot)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_folder(big_folder)
    wait_loaded(qtbot, panel)
    panel.sorted.sort(NAME)
    panel.filter.setFocus()
    type_keys(qtbot, "低保", panel.filter)
    assert [r[NAME] for r in rows(panel)] == ["城乡低保提标资金", "农村低保资金"]  # Chinese collation: 城 before 农
    assert panel.summary.text().endswith("筛选出 2 份") and "共 200 份" in panel.summary.text()
    opened = []
    panel.openRequested.connect(opened.append)
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert panel.table.hasFocus() and panel.table.currentIndex().row() == 0
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [str(big_folder / "项目042.json")]
    panel.filter.setFocus()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Escape)
    assert panel.filter.text() == "" and len(rows(panel)) == 200 and "筛选出" not in panel.summary.text()
    type_keys(qtbot, "没有这个项目", panel.filter)
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)  # nothing shown: stays in the field
    assert rows(panel) == [] and panel.filter.hasFocus() and opened == [str(big_folder / "项目042.json")]
    panel.set_folder(big_folder)  # a folder chosen again starts a new search
    assert panel.filter.text() == ""


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_a_folder_chosen_from_the_menu_puts_the_keys_in_its_filter(qtbot, forms_dir, monkeypatch):
    from ui import dialogs
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, folder="", title="": str(forms_dir))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.act.workspace.trigger()
    assert window.workspace.folder == forms_dir and window.focusWidget() is window.workspace.filter
    wait_loaded(qtbot, window.workspace)
