"""工作区: the drafts of one folder at a glance (项目名称, 总分, 等级, 错误, 警告).

A bureau keeps a year's forms in one folder; this panel reads each draft with
``model.report.load_assessed`` so the figures are the same as the command line's. A file that
cannot be read is listed with its error instead of being skipped silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ui.qt import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, Qt, QTableWidget,
                   QTableWidgetItem, QVBoxLayout, QWidget, Signal)

from model.draft import DraftError
from model.report import AssessedForm, load_assessed
from model.template import TemplateError

HEADERS = ("文件", "项目名称", "总分", "等级", "错误", "警告")


@dataclass
class WorkspaceEntry:
    path: Path
    assessed: Optional[AssessedForm] = None
    error: str = ""


def scan_folder(folder: Path) -> list[WorkspaceEntry]:
    """Every ``*.json`` of the folder (not its sub-folders), by file name."""
    entries = []
    for path in sorted(Path(folder).glob("*.json"), key=lambda p: p.name):
        try:
            entries.append(WorkspaceEntry(path, load_assessed(path)))
        except (DraftError, TemplateError) as exc:
            entries.append(WorkspaceEntry(path, None, str(exc)))
    return entries


class WorkspacePanel(QWidget):
    """The folder list; the window connects ``openRequested`` and the export signals."""

    openRequested = Signal(str)
    chooseFolderRequested = Signal()
    exportRequested = Signal(str)  # "xlsx" or "pdf"

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.folder: Optional[Path] = None
        self.entries: list[WorkspaceEntry] = []
        self.folder_label = QLabel("尚未选择文件夹")
        self.folder_label.setWordWrap(True)
        choose = QPushButton("选择文件夹…")
        choose.clicked.connect(self.chooseFolderRequested)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        exports = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, text in (("xlsx", "导出全部为 Excel"), ("pdf", "导出全部为 PDF")):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=kind: self.exportRequested.emit(k))
            self.export_buttons[kind] = button
            exports.addWidget(button)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        layout.addLayout(exports)

    def set_folder(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.folder_label.setText(str(self.folder))
        self.refresh()

    def refresh(self) -> None:
        self.entries = scan_folder(self.folder) if self.folder and self.folder.is_dir() else []
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(self._row_texts(entry)):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.error or str(entry.path))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        readable = sum(1 for e in self.entries if e.assessed)
        unreadable = len(self.entries) - readable
        text = f"共 {len(self.entries)} 个草稿" + (f",其中 {unreadable} 个无法读取" if unreadable else "")
        self.summary.setText(text if self.folder else "")

    @staticmethod
    def _row_texts(entry: WorkspaceEntry) -> tuple[str, ...]:
        if entry.assessed is None:
            return entry.path.name, f"无法读取:{entry.error}", "", "", "", ""
        evaluation = entry.assessed.evaluation
        errors, warnings = evaluation.counts()
        return (entry.path.name, entry.assessed.name, str(evaluation.total), evaluation.grade, str(errors),
                str(warnings))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.openRequested.emit(str(self.entries[row].path))

    def assessed_forms(self) -> list[AssessedForm]:
        return [e.assessed for e in self.entries if e.assessed is not None]
