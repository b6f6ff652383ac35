"""The upper part of the paper form: header fields, funds, goals.

Every field writes through ``document.set_value`` when its edit is finished (not per keystroke),
so one edit is one undo step, and every field listens to ``valueChanged`` so undo, redo and
changes made elsewhere show at once.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import (QEvent, QGridLayout, QHBoxLayout, QKeySequence, QLabel, QLineEdit, QShortcut, Qt,
                   QSizePolicy, QSpinBox, QVBoxLayout, QWidget, Signal)

from model.checks import Issue
from ui.document import FormDocument
from ui.form.commit_text_edit import CommitTextEdit
from ui.form.enter_moves_on import EnterMovesOn
from ui.form.extra_fields import ExtraFields, field_title, shown_project_fields
from ui.form.funds_table import FundsTable
from ui.severity import FLAG_COLOUR

PROJECT_FIELDS = (("name", "项目名称"), ("department", "主管部门及代码"), ("unit", "实施单位"),
                  ("fill_date", "填报日期"), ("contact", "联系人"), ("phone", "联系电话"))
TITLES = dict(PROJECT_FIELDS)
GOAL_TITLES = {"expected": "预期目标", "achieved": "实际完成情况"}  # also names the undo step
# The short fields' widest usual content: their minimum width (the panel scrolls sideways if need be).
_NARROW_SAMPLES = {"fill_date": "如 2025-01-23", "phone": "0851-12345678"}
_LINE_PADDING = 16  # the line edit's frame and text margins
# Shown when the field has no issue to tell.
_FIELD_TIPS = {"fill_date": "填报日期,例如 2025-01-23;按 Ctrl+; 填入今天的日期"}
TODAY_KEY = "Ctrl+;"  # Excel's and WPS's key for today's date in a cell


def _show_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)


class FormPanel(QWidget):
    """Header fields, funds table and goals of one document (the form's title is left out: the
    year field and the window title say it, and at 1366×768 every line counts for the tree)."""

    message = Signal(str)  # a refused entry, for the status bar and a warning
    note = Signal(str)  # what an edit did (a paste into the funds), for the status bar

    def __init__(self, document: FormDocument, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.fields: dict[str, QLineEdit] = {}
        self.year = QSpinBox()
        self.year.setRange(1900, 2999)
        self.year.setSuffix(" 年度")
        self.year.editingFinished.connect(self._commit_year)
        self.funds = FundsTable(document)
        self.funds.rejected.connect(self.message)
        self.funds.note.connect(self.note)
        self.expected = CommitTextEdit(3, margin=10)  # three lines: the header section stays small
        self.achieved = CommitTextEdit(3, margin=10)
        self.expected.editingFinished.connect(lambda: self._commit_goal("expected"))
        self.achieved.editingFinished.connect(lambda: self._commit_goal("achieved"))
        self.extra = ExtraFields(document)
        self._layout()
        document.valueChanged.connect(self._on_value_changed)
        document.evaluated.connect(self.show_flags)
        self.refresh()
        self.show_flags()

    # --- layout --------------------------------------------------------------------------------
    def _line(self, attr: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"field_{attr}")
        if attr in _NARROW_SAMPLES:  # never narrower than what it holds (at 150 % it was "如 2…")
            sample = _NARROW_SAMPLES[attr]
            self._fit_sample(edit, sample)
            if attr == "fill_date":
                edit.setPlaceholderText(sample)
                today = QShortcut(QKeySequence(TODAY_KEY), edit)
                today.setContext(Qt.ShortcutContext.WidgetShortcut)
                today.activated.connect(self._fill_today)
        edit.editingFinished.connect(lambda: self._commit_line(attr))
        self.fields[attr] = edit
        return edit

    @staticmethod
    def _fit_sample(edit: QLineEdit, sample: str) -> None:
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + _LINE_PADDING)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Zoomed: the narrow fields still hold their samples whole (the text boxes fit themselves)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for attr, sample in _NARROW_SAMPLES.items():
                if attr in self.fields:
                    self._fit_sample(self.fields[attr], sample)

    def _layout(self) -> None:
        template = self.document.template
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        # two rows, as dense as the paper form's header: every line saved goes to the tree
        shown = {"fill_date": template.show_fill_date, "contact": template.show_contact,
                 "phone": template.show_contact}
        shown.update({attr: attr in shown_project_fields(self.document) for attr in TITLES})  # the template's header
        place = (("name", 0, 0, 3), ("fill_date", 0, 6, 1), ("department", 1, 0, 1), ("unit", 1, 2, 1),
                 ("contact", 1, 4, 1), ("phone", 1, 6, 1))
        for attr, row, column, span in place:
            edit = self._line(attr)
            if not shown.get(attr, True):
                edit.hide()
                continue
            grid.addWidget(QLabel(field_title(self.document, attr, TITLES[attr])), row, column)
            grid.addWidget(edit, row, column + 1, 1, span)
        grid.addWidget(QLabel("年度"), 0, 4)
        grid.addWidget(self.year, 0, 5)
        for column, stretch in ((1, 4), (3, 4), (5, 1), (7, 1)):
            grid.setColumnStretch(column, stretch)

        funds_box = QVBoxLayout()
        funds_box.setContentsMargins(0, 0, 0, 0)
        funds_box.addWidget(self.funds)
        funds_box.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(funds_box, 0)
        for title, goal in (("预期目标(年度总体目标)", self.expected), ("实际完成情况", self.achieved)):
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(QLabel(title))
            box.addWidget(goal, 1)
            middle.addLayout(box, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(grid)
        if not self.extra.empty:  # 湖北's tick boxes, 四川's funds 原因
            layout.addWidget(self.extra)
        layout.addLayout(middle)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._tab_order()  # once the fields are in this widget (setTabOrder needs one window)
        self.enter_moves_on = EnterMovesOn(self)
        self.enter_moves_on.watch(*self.fields.values(), self.year, *self.extra.lines.values())
        if self.extra.reason is not None:
            self.enter_moves_on.watch(self.extra.reason)

    def _tab_order(self) -> None:
        """Tab follows the fields as they are laid out (row by row, the template's extra fields
        such as 湖北's tick boxes, then funds and goals), not the order they were made in."""
        order: list[QWidget] = [self.fields["name"], self.year, self.fields["fill_date"],
                                self.fields["department"], self.fields["unit"], self.fields["contact"],
                                self.fields["phone"]]
        if not self.extra.empty:
            order += self.extra.in_order
        order += [self.funds, self.expected, self.achieved]
        order = [widget for widget in order if widget.parentWidget() is not None]  # not the hidden ones
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    # --- refresh -------------------------------------------------------------------------------
    def refresh(self) -> None:
        form = self.document.form
        for attr, edit in self.fields.items():
            _show_line(edit, getattr(form.project, attr))
        if self.year.value() != form.year:
            self.year.setValue(form.year)
        self.expected.show_text(form.goals.expected)
        self.achieved.show_text(form.goals.achieved)

    def show_flags(self) -> None:
        """A header field with an error (e.g. 项目名称 empty) is tinted and says why."""
        flagged = {issue.field: issue.message for issue in self.document.evaluation.issues
                   if issue.where == "project" and issue.field}
        for attr, edit in self.fields.items():
            message = flagged.get(attr)
            sheet = f"QLineEdit {{ background: {FLAG_COLOUR}; }}" if message else ""
            if edit.styleSheet() != sheet:  # runs after every edit; re-setting a sheet re-polishes
                edit.setStyleSheet(sheet)
            edit.setToolTip(message or _FIELD_TIPS.get(attr, ""))

    def _on_value_changed(self, obj: object, attr: str) -> None:
        form = self.document.form
        if obj is form.project and attr in self.fields:
            _show_line(self.fields[attr], getattr(form.project, attr))
        elif obj is form.goals or (obj is form and attr == "year"):
            self.refresh()

    # --- commits -------------------------------------------------------------------------------
    def _commit_line(self, attr: str) -> None:
        text = self.fields[attr].text().strip()
        self.document.set_value(self.document.form.project, attr, text, f"修改{TITLES[attr]}")

    def _fill_today(self) -> None:
        """Ctrl+; in 填报日期: today's date, written as the form writes it (2025-01-23)."""
        import datetime

        edit = self.fields["fill_date"]
        edit.setText(datetime.date.today().isoformat())
        self._commit_line("fill_date")

    def _commit_goal(self, attr: str) -> None:
        edit = self.expected if attr == "expected" else self.achieved
        self.document.set_value(self.document.form.goals, attr, edit.toPlainText(), f"修改{GOAL_TITLES[attr]}")

    def _commit_year(self) -> None:
        self.document.set_value(self.document.form, "year", int(self.year.value()), "修改年度")

    def commit_pending(self) -> None:
        """Store what is still being typed (before saving, closing or autosaving)."""
        for attr in self.fields:
            self._commit_line(attr)
        self._commit_year()
        for attr in GOAL_TITLES:
            self._commit_goal(attr)
        self.extra.commit_pending()

    # --- navigation ----------------------------------------------------------------------------
    def widget_for_change(self, obj: object, attr: Optional[str]) -> Optional[QWidget]:
        """The field, goal or funds table (its current cell moved to the amount) that shows what an
        undo or a redo changed; None when this panel does not show it."""
        form = self.document.form
        if obj is form.project and attr in self.fields:
            return self.fields[attr]
        if obj is form.goals and attr in GOAL_TITLES:
            return self.expected if attr == "expected" else self.achieved
        if obj is form and attr == "year":
            return self.year
        if obj is form.funds and attr == "reason":
            return self.extra.reason
        if obj is form.header and attr is not None:  # a template's own field or tick box (湖北)
            return self.extra.lines.get(attr) or self.extra.combos.get(attr)
        row = next((n for n, funds_row in enumerate(form.funds.rows) if funds_row is obj), None)
        if row is None:
            return None
        self.funds.place_cursor(attr, row)
        return self.funds

    def focus_issue(self, issue: Issue) -> Optional[QWidget]:
        """Put the cursor on the field a project or funds issue is about; returns that widget."""
        extra = self.extra.focus_issue(issue)  # the funds 原因, a template's own header field
        if extra is not None:
            return extra
        if issue.where == "project":
            edit = self.fields.get(issue.field or "name", self.fields["name"])
            edit.setFocus()
            edit.selectAll()
            return edit
        if issue.where == "funds":
            self.funds.focus_attr(issue.field)
            return self.funds
        return None
