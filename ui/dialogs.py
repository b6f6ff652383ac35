"""Small dialogs of the window, all in Chinese.

Every question the window asks goes through a function here, so the window's logic reads as
plain calls and tests can answer a question by replacing one function.

Qt's classes are named through the module (``qt.QMessageBox``), not imported: most modules of the
window import this one, and importing the message box, file chooser and button box classes with
it (PySide6 builds each with its enums when it is first named) cost the start 20–40 ms before any
question was asked.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ui import qt
from model.paths import APP_NAME

DRAFT_FILTER = "绩效自评表草稿 (*.json);;所有文件 (*)"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
TITLE = APP_NAME

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def error(parent: Optional[qt.QWidget], text: str, title: str = TITLE) -> None:
    qt.QMessageBox.critical(parent, title, text)


def warn(parent: Optional[qt.QWidget], text: str, title: str = TITLE) -> None:
    qt.QMessageBox.warning(parent, title, text)


def info(parent: Optional[qt.QWidget], text: str, title: str = TITLE) -> None:
    qt.QMessageBox.information(parent, title, text)


def confirm(parent: Optional[qt.QWidget], text: str, title: str = TITLE) -> bool:
    box = qt.QMessageBox(qt.QMessageBox.Icon.Question, title, text, qt.QMessageBox.StandardButton.Yes
                         | qt.QMessageBox.StandardButton.No, parent)
    box.button(qt.QMessageBox.StandardButton.Yes).setText("是")
    box.button(qt.QMessageBox.StandardButton.No).setText("否")
    box.setDefaultButton(qt.QMessageBox.StandardButton.No)
    return box.exec() == qt.QMessageBox.StandardButton.Yes


def ask_save_changes(parent: Optional[qt.QWidget], name: str) -> str:
    """保存 / 不保存 / 取消 before closing a form with unsaved changes."""
    buttons = (qt.QMessageBox.StandardButton.Save | qt.QMessageBox.StandardButton.Discard
               | qt.QMessageBox.StandardButton.Cancel)
    box = qt.QMessageBox(qt.QMessageBox.Icon.Warning, TITLE, f"“{name}”有未保存的修改。\n关闭前是否保存?", buttons, parent)
    for button, text in ((qt.QMessageBox.StandardButton.Save, "保存"), (qt.QMessageBox.StandardButton.Discard, "不保存"),
                         (qt.QMessageBox.StandardButton.Cancel, "取消")):
        box.button(button).setText(text)
    box.setDefaultButton(qt.QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == qt.QMessageBox.StandardButton.Save:
        return SAVE
    if answer == qt.QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


ONE_BY_ONE = "one-by-one"


def ask_save_all(parent: Optional[qt.QWidget], names: list[str]) -> str:
    """Closing the window with several unsaved forms: one question for all of them (a bureau may
    have sixty imported forms open), 全部保存 / 全部不保存 / 逐份询问 / 取消."""
    text = f"有 {len(names)} 份表单有未保存的修改:\n{listed(names)}\n\n关闭前是否保存?"
    return _choose(parent, qt.QMessageBox.Icon.Warning, text,
                   [("全部保存", SAVE), ("全部不保存", DISCARD), ("逐份询问", ONE_BY_ONE), ("取消", CANCEL)], SAVE)


def file_dialog_options() -> qt.QFileDialog.Option:
    """Qt's own file chooser (translated to Chinese) where the system's would speak another
    language; the system's one (Windows Explorer, the UOS/Kylin chooser) on a Chinese system."""
    if qt.QLocale.system().language() == qt.QLocale.Language.Chinese:
        return qt.QFileDialog.Option(0)
    return qt.QFileDialog.Option.DontUseNativeDialog


def open_file_names(parent: Optional[qt.QWidget], folder: str = "") -> list[str]:
    names, _ = qt.QFileDialog.getOpenFileNames(parent, "打开草稿", folder, DRAFT_FILTER, options=file_dialog_options())
    return names


