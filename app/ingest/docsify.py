"""docsify sites: what makes a folder one, and what the site calls itself.

A docsify site is a docs folder that docsify renders in the browser: `index.html` sets
`window.$docsify = { name: '…', … }`, `README.md` is the home page, `_sidebar.md` lists the pages
(see sidebar.py), and other `_*.md` files (`_navbar.md`, `_coverpage.md`) are the site's chrome.
Its title is `name:` in that script, read with scripts.py's scanner (nothing is ever executed), else
the cover page's first heading.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.ingest.docsifymarks import without_marks
from app.ingest.files import BookFolder, Unreadable, decode
from app.ingest.rawhtml import html_text
from app.ingest.scripts import string_settings
from app.ingest.text import inline_text

SIDEBAR = "_sidebar.md"
COVER = "_coverpage.md"
_INDEX = "index.html"
_INDEX_BYTES = 1024 * 1024
_SETTINGS = re.compile(r"window\s*\.\s*\$docsify\s*=")
_HEADINGS = MarkdownIt("commonmark", {"html": True})


def docsify_of(folder: Path) -> Path | None:
    """The folder itself if it is a docsify site (it has `_sidebar.md`, or an index.html setting
    `window.$docsify`), else None."""
    sidebar = folder / SIDEBAR
    if sidebar.is_file() and not sidebar.is_symlink():
        return folder
    index = folder / _INDEX
    if index.is_file() and not index.is_symlink():
        with index.open(encoding="utf-8", errors="replace") as file:
            # A bounded read: this only asks whether the folder is a site, of folders not yet read.
            text = file.read(_INDEX_BYTES)
        if "$docsify" in text and _SETTINGS.search(text):
            return folder
    return None


def site_title(books: BookFolder, folder: Path) -> str | None:
    """`name:` in index.html's `window.$docsify` settings, else the cover page's first heading."""
    index = folder / _INDEX
    if index.is_file():
        try:
            named = settings_name(decode(str(index), books.read_bytes(index, limit=_INDEX_BYTES)))
        except Unreadable:
            named = None
        if named:
            return named
    cover = folder / COVER
    if cover.is_file():
        try:
            return cover_title(books.read_text(cover))
        except Unreadable:
            return None
    return None


def settings_name(html: str) -> str | None:
    """The top-level `name: '…'` of the first `window.$docsify = {…}` in a page, as plain text.

    docsify lets a name hold HTML (a logo, say); only its words are kept. A name nested in a
    plugin's settings (`search: { name: … }`) is not the site's, so depth is counted.
    """
    found = _SETTINGS.search(html)
    if found is None:
        return None
    for depth, value in string_settings(html, "name", found.end(), first_object=True):
        if depth == 1 and value is not None:
            return " ".join(html_text(value).split()) or None
    return None


def cover_title(markdown: str) -> str | None:
    """A cover page's first heading, without docsify's marks (`:id=…`) or its small print (a version)."""
    tokens = _HEADINGS.parse(markdown[:16384])
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            inline.children = _without_small_print(inline.children or [])
            return without_marks(inline_text(inline))[0].strip() or None
    return None


def _without_small_print(children: list[Token]) -> list[Token]:
    """The heading's pieces without what `<small>…</small>` holds: docsify's covers put the version there."""
    kept: list[Token] = []
    inside = False
    for child in children:
        if child.type == "html_inline" and child.content.lower().startswith("<small"):
            inside = True
        elif child.type == "html_inline" and child.content.lower().startswith("</small"):
            inside = False
        elif not inside:
            kept.append(child)
    return kept
