"""The strip that is always in view: 执行率, 资金得分, 总分, 等级 and the problem counts.

It shows the figures of the document's current evaluation and is refreshed on ``evaluated``, so
an edit anywhere (a funds figure, a leaf) shows its effect on the total at once. The counts are
buttons: clicking one opens the 问题 panel.

On a narrow page (150 % on a 1366 px laptop, with the workspace beside) the counts go to a second
line instead of pushing the page wider than the window, where Qt would cut its right edge off.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QBoxLayout, QFrame, QHBoxLayout, QLabel, QLayout, QSize, Qt, QToolButton, QWidget, Signal

from model.scoring import fmt
from ui.document import FormDocument
from ui.severity import follow_evaluation, severity_icon

FIGURE_SPACING = 18  # between the figures, and between them and the counts on one line
GRADE_COLOURS = {"优": "#1b7f3b", "良": "#1f5fa8", "中": "#b36b00", "差": "#b3261e"}


class SummaryBar(QFrame):
    issuesRequested = Signal()

    def __init__(self, document: Optional[FormDocument] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document: Optional[FormDocument] = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.rate = QLabel()
        self.funds_score = QLabel()
        self.total = QLabel()
        self.grade = QLabel()
        self.errors = QToolButton()
        self.warnings = QToolButton()
        self.errors.setIcon(severity_icon("error", self.style()))
        self.warnings.setIcon(severity_icon("warning", self.style()))
        self.figures, self.counts = QWidget(), QWidget()
        figures, counts = QHBoxLayout(self.figures), QHBoxLayout(self.counts)
        for row in (figures, counts):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(FIGURE_SPACING)
        for widget in (self.rate, self.funds_score, self.total, self.grade):
            widget.setTextFormat(Qt.TextFormat.RichText)
            figures.addWidget(widget)
        figures.addStretch(1)
        for button in (self.errors, self.warnings):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setToolTip("点击查看问题列表")
            button.clicked.connect(self.issuesRequested)
            counts.addWidget(button)
        counts.addStretch(1)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(8, 2, 8, 2)
        self.rows.setSpacing(FIGURE_SPACING)
        self.rows.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint() below decides
        self.rows.addWidget(self.figures, 1)
        self.rows.addWidget(self.counts)
        self.set_document(document)

    # --- one line or two ------------------------------------------------------------------------
    def one_line_width(self) -> int:
        margins = self.rows.contentsMargins()
        return (self.figures.sizeHint().width() + self.rows.spacing() + self.counts.sizeHint().width()
                + margins.left() + margins.right() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """As narrow as the wider of its two lines: the page never has to be wider for it."""
        hint = super().minimumSizeHint()
        margins = self.rows.contentsMargins()
        narrow = (max(self.figures.minimumSizeHint().width(), self.counts.minimumSizeHint().width())
                  + margins.left() + margins.right() + 2 * self.frameWidth())
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        wanted = (QBoxLayout.Direction.LeftToRight if self.width() >= self.one_line_width()
                  else QBoxLayout.Direction.TopToBottom)
        if self.rows.direction() != wanted:
            self.rows.setDirection(wanted)
            self.rows.setSpacing(FIGURE_SPACING if wanted == QBoxLayout.Direction.LeftToRight else 0)

    def set_document(self, document: Optional[FormDocument]) -> None:
        follow_evaluation(self.document, document, self.refresh)
        self.document = document
        self.refresh()

    def refresh(self) -> None:
        document = self.document
        if document is None:
            for label in (self.rate, self.funds_score, self.total, self.grade):
                label.clear()
            self.errors.setText("错误 0")
            self.warnings.setText("警告 0")
            return
        evaluation = document.evaluation
        rate = f"{evaluation.funds_rate}%" if evaluation.funds_rate is not None else "无法计算"
        self.rate.setText(f"执行率 <b>{rate}</b>")
        self.rate.setToolTip(evaluation.funds.explanation)
        self.funds_score.setText(f"资金得分 <b>{evaluation.funds_score}</b> / {fmt(document.form.funds.weight)}")
        self.total.setText(f"总分 <b>{evaluation.total}</b>")
        self.total.setToolTip(evaluation.cap_note or f"资金得分 {evaluation.funds_score} + 指标得分 "
                                                     f"{fmt(evaluation.leaf_total)}")
        colour = GRADE_COLOURS.get(evaluation.grade, "#000000")
        self.grade.setText(f"等级 <b><span style='color:{colour}'>{evaluation.grade}</span></b>")
        errors, warnings = evaluation.counts()
        self.errors.setText(f"错误 {errors}")
        self.warnings.setText(f"警告 {warnings}")
        self._fit()  # longer figures ("无法计算") may no longer fit on one line

    # plain values, for tests and the status bar
    def texts(self) -> dict[str, str]:
        evaluation = self.document.evaluation if self.document else None
        if evaluation is None:
            return {}
        return {"rate": "" if evaluation.funds_rate is None else str(evaluation.funds_rate),
                "funds_score": str(evaluation.funds_score), "total": str(evaluation.total),
                "grade": evaluation.grade, "errors": str(evaluation.counts()[0]),
                "warnings": str(evaluation.counts()[1])}
