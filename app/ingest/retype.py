"""Retype sites: which folder is one, and what its `retype.yml` says (content folder, title, exclusions).

A folder is a Retype site when it holds a `retype.yml` (or `retype.yaml`, `retype.json`), or when
it is the `input:` folder the `retype.yml` beside it names (`input: ./docs`): importing the
repository or its docs folder gives the same book. The book is the `input:` folder (the config's
own folder by default); `output:`, the generated site, is never read, nor anything `exclude:`
names. `branding.title` names the book (or, for a site grown from a GitBook, book.json's
`title`). How the pages are ordered is retypesidebar.py's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from app.errors import ImportProblem
from app.ingest.files import BookFolder

CONFIG_NAMES = ("retype.yml", "retype.yaml", "retype.json")
_CONFIG_BYTES = 256 * 1024


def retype_of(folder: Path) -> Path | None:
    """The config that makes `folder` a Retype site: its own, or its parent's naming it as `input:`."""
    own = _config_path(folder)
    if own is not None:
        return own
    above = _config_path(folder.parent)
    if above is None or folder.parent == folder:
        return None
    try:
        written = input_of(read_config(None, above))
    except ImportProblem:
        return None
    return above if (above.parent / written).resolve() == folder.resolve() else None


def content_folder(books: BookFolder, config_path: Path, config: dict[str, Any]) -> Path:
    """The `input:` folder, as a path inside the imported folder; an error if it lies outside."""
    content = (config_path.parent / input_of(config)).resolve()
    root = books.root.resolve()
    if content != root and root not in content.parents:
        raise ImportProblem(
            str(config_path),
            f"its `input: {input_of(config)}` is outside the folder being imported; import that folder instead.",
        )
    if not content.is_dir():
        raise ImportProblem(
            str(config_path),
            f"its `input: {input_of(config)}` is not a folder; name the folder holding the pages.",
        )
    return books.root / content.relative_to(root)


def _config_path(folder: Path) -> Path | None:
    return next(
        (
            folder / name
            for name in CONFIG_NAMES
            if (folder / name).is_file() and not (folder / name).is_symlink()
        ),
        None,
    )


def input_of(config: dict[str, Any]) -> str:
    written = config.get("input")
    return written.strip() if isinstance(written, str) and written.strip() else "."


def skipped(site: Path, content: Path, config: dict[str, Any]) -> list[str]:
    """`exclude:` patterns, relative to the content folder, and the `output:` folder if it lies inside."""
    patterns = [str(entry).strip().strip("/") for entry in config.get("exclude") or () if str(entry).strip()]
    output = config.get("output")
    if isinstance(output, str) and output.strip():
        target = (site / output.strip()).resolve()
        if content.resolve() in target.parents:
            patterns.append(target.relative_to(content.resolve()).as_posix())
    return [pattern for pattern in patterns if pattern]


def metadata(books: BookFolder, config: dict[str, Any], content: Path) -> dict[str, str]:
    branding = config.get("branding")
    title = branding.get("title") if isinstance(branding, dict) else None
    if not (isinstance(title, str) and title.strip()) and (content / "book.json").is_file():
        try:
            title = load(books, content / "book.json").get("title")
        except ImportProblem:
            title = None
    return {"title": title.strip()} if isinstance(title, str) and title.strip() else {}


def read_config(books: BookFolder | None, path: Path) -> dict[str, Any]:
    """The config's settings. Without `books` (only asking whether a folder is a site), or when the
    book is the `input:` folder below the config, a bounded read of this one file outside the book."""
    if books is None or books.root not in path.resolve().parents:
        try:
            data = _parse(path, path.read_bytes()[:_CONFIG_BYTES].decode("utf-8", "replace"))
        except OSError:
            return {}
        if books is None:
            return data
    else:
        data = load(books, path)
    books.note(f"{path.name}: {json.dumps(data, sort_keys=True, default=str)}")  # a new title re-imports
    return data


def load(books: BookFolder, path: Path) -> dict[str, Any]:
    text = books.config_text(path, limit=_CONFIG_BYTES)
    return _parse(path, text)


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise ImportProblem(
            str(path), f"{path.name} cannot be read ({error}). Fix it, or remove it."
        ) from None
    return data if isinstance(data, dict) else {}
