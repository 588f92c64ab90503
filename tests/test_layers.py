"""The import graph: no cycles, and no module reaching up to a layer above its own.

Read bottom to top, the layers are the order in which to learn the code: what a book is and how
errors read; ingest, storage and the views; the library; the tools and the widget; the server;
its HTTP and command-line edges.
"""

from __future__ import annotations

import ast
from pathlib import Path

import app

APP = Path(app.__file__).parent

# Each module's layer; a module may import only from layers below its own (a package's own
# modules, such as app.ingest's, may also import each other).
LAYERS: dict[str, int] = {
    "app": 0,
    "app.errors": 0,
    "app.text": 0,
    "app.paths": 0,
    "app.settings": 1,
    "app.progress": 1,
    "app.search": 1,
    "app.ingest": 2,
    "app.schema": 2,
    "app.views": 2,
    "app.widget": 2,
    "app.export": 3,
    "app.db": 3,
    "app.library": 4,
    "app.importing": 5,
    "app.tools": 5,
    "app.resources": 6,
    "app.server": 7,
    "app.preview": 7,
    "app.http": 8,
    "app.stdio": 8,
    "app.doctor": 9,
    "app.cli": 10,
    "app.__main__": 11,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The entry of LAYERS a module falls under: itself, or the package it is part of."""
    for name in sorted(LAYERS, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name
    raise AssertionError(f"{module} has no layer: add it to LAYERS in tests/test_layers.py")


def layer_of(module: str) -> int:
    return LAYERS[unit_of(module)]


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, at the top of the file?) for every `app` import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            targets = [f"{node.module}.{alias.name}" for alias in node.names]
            found += [(t if _is_module(t) else node.module, id(node) in top) for t in targets]
        elif isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names if alias.name.startswith("app")]
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (APP.parent / relative).with_suffix(".py").is_file() or (
        APP.parent / relative / "__init__.py"
    ).is_file()


def graph() -> dict[str, list[tuple[str, bool]]]:
    return {module_name(path): imports(path) for path in APP.rglob("*.py")}


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph().items()
        for target, _ in targets
        if layer_of(target) >= layer_of(module) and unit_of(target) != unit_of(module) and target != "app"
    ]
    assert upward == []


def test_the_modules_import_each_other_without_cycles() -> None:
    edges = {
        module: {t for t, at_top in targets if at_top and t != module} for module, targets in graph().items()
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in visiting:
            raise AssertionError(
                "import cycle: " + " -> ".join([*visiting[visiting.index(module) :], module])
            )
        if module in done:
            return
        visiting.append(module)
        for target in edges.get(module, ()):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in edges:
        visit(module)
