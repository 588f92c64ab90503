"""mkdocs-literate-nav: a site's nav written as a Markdown list in its docs folder, read as that plugin reads it.

An mkdocs site that lists the `literate-nav` plugin keeps its navigation in a Markdown file at the
top of its docs folder (`SUMMARY.md` unless the plugin's `nav_file` says otherwise) instead of
mkdocs.yml's `nav`, which the plugin then ignores:

    * [Frob](index.md)              a page, with its title
    * [Borgs](borgs/index.md)       a page that opens a section: its sub-items follow it there
        * [Bar](borgs/bar.md)
    * Tools                         a section with no page of its own
        * [Spanner](tools/spanner.md)
    * [Guides](guides/)             a folder: its own nav file, else its pages in the usual order
    * [Home](https://example.com)   a link elsewhere: the site's chrome, skipped

The list is turned into the shape mkdocs.yml's `nav` has and read by mkdocs.nav_files, so the same
rules (parts, depth, missing pages warned about) apply to both. Nav files nested through folder
links are followed a few levels deep, and never outside the docs folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder, Unreadable
from app.ingest.mkdocs import options_of
from app.ingest.placement import natural_key

_PLUGIN_NAMES = ("literate-nav", "mkdocs-literate-nav")
_ITEM = re.compile(r"([ \t]*)[-*+][ \t]+(.*)")
_LINK = re.compile(r"\[([^\]]*)\]\(<?([^)\s>]*)>?(?:[ \t]+\"[^\"]*\")?\)")
_MAX_NESTING = 4  # nav files reached through folder links
_MAX_DEPTH = 20  # levels of one list
_LIMIT = 256 * 1024
_PAGES = (".md", ".markdown")


def nav_file_of(config: dict[str, Any], docs: Path) -> Path | None:
    """The site's literate nav file, when it lists the plugin and the file is there."""
    options = options_of(config, "plugins", _PLUGIN_NAMES)
    if options is None:
        return None
    name = options.get("nav_file", "SUMMARY.md")
    path = docs / str(name)
    return path if "/" not in str(name) and path.is_file() and not path.is_symlink() else None


def literate_nav(books: BookFolder, path: Path, docs: Path, warn: list[str]) -> list[Any]:
    """The nav file's list, in the shape of mkdocs.yml's `nav` (paths relative to `docs`)."""
    return _read(books, path, docs, warn, depth=0)


def _read(books: BookFolder, path: Path, docs: Path, warn: list[str], *, depth: int) -> list[Any]:
    try:
        text = books.read_text(path, limit=_LIMIT)
    except Unreadable as problem:
        warn.append(f"{path}: {problem}, so its nav was left out.")
        return []
    folder = path.parent.relative_to(docs).as_posix() if path.parent != docs else ""
    root = _Node("", None)
    # The items still open, deepest last, each with the indentation of its marker.
    stack: list[tuple[int, _Node]] = [(-1, root)]
    for line in text.split("\n"):
        found = _ITEM.fullmatch(line.rstrip())
        if found is None:
            continue
        indent = len(found.group(1).expandtabs(4))
        while len(stack) > 1 and indent <= stack[-1][0]:
            stack.pop()
        title, target = _entry(found.group(2))
        node = _Node(title, _join(folder, target) if target is not None else None)
        stack[-1][1].children.append(node)
        if len(stack) < _MAX_DEPTH:  # deeper items stay beside the deepest: a bound on a hostile list
            stack.append((indent, node))
    return [item for child in root.children if (item := _nav(child, books, docs, warn, depth)) is not None]


class _Node:
    """One item of the list: its title, what it links to, and the items nested under it."""

    def __init__(self, title: str, target: str | None) -> None:
        self.title = title
        self.target = target
        self.children: list[_Node] = []


def _nav(node: _Node, books: BookFolder, docs: Path, warn: list[str], depth: int) -> Any:
    """The item as mkdocs.yml's `nav` writes it: `page`, `{title: page}` or `{title: [items]}`."""
    items: list[Any] = []
    if node.target is not None and node.target.endswith("/"):
        items = _folder(books, docs, node.target, warn, depth=depth)
    elif node.target is not None:
        page = {node.title: node.target} if node.title else node.target
        if not node.children:
            return page
        items = [page]  # a section's own page comes first in it
    items += [item for child in node.children if (item := _nav(child, books, docs, warn, depth)) is not None]
    return {node.title or (node.target or "").strip("/"): items} if items else None


def _entry(text: str) -> tuple[str, str | None]:
    """An item's title and link target (None for a section title with no page)."""
    found = _LINK.match(text.strip())
    if found is None:
        return text.strip(), None
    target = found.group(2)
    if "://" in target or target.startswith(("mailto:", "#")) or not target:
        return found.group(1).strip(), None
    return found.group(1).strip(), target.split("#", 1)[0]


def _folder(books: BookFolder, docs: Path, folder: str, warn: list[str], *, depth: int) -> list[Any]:
    """A folder's nav: its own nav file (followed a few levels deep), else its pages in order."""
    path = docs / folder
    if depth >= _MAX_NESTING or not path.is_dir() or path.is_symlink():
        return []
    if not path.resolve().is_relative_to(docs.resolve()):
        warn.append(f"{docs}: the nav links the folder '{folder}', outside the docs folder; it was left out.")
        return []  # not even its file names are looked at
    nested = path / "SUMMARY.md"
    if nested.is_file() and not nested.is_symlink():
        return _read(books, nested, docs, warn, depth=depth + 1)
    pages = sorted(
        (entry for entry in path.iterdir() if entry.suffix.lower() in _PAGES and entry.is_file()),
        key=lambda entry: natural_key(entry.name),
    )
    return [f"{folder}{entry.name}" for entry in pages]


def _join(folder: str, target: str) -> str:
    target = target.removeprefix("./")
    return f"{folder}/{target}" if folder else target
