"""The names a vault's wiki links use: every note and attachment of a book, found by its name alone.

Obsidian (and Foam, Dendron, Quartz, GitHub wikis) link `[[Note]]` by a file's name, wherever in
the vault it lives: a note without its `.md`, anything else with its suffix (`diagram.png`),
case aside. A name written with folders (`[[guides/Setup]]`) matches files whose path ends so.
When several files share a name the nearest to the linking file wins: one in its own folder, else
the one with the shortest path. A note's front matter `aliases:` (Obsidian's other names for it)
name it too, when no file has that name. Only files inside the book are named: hidden folders
(Obsidian's `.obsidian/` settings and `.trash/`), symlinked folders and symlinks leading out are
never listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import front_matter_data
from app.ingest.placement import MARKDOWN_SUFFIXES

_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
# More files than any vault a person writes; a bound on walking a folder given by mistake.
_MAX_FILES = 50_000


@dataclass(frozen=True, slots=True)
class _Entry:
    parts: tuple[str, ...]  # the path as written in the vault, casefolded, the note's suffix taken off
    path: PurePosixPath  # the file inside the book, as the book's other files name it


class VaultNames:
    """Every file of one book by the names wiki links may give it."""

    def __init__(
        self,
        files: Iterable[tuple[PurePosixPath, PurePosixPath]],
        pages: Mapping[str, PurePosixPath] | None = None,
        aliases: Mapping[str, PurePosixPath] | None = None,
    ) -> None:
        """`files`: (where the vault lists the file, the file inside the book) pairs; the two differ
        only for a symlink to another file of the book. `pages`: names (case folded) a tool gives
        notes besides their files' (a Logseq page's title, aliases and `a/b` namespace), asked first."""
        self._pages = dict(pages or {})
        self._aliases = dict(aliases or {})  # case folded, asked last
        self._notes: dict[str, list[_Entry]] = {}
        self._others: dict[str, list[_Entry]] = {}
        for listed, path in files:
            note = listed.suffix.lower() in MARKDOWN_SUFFIXES
            parts = tuple(part.casefold() for part in (listed.with_suffix("") if note else listed).parts)
            if parts:
                table = self._notes if note else self._others
                table.setdefault(parts[-1], []).append(_Entry(parts, path))

    @classmethod
    def of_folder(
        cls,
        books: BookFolder,
        folder: Path,
        *,
        recursive: bool = True,
        pages: Mapping[str, PurePosixPath] | None = None,
        aliases: bool = False,
    ) -> VaultNames:
        """The files of `folder` (inside `books`), and of its sub-folders when `recursive`; `pages`
        as for VaultNames(); `aliases`: the notes' front matter `aliases:` name them too (a vault's)."""
        listed = _listed(books, folder, recursive)
        # Which names lead where decides how links show, so a file added or removed changes the book.
        books.note("wiki names\0" + "\0".join(f"{where}\1{path}" for where, path in listed))
        return cls(listed, pages, _aliases(books, [path for _, path in listed]) if aliases else None)

    def note(self, name: str, near: PurePosixPath) -> PurePosixPath | None:
        """The note a wiki link names (`Note`, `Note.md`, `folder/Note`), nearest to file `near`."""
        if (page := self._pages.get(name.strip().casefold())) is not None:
            return page
        wanted = _parts(name)
        if wanted and PurePosixPath(wanted[-1]).suffix in MARKDOWN_SUFFIXES:
            wanted = (*wanted[:-1], PurePosixPath(wanted[-1]).stem)
        found = _nearest(self._notes, wanted, near)
        if found is None and wanted and " " in wanted[-1]:
            # GitHub wikis (and gollum) name a page's file with hyphens for its spaces:
            # `[[Getting Started]]` is Getting-Started.md.
            found = _nearest(self._notes, (*wanted[:-1], wanted[-1].replace(" ", "-")), near)
        return found if found is not None else self._aliases.get(name.strip().casefold())

    def file(self, name: str, near: PurePosixPath) -> PurePosixPath | None:
        """The attachment a wiki link names with its suffix (`diagram.png`), nearest to file `near`."""
        return _nearest(self._others, _parts(name), near)

    def __len__(self) -> int:
        return sum(len(entries) for entries in (*self._notes.values(), *self._others.values()))


def _parts(name: str) -> tuple[str, ...]:
    return tuple(part.casefold() for part in name.strip().split("/") if part and part != ".")


def _nearest(
    table: dict[str, list[_Entry]], wanted: tuple[str, ...], near: PurePosixPath
) -> PurePosixPath | None:
    if not wanted:
        return None
    found = [entry for entry in table.get(wanted[-1], ()) if entry.parts[-len(wanted) :] == wanted]
    if not found:
        return None
    here = near.parent
    best = min(found, key=lambda entry: (entry.path.parent != here, len(entry.parts), entry.parts))
    return best.path


def _aliases(books: BookFolder, files: list[PurePosixPath]) -> dict[str, PurePosixPath]:
    """Each note's front matter `aliases:` (a list, or a comma-separated string; `alias:` too), case
    folded, to the note; the first note to claim a name keeps it."""
    found: dict[str, PurePosixPath] = {}
    for path in files:
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        try:
            text = books.read_text(books.root / path)
            data = front_matter_data(str(path), text) if text.startswith(("---", "+++")) else {}
        except (Unreadable, ImportProblem):
            continue  # the page's own reading says what is wrong with it (or stops a book too big)
        names = data.get("aliases", data.get("alias"))
        for name in names.split(",") if isinstance(names, str) else names if isinstance(names, list) else ():
            if isinstance(name, str) and name.strip():
                found.setdefault(name.strip().casefold(), path)
    return found


def _listed(books: BookFolder, folder: Path, recursive: bool) -> list[tuple[PurePosixPath, PurePosixPath]]:
    """(path in the vault, path in the book) of each file under `folder` that is inside the book."""
    found: list[tuple[PurePosixPath, PurePosixPath]] = []
    for where, folders, names in os.walk(folder):  # os.walk never follows a symlinked folder
        folders[:] = (
            sorted(name for name in folders if not name.startswith(".") and name not in _SKIPPED_FOLDERS)
            if recursive
            else []
        )
        base = Path(where)
        for name in sorted(names):
            path = base / name
            if name.startswith(".") or len(found) >= _MAX_FILES:
                continue
            listed = PurePosixPath(path.relative_to(folder).as_posix())
            if not path.is_symlink():
                found.append((listed, PurePosixPath(books.name(path))))
                continue
            try:
                real = books.locate(path)  # a symlink is named only when it stays inside the book
            except Unreadable:
                continue
            found.append((listed, PurePosixPath(books.name(real))))
    return found
