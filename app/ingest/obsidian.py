"""Obsidian vaults: what makes a folder one, and the order its notes are read in.

A folder holding Obsidian's settings folder, `.obsidian/`, is a vault; so is one published with
Obsidian Publish, whose `site-options.json` names the site (`siteName`), its home note
(`indexFile`) and its navigation's order (`navigationOrdering`: folders and `folder/Note.md`
paths). A vault is one book. Each note is a chapter titled by its name, as Obsidian titles it;
each top-level folder is a part, and a folder within one is an entry listing its notes, a level
down. The order is the file explorer's (folders, then notes, in natural name order) unless the
navigation gives another; what it does not name follows in the explorer's order. The home note
comes first: `indexFile`, else `Home`, `index` or `README`, which also names the book when
`siteName` does not. Wiki links are wikilinks.py's, in any folder book.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import (
    MARKDOWN_SUFFIXES,
    MAX_NOTE_DEPTH,
    Layout,
    Placed,
    holds_pages,
    is_page,
    natural_key,
)

SETTINGS = ".obsidian"
PUBLISH = "site-options.json"
_PUBLISH_KEYS = ("siteName", "indexFile", "navigationOrdering")
_PUBLISH_BYTES = 256 * 1024
_HOME_NAMES = ("home", "index", "readme")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def obsidian_of(folder: Path) -> Path | None:
    """The folder itself if it is an Obsidian vault (it has `.obsidian/`, or Publish's
    `site-options.json`), else None."""
    settings = folder / SETTINGS
    if settings.is_dir() and not settings.is_symlink():
        return folder
    options = folder / PUBLISH
    if options.is_file() and not options.is_symlink():
        with options.open(encoding="utf-8", errors="replace") as file:
            # A bounded read: this only asks whether the folder is a vault, of folders not yet read.
            if _publish_options(file.read(_PUBLISH_BYTES)) is not None:
                return folder
    return None


def in_vault(path: Path) -> bool:
    """Whether a folder (or a file's folder) is in an Obsidian vault: it, or a folder above it, has
    `.obsidian/`, or it is a published one."""
    folder = path if path.is_dir() else path.parent
    return obsidian_of(folder) is not None or any(
        (above / SETTINGS).is_dir() for above in folder.resolve().parents
    )


def read_obsidian(books: BookFolder, vault: Path, warnings: list[str]) -> Layout:
    options: dict[str, Any] = {}
    if (vault / PUBLISH).is_file():
        try:
            options = _publish_options(books.read_text(vault / PUBLISH, limit=_PUBLISH_BYTES)) or {}
        except Unreadable as problem:
            warnings.append(
                f"{vault / PUBLISH}: {problem}, so the vault is read in its file explorer's order."
            )
    named = options.get("navigationOrdering")
    ordering = [entry for entry in named if isinstance(entry, str)] if isinstance(named, list) else []
    home = _home(vault, options.get("indexFile"))
    walk = _Walk(vault, {entry.strip("/"): position for position, entry in enumerate(ordering)}, home)
    placed = ([Placed(home, depth=0, role="intro")] if home is not None else []) + list(walk.notes(vault))
    missing = [
        entry
        for entry in ordering
        if entry.strip("/") not in walk.seen and not _listed_elsewhere(vault, entry)
    ]
    if missing:
        shown = ", ".join(f"'{entry}'" for entry in missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        warnings.append(
            f"{vault / PUBLISH}: its navigationOrdering names {shown}, which the vault does not have; "
            "the rest is read in that order."
        )
    site = options.get("siteName")
    metadata = {"title": site.strip()} if isinstance(site, str) and site.strip() else {}
    return Layout(placed, metadata, site_root=vault)


def _publish_options(text: str) -> dict[str, Any] | None:
    """Publish's settings, when the text is a JSON object with its keys; else None (another tool's file)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not any(key in data for key in _PUBLISH_KEYS):
        return None
    return data


def _home(vault: Path, index_file: object) -> Path | None:
    """The note the vault opens on: `indexFile` (a name, `.md` or not), else Home, index or README."""
    if isinstance(index_file, str) and index_file.strip() and ".." not in index_file:
        name = index_file.strip().lstrip("/")
        for candidate in (vault / name, vault / f"{name}.md"):
            if candidate.is_file() and candidate.suffix.lower() in MARKDOWN_SUFFIXES:
                return candidate
    notes = sorted((p for p in vault.iterdir() if is_page(p)), key=lambda p: natural_key(p.name))
    return next((p for name in _HOME_NAMES for p in notes if p.stem.lower() == name), None)


def _listed_elsewhere(vault: Path, entry: str) -> bool:
    """Whether a navigation entry names a file the vault has that is no note (a picture, the site's CSS)."""
    return ".." not in entry and not entry.startswith("/") and (vault / entry).exists()


class _Walk:
    """The vault's notes in reading order, each folder's by the navigation's positions, then the explorer's."""

    def __init__(self, vault: Path, positions: dict[str, int], home: Path | None) -> None:
        self.vault, self.positions, self.home = vault, positions, home
        self.seen: set[str] = set()  # the navigation's names for what was placed

    def notes(
        self, folder: Path, part: str | None = None, depth: int = 0, level: int = 0
    ) -> Iterator[Placed]:
        for item in self._ordered(folder):
            if item.is_dir() and level < MAX_NOTE_DEPTH:
                if part is None:
                    yield from self.notes(item, item.name, 0, level + 1)
                else:  # a folder within a part: its name over its notes, as the explorer nests them
                    yield Placed(item, item.name, depth=depth, part=part, role="heading")
                    yield from self.notes(item, part, depth + 1, level + 1)
            elif item != self.home:
                yield Placed(item, item.stem, depth=depth, part=part)

    def _ordered(self, folder: Path) -> list[Path]:
        entries = sorted(folder.iterdir(), key=lambda p: natural_key(p.name))
        folders = [
            p
            for p in entries
            if p.is_dir()
            and not p.is_symlink()
            and not p.name.startswith(".")
            and p.name not in _SKIPPED_FOLDERS
            and holds_pages(p)
        ]
        explorer = folders + [p for p in entries if is_page(p)]
        keys = {item: item.relative_to(self.vault).as_posix() for item in explorer}
        self.seen.update(keys.values())
        return sorted(explorer, key=lambda item: self.positions.get(keys[item], len(self.positions)))
