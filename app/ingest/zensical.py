"""Zensical sites: mkdocs' successor, configured by `zensical.toml` instead of mkdocs.yml.

Zensical (from the makers of Material for MkDocs) builds the same Markdown as an mkdocs site, and
reads either an mkdocs.yml or a `zensical.toml` whose `[project]` table holds the same settings:
`site_name`, `docs_dir`, `nav`, `markdown_extensions`, `plugins`. A site configured that way is
read as an mkdocs site (see mkdocs.py), its `[project]` table standing for mkdocs.yml.

One thing differs in shape. An extension named with dots is a TOML table path, so
`[project.markdown_extensions.pymdownx.snippets]` arrives as `{"pymdownx": {"snippets": {…}}}`;
such names are joined back (`pymdownx.snippets`), as mkdocs.yml spells them, for the modules that
look them up. The file is read as data; nothing in it is run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder

NAME = "zensical.toml"
# Dotted extension names' first parts, and how many parts the name has after them:
# `pymdownx.snippets`, `zensical.extensions.preview`, `material.extensions.emoji`.
_NAMESPACES = {"pymdownx": 1, "zensical": 2, "material": 2, "markdown": 2}


def zensical_config_of(folder: Path) -> Path | None:
    path = folder / NAME
    return path if path.is_file() and not path.is_symlink() else None


def read_zensical(books: BookFolder, path: Path, limit: int) -> dict[str, Any]:
    """The `[project]` table as mkdocs.yml's settings; an ImportProblem naming the file if it is broken."""
    try:
        data = tomllib.loads(books.config_text(path, limit=limit))
    except tomllib.TOMLDecodeError as problem:
        raise ImportProblem(
            str(path), f"{NAME} is not valid TOML ({problem}). Fix it, or remove it."
        ) from None
    project = data.get("project")
    if not isinstance(project, dict):
        raise ImportProblem(
            str(path), f'{NAME} has no [project] table, like `[project]` then `site_name = "Docs"`.'
        )
    extensions = project.get("markdown_extensions")
    if isinstance(extensions, dict):
        project = {**project, "markdown_extensions": _joined(extensions)}
    return project


def _joined(extensions: dict[str, Any]) -> dict[str, Any]:
    joined: dict[str, Any] = {}
    for name, options in extensions.items():
        parts = _NAMESPACES.get(name, 0)
        found = [(name, options)]
        for _ in range(parts):
            found = [
                (f"{prefix}.{key}", value)
                for prefix, table in found
                if isinstance(table, dict)
                for key, value in table.items()
            ]
        joined.update(found)
    return joined
