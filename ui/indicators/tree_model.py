"""The one Qt item model over the indicator tree (一级 Dimension / 二级 Category / 三级 Leaf).

Indexes carry ``id(node)`` as their internal id; dictionaries keyed by it give a node, its parent
and its row in O(1), so ``parent()`` (called constantly by views) never searches. The dictionaries
are rebuilt only on structural changes, which the document announces in before/after pairs that
map one-to-one onto ``beginInsertRows``/``endInsertRows`` and friends.

After each re-evaluation the model compares a small per-row snapshot of what evaluation shows
(sums, score, explanation, flags) with the previous one and emits ``dataChanged`` only for rows
whose display changed, which keeps a 300-leaf form well under a frame per edit.

What a cell shows (text, tooltip, colours, flags) is :class:`ui.indicators.cells.CellPresenter`'s job;
this module is the adapter between the document's tree and Qt's indexes.
"""
from __future__ import annotations

from typing import Any, Optional, Union, cast, overload

from ui.document import FormDocument, Node, Parent
from ui.qt import AnyIndex, QAbstractItemModel, QFont, QModelIndex, QObject, Qt, Signal
from ui.indicators.cells import (COL_NAME, COL_SCORE, COL_WEIGHT, DISPLAY, EDIT, EVALUATED_ROLES, FIELD_COLUMNS,
                                 FIELD_TITLES, CellPresenter)
from ui.indicators.cells import field_for as cell_field
from ui.indicators.headers import tree_header

from model.form import Category, Dimension, Form, Leaf
from model.values import NumberError, read_score, read_weight

__all__ = ["IndicatorTreeModel"]


VALUE_ROLES = [DISPLAY, EDIT, Qt.ItemDataRole.ToolTipRole]


class IndicatorTreeModel(QAbstractItemModel):
    """Qt model of ``document.form.indicators``; every edit goes through ``document.set_value``.

    ``message(str)`` tells the view why an edit was refused (a letter in 分值, a negative 得分).
    """

    message = Signal(str)

    def __init__(self, document: FormDocument, parent: Optional[Any] = None) -> None:
        super().__init__(parent)
        self.document = document  # set_document below connects it
        self._nodes: dict[int, Node] = {}
        self._parents: dict[int, Optional[Union[Dimension, Category]]] = {}  # None for 一级 nodes (parent: the form)
        self._rows: dict[int, int] = {}
        self.cells = CellPresenter(document)
        self._snapshot: dict[int, tuple] = {}
        self._titles: list[str] = []
        self._connections: list[tuple[Any, Any]] = []
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
        self.cells.document = document
        self._header = tree_header(document.template)
        self._titles = list(self._header.titles)
        self._reindex()
        self._refresh_flags()
        self._snapshot = self.cells.snapshot(self._nodes)
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
        parents: dict[int, Optional[Union[Dimension, Category]]] = {}
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
    def node_for(self, index: AnyIndex) -> Optional[Node]:
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

    def category_of(self, leaf: Leaf) -> Category:
        """A 三级指标's 二级指标: :meth:`parent_of` for a leaf, with its type."""
        return cast(Category, self._parents[id(leaf)])

    def dimension_of(self, category: Category) -> Dimension:
        """A 二级指标's 一级指标: :meth:`parent_of` for a category, with its type."""
        return cast(Dimension, self._parents[id(category)])

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

    def cell_layout(self, index: AnyIndex) -> tuple[str, Optional[QFont], bool, int]:
        """(display text, font, has an icon, level): what the delegate needs to size a cell, in one
        call rather than four look-ups through Qt."""
        node = self._nodes.get(index.internalId())
        if node is None:
            return "", None, False, 0
        return self.cells.layout(node, index.column())

    def column_for_field(self, field: Optional[str]) -> int:
        column = FIELD_COLUMNS.get(field or "name", COL_NAME)
        return column if column < len(self._titles) else COL_NAME

    # --- structure ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        # Range checks done here rather than via hasIndex(), which would call back into Python twice.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(self._titles)):
            return QModelIndex()
        return self.createIndex(row, column, id(children[row]))

    @overload
    def parent(self) -> Optional[QObject]: ...

    @overload
    def parent(self, index: AnyIndex) -> QModelIndex: ...

    def parent(self, index: Optional[AnyIndex] = None) -> Any:  # noqa: A003 - Qt's name
        if index is None:
            return super().parent()  # QObject.parent()
        if not index.isValid():
            return QModelIndex()
        parent = self._parents.get(index.internalId())
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._rows[id(parent)], 0, id(parent))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return len(self._titles)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def _children(self, parent: AnyIndex) -> list:
        if not parent.isValid():
            return self.form.indicators
        node = self._nodes.get(parent.internalId())
        return [] if node is None or isinstance(node, Leaf) else node.children

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            if role == DISPLAY:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header.tips[section]
        return None

    # --- data --------------------------------------------------------------------------------
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node_for(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if isinstance(node, Leaf):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self.field_for(node, index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def field_for(self, node: Node, column: int) -> Optional[str]:
        """The attribute a cell edits, or None: sums, and a 一级 weight the template leaves to
        the form (its leaves' sum is its weight)."""
        field = cell_field(node, column)
        if isinstance(node, Dimension) and field == "weight" and not self.cells.declares_weight(node):
            return None
        return field

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        node = self._nodes.get(index.internalId())  # Qt only passes this model's indexes
        return None if node is None else self.cells.data(node, index.column(), role)

    # --- editing -----------------------------------------------------------------------------
    def setData(self, index: AnyIndex, value: Any, role: int = EDIT) -> bool:
        node = self.node_for(index)
        field = self.field_for(node, index.column()) if node is not None else None
        if node is None or field is None or role != EDIT:
            return False
        text = "" if value is None else str(value)
        try:
            new = self.convert(node, field, text)
        except NumberError as exc:
            self.message.emit(f"{exc},已保留原值")
            return False
        if field == "score" and isinstance(node, Leaf) and new is not None and node.score is None:
            result = self.cells.leaf_score(node)
            if result is not None and result.auto_score == new:
                return True  # typing the computed score keeps it automatic
        what = f"“{node.name}”的{self._header.words(index.column()) if isinstance(node, Leaf) else FIELD_TITLES[field]}"
        self.document.set_value(node, field, new, f"修改{what}")
        return True

    @staticmethod
    def convert(node: Node, field: str, text: str) -> Any:
        """The value a cell's text stands for; raises :class:`NumberError` for a bad number."""
        if field == "weight":
            return read_weight(text, "分值")
        if field == "score":
            return read_score(text, "得分")
        return text.strip()

    # --- document signals --------------------------------------------------------------------
    def _on_value_changed(self, obj: object, attr: str) -> None:
        key = id(obj)
        column = FIELD_COLUMNS.get(attr)
        if key in self._nodes and column is not None and column < len(self._titles):
            index = self.createIndex(self._rows[key], column, key)
            # The text, and the tooltip of a 一级 分值 (it names the stated weight); what the new
            # value does to scores, flags and the manual look follows from _on_evaluated.
            self.dataChanged.emit(index, index, VALUE_ROLES)

    def _on_evaluated(self) -> None:
        self._refresh_flags()
        old, new = self._snapshot, self.cells.snapshot(self._nodes)
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
        self.cells.refresh_flags(self.node_at, self.column_for_field)

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
