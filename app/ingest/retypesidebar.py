"""A Retype site's pages in the order its sidebar shows them (see retype.py for the site itself).

- In each folder, pages and sub-folders go by `order:` (higher first, 0 when unset, negative
  last), then alphabetically by the sidebar's title: a page's `label:`, else its `title:`, else
  its first heading; a folder's `label:` from its `index.yml` or its page's front matter, else
  its name.
- A folder's `README.md`, `index.md` or `default.md` is that folder's page, and a chapter however
  short, as the site shows it; the site's own is its home page and comes first. A top-level folder is a part, a deeper one its page (or, without
  one, a heading) over its pages a level down.
- `_`-prefixed files and folders (`_includes/`, `_components/`) are no pages.
- A page or folder with `visibility: hidden` is not in the sidebar, and a page whose front matter
  says `redirect:` only sends its reader elsewhere: neither is a chapter, and one warning counts
  them (a reader can still follow a link to a hidden page on the site, but not find it).
- A GitBook SUMMARY.md in the content folder orders the book, as an mdBook's does.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.folders import first_heading, is_chore
from app.ingest.frontmatter import front_matter_data, without_front_matter
from app.ingest.mdbook import read_mdbook, summary_of
from app.ingest.placement import MARKDOWN_SUFFIXES, Layout, Placed, natural_key, prettify
from app.ingest.retype import content_folder, load, metadata, read_config, skipped
from app.text import plural

_PAGE_NAMES = ("readme", "index", "default")  # a folder's own page, in the order Retype looks for it
_FOLDER_FILES = ("index.yml", "index.yaml", "index.json")
_SKIPPED = frozenset({"node_modules"})
_MAX_DEPTH = 12  # deeper than any real sidebar; a bound on walking a hostile folder tree


def read_retype(books: BookFolder, config_path: Path, warnings: list[str]) -> Layout:
    """The site's pages in sidebar order, named by its config."""
    config = read_config(books, config_path)
    content = content_folder(books, config_path, config)
    named = metadata(books, config, content)
    summary = summary_of(content)
    if summary is not None:  # a GitBook grown into a Retype site keeps its table of contents
        layout = read_mdbook(books, summary, warnings)
        return replace(layout, metadata={**layout.metadata, **named}, dialect="retype")
    walk = _Walk(books, content, skipped(config_path.parent, content, config), warnings)
    placed = walk.folder(content, part=None, depth=0, top=True)
    if walk.hidden:
        warnings.append(
            f"{content}: {plural(walk.hidden, 'page')} ({', '.join(walk.hidden_names[:3])}"
            f"{' and more' if walk.hidden > 3 else ''}) {'is' if walk.hidden == 1 else 'are'} hidden from the "
            "site's navigation (`visibility: hidden`) or only redirect elsewhere (`redirect:`), so "
            f"{'it was' if walk.hidden == 1 else 'they were'} left out, as the site's sidebar leaves them out."
        )
    return Layout(placed, named, site_root=content, dialect="retype")


@dataclass
class _Entry:
    """A page or sub-folder of one folder, with what orders it in the sidebar."""

    path: Path
    order: float
    title: str
    label: str | None  # the sidebar's title for it, when its front matter or index.yml gives one


