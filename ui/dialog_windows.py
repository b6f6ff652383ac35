"""The window's dialogs that hold widgets of their own: 新建 (template and year) and the recovery
question of a start after a crash.

Asked through :func:`ui.dialogs.ask_new_form` and :func:`ui.dialogs.ask_recovery`, which import
this module when the question comes, so its classes load then, not at start-up.
``RecoveryDialog.exec()`` answers :data:`RECOVERED`, :data:`DISCARDED` or 0 (以后再说, Esc, the
window closed).
"""
from __future__ import annotations

from typing import Optional

from ui.qt import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QListWidget,
                   QListWidgetItem, QSpinBox, Qt, QVBoxLayout, QWidget)


class NewFormDialog(QDialog):
    """新建: which template (regional layout) and which year."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建自评表")
        from model.new_form import default_year  # the templates load when 新建 is first asked, not at start-up
        from model.template_registry import default_registry

        registry = default_registry()
        self.templates = QComboBox()
        for template_id in registry.ids():
            self.templates.addItem(f"{registry.get(template_id).name}({template_id})", template_id)
        self.year = QSpinBox()
        self.year.setRange(1900, 2999)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年度")
        form = QFormLayout()
        form.addRow("模板:", self.templates)
        form.addRow("年度:", self.year)
        self.description = QLabel()  # what the chosen template's form looks like
        self.description.setObjectName("template_description")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setMinimumWidth(420)
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 9 + 16)
        self.description.setFrameShape(QFrame.Shape.StyledPanel)
        self.description.setMargin(6)
        self.templates.currentIndexChanged.connect(self._describe)
        self._describe()
        side = QHBoxLayout()
        side.addLayout(form, 1)
        side.addWidget(self.description, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(side)
        if registry.errors:
            note = QLabel("以下模板文件有错误,未能加载:\n" + "\n".join(registry.errors))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(buttons)

    def _describe(self) -> None:
        from model.template_registry import default_registry
        from model.template_report import describe_template

        template_id = self.templates.currentData()
        if template_id:
            self.description.setText(describe_template(default_registry().get(str(template_id))))

    def choice(self) -> tuple[str, int]:
        return str(self.templates.currentData()), self.year.value()


RECOVERED, DISCARDED = 1, 2


class RecoveryDialog(QDialog):
    """Offered at start-up when recovery copies exist: 恢复 / 丢弃 / 以后再说."""

    def __init__(self, entries: list, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的工作")
        text = QLabel("程序上次没有正常关闭。以下表单有自动保存的未保存修改,是否恢复?")
        text.setWordWrap(True)
        self.list = QListWidget()
        for entry in entries:
            item = QListWidgetItem(entry.label)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        recover = buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton("丢弃", QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton("以后再说", QDialogButtonBox.ButtonRole.RejectRole)
        recover.clicked.connect(lambda: self.done(RECOVERED))
        discard.clicked.connect(lambda: self.done(DISCARDED))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 300)
