"""Docusaurus sites: what makes a folder one, what the site calls itself, and its book's layout.

A Docusaurus site is a folder with `docusaurus.config.js` (or `.ts`, `.mjs`, `.cjs`, `.mts`) and a
`docs/` folder of Markdown and MDX pages (see docusaurusdocs.py; docusaurussite.py for a docs
folder the config names elsewhere, a repository's `website/`, and released versions); its sidebars file gives their
order (see docusaurussidebars.py), and `static/` holds what pages link from the site's root
(`/img/x.png`). The config is script and is never run: its `title` and `tagline` are read where a
string literal gives them, the least nested if several objects have one (the navbar has a title too).
"""

from __future__ import annotations

from pathlib import Path

from app.ingest.docusaurusdocs import DocsFolder
from app.ingest.docusaurussidebars import read_sidebars
from app.ingest.docusaurussite import site_config, site_docs
from app.ingest.files import BookFolder, Unreadable, decode
from app.ingest.placement import Layout
from app.ingest.scripts import string_settings

_CONFIG_BYTES = 1024 * 1024
_SETTINGS = {"title": "title", "tagline": "description"}  # the config's name for each, and the book's


def docusaurus_of(folder: Path) -> Path | None:
    """The config of a folder that is a Docusaurus site, or holds one in `website/`, else None
    (docusaurussite.py's)."""
    return site_config(folder)


def read_docusaurus(books: BookFolder, config: Path, warnings: list[str]) -> Layout:
    site = config.parent
    found = site_docs(books, config, warnings)  # docs/, the config's `path`, or the newest version
    docs = DocsFolder(books, found.root)
    placed = read_sidebars(docs, site, warnings, sidebars=found.sidebars)
    if placed is None:
        placed = docs.folder(docs.root, part=None, depth=0)
    static = site / "static"
    root = static if static.is_dir() else docs.root
    return Layout(
        placed, site_settings(books, config), site_root=root, dialect="docusaurus" if found.mdx else ""
    )


def site_settings(books: BookFolder, config: Path) -> dict[str, str]:
    """The book's title and description, from the config's `title` and `tagline` strings."""
    try:
        script = decode(str(config), books.read_bytes(config, limit=_CONFIG_BYTES))
    except Unreadable:
        return {}  # the title then comes from the pages, as for any folder
    found: dict[str, str] = {}
    for key, meta in _SETTINGS.items():
        given = list(string_settings(script, key))
        value = min(given, key=lambda pair: pair[0])[1] if given else None
        if value is not None and value.strip():  # a computed one is no title, nor is the navbar's under it
            found[meta] = " ".join(value.split())
    return found
