"""The shape of the package, read from its source: sizes, folders and the import graph.

Used by test_house.py; plain functions over files, so that they are easy to try by hand:
`PYTHONPATH=tests/architecture python -c "import house; print(house.cycles())"`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tracker"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {module_name(path): path for path in sorted(root.rglob("*.py"))}


def imported_names(path: Path, known: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The dotted names a module imports, wherever the import stands (lazy ones included),
    except under `if TYPE_CHECKING:`: an import for the type checker never runs.

    `from package import submodule` names the submodule only when `known` lists it: Python
    runs the package's `__init__` for any submodule, which is no dependency on its contents.
    """
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return found


def _runtime_nodes(tree: ast.AST):
    """Every node of the tree but those of `if TYPE_CHECKING:` blocks."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                pending.extend(child.orelse)
            else:
                pending.append(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports (a package's `__init__` named by the package)."""
    known = modules(root)
    names = frozenset(known)
    return {
        name: {t for t in imported_names(path, names) if t in known and t != name}
        for name, path in known.items()
    }


def cycles(graph: dict[str, set[str]] | None = None) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan)."""
    graph = import_graph() if graph is None else graph
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

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
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def long_files(limit: int = 300, root: Path = PACKAGE) -> dict[str, int]:
    """Modules longer than `limit` lines."""
    counts = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in modules(root).items()
    }
    return {name: count for name, count in counts.items() if count > limit}


def crowded_folders(limit: int = 15, root: Path = PACKAGE) -> dict[str, int]:
    """Folders holding more than `limit` Python modules."""
    folders = [root, *(p for p in root.rglob("*") if p.is_dir() and p.name != "__pycache__")]
    counts = {str(f.relative_to(ROOT)): len(list(f.glob("*.py"))) for f in folders}
    return {folder: count for folder, count in counts.items() if count > limit}


def imports_of(prefix: str, root: Path = PACKAGE) -> dict[str, set[str]]:
    """Modules of the package that import anything under `prefix` (e.g. "bench")."""
    found = {}
    for name, path in modules(root).items():
        hits = {n for n in imported_names(path) if n == prefix or n.startswith(prefix + ".")}
        if hits:
            found[name] = hits
    return found
