"""The house (issue 13, ../shared/STYLE.md): feature folders of small files, no import circle,
imports pointing down, and no benchmark code in the product.

The checks read the source (house.py); each is tried on a small made-up package too, so
that a check that could never fail would be caught.
"""

from __future__ import annotations

import house
import pytest


def test_no_module_of_the_product_imports_the_benchmark():
    assert house.imports_of("bench") == {}


def test_no_file_over_300_lines():
    assert house.long_files(300) == {}


def test_no_folder_with_more_than_15_modules():
    assert house.crowded_folders(15) == {}


def test_no_import_circle():
    assert house.cycles() == []


# Layers: a module may import only from its own layer or those below it.
LAYERS = (
    ("tracker.domain",),
    ("tracker.extensions", "tracker.models", "tracker.permissions"),
    ("tracker.common", "tracker.exports", "tracker.imports"),
    ("tracker.web", "tracker.api"),
)


def layer_of(name: str) -> int:
    for depth, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return depth
    return len(LAYERS)  # the features, the CLI, the factory


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted(
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(source)
    )


def test_imports_point_down():
    """Domain imports nothing of ours but domain; plumbing imports no feature."""
    assert upward_imports(house.import_graph()) == []


def test_the_domain_is_pure():
    """No Flask, no database session in the domain modules."""
    impure = {
        name: {n for n in house.imported_names(path) if n.split(".")[0] in {"flask", "sqlalchemy"}}
        for name, path in house.modules().items()
        if name.startswith("tracker.domain")
    }
    assert {name: found for name, found in impure.items() if found} == {}


@pytest.fixture
def made_up(tmp_path, monkeypatch):
    """A small package with one of each fault, to prove the checks can fail."""
    root = tmp_path / "tracker"
    (root / "crowd").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from tracker import b\n")
    (root / "b.py").write_text("def f():\n    from tracker.a import x\n")
    (root / "long.py").write_text("x = 1\n" * 301)
    # a circle for the type checker only: not a fault
    (root / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import tracker.d\n"
    )
    (root / "d.py").write_text("import tracker.c\n")
    (root / "bad.py").write_text("import bench.seed\n")
    for index in range(16):
        (root / "crowd" / f"m{index}.py").write_text("")
    monkeypatch.setattr(house, "ROOT", tmp_path)
    return root


def test_the_checks_find_each_fault(made_up):
    assert house.cycles(house.import_graph(made_up)) == [["tracker.a", "tracker.b"]]
    assert house.long_files(300, made_up) == {"tracker.long": 301}
    assert house.crowded_folders(15, made_up) == {"tracker/crowd": 16}
    assert house.imports_of("bench", made_up) == {"tracker.bad": {"bench.seed"}}


def test_an_upward_import_is_found():
    graph = {"tracker.domain.periods": {"tracker.models"}, "tracker.tasks.api": {"tracker.web"}}
    assert upward_imports(graph) == [("tracker.domain.periods", "tracker.models")]
