"""The one place the program imports Qt from.

Keeping every PySide6 import here means the rest of ui/ reads ``from ui.qt import …`` and a
future binding change (or a compatibility shim between Qt 6.5 and 6.12) touches one file.

Names are resolved on first use (PEP 562): PySide6 builds a class, with all its enums, the first
time it is asked for, and building the ~100 classes the editor uses costs about 75 ms. Resolving
them as the modules that use them load lets the window appear before the form's modules (and
their Qt classes) are loaded. Type checkers read the ``TYPE_CHECKING`` imports, which are the list
of what this module offers; at run time an unknown name fails as any missing import does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from PySide6.QtCore import (QAbstractItemModel, QByteArray, QCoreApplication, QDate, QEvent, QEventLoop,
                                QFileSystemWatcher, QItemSelection, QItemSelectionModel, QLibraryInfo, QLocale,
                                QMimeData, QModelIndex, QObject, QPersistentModelIndex, QPoint, QPointF, QRect, QSettings,
                                QSize,
                                QSocketNotifier, QSortFilterProxyModel, QStandardPaths, Qt, QThread, QTimer,
                                QTranslator, QUrl, Signal, Slot)
    from PySide6.QtGui import (QAction, QBrush, QColor, QDesktopServices, QDoubleValidator, QDragEnterEvent,
                               QDropEvent, QFont,
                               QFontDatabase, QFontMetrics, QGuiApplication, QIcon, QImage, QInputMethodEvent,
                               QKeyEvent, QKeySequence, QPageLayout, QPageSize, QPaintEngine, QPainter,
                               QPalette, QPen, QPixmap, QRegularExpressionValidator, QShortcut, QStandardItem,
                               QStandardItemModel, QTextCursor, QTextOption, QUndoCommand, QUndoGroup,
                               QUndoStack, QValidator, QWheelEvent)
    from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QApplication, QBoxLayout, QCheckBox,
                                   QComboBox, QCompleter, QDialog, QDialogButtonBox, QDockWidget, QFileDialog,
                                   QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                                   QInputDialog, QLabel, QLayout, QLineEdit, QListWidget, QListWidgetItem,
                                   QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QProgressBar, QProgressDialog,
                                   QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStatusBar, QStyle,
                                   QStyledItemDelegate, QStyleOptionViewItem, QTableView, QTableWidget,
                                   QTableWidgetItem, QTabWidget, QTextEdit, QToolBar, QToolButton, QToolTip,
                                   QTreeView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

    # What Qt passes to a model's or a delegate's overrides: either kind of index (for type hints).
    AnyIndex = Union[QModelIndex, QPersistentModelIndex]
else:
    def __getattr__(name: str) -> Any:
        """A Qt name, looked up once and kept; QtPrintSupport is imported only by printing."""
        value = _resolve(name)
        globals()[name] = value
        return value


_LOADED = (QtCore, QtGui, QtWidgets)
_PRINT_NAMES = ("QPrintDialog", "QPrinter", "QPrintPreviewDialog", "QPrintPreviewWidget")


def _resolve(name: str) -> Any:
    if name == "AnyIndex":
        return Union[QtCore.QModelIndex, QtCore.QPersistentModelIndex]
    if name in _PRINT_NAMES:
        from PySide6 import QtPrintSupport

        return getattr(QtPrintSupport, name)
    if name.startswith("Q") or name in ("Signal", "Slot"):
        for module in _LOADED:
            value = getattr(module, name, None)
            if value is not None:
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def versions() -> str:
    """"Qt 6.9.3(PySide6 6.9.3)": which Qt the program runs on (the 关于 dialog)."""
    import PySide6

    return f"Qt {QtCore.qVersion()}(PySide6 {PySide6.__version__})"


def local_channel() -> tuple[Any, Any]:
    """(QLocalServer, QLocalSocket), imported on first use: only the single-instance channel
    (:mod:`ui.window.single_instance`, a local pipe, never the network) loads QtNetwork."""
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    return QLocalServer, QLocalSocket


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
