"""Walking a tree of rows (units, report headings) that know their `id` and `parent_id`. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

N = TypeVar("N")


def tree_order(nodes: Iterable[N], key: Callable[[N], Any] | None = None) -> list[tuple[N, int]]:
    """Nodes parents first, each with its depth; siblings by `key`, else in the order given.

    The order given is a query's ORDER BY, so names sort by the database's collation. A node
    whose parent is not among `nodes` is shown as a root, so nothing goes missing.
    """
    nodes = list(nodes)
    rank = {node.id: i for i, node in enumerate(nodes)}
    order = key or (lambda node: rank[node.id])
    ids = {n.id for n in nodes}
    children: dict[int | None, list[N]] = {}
    for node in nodes:
        parent = node.parent_id if node.parent_id in ids else None
        children.setdefault(parent, []).append(node)
    ordered: list[tuple[N, int]] = []
    seen: set[int] = set()
    stack = [(n, 0) for n in reversed(sorted(children.get(None, []), key=order))]
    while stack:
        node, depth = stack.pop()
        if node.id in seen:  # a cycle would be a data error: never loop on it
            continue
        seen.add(node.id)
        ordered.append((node, depth))
        below = sorted(children.get(node.id, []), key=order)
        stack.extend((child, depth + 1) for child in reversed(below))
    return ordered


def sibling_edges(ordered: Sequence[tuple[N, int]]) -> dict[int, tuple[bool, bool]]:
    """For each node of a tree_order list: whether it is first, and last, among its siblings."""
    groups: dict[int | None, list[int]] = {}
    ids = {node.id for node, _ in ordered}
    for node, _ in ordered:
        groups.setdefault(node.parent_id if node.parent_id in ids else None, []).append(node.id)
    edges: dict[int, tuple[bool, bool]] = {}
    for members in groups.values():
        for i, node_id in enumerate(members):
            edges[node_id] = (i == 0, i == len(members) - 1)
    return edges
