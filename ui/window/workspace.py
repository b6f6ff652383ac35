"""工作区: the drafts of one folder at a glance (项目名称, 总分, 等级, 错误, 警告), sortable.

Opening a folder lists its drafts at once; they are read and scored on a worker thread
(:mod:`ui.output.background`) and their rows filled in batch by batch, so a bureau's 500 forms
show their first figures within a second and the window stays usable meanwhile (a bar above the
table shows how far it is, with 取消). The 汇总 line on top counts the grades and gives the mean
总分. Typing in 筛选 keeps the rows whose project name holds the text (among 500 forms, the one a
colleague asks about); Enter or ↓ goes on to the table, Esc empties it. The folder is remembered for the next start and watched: a draft saved, added or deleted
there (by this editor or anyone else) updates its row after a short pause.
"""
from __future__ import annotations

import queue
import time
from pathlib import Path
from typing import Optional, cast

from ui.qt import (QAbstractItemView, QEvent, QFileSystemWatcher, QHBoxLayout, QHeaderView, QKeyEvent, QLabel,
                   QLineEdit, QModelIndex, QObject, QProgressBar, QPushButton, Qt, QTableView, QTimer, QVBoxLayout,
                   QWidget, Signal)

from model.report import AssessedForm
from ui.output.background import BackgroundTask, Reporter
from ui.window import files
from ui.window.workspace_model import (ERRORS, FILE, GRADE, HEADERS, NAME, TOTAL, WARNINGS,
                                       WorkspaceEntry, WorkspaceModel, WorkspaceSort, list_drafts, read_entry,
                                       scan_folder, summarise)

__all__ = ["HEADERS", "WorkspaceEntry", "WorkspacePanel", "scan_folder"]

SETTING = "workspace/folder"
SORT_SETTING = "workspace/sort"  # "column order", e.g. "1 1": 总分, high to low
FIRST_BATCH = 20  # the first rows are filled in after this many drafts …
BATCH_SECONDS = 0.05  # … then about twenty times a second (small batches: short pauses)
RESCAN_MS = 400  # a burst of changes in the folder (a copy of 50 files) gives one re-scan
# Rows put in the table per turn of the event loop while the worker runs. Each row is some forty
# calls into Qt, and each call waits for the GIL the worker holds: about half a millisecond a row
# then, so a batch of 100 would hold the window 50 ms. The rest waits for the next turn.
ROWS_PER_TURN = 16


def score_paths(paths: list[Path], results: "queue.SimpleQueue[WorkspaceEntry]", reporter: Reporter) -> int:
    """On the worker thread: read each draft into ``results``; report after each batch (the
    window takes the batch from the queue then). Stops at a cancel."""
    total = len(paths)
    last = time.monotonic()
    for done, path in enumerate(paths, start=1):
        reporter.check()
        results.put(read_entry(path))
        now = time.monotonic()
        if done == total or done == FIRST_BATCH or now - last >= BATCH_SECONDS:
            reporter.progress(done, total)
            last = now
    return total


