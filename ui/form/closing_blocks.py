"""The closing text blocks besides the 自评结论 (四川: 存在问题, 改进措施), side by side under it.

Kept in ``Form.closing`` by the block's key; each edit, finished when the field loses focus, is one
undo step (:class:`ui.form.text_commands.SetTextCommand`).
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.document import FormDocument
from ui.form.commit_text_edit import CommitTextEdit
from ui.form.text_commands import set_text


class ClosingBlocks(QWidget):
    """One text field per extra closing block of the template, each under its title."""

    def __init__(self, document: FormDocument, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.edits: dict[str, CommitTextEdit] = {}
        self.titles: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for block in document.template.layout.extra_closing_blocks():
            edit = CommitTextEdit(2)
            edit.setObjectName(f"closing_{block.key}")
            edit.setPlaceholderText(f"{block.title}(约 200 字)")
            edit.editingFinished.connect(lambda key=block.key: self.commit(key))
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(QLabel(block.title))
            box.addWidget(edit, 1)
            layout.addLayout(box, 1)
            self.edits[block.key], self.titles[block.key] = edit, block.title
        document.valueChanged.connect(self._on_value_changed)
        self.refresh()

    @property
    def empty(self) -> bool:
        return not self.edits

    def commit(self, key: str) -> None:
        text = self.edits[key].toPlainText()
        set_text(self.document, self.document.form.closing, key, text.strip() and text, f"修改{self.titles[key]}")

    def commit_pending(self) -> None:
        for key in self.edits:
            self.commit(key)

    def refresh(self) -> None:
        for key, edit in self.edits.items():
            edit.show_text(self.document.form.closing.get(key, ""))

    def _on_value_changed(self, obj: object, attr: str) -> None:
        if obj is self.document.form.closing:
            self.refresh()

    def focus(self, key: str) -> None:
        if key in self.edits:
            self.edits[key].setFocus()
