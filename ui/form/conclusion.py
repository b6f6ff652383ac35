"""自评结论: the last part of the paper form, with the button that drafts it.

Written through ``document.set_value`` when the edit is finished, like the header fields
(:class:`ui.form.commit_text_edit.CommitTextEdit`). The draft is made here (the button beside the
field and the window's toolbar entry both end in :meth:`ConclusionEditor.generate_draft`); it
asks before replacing what the user wrote, and the replacement is one undo step.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget, Signal

from model.conclusion import draft_conclusion
from ui import dialogs
from ui.document import FormDocument
from model.template_layout import CONCLUSION_KEY
from ui.form.closing_blocks import ClosingBlocks
from ui.form.commit_text_edit import CommitTextEdit

REPLACE_QUESTION = "自评结论已有内容。是否用生成的草稿替换?\n(替换后可用“撤销”恢复原文)"


class ConclusionEditor(QWidget):
    """自评结论 with the 生成结论草稿 button. ``draftRequested`` is emitted by the button; the tab
    answers it (it first commits what is being typed elsewhere, so the draft sees it) by calling
    :meth:`generate_draft`. ``message(str)``: status text."""

    draftRequested = Signal()
    message = Signal(str)

    def __init__(self, document: FormDocument, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.text = CommitTextEdit(2)
        self.text.setPlaceholderText("等级(优/良/中/差)。1.……改进措施:……")
        self.text.editingFinished.connect(self.commit_pending)
        self.button = QPushButton("生成结论草稿")
        self.button.setToolTip("按等级和各指标填写的原因分析生成自评结论草稿")
        self.button.clicked.connect(self.draftRequested)
        blocks = {b.key: b.title for b in document.template.layout.closing_blocks}
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(QLabel(blocks.get(CONCLUSION_KEY, "自评结论")))  # 四川: 评价结论
        side.addWidget(self.button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addLayout(side)
        layout.addWidget(self.text, 1)
        self.blocks = ClosingBlocks(document)  # 存在问题 / 改进措施 beside it
        layout.addWidget(self.blocks, 2 if not self.blocks.empty else 0)
        self.blocks.setVisible(not self.blocks.empty)
        if CONCLUSION_KEY not in blocks:
            for widget in (self.text, self.button):
                widget.hide()
        document.valueChanged.connect(self._on_value_changed)
        self.text.show_text(document.form.conclusion)

    def commit_pending(self) -> None:
        self.blocks.commit_pending()
        if self.text.isHidden():
            return
        self.document.set_value(self.document.form, "conclusion", self.text.toPlainText(), "修改自评结论")

    def generate_draft(self) -> bool:
        """Replace the conclusion with a draft from the grade and the reasons (asking first when
        the user has written something else); False when nothing changed."""
        self.commit_pending()
        document = self.document
        text = draft_conclusion(document.form, document.evaluation)
        current = document.form.conclusion.strip()
        if current and current != text and not dialogs.confirm(self.window(), REPLACE_QUESTION):
            return False
        document.set_value(document.form, "conclusion", text, "生成结论草稿")
        self.message.emit("已生成自评结论草稿,请检查并修改(可撤销)")
        self.focus()
        return True

    def _on_value_changed(self, obj: object, attr: str) -> None:
        if obj is self.document.form and attr == "conclusion":
            self.text.show_text(self.document.form.conclusion)

    def focus(self) -> None:
        self.text.setFocus()
