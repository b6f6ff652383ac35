"""The one place the program imports Qt from.

Keeping every PySide6 import here means the rest of ui/ reads ``from ui.qt import …`` and a
future binding change (or a compatibility shim between Qt 6.5 and 6.12) touches one file.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from PySide6.QtCore import (QAbstractItemModel, QByteArray, QEvent, QFileSystemWatcher, QItemSelectionModel, QLibraryInfo, QLocale,
                            QMimeData, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSettings,
                            QSize, QSortFilterProxyModel, QStandardPaths, Qt, QTimer, QTranslator, QUrl, Signal,
                            Slot)
from PySide6.QtGui import (QAction, QBrush, QColor, QFont, QFontDatabase, QFontMetrics, QGuiApplication,
                           QIcon, QImage, QInputMethodEvent, QKeyEvent, QKeySequence, QPageLayout, QPageSize, QPaintEngine, QPainter, QPalette, QPen, QPixmap, QShortcut,
                           QStandardItem, QStandardItemModel, QTextCursor, QTextOption, QUndoCommand, QUndoGroup, QUndoStack, QValidator,
                           QDoubleValidator, QRegularExpressionValidator)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QCompleter, QDialog,
                               QDialogButtonBox, QDockWidget, QFileDialog, QFormLayout, QFrame, QGridLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QPushButton,
                               QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStatusBar, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableWidget, QTableWidgetItem, QTabWidget, QTextEdit,
                               QToolBar, QToolButton, QToolTip, QTreeView, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)
from PySide6.QtCore import QCoreApplication, QDate, QEventLoop, QThread
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QTableView


# What Qt passes to a model's or a delegate's overrides: either kind of index (for type hints).
AnyIndex = Union[QModelIndex, QPersistentModelIndex]


def local_channel():
    """(QLocalServer, QLocalSocket), imported on first use: only the single-instance channel
    (:mod:`ui.window.single_instance`, a local pipe, never the network) loads QtNetwork."""
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    return QLocalServer, QLocalSocket


# Loaded on first use (PEP 562): only printing needs QtPrintSupport, and loading it with the window
# would slow every start of the editor. ``from ui.qt import QPrinter`` works as for the others.
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
_LAZY = {name: "PySide6.QtPrintSupport" for name in ("QPrintDialog", "QPrinter", "QPrintPreviewDialog",
                                                    "QPrintPreviewWidget")}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def _guard_singleton_refcounts() -> None:
    """PySide6 6.12.0 on Python < 3.12 loses a reference to None/True/False on many calls; there
    these objects are not immortal, so after a few thousand calls Python aborts ("deallocating
    None"). pyproject.toml keeps 6.12 off such Pythons; if it is installed anyway, give the three
    singletons a count they cannot run out of (what Python 3.12 does by making them immortal)."""
    import sys

    import PySide6

    if sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12."):
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_guard_singleton_refcounts()

__all__ = [name for name in dir() if name.startswith("Q") or name in ("AnyIndex", "Qt", "Signal", "Slot", "local_channel")]