class WorkspacePanel(QWidget):
    """The folder's table; the window connects ``openRequested`` and the export signals."""

    openRequested = Signal(str)
    chooseFolderRequested = Signal()
    exportRequested = Signal(str)  # "xlsx", "pdf" or "print" (on paper)
    loaded = Signal()  # every draft of the folder has been read (or the reading was cancelled)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.folder: Optional[Path] = None
        self.task: Optional[BackgroundTask] = None
        self._results: "queue.SimpleQueue[WorkspaceEntry]" = queue.SimpleQueue()
        self._again = False  # re-scan once the running task has stopped
        self._shown_once = False
        self.model = WorkspaceModel()
        self.sorted = WorkspaceSort(self.model)
        self._build()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self.rescan_timer = QTimer(self)
        self.rescan_timer.setSingleShot(True)
        self.rescan_timer.setInterval(RESCAN_MS)
        self.rescan_timer.timeout.connect(self.refresh)
        self.take_timer = QTimer(self)  # the rows left over by the last turn, at the next one
        self.take_timer.setSingleShot(True)
        self.take_timer.setInterval(0)
        self.take_timer.timeout.connect(self._take_results)
        self._restore_folder()

    # --- construction --------------------------------------------------------------------------
    def _build(self) -> None:
        self.folder_label = QLabel("尚未选择文件夹")
        self.folder_label.setWordWrap(True)
        choose = QPushButton("选择文件夹…")
        choose.clicked.connect(self.chooseFolderRequested)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选:输入项目名称中的字")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.installEventFilter(self)
        self.progress = QProgressBar()
        self.progress.setFormat("正在计算 %v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.table = self._table()
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        loading = QHBoxLayout()
        loading.addWidget(self.progress, 1)
        loading.addWidget(self.cancel_button)
        exports = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, text in (("xlsx", "导出全部为 Excel"), ("pdf", "导出全部为 PDF"), ("print", "打印全部")):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=kind: self.exportRequested.emit(k))
            self.export_buttons[kind] = button
            exports.addWidget(button)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addLayout(loading)
        layout.addWidget(self.table, 1)
        layout.addLayout(exports)
        self._show_loading(False)
        # room for about 14 characters of the project name beside the four figures (the dock
        # never gets narrower than this; the name column takes whatever it is given beyond)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("汉") * 26)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.sorted)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        column, order = saved_sort()
        table.sortByColumn(column, order)  # as last time; file order until the user first sorts
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a name reads from its start
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(save_sort)
        header.setSectionsClickable(True)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        metrics = table.fontMetrics()
        for column, sample in ((TOTAL, "100.00"), (GRADE, "等级"), (ERRORS, "错误"), (WARNINGS, "警告"),
                               (FILE, "f00.json")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 14)
        table.setColumnHidden(FILE, True)  # the file is in every cell's tooltip; shown with 显示文件名 if wanted
        table.activated.connect(self._activated)  # double-click or Enter
        return table

    # --- folder ----------------------------------------------------------------------------------
    def _restore_folder(self) -> None:
        """Last session's folder, read only when the panel is first shown (a start stays quick)."""
        saved = files.get_setting(SETTING)
        if saved and Path(saved).is_dir():
            self.folder = Path(saved)
            self.folder_label.setText(str(self.folder))
            self.folder_label.setToolTip(str(self.folder))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.folder is not None and not self.model.entries:
                QTimer.singleShot(0, self.refresh)

    def set_folder(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        files.set_setting(SETTING, str(self.folder))
        self.folder_label.setText(str(self.folder))
        self.folder_label.setToolTip(str(self.folder))
        self.filter.clear()  # another folder: another search
        self.model.set_paths([])
        self.refresh()

    def _watch(self) -> None:
        watched = self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if self.folder is not None and self.folder.is_dir():
            self.watcher.addPath(str(self.folder))

    def _folder_changed(self, _path: str) -> None:
        self.rescan_timer.start()

    # --- reading -------------------------------------------------------------------------------
    def is_loading(self) -> bool:
        return self.task is not None and self.task.is_running()

    def refresh(self) -> None:
        """List the folder now; read what is new or changed in the background."""
        if self.is_loading():
            self._again = True
            assert self.task is not None
            self.task.cancel()
            return
        folder = self.folder
        paths = list_drafts(folder) if folder is not None and folder.is_dir() else []
        stale = self.model.set_paths(paths)
        self._watch()
        self._update_summary()
        if stale:
            self._start(stale)

    def _start(self, paths: list[Path]) -> None:
        results = self._results = queue.SimpleQueue()
        task = BackgroundTask(lambda reporter: score_paths(paths, results, reporter))
        task.progressed.connect(self._progressed)
        task.finished.connect(self._finished)
        self.task = task
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self._show_loading(True)
        task.start()

    def _take_results(self, limit: Optional[int] = ROWS_PER_TURN) -> None:
        """Show up to ``limit`` of the drafts read so far (None: all of them); if more are
        waiting, the next turn of the event loop shows the next ones."""
        batch: list[WorkspaceEntry] = []
        while limit is None or len(batch) < limit:
            try:
                batch.append(self._results.get_nowait())
            except queue.Empty:
                break
        else:
            self.take_timer.start()
        if batch:
            # one sort per batch: a sorted proxy re-sorts on every changed cell, which froze the
            # window for seconds at 500 drafts (turning dynamic sorting off does not stop that)
            column, order = self.sorted.sortColumn(), self.sorted.sortOrder()
            if column >= 0:
                self.sorted.sort(-1)
            self.model.update_many(batch)
            if column >= 0:
                self.sorted.sort(column, order)
            self._update_summary()

    def _progressed(self, done: int, total: int) -> None:
        self._take_results()
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.take_timer.stop()
        self._take_results(limit=None)  # the worker is done: nothing competes for the GIL now
        self._show_loading(False)
        if self._again:
            self._again = False
            self.refresh()
            return
        if self.task is not None and self.task.outcome == "cancelled":
            self.model.mark_unscored()
        self._update_summary()
        self.loaded.emit()

    def cancel_loading(self) -> None:
        """取消: stop reading; the rows not read yet say so, 刷新 reads them."""
        if self.is_loading():
            self._again = False
            assert self.task is not None
            self.task.cancel()

    def _show_loading(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)

    def _update_summary(self) -> None:
        if self.folder is None:
            self.summary.setText("")
            return
        summary = summarise(list(self.model.entries.values()))
        shown = f"\n筛选出 {self.sorted.rowCount()} 份" if self.filter.text().strip() else ""
        self.summary.setText(summary.text(self.is_loading()) + shown)

    # --- 筛选 ------------------------------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        self.sorted.setFilterFixedString(text.strip())
        self._update_summary()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """In 筛选: Enter or ↓ goes to the first row shown, Esc empties the field."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down) and self.sorted.rowCount():
                self.table.setFocus()
                self.table.setCurrentIndex(self.sorted.index(0, NAME))
                return True
            if key == Qt.Key.Key_Escape and self.filter.text():
                self.filter.clear()
                return True
        return super().eventFilter(watched, event)

    # --- opening and exporting -----------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        source = self.sorted.mapToSource(index)
        path = self.model.path_at(source.row())
        if path is not None:
            self.openRequested.emit(str(path))

    def open_row(self, row: int) -> None:
        """Open the draft shown in ``row`` of the table (as sorted on screen)."""
        if 0 <= row < self.sorted.rowCount():
            self._activated(self.sorted.index(row, NAME))

    @property
    def entries(self) -> list[WorkspaceEntry]:
        """The drafts by file name (as they are in the folder, whatever the table's sort)."""
        return self.model.ordered_entries()

    def assessed_forms(self) -> list[AssessedForm]:
        return [e.assessed for e in self.entries if e.assessed is not None]


def saved_sort() -> tuple[int, Qt.SortOrder]:
    """The column and order the table was last sorted by (-1: the folder's file order)."""
    try:
        column, order = (int(part) for part in files.get_setting(SORT_SETTING).split())
    except ValueError:
        return -1, Qt.SortOrder.AscendingOrder
    if not -1 <= column < len(HEADERS):
        return -1, Qt.SortOrder.AscendingOrder
    return column, Qt.SortOrder.DescendingOrder if order else Qt.SortOrder.AscendingOrder


def save_sort(column: int, order: Qt.SortOrder) -> None:
    files.set_setting(SORT_SETTING, f"{column} {1 if order == Qt.SortOrder.DescendingOrder else 0}")
