"""A ditto site's pages in order: its sidebar page's links, `[Title](#docs/page)`, as ditto.js reads them.

See ditto.py for what makes a folder a ditto site. The sidebar is Markdown: its first `#` heading
titles the book, and each link in its lists whose address is `#path` names the page `path.md`
(`#docs/intro#part` is docs/intro.md too). Links to the web, or in the sidebar's own paragraphs,
are no pages. A page that is missing or outside the folder is left out with a warning naming the
sidebar's line; pages the sidebar does not list are left out with one warning naming them.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from app.ingest.ditto import DittoSite, page_of
from app.ingest.files import BookFolder, Unreadable
from app.ingest.folders import folder_files
from app.ingest.gitbookjson import book_details
from app.ingest.guard import tame
from app.ingest.placement import BOOK_ROOT, Layout, Placed, join
from app.ingest.summary import links_in
from app.ingest.text import inline_text
from app.text import plural

_PARSER = MarkdownIt("commonmark", {"html": True})


def read_ditto(books: BookFolder, site: DittoSite, warnings: list[str]) -> Layout:
    sidebar = site.folder / site.settings["sidebar_file"]
    try:
        text = books.read_text(sidebar)
    except Unreadable as problem:
        warnings.append(f"{sidebar}: {problem}, so the folder is read in its own order.")
        return Layout(folder_files(books, site.folder, warnings), {}, site_root=site.folder)
    heading, entries = _entries(text)
    title = heading or site.settings.get("document_title") or site.page_title
    # A GitBook's book.json kept beside the site (the ES6 tutorial's) still says who wrote it.
    metadata = {**book_details(books, site.folder), **({"title": title} if title else {})}
    listed: list[Placed] = []
    seen: set[Path] = set()
    for name, target, line, written in entries:
        path = join(BOOK_ROOT, target)
        if path is None:
            warnings.append(
                f"{sidebar}:{line}: links to '{written}', outside the site's folder, so it was left out. "
                "Link only to pages inside it."
            )
            continue
        page = site.folder / path
        try:
            books.locate(page)
        except Unreadable as problem:
            warnings.append(
                f"{sidebar}:{line}: links to '{written}', which {problem}. The page was left out."
            )
            continue
        if not page.is_file():
            warnings.append(
                f"{sidebar}:{line}: links to '{written}', but {path} is missing. It was left out."
            )
            continue
        if page not in seen:
            seen.add(page)
            listed.append(Placed(page, name or None))
    if not listed:
        return Layout(folder_files(books, site.folder, warnings), metadata, site_root=site.folder)
    home = site.folder / site.settings["index"]
    if join(BOOK_ROOT, site.settings["index"]) is not None and home.is_file() and home not in seen:
        # The page the site opens on, with no address: its introduction, listed or not.
        listed.insert(0, Placed(home, role="intro"))
        seen.add(home)
    # Only pages beside listed ones are worth naming: a site's vendored scripts carry Markdown too.
    folders = {page.parent for page in seen}
    others = [
        books.name(p.path)
        for p in folder_files(books, site.folder, [])
        if p.path.parent in folders and p.path not in seen and p.path != sidebar and p.role == "chapter"
    ]
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        warnings.append(
            f"{sidebar}: does not list {plural(len(others), 'page')} ({shown}), which the site's "
            f"sidebar leaves out, and so does the book. List a page in {sidebar.name} to read it here."
        )
    return Layout(listed, metadata, site_root=site.folder, dialect="ditto")


def _entries(text: str) -> tuple[str | None, list[tuple[str, str, int, str]]]:
    """The sidebar's title (its first `#` heading's words) and each link to a page of the site: its
    words, the page's path (`docs/intro.md` for `#docs/intro`), its 1-based line and the link as written."""
    tokens = _PARSER.parse(tame(text)[0])
    title: str | None = None
    found: list[tuple[str, str, int, str]] = []
    items = 0  # list items open around the token
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and title is None:
            title = inline_text(tokens[index + 1]).strip() or None
        items += 1 if token.type == "list_item_open" else -1 if token.type == "list_item_close" else 0
        if token.type != "inline" or not items or not token.children:
            continue  # a page's links sit in list items; a paragraph's are the sidebar's own prose
        for words, href, _ in links_in(token):
            page = page_of(href or "")
            if page is not None:
                found.append((words, page, (token.map or [0])[0] + 1, href or ""))
    return title, found
