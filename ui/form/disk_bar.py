"""The bar at the top of a tab when its draft needs attention: read-only, or changed on disk.

A bar rather than a dialog for a change noticed while the user is typing: it must not steal the
keyboard in the middle of a number, and it stays until the user decides. The choices are the same
as the question before 保存 (覆盖 / 另存为 / 重新载入), so a user meets one set of words.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QFrame, QHBoxLayout, QLabel, QPushButton, Signal, QWidget

from ui.dialogs import OVERWRITE, RELOAD, SAVE_AS

DISMISS = "dismiss"
_STYLE = ("DiskBar { background: #fff4ce; border-bottom: 1px solid #e0c060; }"
          "DiskBar[kind=\"changed\"] { background: #fde7e9; border-bottom: 1px solid #e0a0a8; }")


class DiskBar(QFrame):
    chosen = Signal(str)  # OVERWRITE, SAVE_AS, RELOAD or DISMISS

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self.kind = ""  # what is on show: "", "read-only", "changed" or "removed"
        self.answered_by = ""  # who connected to ``chosen`` (connected once)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        for answer, text in ((OVERWRITE, "覆盖"), (SAVE_AS, "另存为…"), (RELOAD, "重新载入"), (DISMISS, "知道了")):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, a=answer: self._choose(a))
            self.buttons[answer] = button
            layout.addWidget(button)
        self.hide()

    def _show(self, kind: str, text: str, answers: tuple[str, ...]) -> None:
        self.kind = kind
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        for answer, button in self.buttons.items():
            button.setVisible(answer in answers)
        self.show()

    def show_changed(self, name: str, can_overwrite: bool = True) -> None:
        """A read-only tab is offered 另存为 and 重新载入 only: the file is not ours to write."""
        answers = (OVERWRITE, SAVE_AS, RELOAD) if can_overwrite else (SAVE_AS, RELOAD)
        self._show("changed", f"磁盘上的“{name}”已被其他程序或其他人修改,而此窗口中有未保存的修改。"
                              "请选择保留哪一份。", answers)

    def show_removed(self, name: str) -> None:
        self._show("removed", f"磁盘上的“{name}”已被删除或移走。保存时将重新创建它。", (DISMISS,))

    def show_read_only(self, who: str) -> None:
        self._show("read-only", f"只读打开:{who}。你可以查看和修改,但只能另存为其他文件。", (SAVE_AS,))

    def clear(self) -> None:
        self.kind = ""
        self.hide()

    def texts(self) -> list[str]:
        """The visible buttons' texts (for tests and screenshots)."""
        return [b.text() for b in self.buttons.values() if not b.isHidden()]

    def _choose(self, answer: str) -> None:
        if self.kind != "read-only":
            self.clear()
        self.chosen.emit(answer)