def save_file_name(parent: Optional[qt.QWidget], suggested: str, file_filter: str = DRAFT_FILTER,
                   title: str = "另存为", suffix: str = ".json") -> str:
    name, _ = qt.QFileDialog.getSaveFileName(parent, title, suggested, file_filter, options=file_dialog_options())
    if name and not name.lower().endswith(suffix):
        name += suffix
    return name


def open_excel_names(parent: Optional[qt.QWidget], folder: str = "") -> list[str]:
    """One workbook or several (a finance bureau imports each department's at once)."""
    names, _ = qt.QFileDialog.getOpenFileNames(parent, "导入 Excel", folder, EXCEL_FILTER, options=file_dialog_options())
    return list(names)


def choose_folder(parent: Optional[qt.QWidget], folder: str = "", title: str = "选择文件夹") -> str:
    return qt.QFileDialog.getExistingDirectory(parent, title, folder,
                                               qt.QFileDialog.Option.ShowDirsOnly | file_dialog_options())


LISTED_NAMES = 12
LISTED_ERRORS = 8  # a form alone: its first errors, each with its place


def listed(names: list[str]) -> str:
    """Forms named in a question, one a line, the first :data:`LISTED_NAMES` of them."""
    shown = "\n".join(f"· {name}" for name in names[:LISTED_NAMES])
    return shown + (f"\n……等共 {len(names)} 份" if len(names) > LISTED_NAMES else "")


def ask_export_with_errors(parent: Optional[qt.QWidget], names: list[str], total: int, verb: str = "导出",
                           errors: Sequence[str] = ()) -> bool:
    """Before an export (or a print, ``verb`` 打印): which forms still have errors, or for a form
    alone (``total`` 1) its ``errors`` themselves; 仍然导出 (True) or 取消 (False, the default)."""
    result = "导出的文件中" if verb == "导出" else "打印出的表上"
    if total == 1 and names and errors:
        shown = "\n".join(f"· {line}" for line in errors[:LISTED_ERRORS])
        more = f"\n……等共 {len(errors)} 个" if len(errors) > LISTED_ERRORS else ""
        text = (f"“{names[0]}”还有 {len(errors)} 个错误:\n{shown}{more}\n\n"
                f"仍然{verb}吗?({result}的得分可能不正确)")
    else:
        text = (f"要{verb}的 {total} 份表单中,有 {len(names)} 份仍有错误:\n{listed(names)}\n\n"
                f"仍然{verb}吗?({result}这些表单的得分可能不正确)")
    return _choose(parent, qt.QMessageBox.Icon.Warning, text, [(f"仍然{verb}", WRITE_ANYWAY), ("取消", CANCEL)],
                   CANCEL) == WRITE_ANYWAY


def export_finished(parent: Optional[qt.QWidget], text: str, folder: str) -> bool:
    """The closing message of an export; True when the user chose 打开文件夹 (``folder``)."""
    return _choose(parent, qt.QMessageBox.Icon.Information, text, [("打开文件夹", OPEN_FOLDER), ("确定", CLOSE)],
                   CLOSE, "导出完成") == OPEN_FOLDER


def ask_new_form(parent: Optional[qt.QWidget]) -> Optional[tuple[str, int]]:
    from ui.dialog_windows import NewFormDialog

    dialog = NewFormDialog(parent)
    return dialog.choice() if dialog.exec() == qt.QDialog.DialogCode.Accepted else None


RECOVER, DISCARD_ALL, LATER = "recover", "discard", "later"


def ask_recovery(parent: Optional[qt.QWidget], entries: list) -> str:
    from ui.dialog_windows import DISCARDED, RECOVERED, RecoveryDialog

    answer = RecoveryDialog(entries, parent).exec()
    return {RECOVERED: RECOVER, DISCARDED: DISCARD_ALL}.get(answer, LATER)


# --- drafts used elsewhere or changed on disk (issue #15) ----------------------------------------

