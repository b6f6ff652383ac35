"""The multi-line field of the form (goals, 自评结论, 四川's closing blocks): one edit is one undo step.

Apart from :mod:`ui.form.header_panel` because the 自评结论 editor, on screen from the start, needs
it and the header section (folded on a laptop's screen) is made only once the form is shown.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QEvent, QPlainTextEdit, QWidget, Signal


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports one finished edit when it loses focus."""

    editingFinished = Signal()

    def __init__(self, lines: int = 3, parent: Optional[QWidget] = None, margin: int = 12) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.lines, self.margin = lines, margin
        self._fit_lines()

    def _fit_lines(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self.lines + self.margin)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Zoomed (视图 → 放大): still ``lines`` lines high."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_lines()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def sizeHint(self):  # noqa: N802 (Qt naming)
        """Only the minimum: the layouts give the field more room when there is some."""
        hint = super().sizeHint()
        hint.setHeight(self.minimumHeight())
        return hint

    def show_text(self, text: str) -> None:
        """Replace the text only when it differs, so the cursor does not jump while typing."""
        if self.toPlainText() != text:
            self.setPlainText(text)
