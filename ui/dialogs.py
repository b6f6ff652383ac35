"""Small dialogs of the window, all in Chinese.

Every question the window asks goes through a function here, so the window's logic reads as
plain calls and tests can answer a question by replacing one function.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QListWidget,
                   QListWidgetItem, QLocale, QMessageBox, QSpinBox, Qt, QVBoxLayout, QWidget)
from model.new_form import default_year
from model.paths import APP_NAME
from model.template import default_registry

DRAFT_FILTER = "绩效自评表草稿 (*.json);;所有文件 (*)"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
TITLE = APP_NAME

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def error(parent: Optional[QWidget], text: str, title: str = TITLE) -> None:
    QMessageBox.critical(parent, title, text)


def warn(parent: Optional[QWidget], text: str, title: str = TITLE) -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: Optional[QWidget], text: str, title: str = TITLE) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: Optional[QWidget], text: str, title: str = TITLE) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText("是")
    box.button(QMessageBox.StandardButton.No).setText("否")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_save_changes(parent: Optional[QWidget], name: str) -> str:
    """保存 / 不保存 / 取消 before closing a form with unsaved changes."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, f"“{name}”有未保存的修改。\n关闭前是否保存?", buttons, parent)
    for button, text in ((QMessageBox.StandardButton.Save, "保存"), (QMessageBox.StandardButton.Discard, "不保存"),
                         (QMessageBox.StandardButton.Cancel, "取消")):
        box.button(button).setText(text)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def file_dialog_options() -> QFileDialog.Option:
    """Qt's own file chooser (translated to Chinese) where the system's would speak another
    language; the system's one (Windows Explorer, the UOS/Kylin chooser) on a Chinese system."""
    if QLocale.system().language() == QLocale.Language.Chinese:
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


def open_file_names(parent: Optional[QWidget], folder: str = "") -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, "打开草稿", folder, DRAFT_FILTER, options=file_dialog_options())
    return names


def save_file_name(parent: Optional[QWidget], suggested: str, file_filter: str = DRAFT_FILTER,
                   title: str = "另存为", suffix: str = ".json") -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter, options=file_dialog_options())
    if name and not name.lower().endswith(suffix):
        name += suffix
    return name


def open_excel_name(parent: Optional[QWidget], folder: str = "") -> str:
    name, _ = QFileDialog.getOpenFileName(parent, "导入 Excel", folder, EXCEL_FILTER, options=file_dialog_options())
    return name


def choose_folder(parent: Optional[QWidget], folder: str = "") -> str:
    return QFileDialog.getExistingDirectory(parent, "选择文件夹", folder,
                                            QFileDialog.Option.ShowDirsOnly | file_dialog_options())


LISTED_NAMES = 12


def ask_export_with_errors(parent: Optional[QWidget], names: list[str], total: int) -> bool:
    """Before an export: which forms still have errors; 仍然导出 (True) or 取消 (False, the default)."""
    shown = "\n".join(f"· {name}" for name in names[:LISTED_NAMES])
    more = f"\n……等共 {len(names)} 份" if len(names) > LISTED_NAMES else ""
    text = (f"要导出的 {total} 份表单中,有 {len(names)} 份仍有错误:\n{shown}{more}\n\n"
            "仍然导出吗?(导出的文件中这些表单的得分可能不正确)")
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    go_on = box.addButton("仍然导出", QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.setEscapeButton(stop)
    box.exec()
    return box.clickedButton() is go_on


def export_finished(parent: Optional[QWidget], text: str, folder: str) -> bool:
    """The closing message of an export; True when the user chose 打开文件夹 (``folder``)."""
    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", text, QMessageBox.StandardButton.NoButton, parent)
    box.setToolTip(folder)
    open_it = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    return box.clickedButton() is open_it


class NewFormDialog(QDialog):
    """新建: which template (regional layout) and which year."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建自评表")
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if registry.errors:
            note = QLabel("以下模板文件有错误,未能加载:\n" + "\n".join(registry.errors))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, int]:
        return str(self.templates.currentData()), self.year.value()


def ask_new_form(parent: Optional[QWidget]) -> Optional[tuple[str, int]]:
    dialog = NewFormDialog(parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


RECOVER, DISCARD_ALL, LATER = "recover", "discard", "later"


class RecoveryDialog(QDialog):
    """Offered at start-up when recovery copies exist: 恢复 / 丢弃 / 以后再说."""

    def __init__(self, entries: list, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的工作")
        self.result_choice = LATER
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
        recover.clicked.connect(lambda: self._finish(RECOVER))
        discard.clicked.connect(lambda: self._finish(DISCARD_ALL))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 300)

    def _finish(self, choice: str) -> None:
        self.result_choice = choice
        self.accept()


def ask_recovery(parent: Optional[QWidget], entries: list) -> str:
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.result_choice
