"""The one Qt item model over the indicator tree (一级 Dimension / 二级 Category / 三级 Leaf).

Indexes carry ``id(node)`` as their internal id; dictionaries keyed by it give a node, its parent
and its row in O(1), so ``parent()`` (called constantly by views) never searches. The dictionaries
are rebuilt only on structural changes, which the document announces in before/after pairs that
map one-to-one onto ``beginInsertRows``/``endInsertRows`` and friends.

After each re-evaluation the model compares a small per-row snapshot of what evaluation shows
(sums, score, explanation, flags) with the previous one and emits ``dataChanged`` only for rows
whose display changed, which keeps a 300-leaf form well under a frame per edit.
"""
from __future__ import annotations

from typing import Any, Optional, Union

from ui.clipboard import NumberError, parse_number
from ui.document import FormDocument, Node, Parent
from ui.qt import (QAbstractItemModel, QApplication, QBrush, QColor, QFont, QIcon, QModelIndex,
                   QPersistentModelIndex, QStyle, Qt, Signal)

from model.checks import Issue
from model.form import Category, Dimension, Form, Leaf
from model.scoring import LeafScore, NodeSum, fmt

COL_NAME, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, COL_REMARK = range(7)
FIELD_COLUMNS = {"name": COL_NAME, "target": COL_TARGET, "actual": COL_ACTUAL, "weight": COL_WEIGHT,
                 "score": COL_SCORE, "reason": COL_REASON, "remark": COL_REMARK}
COLUMN_FIELDS = {column: field for field, column in FIELD_COLUMNS.items()}
TEXT_COLUMNS = (COL_NAME, COL_TARGET, COL_ACTUAL, COL_REASON, COL_REMARK)
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
_BRUSHES = {"error": QBrush(ERROR_BACKGROUND), "warning": QBrush(WARNING_BACKGROUND),
            "manual": QBrush(MANUAL_BACKGROUND), "manual-text": QBrush(MANUAL_FOREGROUND),
            "dimension": QBrush(DIMENSION_BACKGROUND), "category": QBrush(CATEGORY_BACKGROUND)}

FIELD_TITLES = {"name": "指标名称", "target": "年度指标值", "actual": "实际完成值", "weight": "分值",
                "score": "得分", "reason": "原因分析", "remark": "备注"}


def level_of(node: object) -> int:
    return 1 if isinstance(node, Dimension) else 2 if isinstance(node, Category) else 3


