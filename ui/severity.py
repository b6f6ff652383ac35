"""How the severity of a problem looks, and following a document's evaluation, in one place.

The 问题 panel, the summary strip and the tree's flagged cells all show errors and warnings; they
use the same names and the same standard icons so a red cross means the same thing everywhere.
The panel and the strip also both re-read the current document's evaluation whenever it changes.
"""
from __future__ import annotations

from typing import Callable, Optional

from ui.document import FormDocument
from ui.qt import QApplication, QIcon, QStyle

SEVERITY_NAMES = {"error": "错误", "warning": "警告"}
FLAG_COLOUR = "#fde2e1"  # a flagged header field or funds amount
_PIXMAPS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning}


def severity_icon(severity: str, style: Optional[QStyle] = None) -> QIcon:
    """The standard message-box icon of a severity; anything unknown looks like a warning.

    Not cached here: callers keep the icons they paint often (an icon must not outlive the app)."""
    style = style if style is not None else QApplication.style()
    return style.standardIcon(_PIXMAPS.get(severity, _PIXMAPS["warning"]))


def follow_evaluation(old: Optional[FormDocument], new: Optional[FormDocument], slot: Callable[[], None]) -> None:
    """Move ``slot`` from ``old``'s ``evaluated`` signal to ``new``'s (either may be None).

    The old document may already be gone (its tab closed), so a failed disconnect is ignored."""
    if old is not None:
        try:
            old.evaluated.disconnect(slot)
        except (RuntimeError, TypeError):
            pass
    if new is not None:
        new.evaluated.connect(slot)
