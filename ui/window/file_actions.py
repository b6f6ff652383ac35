"""The file side of the main window: new, open, save, close, autosave and crash recovery.

:class:`FileActions` is held by :class:`ui.window.main_window.MainWindow` (as ``file_actions``)
and reaches the window only through :class:`FileHost`: its tabs (``tabs``, ``tab_widgets``,
``current_tab``, ``find_tab``, ``add_document``), the ``undo_group``, ``show_message`` and
``update_titles``. Settings, recent files and the recovery copies themselves are
:mod:`ui.window.files`; the questions asked are :mod:`ui.dialogs` (looked up at call time, so
tests can answer them).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Protocol, Sequence, TypeVar, cast

from ui.qt import QTabWidget, QUndoGroup, QWidget

from model.atomic import WriteError
from model.draft import DraftError, load_draft, save_draft
from model.file_names import unique_file_names
from model.form import Form
from model.messages import os_reason
from model.new_form import new_form
from model.next_year import next_year_form
from model.template import TemplateError
from model.template_registry import get_template
from ui import dialogs
from ui.document import FormDocument
from ui.window.draft_safety import DraftSafety
from ui.form.tab import FormTab
from ui.output.names import default_stem
from ui.window import files

if TYPE_CHECKING:
    from ui.output.steps import StepTask

T = TypeVar("T")


def tab_title(document: FormDocument) -> str:
    if document.path:
        return document.path.name
    return f"{document.form.project.name or '未命名'}({document.form.year}年度)"


def opened_message(opened: int, asked: int, tried: int, text: str = "") -> str:
    """The status bar after opening several drafts: how many, and what was not."""
    text = text or f"已打开 {opened} 份表单"
    if tried > opened:
        text += f",{tried - opened} 份未能打开"
    if asked > tried:
        text += f",已取消其余 {asked - tried} 份"
    return text


def imported_message(source: str, opened: int, asked: int, tried: int) -> str:
    return opened_message(opened, asked, tried, f"已从 {source} 导入 {opened} 份表单(尚未保存)")


def recovered_message(opened: int, asked: int, tried: int) -> str:
    text = opened_message(opened, asked, tried, f"已恢复 {opened} 份表单")
    return text + ",请检查后保存。" if opened else text


class FileHost(Protocol):
    """What the file actions use of the window that holds them: its tabs and status bar."""

    tabs: QTabWidget
    undo_group: QUndoGroup

    def tab_widgets(self) -> list[FormTab]: ...

    def current_tab(self) -> Optional[FormTab]: ...

    def find_tab(self, path: Path) -> Optional[FormTab]: ...

    def add_document(self, document: FormDocument, modified: bool = False,
                     recovery_key: Optional[str] = None, show: bool = True) -> FormTab: ...

    def show_message(self, text: str) -> None: ...

    def update_titles(self, tab: Optional[FormTab] = None) -> None: ...


class FileActions:
    """Where forms come from and go to: drafts on disk, forms made in memory, recovery copies.

    ``parent`` is the widget the questions are asked over (the window)."""

    def __init__(self, parent: QWidget, host: FileHost) -> None:
        self.parent = parent
        self.host = host
        self.safety = DraftSafety(parent, host, self)  # locks, the check before saving, watching (#15)

    # --- new / open ------------------------------------------------------------------------------
    def new_dialog(self) -> Optional[FormDocument]:
        choice = dialogs.ask_new_form(self.parent)
        return self.new_document(*choice) if choice else None

    def new_document(self, template_id: str, year: Optional[int] = None) -> Optional[FormDocument]:
        try:
            template = get_template(template_id)
        except TemplateError as exc:
            dialogs.error(self.parent, str(exc))
            return None
        document = FormDocument(new_form(template, year), None, template)
        self.host.add_document(document)
        return document

    def open_dialog(self) -> None:
        self.open_files(dialogs.open_file_names(self.parent, str(files.start_folder())))

    def open_file(self, path: str | Path, show: bool = True) -> Optional[FormDocument]:
        """Open a draft in a new tab (or find its tab if it is open), shown if ``show``; errors
        change nothing."""
        path = Path(path)
        existing = self.host.find_tab(path)
        if existing is not None:
            if show:
                self.host.tabs.setCurrentWidget(existing)
            return existing.document
        opening = self.safety.ask_to_open(path)  # someone else has it open: ask first
        if opening is None:
            return None
        try:
            form, known = self.safety.load(path)
            template = get_template(form.template)
        except (DraftError, TemplateError) as exc:
            dialogs.error(self.parent, f"无法打开草稿。\n\n{exc}")
            return None
        document = FormDocument(form, path.resolve(), template)
        self.safety.opened(self.host.add_document(document, show=show), known, *opening)
        files.remember_opened(path, form.project.name)
        self.host.show_message(f"已打开 {path}")
        return document

    def open_files(self, paths: list[str]) -> Optional[StepTask]:
        """Open the drafts, each in its tab. One opens at once; more open one per turn of the
        event loop (a form page takes some 35 ms to build: thirty froze the window for a second),
        with a progress dialog whose 取消 leaves the rest unopened. The task, or None when all
        is done already."""
        if len(paths) <= 1:
            for path in paths:
                self.open_file(path)
            return None
        return self._open_in_steps(paths, self.open_file, opened_message)

    def open_forms(self, forms: list[Form], source: str) -> StepTask:
        """Forms read from ``source`` (a workbook) as unsaved tabs, one per turn of the event loop."""
        return self._open_in_steps(forms, lambda form, show: self.open_form(form, source, show),
                                   lambda opened, asked, tried: imported_message(source, opened, asked, tried))

    def _open_in_steps(self, items: Sequence[T], open_one: Callable[[T, bool], Optional[FormDocument]],
                       say: Callable[[int, int, int], str]) -> StepTask:
        """The first item's tab is shown, the others open behind it: switching to each new tab
        laid out and painted every form (a third of the time) and flickered through them."""
        from ui.output.background import with_progress_dialog
        from ui.output.steps import StepTask

        opened: list[FormDocument] = []

        def step(n: int) -> None:
            document = open_one(items[n], n == 0)
            if document is not None:
                opened.append(document)

        task = StepTask(len(items), step, self.parent)
        with_progress_dialog(task, self.parent, "正在打开", len(items))
        task.finished.connect(lambda: self.host.show_message(say(len(opened), len(items), task.done)))
        return task.start()

    def open_form(self, form: Form, source: str = "", show: bool = True) -> Optional[FormDocument]:
        """A form that exists only in memory (imported, next year, recovered) as an unsaved tab."""
        try:
            template = get_template(form.template)
        except TemplateError as exc:
            dialogs.error(self.parent, f"无法打开{source or '表单'}。\n\n{exc}")
            return None
        document = FormDocument(form, None, template)
        self.host.add_document(document, modified=True, show=show)
        return document

    def new_next_year(self) -> Optional[FormDocument]:
        tab = self.host.current_tab()
        if tab is None:
            return None
        tab.commit_pending()
        document = self.open_form(next_year_form(tab.document.form))
        if document:
            self.host.show_message(f"已新建 {document.form.year} 年度的表,请填写实际完成值后另存。")
        return document

    # --- save / close ----------------------------------------------------------------------------
    def save_current(self) -> bool:
        tab = self.host.current_tab()
        return self.save_tab(tab) if tab else False

    def save_current_as(self) -> bool:
        tab = self.host.current_tab()
        return self.save_tab_as(tab) if tab else False

    def save_tab(self, tab: FormTab) -> bool:
        if tab.document.path is None:
            return self.save_tab_as(tab)
        return self.save_to(tab, tab.document.path)

    def save_tab_as(self, tab: FormTab, path: Optional[str | Path] = None) -> bool:
        if path is None:
            document = tab.document
            folder = files.start_folder(files.LAST_FOLDER, files.WORKBOOK_FOLDER)
            suggested = (self.safety.suggested_name(document) or document.path  # a saved file keeps its name
                         or folder / f"{default_stem(document.form)}.json")  # the name its exports get
            path = dialogs.save_file_name(self.parent, str(suggested))
            if not path:
                return False
        return self.save_to(tab, Path(path))

    def save_to(self, tab: FormTab, path: Path) -> bool:
        tab.commit_pending()
        handled = self.safety.before_save(tab, path)  # changed on disk, or read-only
        if handled is not None:
            return handled
        try:
            save_draft(tab.document.form, path)
        except WriteError as exc:
            dialogs.error(self.parent, f"保存失败,文件未改动。\n\n{exc}")
            return False
        document = tab.document
        document.set_path(path.resolve())
        document.mark_saved()
        files.remove_recovery(tab.recovery_key)
        self.safety.saved(tab, path)
        files.remember_opened(path, document.form.project.name)
        self.host.update_titles(tab)
        self.host.show_message(f"已保存 {path}")
        return True

    def _settle(self, tab: FormTab) -> bool:
        """Ask about unsaved changes; True when the tab may close."""
        tab.commit_pending()
        if not tab.document.modified:
            return True
        self.host.tabs.setCurrentWidget(tab)
        answer = dialogs.ask_save_changes(self.parent, tab_title(tab.document))
        if answer == dialogs.SAVE:
            return self.save_tab(tab)
        return answer == dialogs.DISCARD

    def close_tab(self, index: int) -> bool:
        tab = cast(Optional[FormTab], self.host.tabs.widget(index))
        if tab is None or not self._settle(tab):
            return False
        self.drop_tab(tab)
        return True

    def drop_tab(self, tab: FormTab) -> None:
        """Remove a tab without asking (its draft's lock and watch go with it)."""
        self.safety.closed(tab)
        files.remove_recovery(tab.recovery_key)
        self._release(tab.document)
        self.host.tabs.removeTab(self.host.tabs.indexOf(tab))
        tab.deleteLater()

    def _release(self, document: FormDocument) -> None:
        """Detach a closing document's undo stack: a stack that is destroyed while not clean
        emits cleanChanged, which must not reach a half-destroyed document or window."""
        if document.released:
            return
        document.released = True
        self.host.undo_group.removeStack(document.undo_stack)
        document.undo_stack.cleanChanged.disconnect()

    def close_current(self) -> bool:
        return self.close_tab(self.host.tabs.currentIndex()) if self.host.current_tab() else False

    def close_all(self, keep: Optional[FormTab] = None) -> bool:
        """关闭全部 (or, with ``keep``, 关闭其他): one question for the unsaved forms, as when the
        window closes, then those tabs go; the window stays. False when the user kept them."""
        closing = [tab for tab in self.host.tab_widgets() if tab is not keep]
        if not self._settle_together(closing):
            return False
        for tab in closing:
            self.drop_tab(tab)
        return True

    def settle_all(self) -> bool:
        """Before the window closes: ask about the unsaved forms (several: once for all, or one by
        one if the user wants); once all may close, drop their recovery copies and release their
        undo stacks. False: stay open."""
        if not self._settle_together(self.host.tab_widgets()):
            return False
        for tab in self.host.tab_widgets():
            files.remove_recovery(tab.recovery_key)
            self._release(tab.document)
        self.safety.close_all()
        return True

    def _settle_together(self, tabs: list[FormTab]) -> bool:
        """Whether ``tabs`` may close: one question when several have unsaved changes (sixty
        imported forms were sixty questions), the usual one for a single form."""
        for tab in tabs:
            tab.commit_pending()
        unsaved = [tab for tab in tabs if tab.document.modified]
        answer = dialogs.ONE_BY_ONE
        if len(unsaved) > 1:
            answer = dialogs.ask_save_all(self.parent, [tab_title(t.document) for t in unsaved])
        if answer == dialogs.ONE_BY_ONE:
            return all(self._settle(tab) for tab in unsaved)  # stops at the first 取消
        if answer == dialogs.SAVE:
            return self.save_all(unsaved)  # a folder or 另存为 cancelled keeps the window open
        return answer == dialogs.DISCARD

    def save_all(self, tabs: Optional[list[FormTab]] = None) -> bool:
        """全部保存: each changed form to its file; several never saved (imported from a workbook,
        new) go into one folder asked once, each under its project name, never over a file
        already there. False when a save failed or the user cancelled."""
        tabs = self.host.tab_widgets() if tabs is None else tabs
        for tab in tabs:
            tab.commit_pending()
        changed = [tab for tab in tabs if tab.document.modified]
        homeless = [tab for tab in changed if tab.document.path is None]
        if len(homeless) > 1 and not self._save_into_folder(homeless):
            return False
        return all(self._save_shown(tab) for tab in changed if tab.document.modified)

    def _save_into_folder(self, tabs: list[FormTab]) -> bool:
        chosen = dialogs.choose_folder(self.parent, str(files.start_folder(files.LAST_FOLDER, files.WORKBOOK_FOLDER)),
                                       f"把 {len(tabs)} 份未保存过的表单保存到文件夹")
        if not chosen:
            return False
        folder = Path(chosen)
        try:
            taken = [p.name for p in folder.iterdir()]
        except OSError as exc:
            dialogs.error(self.parent, f"无法读取文件夹“{folder}”:{os_reason(exc)}")
            return False
        names = unique_file_names([default_stem(tab.document.form) for tab in tabs], taken)
        saved = all(self.save_to(tab, folder / name) for tab, name in zip(tabs, names))
        if saved:
            self.host.show_message(f"已把 {len(tabs)} 份表单保存到 {folder}")
        return saved

    def _save_shown(self, tab: FormTab) -> bool:
        self.host.tabs.setCurrentWidget(tab)  # a 另存为 asked for it shows which form it is
        return self.save_tab(tab)

    # --- autosave and recovery -------------------------------------------------------------------
    def autosave_now(self) -> int:
        """Write a recovery copy of every modified form (and drop those of saved ones)."""
        written = 0
        for place, tab in enumerate(self.host.tab_widgets()):
            if not (tab.document.modified or tab.has_pending_edit()):
                files.remove_recovery(tab.recovery_key)
                continue
            try:  # with what is being typed in an open cell editor (on a copy: nothing is committed)
                files.write_recovery(tab.recovery_key, tab.recovery_form(), tab.document.path, place)
                written += 1
            except WriteError as exc:
                self.host.show_message(f"自动保存失败:{exc}")
        return written

    def offer_recovery(self) -> int:
        """At start-up: offer the copies a crash left; returns how many forms were recovered."""
        entries = files.list_recovery()
        if not entries:
            return 0
        choice = dialogs.ask_recovery(self.parent, entries)
        if choice == dialogs.RECOVER:
            return self.recover(entries)
        if choice == dialogs.DISCARD_ALL and dialogs.confirm(
                self.parent, f"丢弃后,这 {len(entries)} 份表单未保存的修改将无法找回。确定丢弃吗?"):
            for entry in entries:
                files.remove_recovery(entry.key)
        return 0

    def recover(self, entries: list[files.RecoveryEntry]) -> int:
        """The copies as unsaved tabs; returns how many are recovered. One at once; more (a crash
        after importing a workbook leaves sixty) one per turn of the event loop, with progress:
        the count is then of those asked for, and the status bar says how many came back."""
        if len(entries) > 1:
            self._open_in_steps(entries, self._recover_one, recovered_message)
            return len(entries)
        count = sum(1 for entry in entries if self._recover_one(entry, True) is not None)
        if count:
            self.host.show_message(recovered_message(count, count, count))
        return count

    def _recover_one(self, entry: files.RecoveryEntry, show: bool) -> Optional[FormDocument]:
        try:
            form = load_draft(entry.draft)
            template = get_template(form.template)
        except (DraftError, TemplateError) as exc:
            dialogs.error(self.parent, f"恢复副本无法读取,已保留在 {entry.draft}。\n\n{exc}")
            return None
        document = FormDocument(form, entry.original, template)
        tab = self.host.add_document(document, modified=True, recovery_key=entry.key, show=show)
        self.safety.recovered(tab)
        return document
