"""A docsify site's pages in order: `_sidebar.md` gives it, as SUMMARY.md does for an mdBook.

The sidebar is a Markdown list of links. Nested lists nest; an item with no link (`- Guide`) is a
part heading for the items under it. Links are read from the site's folder, as docsify reads them:
`guide` and `guide.md` are the same page, and `/` or `guide/` is a folder's README.md. The home
page, README.md, comes first when the sidebar does not list it. A link to a web address is the
site pointing elsewhere, and is passed over; one to a missing file, or outside the folder, is left
out with a warning naming its line, as mdBook still builds such a book. Without a sidebar, the
folder is read in natural order. Either way `_sidebar.md`, `_navbar.md`, `_coverpage.md` and any
other `_*.md` file are the site's chrome, never chapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.ingest.docsify import SIDEBAR, site_title
from app.ingest.files import BookFolder, Unreadable
from app.ingest.folders import folder_files
from app.ingest.guard import tame
from app.ingest.placement import BOOK_ROOT, Layout, Placed, join
from app.ingest.summary import links_in
from app.ingest.text import inline_text
from app.text import plural

_PARSER = MarkdownIt("commonmark", {"html": True})
_HOME = "README.md"


@dataclass
class _Item:
    """A list item of the sidebar being read: its level, and what its own line turned out to be."""

    level: int
    read: bool = False
    linked: bool = False
    part: str | None = None  # the part it names, for an item with no link and no linked item above


def read_docsify(books: BookFolder, folder: Path, warnings: list[str]) -> Layout:
    title = site_title(books, folder)
    metadata = {"title": title} if title else {}
    pages = [page for page in folder_files(books, folder, warnings) if not page.path.name.startswith("_")]
    sidebar = folder / SIDEBAR
    if sidebar.is_file():
        listed = _listed(books, sidebar, warnings)
        if listed:
            # docsify's navigation shows only what the sidebar lists; the other pages are reached, if at
            # all, by links from those. Read as chapters, they would come in no order the author chose,
            # so they are left out, and one warning names them for an owner who forgot to list one.
            names = {page.path for page in listed}
            unlisted = [
                books.name(page.path) for page in pages if page.path not in names and page.role == "chapter"
            ]
            if unlisted:
                shown = ", ".join(unlisted[:5]) + (" …" if len(unlisted) > 5 else "")
                them = "it" if len(unlisted) == 1 else "them"
                warnings.append(
                    f"{sidebar}: does not list {plural(len(unlisted), 'page')} ({shown}), which the site's "
                    f"navigation leaves out, and so does the book. List {them} in _sidebar.md to read {them} here."
                )
            home = folder / _HOME
            if home.is_file() and home not in names:
                listed.insert(0, Placed(home, role="intro"))
            return Layout(listed, metadata, site_root=folder, dialect="docsify")
    return Layout(pages, metadata, site_root=folder, dialect="docsify")


def _listed(books: BookFolder, sidebar: Path, warnings: list[str]) -> list[Placed]:
    """The pages the sidebar links to, in its order, each once; what it cannot link to, warned of."""
    try:
        text = books.read_text(sidebar)
    except Unreadable as problem:
        warnings.append(f"{sidebar}: {problem}, so the folder is read in its own order.")
        return []
    placed: list[Placed] = []
    seen: set[Path] = set()
    for title, target, line, depth, part in _entries(text):
        page = _page(target)
        if page is None:
            continue
        written, path = page
        if path is None:
            warnings.append(
                f"{sidebar}:{line}: links to '{written}', outside the site's folder, so it was left out. "
                "Link only to pages inside it."
            )
            continue
        chapter = sidebar.parent / path
        try:
            books.locate(chapter)
        except Unreadable as problem:
            warnings.append(
                f"{sidebar}:{line}: links to '{written}', which {problem}, or remove the line. "
                "The page was left out."
            )
            continue
        if chapter not in seen:
            seen.add(chapter)
            placed.append(Placed(chapter, title or None, depth, None, part))
    return placed


def _entries(text: str) -> list[tuple[str, str, int, int, str | None]]:
    """Each link of the sidebar: its title, target, 1-based line, depth and part.

    A list item's depth counts the linked items above it; an item with no link above any linked one
    names a part, and a heading outside the lists names the part of the items after it.
    """
    tokens = _PARSER.parse(tame(text)[0])
    found: list[tuple[str, str, int, int, str | None]] = []
    items: list[_Item] = []
    heading_part: str | None = None
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            items.append(_Item(token.level))
        elif token.type == "list_item_close":
            items.pop()
        elif token.type == "heading_open" and not items:
            heading_part = inline_text(tokens[index + 1]).strip() or None
        elif token.type == "inline" and items and not items[-1].read and token.level == items[-1].level + 2:
            item = items[-1]
            item.read = True
            line = (token.map or [0])[0] + 1
            link = _first_link(token)
            above = items[:-1]
            if link is None:
                if not any(i.linked for i in above) and not any(i.part for i in above):
                    item.part = inline_text(token).strip() or None
                continue
            item.linked = True
            part = next((i.part for i in above if i.part), heading_part)
            found.append((link[0], link[1], line, sum(i.linked for i in above), part))
    return found


def _first_link(token: Token) -> tuple[str, str] | None:
    """The first link of an item's line: its words and its target."""
    found = links_in(token)
    return (found[0][0], found[0][1] or "") if found else None


def _page(target: str) -> tuple[str, PurePosixPath | None] | None:
    """The page a sidebar link names, as written and as a path in the site (None when outside it);
    None for a link that names no page of the site (a web address, an anchor on the same page)."""
    if "://" in target or target.startswith(("//", "mailto:", "#")):
        return None
    written = unquote(target.split("#", 1)[0].split("?", 1)[0]).strip()
    if not written:
        return None
    path = written
    if path.endswith("/"):
        path += _HOME
    elif not PurePosixPath(path).suffix:
        path += ".md"
    return written, join(BOOK_ROOT, path.lstrip("/")) if not path.startswith("//") else None
