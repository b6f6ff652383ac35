"""The window's side of drafts used elsewhere or changed on disk (issue #15).

Held by the window's file actions, it answers three moments of a draft's life:

- **opening**: a draft someone else has open (its lock, :mod:`model.draft_lock`) is offered
  只读打开 / 仍然打开 / 取消; a read-only tab takes no lock and its 保存 becomes 另存为;
- **saving**: when the file on disk is no longer what this window read or wrote (by content,
  :mod:`model.fingerprint`), 保存 asks 覆盖 / 另存为 / 重新载入 (reloading asks once more
  before throwing this window's edits away) — never a silent overwrite;
- **while open**: the :class:`ui.window.draft_guard.DraftGuard` watches the file. Unmodified here, the
  tab reloads and the status bar says so (the undo history starts again: said too); modified
  here, a bar on the tab offers the same three choices as 保存 and leaves the user's edits alone.

Reloading shows the new content in a new tab in the old one's place, so every view starts from
the file as it is now; the old tab's undo history goes with it.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional, Protocol

from ui.qt import QApplication, QTabWidget, QWidget

from model.draft import DraftError, load_draft
from model.fingerprint import DiskChange, Fingerprint, Reaction, fingerprint, judge
from model.form import Form
from model.template import TemplateError
from model.template_registry import get_template
from ui import dialogs
from ui.form.disk_bar import DISMISS, DiskBar
from ui.document import FormDocument
from ui.form.tab import FormTab
from ui.window.draft_guard import DraftGuard, stable_fingerprint


class OpenMode(Enum):
    NORMAL = "normal"
    READ_ONLY = "read-only"
    TAKE_OVER = "take-over"  # 仍然打开: this window's lock replaces the other's


class SafetyHost(Protocol):
    """What this uses of the window and its file actions."""

    tabs: QTabWidget

    def tab_widgets(self) -> list[FormTab]: ...

    def add_document(self, document: FormDocument, modified: bool = False,
                     recovery_key: Optional[str] = None, show: bool = True) -> FormTab: ...

    def show_message(self, text: str) -> None: ...

    def update_titles(self, tab: Optional[FormTab] = None) -> None: ...


class FileSide(Protocol):
    """What this uses of the file actions that hold it."""

    def save_tab(self, tab: FormTab) -> bool: ...

    def save_tab_as(self, tab: FormTab, path: Optional[str | Path] = None) -> bool: ...

    def drop_tab(self, tab: FormTab) -> None: ...


class DraftSafety:
    def __init__(self, parent: QWidget, host: SafetyHost, actions: FileSide) -> None:
        self.parent = parent
        self.host = host
        self.actions = actions
        self.guard = DraftGuard(parent)
        self.guard.changedOnDisk.connect(self._on_changed)
        app = QApplication.instance()
        if app is not None:  # the program may end without closing the window (app.quit): no lock left behind
            app.aboutToQuit.connect(self.guard.untrack_all)
        self._who: dict = {}  # document -> who holds the lock (for a read-only tab's bar)
        self._saving_as: list = []  # tabs in 另存为 on the way from a read-only 保存

    # --- opening -------------------------------------------------------------------------------------
    def ask_to_open(self, path: Path) -> Optional[tuple[OpenMode, str]]:
        """How to open ``path`` and who else has it open ("" for nobody); None: 取消."""
        found = self.guard.lock_check(path)
        if not found.held:
            return OpenMode.NORMAL, ""
        who = found.describe()
        answer = dialogs.ask_in_use(self.parent, path.name, who)
        if answer == dialogs.READ_ONLY:
            return OpenMode.READ_ONLY, who
        return (OpenMode.TAKE_OVER, who) if answer == dialogs.OPEN_ANYWAY else None

    @staticmethod
    def load(path: Path) -> tuple[Form, Optional[Fingerprint]]:
        """Load a draft and the fingerprint of exactly the bytes it was read from."""
        form, known = stable_fingerprint(path, load_draft)
        return form, known

    def opened(self, tab: FormTab, known: Optional[Fingerprint], mode: OpenMode = OpenMode.NORMAL, who: str = "") -> None:
        document = tab.document
        result = self.guard.track(document, known, read_only=mode is OpenMode.READ_ONLY,
                                  take_over=mode is OpenMode.TAKE_OVER)
        if mode is OpenMode.READ_ONLY:
            self._who[document] = who or "其他人正在使用此文件"
        elif result.held:  # someone locked it between the question and now
            self.host.show_message(f"注意:{result.describe()}。")
        self.refresh(tab)

    def recovered(self, tab: FormTab) -> None:
        """A recovered form that belongs to a file: lock and watch it from the file as it is now
        (the copy was made from it; a crash leaves no record of the content it started from)."""
        if tab.document.path is not None and Path(tab.document.path).is_file():
            self.guard.track(tab.document, fingerprint(tab.document.path))

    def closed(self, tab: FormTab) -> None:
        self.guard.untrack(tab.document)
        self._who.pop(tab.document, None)

    def close_all(self) -> None:
        self.guard.untrack_all()
        self._who.clear()

    # --- the tab's look ------------------------------------------------------------------------------
    def is_read_only(self, document: FormDocument) -> bool:
        return self.guard.is_read_only(document)

    def bar(self, tab: FormTab) -> DiskBar:
        """The tab's bar, its answers connected here the first time it is used."""
        bar = tab.disk_bar
        if not bar.answered_by:
            bar.answered_by = "draft-safety"
            bar.chosen.connect(lambda answer, t=tab: self._bar_choice(t, answer))
        return bar

    def refresh(self, tab: FormTab) -> None:
        """The read-only bar for a read-only tab (unless a change is on show), none otherwise."""
        bar = tab.disk_bar
        if self.is_read_only(tab.document):
            if bar.kind in ("", "read-only"):
                self.bar(tab).show_read_only(self._who.get(tab.document, "其他人正在使用此文件"))
        elif bar.kind == "read-only":
            bar.clear()
        self.host.update_titles(tab)

    # --- saving --------------------------------------------------------------------------------------
    def suggested_name(self, document: FormDocument) -> Optional[Path]:
        """For 另存为 of a read-only tab: not the file someone else is working on."""
        if document.path is None or not self.is_read_only(document):
            return None
        path = Path(document.path)
        return path.with_name(f"{path.stem}(副本){path.suffix}")

    def before_save(self, tab: FormTab, path: Path) -> Optional[bool]:
        """None: go on and write ``path``. Otherwise the save is handled here (另存为, 重新载入 or
        取消) and this is what the save returns."""
        document = tab.document
        if document.path is None or Path(path).resolve() != Path(document.path).resolve():
            return self._before_save_elsewhere(path)
        if self.is_read_only(document):
            if tab in self._saving_as:
                dialogs.warn(self.parent, f"“{Path(path).name}”是只读打开的,其他人正在使用它。\n请另存为其他文件名。")
                return False
            return self._save_as(tab)
        if self.guard.change_of(document) is not DiskChange.CHANGED:
            return None
        answer = dialogs.ask_changed_on_disk(self.parent, Path(path).name)
        return self._resolve(tab, answer)

    def _before_save_elsewhere(self, path: Path) -> Optional[bool]:
        """另存为 onto a draft someone else has open: their window would be written over."""
        found = self.guard.lock_check(Path(path))
        if not found.held:
            return None
        text = (f"“{Path(path).name}”正在使用中:\n{found.describe()}。\n\n"
                "仍然保存到这个文件吗?(对方再保存时会被提醒文件已被修改)")
        return None if dialogs.confirm(self.parent, text, "文件正在使用") else False

    def saved(self, tab: FormTab, path: Path) -> None:
        self.guard.saved(tab.document, path)
        if tab.disk_bar.kind in ("changed", "removed"):
            tab.disk_bar.clear()
        self.refresh(tab)

    def _save_as(self, tab: FormTab) -> bool:
        self._saving_as.append(tab)
        try:
            return self.actions.save_tab_as(tab)
        finally:
            self._saving_as.remove(tab)

    def _resolve(self, tab: FormTab, answer: str) -> Optional[bool]:
        """Act on 覆盖 / 另存为 / 重新载入 / 取消 (from the question or the bar)."""
        if answer == dialogs.OVERWRITE:
            self.guard.accept_disk(tab.document)
            return None
        if answer == dialogs.SAVE_AS:
            return self._save_as(tab)
        if answer == dialogs.RELOAD:
            if tab.document.modified and not dialogs.confirm_discard_for_reload(self.parent, _name(tab)):
                return False
            self.reload(tab)
        return False  # 另存为 aside, nothing was saved

    # --- changes on disk -----------------------------------------------------------------------------
    def _on_changed(self, document: FormDocument, change: DiskChange) -> None:
        tab = next((t for t in self.host.tab_widgets() if t.document is document), None)
        if tab is None or document.path is None:
            return
        tab.commit_pending()
        name = Path(document.path).name
        reaction = judge(change, document.modified)
        if reaction is Reaction.RELOAD:
            had_history = document.undo_stack.count() > 0
            new_tab = self.reload(tab, quiet=True)
            if new_tab is not None:
                history = "撤销记录已清空" if had_history else "没有需要保留的撤销记录"
                self.host.show_message(f"“{name}”已被其他程序修改,已自动重新载入({history})。")
        elif reaction is Reaction.OFFER:
            self.bar(tab).show_changed(name, can_overwrite=not self.is_read_only(document))
            self.host.show_message(f"“{name}”已被其他程序修改;此窗口中的修改仍在,请在表格上方选择如何处理。")
        elif reaction is Reaction.GONE:
            self.bar(tab).show_removed(name)
            self.host.show_message(f"“{name}”已从磁盘上删除或移走;保存时将重新创建。")

    def _bar_choice(self, tab: FormTab, answer: str) -> None:
        """A button of the bar. When the choice came to nothing (另存为 cancelled, 否 to discarding)
        the bar comes back: the change on disk is still unanswered."""
        if answer == DISMISS:
            self.guard.accept_disk(tab.document)
        elif answer == dialogs.OVERWRITE:
            self._overwrite(tab)
        elif answer in (dialogs.SAVE_AS, dialogs.RELOAD):
            self._resolve(tab, answer)
        if tab not in self.host.tab_widgets():
            return  # reloaded: a new tab shows the file
        unanswered = self.guard.change_of(tab.document) is DiskChange.CHANGED
        if answer != DISMISS and unanswered and tab.disk_bar.kind == "":
            self.bar(tab).show_changed(_name(tab), not self.is_read_only(tab.document))
        self.refresh(tab)

    def _overwrite(self, tab: FormTab) -> None:
        """覆盖 on the bar: write this window's content now (the user has chosen; no second ask)."""
        self.guard.adopt_disk(tab.document)
        self.actions.save_tab(tab)

    def reload(self, tab: FormTab, quiet: bool = False) -> Optional[FormTab]:
        """Show the file as it is on disk now in place of ``tab``; returns the new tab, or None
        when the file cannot be read (then nothing changes)."""
        old = tab.document
        if old.path is None:
            return None
        path = Path(old.path)
        try:
            form, known = self.load(path)
            template = get_template(form.template)
        except (DraftError, TemplateError) as exc:
            text = f"磁盘上的“{path.name}”无法读取,此窗口的内容没有改变。\n\n{exc}"
            if quiet:
                self.host.show_message(text.replace("\n\n", ":"))
            else:
                dialogs.error(self.parent, text)
            return None
        index = self.host.tabs.indexOf(tab)
        document = FormDocument(form, path, template)
        read_only = self.is_read_only(old)
        who = self._who.pop(old, None)
        self.guard.reloaded(old, document, known)
        if who is not None:
            self._who[document] = who
        new_tab = self.host.add_document(document)
        self.host.tabs.tabBar().moveTab(self.host.tabs.indexOf(new_tab), index)
        self.actions.drop_tab(tab)
        self.host.tabs.setCurrentWidget(new_tab)
        if read_only:
            self.refresh(new_tab)
        if not quiet:
            self.host.show_message(f"已重新载入磁盘上的“{path.name}”(撤销记录已清空)。")
        return new_tab


def _name(tab: FormTab) -> str:
    path = tab.document.path
    return Path(path).name if path is not None else "未命名"
