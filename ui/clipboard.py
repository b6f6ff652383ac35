"""The system clipboard as text: the Qt side of copy and paste.

What the text means (tab-separated rows, quoting, leaf fields, numbers) is :mod:`model.tsv`, which
needs no Qt and is tested without it.
"""
from __future__ import annotations

from ui.qt import QGuiApplication


def clipboard_text() -> str:
    """What Excel, WPS or this program last copied ("" when the clipboard holds no text)."""
    return QGuiApplication.clipboard().text() or ""


def set_clipboard_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
