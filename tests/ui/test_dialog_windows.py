"""The dialogs with widgets of their own, answered as a user would: the recovery question's three
answers through ``ui.dialogs.ask_recovery`` (the window reads only those)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from ui import dialogs
from ui.dialog_windows import RecoveryDialog
from ui.qt import QApplication, QDialogButtonBox, QPushButton, Qt, QTimer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
ENTRIES = [SimpleNamespace(label="f17.json(未保存的修改)", key="k1"),
           SimpleNamespace(label="(2027年度,未保存的新表)", key="k2")]


def answer_with(step) -> None:
    """Run ``step(dialog)`` on the recovery dialog once it is open (it runs its own event loop)."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(10, act)
            return
        step(dialog)
    QTimer.singleShot(0, act)


def button(dialog: RecoveryDialog, text: str) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return next(b for b in box.buttons() if b.text() == text)


@pytest.mark.parametrize(("text", "answer"), [("恢复", dialogs.RECOVER), ("丢弃", dialogs.DISCARD_ALL),
                                              ("以后再说", dialogs.LATER)])
def test_each_button_of_the_recovery_question_gives_its_answer(qtbot, text, answer):
    seen = []
    answer_with(lambda dialog: (seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())]),
                                button(dialog, text).click()))
    assert dialogs.ask_recovery(None, ENTRIES) == answer
    assert seen == [[entry.label for entry in ENTRIES]]  # each copy listed by its label


def test_esc_puts_the_recovery_off(qtbot):
    answer_with(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert dialogs.ask_recovery(None, ENTRIES) == dialogs.LATER
