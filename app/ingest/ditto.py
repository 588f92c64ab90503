"""ditto sites: Markdown that ditto.js shows in the browser, in the order of its sidebar page.

ditto is a small script (index.html loads `ditto.js`; ruanyf's ES6 tutorial is built on it) that
fetches Markdown by the page's address: `index.html#docs/intro` shows `docs/intro.md`, and an
address with no page shows the index, README.md. Its settings are plain assignments in a script
(`sidebar_file: "sidebar.md"`, `index: "README.md"`, `document_title: "…"`), read here as data,
never run. The sidebar is itself Markdown: a title, and a list of `[Title](#docs/page)` links
whose order is the order of the site's previous and next buttons. A link to the web, or to no
page, is the sidebar pointing elsewhere and is passed over; one to a missing page or outside the
folder is left out with a warning naming its line.

A repository may keep a SUMMARY.md beside it from an older GitBook build (the ES6 tutorial does,
four chapters short); the sidebar is what its site shows, so a ditto site is asked for first.
Pages the sidebar does not list are left out, with one warning naming them, as docsify's are
(dittosidebar.py reads the sidebar).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markdown_it.token import Token

from app.ingest.placement import BOOK_ROOT, join
from app.ingest.rawhtml import html_text

_INDEX_HTML = "index.html"
_SCRIPT_BYTES = 256 * 1024  # a settings script is a few lines; a bound on reading a hostile one
_SCRIPTS = 8  # scripts read for settings, at most
_LOADS_DITTO = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?[^"'>\s]*\bditto(?:\.min)?\.js""", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SOURCE = re.compile(r"""\bsrc\s*=\s*["']?([^"'>\s]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# `sidebar_file: "sidebar.md"` in a settings object, or `ditto.sidebar_file = "sidebar.md";`.
_SETTING = re.compile(
    r"""\b(sidebar_file|index|document_title)\s*[:=]\s*(["'])((?:(?!\2)[^\\\n]|\\.){1,300})\2"""
)
_DEFAULTS = {"sidebar_file": "sidebar.md", "index": "README.md"}


@dataclass(frozen=True, slots=True)
class DittoSite:
    folder: Path
    settings: dict[str, str]  # sidebar_file, index, and document_title when set
    page_title: str | None  # index.html's <title>


def ditto_of(folder: Path) -> DittoSite | None:
    """The site, if `folder` holds an index.html that loads ditto.js and the sidebar it names."""
    index = folder / _INDEX_HTML
    if not index.is_file() or index.is_symlink():
        return None
    with index.open(encoding="utf-8", errors="replace") as file:
        html = file.read(_SCRIPT_BYTES)  # a bounded read: this only asks whether the folder is a site
    if "ditto" not in html or _LOADS_DITTO.search(html) is None:
        return None
    settings = dict(_DEFAULTS)
    for script in _scripts(folder, html):
        for key, _, value in _SETTING.findall(script):
            settings[key] = value  # later scripts set what earlier ones defaulted, as in the browser
    sidebar = folder / settings["sidebar_file"]
    if join(BOOK_ROOT, settings["sidebar_file"]) is None or not sidebar.is_file() or sidebar.is_symlink():
        return None
    found = _TITLE.search(html)
    title = " ".join(html_text(found.group(1)).split()) if found else ""
    return DittoSite(folder, settings, title or None)


def _scripts(folder: Path, html: str) -> list[str]:
    """The text of the page's inline scripts and of its own script files, in the page's order."""
    texts: list[str] = []
    for attributes, inline in _SCRIPT.findall(html)[: _SCRIPTS * 4]:
        source = _SOURCE.search(attributes)
        if source is None:
            texts.append(inline)
            continue
        src = source.group(1)
        path = join(BOOK_ROOT, src) if "//" not in src else None
        if path is None or len(texts) >= _SCRIPTS:
            continue
        script = folder / path
        # Only the site's own files, never through a link out of it; a script that is not text says nothing.
        if not (script.is_file() and script.resolve().is_relative_to(folder.resolve())):
            continue
        if script.stat().st_size <= _SCRIPT_BYTES:
            texts.append(script.read_bytes().decode("utf-8", errors="replace"))
    return texts


def page_links(tokens: list[Token]) -> None:
    """Links between a ditto site's pages are addresses too: `[Next](#docs/starter)` opens
    docs/starter.md, from the site's root whichever page holds the link. Such a link becomes the
    path it fetches (`/docs/starter.md`), so it opens that chapter. A bare `#word` stays an anchor
    on the page: written for one, it finds nothing as an address."""
    for token in tokens:
        for child in token.children or ():
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            if href.startswith("#") and (page := page_of(href)) is not None:
                nav = href[1:].split("#", 1)[0]
                if "/" in nav or nav.lower() == "readme":
                    anchor = href[1:].split("#", 1)[1] if href.count("#") > 1 else ""
                    child.attrSet("href", "/" + page + (f"#{anchor}" if anchor else ""))


def page_of(href: str) -> str | None:
    """The file ditto fetches for a link: `#docs/intro` (or `#docs/intro#part`) is docs/intro.md.
    A link to the web, or to a file by name, is not an address of the site."""
    if not href.startswith("#"):
        return None
    page = unquote(href[1:].split("#", 1)[0]).strip().removeprefix("./")
    return f"{page}.md" if page else None