class _Walk:
    def __init__(self, books: BookFolder, content: Path, skipped: list[str], warnings: list[str]) -> None:
        self.books, self.content, self.skipped, self.warnings = books, content, skipped, warnings
        self.hidden = 0
        self.hidden_names: list[str] = []

    def folder(self, folder: Path, *, part: str | None, depth: int, top: bool = False) -> list[Placed]:
        """The folder's page first, then its pages and sub-folders in sidebar order."""
        if depth > _MAX_DEPTH:
            return []
        own = _own_page(folder)
        top_level = folder == self.content
        pages: list[Path] = []
        folders: list[Path] = []
        for path in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
            if path.name.startswith((".", "_")) or path.is_symlink() or path == own or self._excluded(path):
                continue
            if path.is_dir() and path.name not in _SKIPPED:
                folders.append(path)
            # A repository's licence or contribution rules beside a site kept at its top are not pages of it.
            elif (
                path.suffix.lower() in MARKDOWN_SUFFIXES
                and path.is_file()
                and not (top_level and is_chore(path))
            ):
                pages.append(path)
        entries = [e for e in (self._page(p) for p in pages) if e is not None]
        entries += [e for e in (self._folder(f) for f in folders) if e is not None]
        entries.sort(key=lambda e: (-e.order, e.title.casefold()))
        placed: list[Placed] = []
        if top and own is not None and self._page(own) is not None:
            placed.append(Placed(own, _text(self._front(own).get("label")), depth, part=part))
        for entry in entries:
            if entry.path.is_dir():
                placed += self._sub_folder(entry, part=part, depth=depth)
            else:
                placed.append(Placed(entry.path, entry.label, depth, part=part))
        return placed

    def _sub_folder(self, entry: _Entry, *, part: str | None, depth: int) -> list[Placed]:
        """A top-level folder is a part; a deeper one its page (or a heading), its pages a level down."""
        own = _own_page(entry.path)
        if part is None and depth == 0:
            return self.folder(entry.path, part=entry.title, depth=0, top=True)
        inside = self.folder(entry.path, part=part, depth=depth + 1)
        if own is not None:
            head = Placed(own, entry.label, depth, part=part)
        elif inside:
            head = Placed(entry.path, entry.title, depth, part=part, role="heading")
        else:
            return []
        return [head, *inside]

    def _page(self, path: Path) -> _Entry | None:
        front = self._front(path)
        if str(front.get("visibility", "")).strip().lower() == "hidden" or front.get("redirect"):
            self._hide(path)
            return None
        label = _text(front.get("label"))
        title = label or _text(front.get("title")) or self._heading(path) or prettify(path.stem)
        return _Entry(path, _order(front.get("order")), title, label)

    def _folder(self, folder: Path) -> _Entry | None:
        if not _holds_pages(folder):
            return None
        own = _own_page(folder)
        settings = {**(self._front(own) if own is not None else {}), **self._settings(folder)}
        if str(settings.get("visibility", "")).strip().lower() == "hidden":
            self._hide(folder)
            return None
        label = _text(settings.get("label")) or _text(settings.get("title"))
        return _Entry(folder, _order(settings.get("order")), label or prettify(folder.name), label)

    def _hide(self, path: Path) -> None:
        self.hidden += sum(1 for _ in _pages_in(path)) if path.is_dir() else 1
        self.hidden_names.append(str(path.relative_to(self.content)) + ("/" if path.is_dir() else ""))

    def _excluded(self, path: Path) -> bool:
        relative = path.relative_to(self.content).as_posix()
        return any(fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(path.name, pattern)
                   for pattern in self.skipped)  # fmt: skip

    def _front(self, path: Path) -> dict[str, Any]:
        try:
            text = self.books.read_text(path)
            return front_matter_data(str(path), text) if text.startswith("---") else {}
        except (Unreadable, ImportProblem):
            return {}  # reading it as a chapter says what is wrong with it

    def _heading(self, path: Path) -> str | None:
        try:
            return first_heading(without_front_matter(self.books.read_text(path)))
        except Unreadable:
            return None

    def _settings(self, folder: Path) -> dict[str, Any]:
        """The folder's index.yml: its order, label and visibility in the sidebar."""
        for name in _FOLDER_FILES:
            path = folder / name
            if path.is_file():
                try:
                    data = load(self.books, path)
                except ImportProblem as problem:
                    self.warnings.append(f"{problem} The folder keeps its usual place.")
                    return {}
                return {str(key).lower(): value for key, value in data.items()}
        return {}


def _own_page(folder: Path) -> Path | None:
    names = {
        entry.stem.lower(): entry for entry in folder.iterdir() if entry.suffix.lower() in MARKDOWN_SUFFIXES
    }
    return next((names[name] for name in _PAGE_NAMES if name in names and names[name].is_file()), None)


def _pages_in(folder: Path, depth: int = 0) -> list[Path]:
    found: list[Path] = []
    for entry in folder.iterdir():
        if entry.name.startswith((".", "_")) or entry.is_symlink():
            continue
        if entry.is_dir() and depth < _MAX_DEPTH:
            found += _pages_in(entry, depth + 1)
        elif entry.suffix.lower() in MARKDOWN_SUFFIXES:
            found.append(entry)
    return found


def _holds_pages(folder: Path) -> bool:
    return bool(_pages_in(folder))


def _order(value: Any) -> float:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else 0.0
    except (TypeError, ValueError):
        return 0.0


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