class IndicatorTreeModel(QAbstractItemModel):
    """Qt model of ``document.form.indicators``; every edit goes through ``document.set_value``.

    ``message(str)`` tells the view why an edit was refused (a letter in 分值, a negative 得分).
    """

    message = Signal(str)

    def __init__(self, document: FormDocument, parent: Optional[Any] = None) -> None:
        super().__init__(parent)
        self.document: Optional[FormDocument] = None
        self._nodes: dict[int, Node] = {}
        self._parents: dict[int, Optional[Node]] = {}  # None for 一级 nodes (their parent is the form)
        self._rows: dict[int, int] = {}
        self._flags: dict[tuple[int, int], list[Issue]] = {}
        self._snapshot: dict[int, tuple] = {}
        self._titles: list[str] = []
        self._connections: list[tuple[Any, Any]] = []
        self._icons: dict[str, QIcon] = {}
        self._fonts: dict[str, QFont] = {}
        self._resetting_move = False
        self.set_document(document)

    # --- document ----------------------------------------------------------------------------
    def set_document(self, document: FormDocument) -> None:
        """Show another document (the whole model resets; the template may change the columns)."""
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        self.document = document
        template = document.template
        self._titles = ["指标", "年度指标值", "实际完成值", "分值", "得分", template.reason_title]
        if template.remark_title is not None:
            self._titles.append(template.remark_title or "备注")
        self._reindex()
        self._refresh_flags()
        self._snapshot = self._take_snapshot()
        for signal, slot in ((document.valueChanged, self._on_value_changed),
                             (document.evaluated, self._on_evaluated),
                             (document.nodesAboutToBeInserted, self._on_about_to_insert),
                             (document.nodesInserted, self._on_inserted),
                             (document.nodesAboutToBeRemoved, self._on_about_to_remove),
                             (document.nodesRemoved, self._on_removed),
                             (document.nodesAboutToBeMoved, self._on_about_to_move),
                             (document.nodesMoved, self._on_moved)):
            signal.connect(slot)
            self._connections.append((signal, slot))
        self.endResetModel()

    @property
    def form(self) -> Form:
        return self.document.form

    def _reindex(self) -> None:
        nodes: dict[int, Node] = {}
        parents: dict[int, Optional[Node]] = {}
        rows: dict[int, int] = {}
        for i, dimension in enumerate(self.form.indicators):
            key = id(dimension)
            nodes[key], parents[key], rows[key] = dimension, None, i
            for j, category in enumerate(dimension.children):
                key = id(category)
                nodes[key], parents[key], rows[key] = category, dimension, j
                for k, leaf in enumerate(category.children):
                    key = id(leaf)
                    nodes[key], parents[key], rows[key] = leaf, category, k
        self._nodes, self._parents, self._rows = nodes, parents, rows

    # --- lookups for views -------------------------------------------------------------------
    def node_for(self, index: Union[QModelIndex, QPersistentModelIndex]) -> Optional[Node]:
        if not index.isValid() or index.model() is not self:
            return None
        return self._nodes.get(index.internalId())

    def index_for(self, node: object, column: int = 0) -> QModelIndex:
        key = id(node)
        if key not in self._nodes or not 0 <= column < len(self._titles):
            return QModelIndex()
        return self.createIndex(self._rows[key], column, key)

    def parent_of(self, node: Node) -> Parent:
        """The structural parent: the form for a 一级 node."""
        parent = self._parents.get(id(node))
        return self.form if parent is None else parent

    def row_of(self, node: Node) -> int:
        return self._rows[id(node)]

    def path_of(self, node: Node) -> tuple[int, ...]:
        """(i,), (i, j) or (i, j, k): the node's position, the same indices issues carry."""
        path: list[int] = []
        current: Optional[Node] = node
        while current is not None:
            path.append(self._rows[id(current)])
            current = self._parents[id(current)]
        return tuple(reversed(path))

    def node_at(self, path: tuple[int, ...]) -> Optional[Node]:
        """The node at an issue index (i,), (i, j) or (i, j, k), or None when it no longer exists."""
        children: list = self.form.indicators
        node = None
        for position in path:
            if not 0 <= position < len(children):
                return None
            node = children[position]
            children = getattr(node, "children", [])
        return node

    def cell_layout(self, index: QModelIndex) -> tuple[str, Optional[QFont], bool, int]:
        """(display text, font, has an icon, level): what the delegate needs to size a cell, in one
        call rather than four look-ups through Qt."""
        node = self._nodes.get(index.internalId())
        if node is None:
            return "", None, False, 0
        column = index.column()
        return (self._text(node, column, False), self._font(node, column),
                self._severity(node, column) is not None, level_of(node))

    def column_for_field(self, field: Optional[str]) -> int:
        column = FIELD_COLUMNS.get(field or "name", COL_NAME)
        return column if column < len(self._titles) else COL_NAME

    def has_remark_column(self) -> bool:
        return len(self._titles) > COL_REMARK

    # --- structure ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        # Range checks done here rather than via hasIndex(), which would call back into Python twice.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(self._titles)):
            return QModelIndex()
        return self.createIndex(row, column, id(children[row]))

    def parent(self, index: Optional[QModelIndex] = None) -> Any:  # noqa: A003 - Qt's name
        if index is None:
            return super().parent()  # QObject.parent()
        if not index.isValid():
            return QModelIndex()
        parent = self._parents.get(index.internalId())
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._rows[id(parent)], 0, id(parent))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self._titles)

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def _children(self, parent: QModelIndex) -> list:
        if not parent.isValid():
            return self.form.indicators
        node = self._nodes.get(parent.internalId())
        return [] if node is None or isinstance(node, Leaf) else node.children

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            if role == DISPLAY:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_NAME:
                return "一级指标 / 二级指标 / 三级指标"
        return None

    # --- data --------------------------------------------------------------------------------
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        node = self.node_for(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if isinstance(node, Leaf):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self.field_for(node, index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    @staticmethod
    def field_for(node: Node, column: int) -> Optional[str]:
        """The attribute a cell edits, or None for a read-only cell (sums, empty cells)."""
        if isinstance(node, Leaf):
            return COLUMN_FIELDS.get(column)
        if column == COL_NAME:
            return "name"
        if isinstance(node, Dimension) and column == COL_WEIGHT:
            return "weight"
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        node = self._nodes.get(index.internalId())  # Qt only passes this model's indexes
        if node is None:
            return None
        column = index.column()
        if role == DISPLAY or role == EDIT:
            return self._text(node, column, role == EDIT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(node, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _BRUSHES["manual-text"] if self._is_manual(node, column) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._font(node, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(node, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if column in NUMBER_COLUMNS else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return self._custom(node, column, role)

    def _custom(self, node: Node, column: int, role: int) -> Any:
        if role == NodeRole:
            return node
        if role == LevelRole:
            return level_of(node)
        if role == FlagRole:
            return self._severity(node, column)
        if role == IssuesRole:
            return list(self._flags.get((id(node), column), ()))
        if role == ManualRole:
            return self._is_manual(node, column)
        return None

    def _leaf_score(self, leaf: Leaf) -> Optional[LeafScore]:
        return self.document.evaluation.leaves.get(id(leaf))

    def _sum(self, node: Node) -> NodeSum:
        found = self.document.evaluation.sums.get(id(node))
        return found if found is not None else NodeSum()

    def _text(self, node: Node, column: int, edit: bool) -> str:
        if isinstance(node, Leaf):
            return self._leaf_text(node, column, edit)
        if column == COL_NAME:
            return node.name
        if column == COL_WEIGHT:
            total = self._sum(node).weight
            if isinstance(node, Dimension) and (edit or total != node.weight):
                return fmt(node.weight) if edit else f"{fmt(total)} / {fmt(node.weight)}"
            return fmt(total)
        if column == COL_SCORE:
            return fmt(self._sum(node).score)
        return ""

    def _leaf_text(self, leaf: Leaf, column: int, edit: bool) -> str:
        if column == COL_WEIGHT:
            return fmt(leaf.weight)
        if column == COL_SCORE:
            result = self._leaf_score(leaf)
            score = result.score if result is not None else leaf.score
            if score is None:
                return ""
            return fmt(score) if edit or leaf.score is None else fmt(score) + MANUAL_MARK
        field = COLUMN_FIELDS.get(column)
        return getattr(leaf, field) if field else ""

    def _is_manual(self, node: Node, column: int) -> bool:
        return column == COL_SCORE and isinstance(node, Leaf) and node.score is not None

    def _severity(self, node: Node, column: int) -> Optional[str]:
        issues = self._flags.get((id(node), column))
        if not issues:
            return None
        return "error" if any(issue.severity == "error" for issue in issues) else "warning"

    def _tooltip(self, node: Node, column: int) -> Optional[str]:
        lines = [issue.message for issue in self._flags.get((id(node), column), ())]
        if isinstance(node, Leaf) and column == COL_SCORE:
            result = self._leaf_score(node)
            if result is not None:
                lines.insert(0, result.explanation)
            if node.score is not None:
                lines.append("手工评分;右键选择“恢复自动计算”可改回按规则计算")
        elif not isinstance(node, Leaf) and column in NUMBER_COLUMNS:
            level = "一级" if isinstance(node, Dimension) else "二级"
            lines.insert(0, f"{level}指标下各三级指标的{'分值' if column == COL_WEIGHT else '得分'}之和")
            if isinstance(node, Dimension) and column == COL_WEIGHT:
                lines.append(f"标明分值 {fmt(node.weight)},三级指标合计 {fmt(self._sum(node).weight)}")
        return "\n".join(lines) or None

    def _background(self, node: Node, column: int) -> Optional[QBrush]:
        severity = self._severity(node, column)
        if severity is not None:
            return _BRUSHES[severity]
        if self._is_manual(node, column):
            return _BRUSHES["manual"]
        if isinstance(node, Dimension):
            return _BRUSHES["dimension"]
        if isinstance(node, Category):
            return _BRUSHES["category"]
        return None

    def _font(self, node: Node, column: int) -> Optional[QFont]:
        if isinstance(node, Dimension):
            return self._cached_font("bold")
        if self._is_manual(node, column):
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

    def _icon(self, node: Node, column: int) -> Optional[QIcon]:
        severity = self._severity(node, column)
        if severity is None:
            return None
        if severity not in self._icons:
            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity == "error"
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]

    # --- editing -----------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value: Any, role: int = EDIT) -> bool:
        node = self.node_for(index)
        field = self.field_for(node, index.column()) if node is not None else None
        if field is None or role != EDIT:
            return False
        text = "" if value is None else str(value)
        try:
            new = self._convert(node, field, text)
        except NumberError as exc:
            self.message.emit(f"{exc},已保留原值")
            return False
        if field == "score" and new is not None and node.score is None:
            result = self._leaf_score(node)
            if result is not None and result.auto_score == new:
                return True  # typing the computed score keeps it automatic
        what = f"“{node.name}”的{self._titles[index.column()] if isinstance(node, Leaf) else FIELD_TITLES[field]}"
        self.document.set_value(node, field, new, f"修改{what}")
        return True

    @staticmethod
    def _convert(node: Node, field: str, text: str) -> Any:
        if field == "weight":
            return parse_number(text, "分值")
        if field == "score":
            return parse_number(text, "得分", allow_empty=True)
        return text.strip()

    # --- document signals --------------------------------------------------------------------
    def _on_value_changed(self, obj: object, attr: str) -> None:
        key = id(obj)
        column = FIELD_COLUMNS.get(attr)
        if key in self._nodes and column is not None and column < len(self._titles):
            index = self.createIndex(self._rows[key], column, key)
            self.dataChanged.emit(index, index, [])

    def _on_evaluated(self) -> None:
        self._refresh_flags()
        old, new = self._snapshot, self._take_snapshot()
        self._snapshot = new
        last = len(self._titles) - 1
        for key, state in new.items():
            before = old.get(key)
            if before == state:
                continue
            columns = {COL_WEIGHT, COL_SCORE}
            for flags in (state[-1], before[-1] if before else ()):
                columns.update(flag[0] for flag in flags)
            row = self._rows[key]
            self.dataChanged.emit(self.createIndex(row, min(columns), key),
                                  self.createIndex(row, min(max(columns), last), key), EVALUATED_ROLES)

    def _refresh_flags(self) -> None:
        flags: dict[tuple[int, int], list[Issue]] = {}
        for issue in self.document.evaluation.issues:
            if not issue.index:
                continue
            node = self.node_at(issue.index)
            if node is None:
                continue
            flags.setdefault((id(node), self.column_for_field(issue.field)), []).append(issue)
        self._flags = flags

    def _take_snapshot(self) -> dict[int, tuple]:
        """What evaluation shows per row: compared after each edit to find the rows to repaint."""
        flags_by_node: dict[int, list[tuple[int, str, str]]] = {}
        for (key, column), issues in self._flags.items():
            flags_by_node.setdefault(key, []).extend((column, i.severity, i.message) for i in issues)
        leaves = self.document.evaluation.leaves
        sums = self.document.evaluation.sums
        snapshot: dict[int, tuple] = {}
        for key, node in self._nodes.items():
            flags = tuple(sorted(flags_by_node.get(key, ())))
            if isinstance(node, Leaf):
                result = leaves.get(key)
                snapshot[key] = (result.score, result.explanation, node.score, flags) if result else (flags,)
            else:
                total = sums.get(key)
                snapshot[key] = (total.weight, total.score, flags) if total else (flags,)
        return snapshot

    def _parent_index(self, parent: Parent) -> QModelIndex:
        if isinstance(parent, Form):
            return QModelIndex()
        key = id(parent)
        return self.createIndex(self._rows[key], 0, key) if key in self._nodes else QModelIndex()

    def _valid_parent(self, parent: Parent) -> bool:
        return isinstance(parent, Form) or id(parent) in self._nodes

    def _on_about_to_insert(self, parent: Parent, first: int, last: int) -> None:
        count = len(self.document.children_of(parent))
        if not (self._valid_parent(parent) and 0 <= first <= count and last >= first):
            raise IndexError(f"bad insertion {first}-{last} into {count} rows")
        self.beginInsertRows(self._parent_index(parent), first, last)

    def _on_inserted(self, parent: Parent, first: int, last: int) -> None:
        self._reindex()
        self.endInsertRows()

    def _on_about_to_remove(self, parent: Parent, first: int, last: int) -> None:
        count = len(self.document.children_of(parent))
        if not (self._valid_parent(parent) and 0 <= first <= last < count):
            raise IndexError(f"bad removal {first}-{last} of {count} rows")
        self.beginRemoveRows(self._parent_index(parent), first, last)

    def _on_removed(self, parent: Parent, first: int, last: int) -> None:
        self._reindex()
        self.endRemoveRows()

    def _on_about_to_move(self, parent: Parent, first: int, last: int, destination: int) -> None:
        index = self._parent_index(parent)
        count = len(self.document.children_of(parent))
        valid = (self._valid_parent(parent) and 0 <= first <= last < count and 0 <= destination <= count
                 and not first <= destination <= last + 1)
        # beginMoveRows refuses no-op moves; a reset is the safe fallback if it ever says no.
        self._resetting_move = not (valid and self.beginMoveRows(index, first, last, index, destination))
        if self._resetting_move:
            self.beginResetModel()

    def _on_moved(self, parent: Parent, first: int, last: int, destination: int) -> None:
        self._reindex()
        if self._resetting_move:
            self._resetting_move = False
            self.endResetModel()
        else:
            self.endMoveRows()