READ_ONLY, OPEN_ANYWAY = "read-only", "open-anyway"
OVERWRITE, SAVE_AS, RELOAD = "overwrite", "save-as", "reload"
RETRY, WRITE_ANYWAY = "retry", "write-anyway"
OPEN_FOLDER, CLOSE = "open-folder", "close"


def _choose(parent: Optional[qt.QWidget], icon: qt.QMessageBox.Icon, text: str, choices: list[tuple[str, str]],
            default: str, title: str = TITLE) -> str:
    """A question with buttons of our own (text, answer); the last choice is what Esc or closing
    the box means. Returns the answer of the button pressed."""
    box = qt.QMessageBox(icon, title, text, qt.QMessageBox.StandardButton.NoButton, parent)
    buttons = []
    for label, answer in choices:
        role = qt.QMessageBox.ButtonRole.RejectRole if answer == CANCEL else qt.QMessageBox.ButtonRole.AcceptRole
        buttons.append((box.addButton(label, role), answer))
    box.setEscapeButton(buttons[-1][0])
    box.setDefaultButton(next(button for button, answer in buttons if answer == default))
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, answer in buttons if button is clicked), choices[-1][1])


def ask_in_use(parent: Optional[qt.QWidget], name: str, who: str) -> str:
    """只读打开 / 仍然打开 / 取消 when another user or editor has the draft open."""
    text = (f"“{name}”正在使用中:\n{who}。\n\n"
            "只读打开:可以查看,修改后只能另存为其他文件,不会影响对方。\n"
            "仍然打开:两处都可以保存,后保存的会覆盖先保存的(保存前会提醒你)。")
    return _choose(parent, qt.QMessageBox.Icon.Warning, text,
                   [("只读打开", READ_ONLY), ("仍然打开", OPEN_ANYWAY), ("取消", CANCEL)], READ_ONLY, "文件正在使用")


def ask_changed_on_disk(parent: Optional[qt.QWidget], name: str) -> str:
    """覆盖 / 另存为 / 重新载入 / 取消 before saving over a file someone else changed."""
    text = (f"“{name}”在此窗口打开(或上次保存)之后,已被其他程序或其他人修改。\n\n"
            "覆盖:用此窗口的内容替换它,磁盘上的修改将丢失(旧文件保留为 .bak)。\n"
            "另存为:把此窗口的内容保存为另一个文件,两份都保留。\n"
            "重新载入:放弃此窗口的修改,显示磁盘上的新内容。")
    return _choose(parent, qt.QMessageBox.Icon.Warning, text,
                   [("覆盖", OVERWRITE), ("另存为…", SAVE_AS), ("重新载入", RELOAD), ("取消", CANCEL)], SAVE_AS,
                   "文件已被修改")


def confirm_discard_for_reload(parent: Optional[qt.QWidget], name: str) -> bool:
    """The second question before 重新载入 throws this window's edits away."""
    return confirm(parent, f"重新载入将放弃此窗口中对“{name}”所做的未保存修改,且无法撤销。\n确定重新载入吗?", "重新载入")


def ask_target_in_use(parent: Optional[qt.QWidget], path: str, program: str) -> str:
    """重试 / 仍然导出 / 取消 when the file to be written is open in another program."""
    text = (f"“{path}”似乎正在 {program} 中打开。\n\n请先在该程序中关闭这个文件,然后点“重试”。\n"
            "如果确定它没有打开(例如该程序上次异常退出),可以点“仍然导出”。")
    return _choose(parent, qt.QMessageBox.Icon.Warning, text,
                   [("重试", RETRY), ("仍然导出", WRITE_ANYWAY), ("取消", CANCEL)], RETRY, "文件正在使用")


def ask_retry_write(parent: Optional[qt.QWidget], message: str) -> bool:
    """重试 / 取消 after a write refused because another program holds the file (Windows)."""
    return _choose(parent, qt.QMessageBox.Icon.Warning, f"{message}\n\n目标文件未改动。",
                   [("重试", RETRY), ("取消", CANCEL)], RETRY, "无法写入") == RETRY
