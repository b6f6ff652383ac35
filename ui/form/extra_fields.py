"""The header fields a template adds to the guizhou ones, and the funds block's 原因.

湖北 asks for three rows of tick boxes (项目类别, 项目属性, 项目类型); another template may add a text
field. They are kept in ``Form.header`` by key (:mod:`model.template_layout`), edited here as a combo
box (one tick per row, as on paper) or a line, each change one undo step. 四川's funds block has its
own 原因 cell (required below a 90 % execution rate), kept in ``Funds.reason``.
"""
from __future__ import annotations

from typing import Optional

from ui.qt import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from model.checks import Issue
from model.template_layout import HeaderField
from ui.document import FormDocument
from ui.form.text_commands import set_text
from ui.severity import FLAG_COLOUR

NOT_TICKED = "(未勾选)"


def field_title(document: FormDocument, key: str, default: str) -> str:
    """A project field's title as the template prints it (湖北 单位名称 for 实施单位)."""
    return next((f.title for f in document.template.layout.header_fields if f.key == key), default)


def shown_project_fields(document: FormDocument) -> set[str]:
    """The project fields the template's header has (部门整体: no 主管部门 / 实施单位)."""
    return {f.key for f in document.template.layout.header_fields if f.in_project}


class ExtraFields(QWidget):
    """The template's extra header fields and, where its funds block has one, the funds 原因."""

    def __init__(self, document: FormDocument, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.document = document
        self.combos: dict[str, QComboBox] = {}
        self.lines: dict[str, QLineEdit] = {}
        self.reason: Optional[QLineEdit] = None
        self.in_order: list[QWidget] = []  # the fields as laid out, for the header's Tab order
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        fields = document.template.layout.extra_header_fields()
        for n, field in enumerate(fields):
            row, column = divmod(n, 3)
            grid.addWidget(QLabel(field.title), row, column * 2)
            widget = self._combo(field) if field.options else self._line(field)
            grid.addWidget(widget, row, column * 2 + 1)
            self.in_order.append(widget)
        reason = next((c for c in document.template.layout.funds_columns if c.key == "reason"), None)
        if reason is not None:
            self.reason = QLineEdit()
            self.reason.setObjectName("funds_reason")
            below = document.template.funds_reason_below
            hint = f"执行率低于 {below}% 时必须填写" if below is not None else "资金执行的说明"
            self.reason.setPlaceholderText(hint)
            self.reason.editingFinished.connect(self._commit_reason)
            row = (len(fields) + 2) // 3
            grid.addWidget(QLabel(f"资金{reason.title}"), row, 0)
            grid.addWidget(self.reason, row, 1, 1, 5)
            self.in_order.append(self.reason)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        document.valueChanged.connect(self._on_value_changed)
        document.evaluated.connect(self.show_flags)
        self.refresh()
        self.show_flags()

    @property
    def empty(self) -> bool:
        return not self.combos and not self.lines and self.reason is None

    def _combo(self, field: HeaderField) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"header_{field.key}")
        combo.addItem(NOT_TICKED, "")
        for option in field.options:
            combo.addItem(option, option)
        combo.activated.connect(lambda _index, key=field.key: self._commit_combo(key))
        self.combos[field.key] = combo
        return combo

    def _line(self, field: HeaderField) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"header_{field.key}")
        edit.editingFinished.connect(lambda key=field.key: self._commit_line(key))
        self.lines[field.key] = edit
        return edit

    def _title(self, key: str) -> str:
        return field_title(self.document, key, key)

    # --- commits -------------------------------------------------------------------------------
    def _commit_combo(self, key: str) -> None:
        value = str(self.combos[key].currentData() or "")
        set_text(self.document, self.document.form.header, key, value, f"修改{self._title(key)}")

    def _commit_line(self, key: str) -> None:
        value = self.lines[key].text().strip()
        set_text(self.document, self.document.form.header, key, value, f"修改{self._title(key)}")

    def _commit_reason(self) -> None:
        if self.reason is not None:
            funds = self.document.form.funds
            self.document.set_value(funds, "reason", self.reason.text().strip(), "修改资金原因")

    def commit_pending(self) -> None:
        for key in self.lines:
            self._commit_line(key)
        self._commit_reason()

    # --- refresh -------------------------------------------------------------------------------
    def refresh(self) -> None:
        header = self.document.form.header
        for key, combo in self.combos.items():
            index = max(0, combo.findData(header.get(key, "")))
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
        for key, edit in self.lines.items():
            if edit.text() != header.get(key, ""):
                edit.setText(header.get(key, ""))
        if self.reason is not None and self.reason.text() != self.document.form.funds.reason:
            self.reason.setText(self.document.form.funds.reason)

    def _widget_for(self, issue: Issue) -> Optional[QWidget]:
        if issue.where == "funds" and issue.field == "reason":
            return self.reason
        if issue.where == "project" and issue.field:
            return self.combos.get(issue.field) or self.lines.get(issue.field)
        return None

    def show_flags(self) -> None:
        """The funds 原因 required below the template's rate, or a required extra field, tinted with why."""
        flagged: dict[int, str] = {}
        for issue in self.document.evaluation.issues:
            widget = self._widget_for(issue)
            if widget is not None:
                flagged[id(widget)] = issue.message
        widgets: list[QWidget] = [*self.combos.values(), *self.lines.values()]
        if self.reason is not None:
            widgets.append(self.reason)
        for widget in widgets:
            message = flagged.get(id(widget))
            sheet = f"{type(widget).__name__} {{ background: {FLAG_COLOUR}; }}" if message else ""
            if widget.styleSheet() != sheet:
                widget.setStyleSheet(sheet)
            widget.setToolTip(message or "")

    def focus_issue(self, issue: Issue) -> Optional[QWidget]:
        """Put the cursor on the extra field (or the funds 原因) an issue is about."""
        widget = self._widget_for(issue)
        if widget is not None:
            widget.setFocus()
        return widget

    def _on_value_changed(self, obj: object, attr: str) -> None:
        form = self.document.form
        if obj is form.header or (obj is form.funds and attr == "reason"):
            self.refresh()
