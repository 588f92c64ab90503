"""An mkdocs site configured by several `mkdocs-*.yml` files and no `mkdocs.yml`, read as the one site they make.

Some projects build their docs more than one way and keep a file per build instead of an
`mkdocs.yml`: Textual has `mkdocs-common.yml` (the Markdown extensions and theme), `mkdocs-online.yml`
and `mkdocs-offline.yml` (each `INHERIT`s the common one and adds its plugins) and `mkdocs-nav.yml`
(the nav alone), which its Makefile glues together before running `mkdocs build --config-file …`.
Read one by one, the folder looked like no site at all, and each sub-folder of `docs/` became a
book of its own with its snippets and tags shown raw.

So when a folder has no `mkdocs.yml`, its `mkdocs-*.yml`, `mkdocs_*.yml` and `mkdocs.*.yml` files
(never a symlinked one) are read together: each file that no other `INHERIT`s is a build, read with
what it inherits (see mkdocs.read_config), and the builds are laid over each other in name order,
the first to set a key keeping it. That gives the nav of one file and the site name of another,
as the glued-together file would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder
from app.ingest.frontmatter import load_yaml

# More than any project keeps; a bound on what a hostile folder can make the import read.
_MAX_FILES = 12
_SEPARATORS = "-_."
_SUFFIXES = (".yml", ".yaml")


def variant_configs(folder: Path) -> list[Path]:
    """The folder's `mkdocs-*.yml` (and `mkdocs_*.yml`, `mkdocs.*.yml`) files, by name."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return []
    found = [
        entry
        for entry in entries
        if entry.name.startswith("mkdocs")
        and entry.name[6:7] in _SEPARATORS
        and entry.suffix in _SUFFIXES
        and len(entry.stem) > 7
        and entry.is_file()
        and not entry.is_symlink()
    ]
    return found[:_MAX_FILES]


def combined_config(
    books: BookFolder, paths: list[Path], read: Callable[[BookFolder, Path], dict[str, Any]], limit: int
) -> dict[str, Any]:
    """The builds' settings laid over each other in name order, the first to set a key keeping it."""
    inherited: set[str] = set()
    for path in paths:
        data = load_yaml(str(path), books.config_text(path, limit=limit), what=path.name)
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if isinstance(parent, str):
            inherited.add((path.parent / parent).name)
    config: dict[str, Any] = {}
    for path in paths:
        if path.name in inherited:
            continue  # a base the others build on: read through them
        for key, value in read(books, path).items():
            config.setdefault(key, value)
    config.pop("INHERIT", None)
    return config
