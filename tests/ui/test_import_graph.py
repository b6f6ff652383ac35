"""The imports between ui/ modules form no cycle, and the feature folders stack in one direction.

Read from the source with ``ast`` (nothing is imported), so every import counts: at module top,
inside functions, and under ``if TYPE_CHECKING:``. A cycle there is a module that needs its
caller, which is what the objects-held-by-widgets design (protocols, no mixins) rules out.
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# What may import what: a module may import modules of its own rank or lower.
RANKS = {"ui.indicators": 1, "ui.form": 2, "ui.output": 3, "ui.window": 4, "ui.app": 5}


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file for every module of ``package`` (a folder under ``root``)."""
    names = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The known modules ``name`` imports, including the packages Python runs on the way."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            parts = target.split(".")
            found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1) if ".".join(parts[:n]) in known)
    found.discard(name)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    known = module_names(root, package)
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def rank(name: str) -> int:
    return max((r for prefix, r in RANKS.items() if name == prefix or name.startswith(prefix + ".")), default=0)


def test_ui_has_no_import_cycle():
    graph = import_graph(ROOT, "ui")
    assert "ui.window.main_window" in graph and graph["ui.window.main_window"]  # the walk found the modules
    assert cycles(graph) == []


def test_feature_folders_import_only_downwards():
    """indicators < form < output < window < app; the top-level modules (qt, document, commands,
    severity, dialogs) import no feature folder."""
    graph = import_graph(ROOT, "ui")
    upward = sorted(f"{name} -> {target}" for name, targets in graph.items() for target in targets
                    if rank(target) > rank(name))
    assert upward == []


def test_the_walk_sees_type_checking_and_function_imports(tmp_path):
    """The check itself can fail: a cycle hidden under TYPE_CHECKING or inside a function is found."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (package / "host.py").write_text("from pkg.sub import part\n", encoding="utf-8")
    (package / "sub" / "part.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.host import Host\n", encoding="utf-8")
    (package / "lazy.py").write_text("def f():\n    from . import other\n", encoding="utf-8")
    (package / "other.py").write_text("import pkg.lazy\n", encoding="utf-8")
    found = cycles(import_graph(tmp_path, "pkg"))
    assert found == [["pkg.host", "pkg.sub.part"], ["pkg.lazy", "pkg.other"]]
