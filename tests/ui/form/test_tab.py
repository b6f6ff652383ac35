"""The form tab in the window, driven from the keyboard: where the focus starts, F6 through the
panes, Ctrl+Tab through the forms, Tab out of the funds table, the conclusion button, the tree's
share of a laptop screen, and the recovery copy of what is being typed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.draft import load_draft
from model.paths import recovery_dir
from ui import dialogs
from ui.indicators.cells import COL_ACTUAL, COL_NAME, COL_REASON
from ui.qt import QApplication, Qt

from tests.ui.form.visible_rows import AT_150, FULL_HD, count_rows
from tests.ui.typing import type_keys

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
ROOT = Path(__file__).resolve().parents[3]
Key = Qt.Key


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def first_actual(tab):
    leaf = next(leaf for _d, _c, leaf in tab.document.form.iter_leaves())
    return tab.indicators.model.index_for(leaf, COL_ACTUAL)


def test_opening_a_form_puts_the_keyboard_on_the_first_actual_value(qtbot, window, f17, forms_dir):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    assert tab.indicators.view.currentIndex() == first_actual(tab)
    qtbot.keyClicks(tab.indicators.view, "5")  # typing at once edits that cell
    assert tab.indicators.view.is_editing()
    press(qtbot, Key.Key_Escape)
    window.file_actions.open_file(forms_dir / "f01.json")
    other = window.current_tab()
    qtbot.waitUntil(other.indicators.view.hasFocus)
    assert other.indicators.view.currentIndex() == first_actual(other)
    press(qtbot, Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Tab: the other form
    qtbot.waitUntil(lambda: window.current_tab() is tab and tab.indicators.view.hasFocus())
    press(qtbot, Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.current_tab() is other)


def test_a_new_form_starts_in_the_project_name_and_its_tree_on_the_first_name(qtbot, window, f17):
    """A new form is filled in the paper's order: 项目名称 first, then the first indicator's name."""
    window.file_actions.open_file(f17)
    named = window.current_tab()
    window.file_actions.new_document("sichuan-2023")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.panel.fields["name"].hasFocus())
    assert tab.header_shown()
    type_keys(qtbot, "乡村道路养护")
    for _ in range(3):  # header → funds → goals → tree
        press(qtbot, Key.Key_F6)
    assert tab.indicators.view.hasFocus() and not tab.header_shown()  # it folds again in the tree
    first = next(leaf for _d, _c, leaf in tab.document.form.iter_leaves())
    assert tab.indicators.view.currentIndex() == tab.indicators.model.index_for(first, COL_NAME)
    type_keys(qtbot, "道路养护里程")  # the first character opens the editor
    press(qtbot, Key.Key_Return)
    assert first.name == "道路养护里程" and tab.document.form.project.name == "乡村道路养护"
    window.tabs.setCurrentWidget(named)
    qtbot.waitUntil(named.indicators.view.hasFocus)
    assert named.indicators.view.currentIndex() == first_actual(named)  # a named form: the actual value


def test_a_new_form_shown_again_before_it_has_a_name_goes_to_the_tree(qtbot, window, f17):
    window.file_actions.new_document("guizhou-2024")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.panel.fields["name"].hasFocus())
    window.file_actions.open_file(f17)
    qtbot.waitUntil(lambda: window.current_tab() is not tab)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.indicators.view.hasFocus)  # only its first show starts in the header


def test_f6_cycles_the_panes_and_opens_the_folded_header(qtbot, window, f17):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    assert not tab.header_shown()  # folded on a laptop-height window
    window.show_issues()
    seen, shown = [], []
    for _ in range(6):
        press(qtbot, Key.Key_F6)
        seen.append(QApplication.focusWidget())
        shown.append(tab.header_shown())
    panel = tab.panel
    assert seen[0] is tab.conclusion.text and seen[1] is window.issues.tree
    assert seen[2] is panel.fields["name"] and shown[2:5] == [True, True, True]
    assert not shown[5]  # back in the tree: the header folds again
    assert seen[3] is panel.funds or panel.funds.isAncestorOf(seen[3])
    assert seen[4] is panel.expected and seen[5] is tab.indicators.view
    press(qtbot, Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is panel.expected
    panel.year.setFocus()  # a header field that is not a pane of its own: F6 goes on to the funds
    press(qtbot, Key.Key_F6)
    assert panel.funds.hasFocus()


def test_tab_leaves_the_funds_table_after_its_last_amount(qtbot, window, f17):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    funds = tab.panel.funds
    tab.set_header_shown(True)
    funds.setFocus()
    funds.setCurrentCell(funds.rowCount() - 1, 1)
    visited = 0
    while funds.hasFocus() and visited < 20:
        press(qtbot, Key.Key_Tab)
        visited += 1
    assert visited == 3  # 年初预算数 → 全年预算数 → 全年执行数 → out
    assert not funds.isAncestorOf(QApplication.focusWidget())


def test_the_conclusion_button_drafts_the_conclusion(qtbot, window, f17, monkeypatch):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    original = document.form.conclusion
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": False)
    qtbot.mouseClick(tab.conclusion.button, Qt.MouseButton.LeftButton)
    assert document.form.conclusion == original  # asked, and the answer was no
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="": True)
    qtbot.mouseClick(tab.conclusion.button, Qt.MouseButton.LeftButton)
    assert document.form.conclusion.startswith("中。1.") and document.form.conclusion != original
    assert tab.conclusion.text.toPlainText() == document.form.conclusion
    document.undo_stack.undo()
    assert document.form.conclusion == original


def test_recovery_copy_keeps_what_is_typed_in_an_open_cell_editor(qtbot, window, f17):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    leaf = next(leaf for _d, _c, leaf in document.form.iter_leaves())
    tab.indicators.select_node(leaf, COL_REASON)
    qtbot.keyClicks(tab.indicators.view, "x")
    qtbot.keyClicks(QApplication.focusWidget(), "yz")
    assert tab.indicators.view.is_editing() and not document.modified
    assert window.file_actions.autosave_now() == 1
    drafts = [p for p in recovery_dir().iterdir() if p.suffix == ".json" and "meta" not in p.name]
    saved = [load_draft(p) for p in drafts]
    assert any(next(form.iter_leaves())[2].reason == "xyz" for form in saved)
    assert leaf.reason != "xyz" and not document.undo_stack.canUndo()  # nothing committed
    assert tab.indicators.view.is_editing()  # the user goes on typing


def test_a_laptop_screen_shows_at_least_twelve_rows_with_the_issues_panel_open(qtbot, forms_dir):
    rows = count_rows(qtbot.waitUntil, *FULL_HD, str(forms_dir / "f01.json"))
    assert rows >= 12


def test_at_150_percent_it_shows_at_least_eight_rows(forms_dir):
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "tests.ui.form.visible_rows", *map(str, AT_150),
                             str(forms_dir / "f01.json")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) >= 8


def test_the_header_opened_by_the_cursor_folds_again_back_in_the_tree(qtbot, window, f17):
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    press(qtbot, Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # back from the tree: the goals
    assert QApplication.focusWidget() is tab.panel.expected and tab.header_shown()
    press(qtbot, Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert tab.panel.funds.hasFocus() and tab.panel.funds.currentColumn() == 3  # 全年执行数
    press(qtbot, Key.Key_F6)
    press(qtbot, Key.Key_F6)
    assert tab.indicators.view.hasFocus() and not tab.header_shown()
    tab.header_toggle.click()  # shown by choice: it stays
    tab.indicators.view.setFocus()
    assert tab.header_shown()


def test_recovery_copy_keeps_a_header_field_being_typed(qtbot, window, f17):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    tab.set_header_shown(True)
    field = tab.panel.fields["contact"]
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, "X")
    assert window.file_actions.autosave_now() == 1
    drafts = [p for p in recovery_dir().iterdir() if p.suffix == ".json" and "meta" not in p.name]
    assert any(load_draft(p).project.contact == "宋怡霖X" for p in drafts)
    assert document.form.project.contact == "宋怡霖" and not document.modified


def test_undo_of_a_header_field_opens_the_header_on_that_field(qtbot, window, f17):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    name = document.form.project.name
    document.set_value(document.form.project, "name", "改过的名称")
    tab.indicators.view.setFocus()
    tab.set_header_shown(False)
    document.undo_stack.undo()
    field = tab.panel.fields["name"]
    assert document.form.project.name == name and field.text() == name
    assert tab.header_shown() and field.hasFocus()


def test_undo_of_an_amount_puts_the_cursor_on_it(qtbot, window, f17):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    funds = tab.panel.funds
    funds.commit_money(2, "executed", "5")
    tab.indicators.view.setFocus()
    document.undo_stack.undo()
    assert funds.hasFocus() and (funds.currentRow(), funds.currentColumn()) == (2, funds.column_of("executed"))


def test_undo_in_the_tree_leaves_the_header_alone(qtbot, window, f17):
    document = window.file_actions.open_file(f17)
    tab = window.current_tab()
    qtbot.waitUntil(tab.indicators.view.hasFocus)
    leaf = next(document.form.iter_leaves())[2]
    document.set_value(leaf, "remark", "见附件")
    tab.set_header_shown(False)
    document.undo_stack.undo()
    assert tab.indicators.view.hasFocus() and not tab.header_shown()


def test_undo_of_a_regional_field_or_block_puts_the_cursor_there(qtbot, window):
    """A 湖北 tick box, the 四川 funds 原因 and its 存在问题 block: the cursor goes where Ctrl+Z acted."""
    hubei = window.file_actions.new_document("hubei-2021", 2023)
    tab = window.current_tab()
    qtbot.waitUntil(tab.panel.fields["name"].hasFocus)
    combo = tab.panel.extra.combos["project_category"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    tab.indicators.view.setFocus()
    hubei.undo_stack.undo()
    assert combo.hasFocus() and hubei.form.header == {}
    sichuan = window.file_actions.new_document("sichuan-2023", 2023)
    tab = window.current_tab()
    qtbot.waitUntil(tab.panel.fields["name"].hasFocus)
    sichuan.set_value(sichuan.form.funds, "reason", "待审计")
    problems = tab.conclusion.blocks.edits["problems"]
    problems.setPlainText("进度偏慢")
    problems.editingFinished.emit()
    tab.indicators.view.setFocus()
    sichuan.undo_stack.undo()
    assert problems.hasFocus() and sichuan.form.closing == {}
    sichuan.undo_stack.undo()
    assert tab.panel.extra.reason.hasFocus() and tab.header_shown()


def test_a_folded_header_section_is_made_once_the_form_is_on_screen(qtbot, window, f17):
    """On a laptop's screen the header section starts folded and is made after the tree has been
    painted, so the form appears sooner; it holds the form's fields when it opens."""
    window.file_actions.open_file(f17)
    tab = window.current_tab()
    assert tab._panel is None  # not made with the tab
    qtbot.waitUntil(lambda: tab._panel is not None)  # made once the page is on screen, unasked
    assert not tab.header_shown()
    press(qtbot, Key.Key_F6)  # the tree → 自评结论 → the header
    press(qtbot, Key.Key_F6)
    assert tab.header_shown() and QApplication.focusWidget() is tab.panel.fields["name"]
    assert tab.panel.fields["name"].text() == tab.document.form.project.name


def test_a_form_page_is_painted_before_its_folded_header_and_any_unused_widget_class_load(f17):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "tests.ui.form.first_paint_probe", str(f17)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["at_first_paint"] == {"modules": [], "classes": []}
    assert "ui.form.header_panel" in seen["after"]["modules"]  # made right after, unasked


def test_a_header_section_not_made_yet_is_made_when_asked_for_and_holds_no_edit(qtbot, f17, monkeypatch):
    from ui.document import FormDocument
    from ui.form import tab as tab_module

    document = FormDocument(load_draft(f17))
    folded = tab_module.FormTab(document, "folded")
    qtbot.addWidget(folded)
    assert folded._panel is None and folded.recovery_form() is document.form  # nothing typed there
    folded.commit_pending()
    assert folded._panel is None
    assert folded.panel.funds.rowCount() > 0 and folded._panel is folded.panel  # made once, on demand
    monkeypatch.setattr(tab_module, "short_screen", lambda: False)  # a 1920×1080 screen: shown at once
    tall = tab_module.FormTab(document, "tall")
    qtbot.addWidget(tall)
    assert tall._panel is not None and tall.header_shown()
