"""What each cell of the indicator tree shows: text, tooltip, colours, font, icon and flag roles.

Kept apart from :mod:`ui.indicators.tree_model` (the ``QAbstractItemModel`` adapter: indexes, parents, rows
and the document's structural signals) so the look of a cell can change without touching the
index bookkeeping. Figures come from the document's current evaluation; issues are mapped onto
cells once per evaluation (:meth:`CellPresenter.refresh_flags`) because ``data()`` runs for every
painted cell and must stay cheap.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ui.document import FormDocument, Node
from ui.qt import QBrush, QColor, QFont, QIcon, Qt
from ui.severity import severity_icon

from model.checks import Issue
from model.form import Category, Dimension, Leaf
from model.scoring import LeafScore, NodeSum, fmt, weight_is_free
from model.values import format_score

COL_NAME, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, COL_REMARK = range(7)
FIELD_COLUMNS = {"name": COL_NAME, "target": COL_TARGET, "actual": COL_ACTUAL, "weight": COL_WEIGHT,
                 "score": COL_SCORE, "reason": COL_REASON, "remark": COL_REMARK}
COLUMN_FIELDS = {column: field for field, column in FIELD_COLUMNS.items()}
NUMBER_COLUMNS = (COL_WEIGHT, COL_SCORE)

_USER = int(Qt.ItemDataRole.UserRole)
NodeRole = _USER + 1  # the domain object of the row
LevelRole = _USER + 2  # 1 一级, 2 二级, 3 三级
FlagRole = _USER + 3  # "error", "warning" or None for this cell
IssuesRole = _USER + 4  # list[Issue] flagged on this cell
ManualRole = _USER + 5  # True on the 得分 cell of a leaf whose score was set by hand

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
EVALUATED_ROLES = [DISPLAY, EDIT, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                   Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
                   FlagRole, IssuesRole, ManualRole]

ERROR_BACKGROUND = QColor("#f9d6d5")
WARNING_BACKGROUND = QColor("#fff1c2")
MANUAL_BACKGROUND = QColor("#dceafb")
MANUAL_FOREGROUND = QColor("#1d4f91")
DIMENSION_BACKGROUND = QColor("#e8ecf2")
CATEGORY_BACKGROUND = QColor("#f4f6f9")
MANUAL_MARK = "(手)"
FREE_WEIGHT_TIP = "本模板不固定各一级指标的分值:按其三级指标分值之和打印,只核对全部指标的合计"
_BRUSHES = {"error": QBrush(ERROR_BACKGROUND), "warning": QBrush(WARNING_BACKGROUND),
            "manual": QBrush(MANUAL_BACKGROUND), "manual-text": QBrush(MANUAL_FOREGROUND),
            "dimension": QBrush(DIMENSION_BACKGROUND), "category": QBrush(CATEGORY_BACKGROUND)}

FIELD_TITLES = {"name": "指标名称", "target": "年度指标值", "actual": "实际完成值", "weight": "分值",
                "score": "得分", "reason": "原因分析", "remark": "备注"}
_CENTERED = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def level_of(node: object) -> int:
    return 1 if isinstance(node, Dimension) else 2 if isinstance(node, Category) else 3


def field_for(node: Node, column: int) -> Optional[str]:
    """The attribute a cell edits, or None for a read-only cell (sums, empty cells)."""
    if isinstance(node, Leaf):
        return COLUMN_FIELDS.get(column)
    if column == COL_NAME:
        return "name"
    if isinstance(node, Dimension) and column == COL_WEIGHT:
        return "weight"
    return None


def is_manual(node: Node, column: int) -> bool:
    return column == COL_SCORE and isinstance(node, Leaf) and node.score is not None


class CellPresenter:
    """The role values of one document's cells; the model asks it for everything but structure."""

    def __init__(self, document: FormDocument) -> None:
        self.document = document  # the model sets it again when it shows another form
        self.flags: dict[tuple[int, int], list[Issue]] = {}
        self._icons: dict[str, QIcon] = {}
        self._fonts: dict[str, QFont] = {}

    # --- the roles ---------------------------------------------------------------------------
    def data(self, node: Node, column: int, role: int) -> Any:
        if role == DISPLAY or role == EDIT:
            return self.text(node, column, role == EDIT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(node, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(node, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _BRUSHES["manual-text"] if is_manual(node, column) else None
        if role == Qt.ItemDataRole.FontRole:
            return self.font(node, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(node, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTERED if column in NUMBER_COLUMNS else _LEFT
        return self._custom(node, column, role)

    def _custom(self, node: Node, column: int, role: int) -> Any:
        if role == NodeRole:
            return node
        if role == LevelRole:
            return level_of(node)
        if role == FlagRole:
            return self.severity(node, column)
        if role == IssuesRole:
            return list(self.flags.get((id(node), column), ()))
        if role == ManualRole:
            return is_manual(node, column)
        return None

    def leaf_score(self, leaf: Leaf) -> Optional[LeafScore]:
        return self.document.evaluation.leaves.get(id(leaf))

    def _sum(self, node: Node) -> NodeSum:
        found = self.document.evaluation.sums.get(id(node))
        return found if found is not None else NodeSum()

    def text(self, node: Node, column: int, edit: bool) -> str:
        if isinstance(node, Leaf):
            return self._leaf_text(node, column, edit)
        if column == COL_NAME:
            return node.name
        if column == COL_WEIGHT:
            total = self._sum(node).weight
            if isinstance(node, Dimension) and self.declares_weight(node) and (edit or total != node.weight):
                return fmt(node.weight) if edit else f"{format_score(total)} / {format_score(node.weight)}"
            return format_score(total)
        if column == COL_SCORE:
            return format_score(self._sum(node).score)
        return ""

    def _leaf_text(self, leaf: Leaf, column: int, edit: bool) -> str:
        if column == COL_WEIGHT:
            return fmt(leaf.weight) if edit else format_score(leaf.weight)
        if column == COL_SCORE:
            result = self.leaf_score(leaf)
            score = result.score if result is not None else leaf.score
            if score is None:
                return ""
            if edit:  # the exact figure, so editing (or copying) a hand-set 6.285 keeps it
                return fmt(score)
            return format_score(score) + ("" if leaf.score is None else MANUAL_MARK)
        field = COLUMN_FIELDS.get(column)
        return getattr(leaf, field) if field else ""

    def declares_weight(self, dimension: Dimension) -> bool:
        """False where the template leaves this 一级's weight to the form (四川, 湖北): the sum of
        its leaves is then its weight, shown and printed, and there is nothing to type."""
        return not weight_is_free(dimension, self.document.template)

    def severity(self, node: Node, column: int) -> Optional[str]:
        issues = self.flags.get((id(node), column))
        if not issues:
            return None
        return "error" if any(issue.severity == "error" for issue in issues) else "warning"

    def tooltip(self, node: Node, column: int) -> Optional[str]:
        lines = [issue.message for issue in self.flags.get((id(node), column), ())]
        if isinstance(node, Leaf) and column == COL_SCORE:
            result = self.leaf_score(node)
            if result is not None:
                lines.insert(0, result.explanation)
            if node.score is not None:
                lines.append("手工评分;右键选择“恢复自动计算”可改回按规则计算")
        elif not isinstance(node, Leaf) and column in NUMBER_COLUMNS:
            level = "一级" if isinstance(node, Dimension) else "二级"
            lines.insert(0, f"{level}指标下各三级指标的{'分值' if column == COL_WEIGHT else '得分'}之和")
            if isinstance(node, Dimension) and column == COL_WEIGHT:
                lines.append(f"标明分值 {fmt(node.weight)},三级指标合计 {fmt(self._sum(node).weight)}"
                             if self.declares_weight(node) else FREE_WEIGHT_TIP)
        return "\n".join(lines) or None

    def background(self, node: Node, column: int) -> Optional[QBrush]:
        severity = self.severity(node, column)
        if severity is not None:
            return _BRUSHES[severity]
        if is_manual(node, column):
            return _BRUSHES["manual"]
        if isinstance(node, Dimension):
            return _BRUSHES["dimension"]
        if isinstance(node, Category):
            return _BRUSHES["category"]
        return None

    def font(self, node: Node, column: int) -> Optional[QFont]:
        if isinstance(node, Dimension):
            return self._cached_font("bold")
        if is_manual(node, column):
            return self._cached_font("italic")
        return None

    def _cached_font(self, kind: str) -> QFont:
        """Built once: data() runs for every painted cell and must stay cheap."""
        if kind not in self._fonts:
            font = QFont()
            font.setBold(kind == "bold")
            font.setItalic(kind == "italic")
            self._fonts[kind] = font
        return self._fonts[kind]

    def icon(self, node: Node, column: int) -> Optional[QIcon]:
        severity = self.severity(node, column)
        if severity is None:
            return None
        if severity not in self._icons:
            self._icons[severity] = severity_icon(severity)
        return self._icons[severity]

    def layout(self, node: Node, column: int) -> tuple[str, Optional[QFont], bool, int]:
        """(display text, font, has an icon, level): what the delegate needs to size a cell."""
        return (self.text(node, column, False), self.font(node, column),
                self.severity(node, column) is not None, level_of(node))

    # --- after each evaluation ----------------------------------------------------------------
    def refresh_flags(self, node_at: Callable[[tuple[int, ...]], Optional[Node]],
                      column_for_field: Callable[[Optional[str]], int]) -> None:
        """Map the evaluation's issues onto the cells they point at (issue.index, issue.field)."""
        flags: dict[tuple[int, int], list[Issue]] = {}
        for issue in self.document.evaluation.issues:
            if not issue.index:
                continue
            node = node_at(issue.index)
            if node is None:
                continue
            flags.setdefault((id(node), column_for_field(issue.field)), []).append(issue)
        self.flags = flags

    def snapshot(self, nodes: dict[int, Node]) -> dict[int, tuple]:
        """What evaluation shows per row: compared after each edit to find the rows to repaint.
        The last item of each row's tuple is its flags, as (column, severity, message)."""
        flags_by_node: dict[int, list[tuple[int, str, str]]] = {}
        for (key, column), issues in self.flags.items():
            flags_by_node.setdefault(key, []).extend((column, i.severity, i.message) for i in issues)
        leaves = self.document.evaluation.leaves
        sums = self.document.evaluation.sums
        snapshot: dict[int, tuple] = {}
        for key, node in nodes.items():
            flags = tuple(sorted(flags_by_node.get(key, ())))
            if isinstance(node, Leaf):
                result = leaves.get(key)
                snapshot[key] = (result.score, result.explanation, node.score, flags) if result else (flags,)
            else:
                total = sums.get(key)
                snapshot[key] = (total.weight, total.score, flags) if total else (flags,)
        return snapshot
