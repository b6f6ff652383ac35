"""Copy and paste of indicator rows between the tree and Excel/WPS (tab-separated text).

A mixin of :class:`ui.indicator_view.IndicatorView` (which provides the model, the selection
helpers and ``_say``/``_on_refused``). Parsing and validating the text is :mod:`model.tsv`'s
job; here the rows are placed: overwrite from the current leaf down, append the rest, all as one
undo step, a pasted 得分 equal to the rule's result staying automatic.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from ui.clipboard import clipboard_text, set_clipboard_text
from ui.commands import InsertNodesCommand, MacroCommand
from ui.document import SetValueCommand, differs
from ui.qt import Qt
from ui.tree_cells import FIELD_COLUMNS

from model.form import Category, Leaf
from model.tsv import LEAF_FIELDS, NumberError, format_tsv, is_full_block, leaf_rows, parse_tsv, validate_leaf_rows
from model.scoring import score_leaf

if TYPE_CHECKING:
    from ui.document import FormDocument
    from ui.indicator_view import IndicatorTree
    from ui.tree_model import IndicatorTreeModel


class ClipboardMixin:
    """Copy the selected leaves as TSV; paste TSV rows at the current leaf or category.

    The host supplies ``current_node``, ``selected_leaves``, ``select_node``, ``_leaf_target``,
    ``_say`` and ``_on_refused``."""

    document: FormDocument
    model: IndicatorTreeModel
    view: IndicatorTree

    def copy_selection(self) -> str:
        """Copy the selected leaf rows as tab-separated text (三级指标 … 备注) and return it."""
        leaves = self.selected_leaves()
        if not leaves:
            self._say("请先选择要复制的指标")
            return ""
        # The cells' edit texts, so 得分 is copied as it counts (automatic or by hand).
        rows = [[self.model.cells.text(leaf, FIELD_COLUMNS[field], True) for field in LEAF_FIELDS]
                for leaf in leaves]
        text = format_tsv(rows)
        set_clipboard_text(text)
        self._say(f"已复制 {len(rows)} 条三级指标")
        return text

    def _paste_target(self) -> Optional[tuple[Category, int]]:
        node = self.current_node()
        if isinstance(node, Leaf):
            return self.model.parent_of(node), self.model.row_of(node)
        return self._leaf_target()

    def paste(self, text: Optional[str] = None) -> bool:
        """Paste rows from Excel/WPS: overwrite from the current leaf down, append the rest to its
        category (onto a category: append). One undo step; a bad number refuses the whole paste.

        Whole rows (4 cells or more) always start at 三级指标, whichever cell of the row is current;
        a narrower block starts at the current column (paste a column of 实际完成值 onto the first
        实际完成值 cell), and a single cell simply replaces the current cell.
        """
        if self.view.is_editing():
            return False
        if text is None:
            text = clipboard_text()
        table = parse_tsv(text or "")
        current = self.view.currentIndex()
        node = self.current_node()
        if (len(table) == 1 and len(table[0]) == 1 and isinstance(node, Leaf)
                and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            return self.model.setData(current, table[0][0])
        narrow = isinstance(node, Leaf) and not is_full_block(table)
        rows = leaf_rows(table, current.column() if narrow else 0)
        if not rows:
            self._say("剪贴板中没有可粘贴的指标行")
            return False
        try:
            values = validate_leaf_rows(rows)
        except NumberError as exc:
            self._on_refused(f"粘贴失败,{exc}")
            return False
        target = self._paste_target()
        if target is None:
            self._say("请先选择要粘贴到的三级指标或二级指标")
            return False
        category, start = target
        macro = self._paste_command(category, start, values)
        if macro.commands:
            self.document.push(macro)
        first = category.children[start] if start < len(category.children) else None
        if first is not None:
            self.select_node(first)
        self._say(f"已粘贴 {len(values)} 行指标(可撤销)")
        return True

    def _paste_command(self, category: Category, start: int, values: list[dict]) -> MacroCommand:
        macro = MacroCommand(self.document, f"粘贴 {len(values)} 行指标")
        existing = category.children[start:]
        for leaf, row in zip(existing, values):
            for field, value in self._resolve_score(leaf, row).items():
                if differs(leaf, field, value):
                    macro.add(SetValueCommand(self.document, leaf, field, value, macro.text()))
        new_leaves = [Leaf(**self._resolve_score(Leaf(), row)) for row in values[len(existing):]]
        if new_leaves:
            macro.add(InsertNodesCommand(self.document, category, len(category.children), new_leaves))
        return macro

    def _resolve_score(self, leaf: Leaf, row: dict) -> dict:
        """A pasted 得分 equal to what the rules give stays automatic (copy → paste keeps auto)."""
        row = dict(row)
        score = row.get("score")
        if isinstance(score, Decimal):
            merged = {f: row.get(f, getattr(leaf, f)) for f in ("target", "actual", "weight", "reason")}
            result = score_leaf(Leaf(**merged), self.document.template.rules)
            if result.auto_score == score:
                row["score"] = None
        return row
