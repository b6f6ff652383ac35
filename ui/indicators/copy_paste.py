"""Copy and paste of indicator rows between the tree and Excel/WPS (tab-separated text).

:class:`CopyPaste` is held by :class:`ui.indicators.view.IndicatorView` (as ``copy_paste``) and
reaches it through :class:`ui.indicators.structure.IndicatorHost`; where a pasted row goes when
the cursor is on a 二级指标 is the structural edits' rule (``leaf_target``). Parsing and
validating the text is :mod:`model.tsv`'s job; here the rows are placed: overwrite
from the current leaf down, append the rest, all as one undo step, a pasted 得分 equal to the
rule's result staying automatic.

Ctrl+C copies the selected *cells* as a rectangle (their bounding box, one line per row, empty
text for cells inside it that are not selected), which WPS/Excel paste as a block; Delete clears
the selected cells of 三级指标 rows in one undo step (rows go only with 删除行).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from ui.commands import InsertNodesCommand, MacroCommand, set_values
from ui.document import Node, SetValueCommand, differs
from ui.indicators.cells import COLUMN_FIELDS, FIELD_COLUMNS
from ui.clipboard import clipboard_text, set_clipboard_text
from ui.indicators.structure import HostParts, IndicatorHost, StructureEdits
from ui.qt import QModelIndex, Qt

from model.form import Category, Leaf
from model.scoring import leaf_kind, score_leaf
from model.split_rows import looks_split, split_leaf_rows, split_row_fields, split_texts
from model.tsv import LEAF_FIELDS, NumberError, format_tsv, is_full_block, leaf_rows, parse_tsv, validate_leaf_rows

CLEARED = {"weight": Decimal(0), "score": None}  # what Delete leaves in a cell; text cells: ""


class CopyPaste(HostParts):
    """Copy the selected leaves as TSV; paste TSV rows at the current leaf or category."""

    def __init__(self, host: IndicatorHost, edits: StructureEdits) -> None:
        super().__init__(host)
        self.edits = edits

    def copy_selection(self) -> str:
        """Copy the selected leaf rows as tab-separated text (三级指标 … 备注, or the printed columns
        of a layout that splits the target) and return it."""
        leaves = self.host.selected_leaves()
        if not leaves:
            self.host.say("请先选择要复制的指标")
            return ""
        fields = self._split_fields()
        rows = [self._row_cells(leaf, fields) for leaf in leaves]
        text = format_tsv(rows)
        set_clipboard_text(text)
        self.host.say(f"已复制 {len(rows)} 条三级指标")
        return text

    def _split_fields(self) -> Optional[tuple[str, ...]]:
        return split_row_fields([column.key for column in self.document.template.layout.indicator_columns])

    def _row_cells(self, leaf: Leaf, fields: Optional[tuple[str, ...]]) -> list[str]:
        """A leaf as a row: the cells' edit texts, so 得分 is copied as it counts (automatic or by
        hand); in a layout that splits the target, in its printed columns (指标性质 | 指标值 | 度量单位
        …), so the row lines up in the region's own sheet and pastes back here."""
        plain = {field: self.model.cells.text(leaf, FIELD_COLUMNS[field], True) for field in LEAF_FIELDS}
        if fields is None:
            return [plain[field] for field in LEAF_FIELDS]
        parts = split_texts(leaf.target, leaf.actual, self._kind(self.model.category_of(leaf)),
                            self.document.template.rules.bare_target)
        return [parts.get(field, plain.get(field, "")) for field in fields]

    # --- cells ---------------------------------------------------------------------------------
    def selected_cells(self) -> list[QModelIndex]:
        """The selected cells, or the current one when nothing is selected, in no set order."""
        cells = [index for index in self.view.selectionModel().selectedIndexes() if index.isValid()]
        current = self.view.currentIndex()
        return cells or ([current] if current.isValid() else [])

    def copy_cells(self) -> str:
        """Copy the selected cells as a tab-separated block and return it."""
        cells = self.selected_cells()
        if not cells:
            self.host.say("请先选择要复制的单元格")
            return ""
        rows: dict[int, tuple[Node, set[int]]] = {}
        for index in cells:
            node = self.model.node_for(index)
            if node is not None:
                rows.setdefault(id(node), (node, set()))[1].add(index.column())
        columns = [column for _node, chosen in rows.values() for column in chosen]
        left, right = min(columns), max(columns)
        ordered = sorted(rows.values(), key=lambda entry: self.model.path_of(entry[0]))
        table = [[self._cell_text(node, column) if column in chosen else "" for column in range(left, right + 1)]
                 for node, chosen in ordered]
        text = format_tsv(table)
        set_clipboard_text(text)
        self.host.say(f"已复制 {len(table)} 行 × {right - left + 1} 列单元格")
        return text

    def _cell_text(self, node: Node, column: int) -> str:
        """A leaf's cells as they count (得分 without the (手) mark); sums as shown."""
        return self.model.cells.text(node, column, isinstance(node, Leaf))

    def cut_cells(self) -> bool:
        """Ctrl+X: copy the selected cells, then empty them (one undo step). Pasted elsewhere, the
        text has moved, as a WPS clerk expects; 撤销 brings it back if it is never pasted."""
        if self.view.is_editing() or not self.copy_cells():
            return False
        return self.clear_cells(verb="剪切")

    def _leaf_cells(self) -> list[tuple[Leaf, int, str]]:
        """(leaf, column, field) of each selected cell of a 三级指标 row that holds a value: the cells
        Delete clears and Ctrl+D fills (一级/二级 rows show names and sums)."""
        cells = []
        for index in self.selected_cells():
            node = self.model.node_for(index)
            field = COLUMN_FIELDS.get(index.column())
            if isinstance(node, Leaf) and field is not None:
                cells.append((node, index.column(), field))
        return cells

    def clear_cells(self, verb: str = "清除") -> bool:
        """Delete: empty the selected cells of 三级指标 rows, as one undo step."""
        if self.view.is_editing():
            return False
        changes = [(leaf, field, CLEARED.get(field, "")) for leaf, _column, field in self._leaf_cells()]
        return self._set_cells(changes, verb, "一级、二级指标的名称和合计不能清除;修改名称请按 F2,"
                                              "删除整行请用“删除行”(Ctrl+-)")

    def fill_down(self) -> bool:
        """Ctrl+D, as in WPS and Excel: in each selected column the top cell is copied into the
        selected cells below it; a single row takes the cells of the 三级指标 above. One undo step."""
        if self.view.is_editing():
            return False
        leaves = [leaf for _d, _c, leaf in self.document.form.iter_leaves()]
        order = {id(leaf): n for n, leaf in enumerate(leaves)}  # by identity: equal leaves are two rows
        columns: dict[int, list[Leaf]] = {}
        for leaf, column, _field in self._leaf_cells():
            columns.setdefault(column, []).append(leaf)
        changes = []
        for column, chosen in columns.items():
            chosen.sort(key=lambda leaf: order[id(leaf)])
            first = order[id(chosen[0])]
            if len(chosen) == 1 and first == 0:
                continue  # the first 三级指标 has nothing above it
            source, targets = (chosen[0], chosen[1:]) if len(chosen) > 1 else (leaves[first - 1], chosen)
            field = COLUMN_FIELDS[column]
            for target in targets:
                value = self._filled_value(source, target, field)
                changes.append((target, field, value))
        return self._set_cells(changes, "向下填充", "向下填充:请选中一列中的几个三级指标单元格(第一格是要复制的内容)")

    def _set_cells(self, changes: Sequence[tuple[Leaf, str, object]], verb: str, nothing: str) -> bool:
        """``changes`` as one undo step named "{verb} n 个单元格", said in the status bar; ``nothing``
        is said instead when no cell could take part."""
        if not changes:
            self.host.say(nothing)
            return False
        if set_values(self.document, f"{verb} {len(changes)} 个单元格", changes):
            self.host.say(f"已{verb} {len(changes)} 个单元格(可撤销)")
        return True

    def _filled_value(self, source: Leaf, target: Leaf, field: str) -> object:
        """``source``'s value of ``field``; a 得分 by hand that the rules would give ``target``
        anyway stays automatic, as a pasted one does."""
        value = getattr(source, field)
        if field == "score" and isinstance(value, Decimal):
            return self._resolve_score(self.model.category_of(target), target, {"score": value})["score"]
        return value

    def _paste_target(self) -> Optional[tuple[Category, int]]:
        node = self.host.current_node()
        if isinstance(node, Leaf):
            return self.model.category_of(node), self.model.row_of(node)
        return self.edits.leaf_target()

    def paste(self, text: Optional[str] = None) -> bool:
        """Paste rows from Excel/WPS: overwrite from the current leaf down, append the rest to its
        category (onto a category: append). One undo step; a bad number refuses the whole paste.

        Whole rows (4 cells or more) always start at 三级指标, whichever cell of the row is current;
        a narrower block goes into the cells from the current one (:meth:`_paste_cells`: paste a
        column of 实际完成值 onto the first 实际完成值 cell), a single cell simply replaces it.
        """
        if self.view.is_editing():
            return False
        if text is None:
            text = clipboard_text()
        table = parse_tsv(text or "")
        current = self.view.currentIndex()
        node = self.host.current_node()
        if (len(table) == 1 and len(table[0]) == 1 and isinstance(node, Leaf)
                and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            return self.model.setData(current, table[0][0])
        if isinstance(node, Leaf) and table and not is_full_block(table):
            return self._paste_cells(node, current.column(), table)
        rows = self._whole_rows(table)
        if not rows:
            self.host.say("剪贴板中没有可粘贴的指标行")
            return False
        try:
            values = validate_leaf_rows(rows)
        except NumberError as exc:
            self.host.refuse(f"粘贴失败,{exc}")
            return False
        target = self._paste_target()
        if target is None:
            self.host.say("请先选择要粘贴到的三级指标或二级指标")
            return False
        category, start = target
        macro = self._paste_command(category, start, values)
        if macro.commands:
            self.document.push(macro)
        first = category.children[start] if start < len(category.children) else None
        if first is not None:
            self.host.select_node(first)
        self.host.say(f"已粘贴 {len(values)} 行指标(可撤销)")
        return True

    def _whole_rows(self, table: list[list[str]]) -> list[dict[str, str]]:
        """Pasted rows as leaf fields: the editor's own rows, or rows from a sheet in the form's
        printed layout when it splits the target (四川 指标性质 | 指标值 | 度量单位 …)."""
        fields = self._split_fields()
        if fields is not None and looks_split(table, fields):
            return split_leaf_rows(table, fields)
        return leaf_rows(table, 0)

    def _paste_cells(self, leaf: Leaf, column: int, table: list[list[str]]) -> bool:
        """A block of cells (fewer than whole rows) from the current cell, as a spreadsheet does:
        down the following 三级指标 rows in the order shown, across 二级/一级 boundaries (the
        一级/二级 rows are not rows of the sheet the block came from); an empty cell empties its
        cell. Only rows past the last 三级指标 become new rows, in its 二级指标."""
        fields = LEAF_FIELDS[column:]
        try:
            values = validate_leaf_rows([dict(zip(fields, row)) for row in table])
        except NumberError as exc:
            self.host.refuse(f"粘贴失败,{exc}")
            return False
        leaves = [each for _d, _c, each in self.document.form.iter_leaves()]
        following = leaves[next(i for i, each in enumerate(leaves) if each is leaf):]  # by identity: two
        # leaves with the same cells are equal dataclasses
        macro = MacroCommand(self.document, f"粘贴 {len(values)} 行单元格")
        for target, row in zip(following, values):
            for field, value in self._resolve_score(self.model.category_of(target), target, row).items():
                if differs(target, field, value):
                    macro.add(SetValueCommand(self.document, target, field, value, macro.text()))
        category = self.model.category_of(following[-1])
        extra = [Leaf(**self._resolve_score(category, Leaf(), row)) for row in values[len(following):]]
        if extra:
            macro.add(InsertNodesCommand(self.document, category, len(category.children), extra))
        if macro.commands:
            self.document.push(macro)
        self.host.select_node(leaf, column)
        width = min(max(len(row) for row in table), len(fields))
        self.host.say(f"已粘贴 {len(values)} 行 × {width} 列单元格" + (f",新增 {len(extra)} 行" if extra else "")
                      + "(可撤销)")
        return True

    def _paste_command(self, category: Category, start: int, values: list[dict]) -> MacroCommand:
        macro = MacroCommand(self.document, f"粘贴 {len(values)} 行指标")
        existing = category.children[start:]
        for leaf, row in zip(existing, values):
            for field, value in self._resolve_score(category, leaf, row).items():
                if differs(leaf, field, value):
                    macro.add(SetValueCommand(self.document, leaf, field, value, macro.text()))
        new_leaves = [Leaf(**self._resolve_score(category, Leaf(), row)) for row in values[len(existing):]]
        if new_leaves:
            macro.add(InsertNodesCommand(self.document, category, len(category.children), new_leaves))
        return macro

    def _kind(self, category: Category) -> str:
        """The kind of node the category is (成本 / 时效 / other), as the scorer reads its bare targets."""
        return leaf_kind(self.model.dimension_of(category), category)

    def _resolve_score(self, category: Category, leaf: Leaf, row: dict) -> dict:
        """A pasted 得分 equal to what the rules give stays automatic (copy → paste keeps auto)."""
        row = dict(row)
        score = row.get("score")
        if isinstance(score, Decimal):
            merged = {f: row.get(f, getattr(leaf, f)) for f in ("target", "actual", "weight", "reason")}
            result = score_leaf(Leaf(**merged), self.document.template.rules, self._kind(category))
            if result.auto_score == score:
                row["score"] = None
        return row
