"""The workspace's table: one row per draft of the folder, filled in as the drafts are scored.

A bureau keeps a year's forms in one folder, 500 of them at a finance bureau. The rows are listed
at once from the file names; each draft is then read and scored with
``model.report.load_assessed`` (the same figures as the command line) on a worker thread and its
row filled in when its batch arrives. A file that cannot be read keeps its row, with the error.

The model is a :class:`QStandardItemModel` on purpose: painting and sorting then run in C++ and
never wait for the worker thread's Python. :class:`WorkspaceSort` sorts on :data:`SORT_ROLE`
(numbers for 总分, 错误, 警告, so 100 sorts after 99.5, not after 10).
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional

from ui.qt import QSortFilterProxyModel, QStandardItem, QStandardItemModel, Qt

from model.draft import DraftError
from model.report import AssessedForm, load_assessed
from model.template import TemplateError
from model.values import format_score

HEADERS = ("项目名称", "总分", "等级", "错误", "警告", "文件")
NAME, TOTAL, GRADE, ERRORS, WARNINGS, FILE = range(len(HEADERS))
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 2
PENDING = "计算中…"
UNSCORED = -1.0  # sort key of a row without a score: below every real one


@dataclass
class WorkspaceEntry:
    path: Path
    assessed: Optional[AssessedForm] = None
    error: str = ""
    stamp: tuple[int, int] = (0, 0)  # (mtime_ns, size) when it was read: a re-scan skips unchanged files

    @property
    def scored(self) -> bool:
        return self.assessed is not None or bool(self.error)


def file_stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def list_drafts(folder: Path) -> list[Path]:
    """Every ``*.json`` of the folder (not its sub-folders, not hidden temporary files), by name."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return []
    return [Path(folder) / name for name in sorted(names) if name.lower().endswith(".json") and not name.startswith(".")]


def read_entry(path: Path) -> WorkspaceEntry:
    """Read and score one draft (on the worker thread: pure Python, never raises)."""
    stamp = file_stamp(path)
    try:
        return WorkspaceEntry(path, load_assessed(path), "", stamp)
    except (DraftError, TemplateError) as exc:
        return WorkspaceEntry(path, None, str(exc), stamp)
    except (OSError, ValueError) as exc:  # vanished or unreadable between listing and reading
        return WorkspaceEntry(path, None, f"无法读取:{exc}", stamp)


def scan_folder(folder: Path) -> list[WorkspaceEntry]:
    """All drafts of the folder read at once (the command line and tests; the panel reads in the background)."""
    return [read_entry(path) for path in list_drafts(Path(folder))]


def _item(text: str, sort: object, tip: str, align_center: bool = True) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(sort, SORT_ROLE)
    item.setToolTip(tip)
    item.setEditable(False)
    if align_center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def row_items(entry: WorkspaceEntry) -> list[QStandardItem]:
    """The six cells of a row; the tooltip of every cell names the project and the file in full."""
    path = str(entry.path)
    if entry.assessed is None:
        state = f"{entry.path.name}:无法读取" if entry.error else f"{entry.path.name}({PENDING})"
        tip = f"{entry.path.name}\n{path}" + (f"\n{entry.error}" if entry.error else "")
        cells = [_item(state, "\U0010ffff" + entry.path.name, tip, False)]
        cells += [_item("", UNSCORED, tip) for _ in range(4)]
    else:
        evaluation = entry.assessed.evaluation
        errors, warnings = evaluation.counts()
        name = entry.assessed.name or "(未填项目名称)"
        tip = f"{name}\n{path}"
        total = evaluation.total
        cells = [_item(name, name, tip, False),
                 _item(format_score(total), float(total) if total is not None else UNSCORED, tip),
                 _item(evaluation.grade, float(total) if total is not None else UNSCORED, tip),
                 _item(str(errors), errors, tip), _item(str(warnings), warnings, tip)]
    cells.append(_item(entry.path.name, entry.path.name, path, False))
    cells[0].setData(path, PATH_ROLE)
    return cells


class WorkspaceModel(QStandardItemModel):
    """The rows, kept in step with ``entries`` (by path; ``_rows`` maps a path to its source row)."""

    def __init__(self) -> None:
        super().__init__(0, len(HEADERS))
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.entries: dict[Path, WorkspaceEntry] = {}
        self._rows: dict[Path, int] = {}

    def set_paths(self, paths: list[Path]) -> list[Path]:
        """Rows for exactly ``paths``: kept where the file is unchanged, listed as 计算中 where it is
        new or changed, removed where it is gone. Returns the paths to (re)score."""
        wanted = set(paths)
        gone = sorted((row for path, row in self._rows.items() if path not in wanted), reverse=True)
        for row in gone:
            self.removeRow(row)
        if gone:
            self.entries = {path: entry for path, entry in self.entries.items() if path in wanted}
            self._rows = {Path(self.item(row, NAME).data(PATH_ROLE)): row for row in range(self.rowCount())}
        stale = []
        fresh = []
        for path in paths:
            known = self.entries.get(path)
            if known is not None and known.scored and known.stamp == file_stamp(path):
                continue
            stale.append(path)
            fresh.append(WorkspaceEntry(path))
        self.update_many(fresh)
        return stale

    def update_many(self, entries: list[WorkspaceEntry]) -> None:
        """Show each entry in its row (a new row at the end for a new file)."""
        for entry in entries:
            self.entries[entry.path] = entry
            cells = row_items(entry)
            row = self._rows.get(entry.path)
            if row is None:
                self._rows[entry.path] = self.rowCount()
                self.appendRow(cells)
                continue
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)

    def mark_unscored(self) -> None:
        """After a cancel: the rows never read say so instead of 计算中."""
        for path, entry in self.entries.items():
            row = self._rows.get(path)
            if not entry.scored and row is not None:
                self.item(row, NAME).setText(f"{path.name}(未计算)")

    def path_at(self, row: int) -> Optional[Path]:
        item = self.item(row, NAME)
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def ordered_entries(self) -> list[WorkspaceEntry]:
        return [self.entries[path] for path in sorted(self.entries, key=lambda p: p.name)]


class WorkspaceSort(QSortFilterProxyModel):
    """Sorting on the numbers behind the texts; names in the locale's order (Chinese collation)."""

    def __init__(self, source: WorkspaceModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self.setDynamicSortFilter(True)
        self.setFilterKeyColumn(NAME)  # 筛选 looks in the project name, as the table shows it
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


@dataclass
class Summary:
    """汇总 of the scored drafts: how many per grade, the mean 总分, what could not be read."""

    count: int
    scored: int
    unreadable: int
    grades: list[tuple[str, int]]
    mean: Optional[Decimal]

    def text(self, loading: bool = False) -> str:
        """Two lines: the counts, then the mean and what is missing. One line wrapped in a narrow
        panel wherever it ran out of room, even between "平均总分" and its figure."""
        counts = [f"共 {self.count} 份"] + [f"{grade} {n}" for grade, n in self.grades]
        rest = [] if self.mean is None else [f"平均总分 {format_score(self.mean)}"]
        if self.unreadable:
            rest.append(f"{self.unreadable} 份无法读取")
        pending = self.count - self.scored - self.unreadable
        if pending > 0:
            rest.append(f"{pending} 份计算中" if loading else f"{pending} 份未计算(点“刷新”继续)")
        return "\n".join(" · ".join(line) for line in (counts, rest) if line)


def summarise(entries: list[WorkspaceEntry]) -> Summary:
    assessed = [e.assessed for e in entries if e.assessed is not None]
    unreadable = sum(1 for e in entries if e.assessed is None and e.error)
    counts = Counter(a.evaluation.grade for a in assessed)
    order: list[str] = []
    for a in assessed:  # the grade words in the templates' order (优, 良, 中, 差)
        for _threshold, word in a.template.rules.grades:
            if word not in order:
                order.append(word)
    order += sorted(set(counts) - set(order))
    totals = [a.evaluation.total for a in assessed if a.evaluation.total is not None]
    mean = (sum(totals, Decimal(0)) / len(totals)) if totals else None
    return Summary(len(entries), len(assessed), unreadable, [(g, counts[g]) for g in order if counts[g]], mean)
