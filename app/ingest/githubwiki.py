"""GitHub wikis: a wiki's pages, Home first, then in the order its sidebar lists them.

A GitHub wiki is a git repository of pages (`<repo>.wiki.git`, which clones into `<repo>.wiki/`).
`Home.md` is its front page; `_Sidebar.md`, `_Footer.md` and `_Header.md` are the chrome every page
shows, never pages. A page's name is its file's with hyphens as spaces (`Getting-Started.md` is
"Getting Started"), and pages link to each other by name: `[[Getting Started]]`, `[[the rules|Wind
Rules]]` (words first, as GitHub writes them; wikilinks.py reads both orders) or
`[words](Getting-Started)`. `[[images/chart.png]]` shows a picture. The sidebar's links give the
order, and a heading in it starts a part; pages it does not list follow in natural order, as do
all the pages of a wiki without one.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import Layout, Placed, prettify

HOME = "Home.md"
SIDEBAR = "_Sidebar.md"
_CHROME = ("_Sidebar.md", "_Footer.md", "_Header.md")
_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)[ \t#]*")
# A sidebar's links: `[[Page]]`, `[[words|Page]]`, or a Markdown link to a page of the wiki.
_LINKS = re.compile(r"\[\[([^\[\]\n]+)\]\]|\[[^\[\]\n]*\]\(([^()\s]+)\)")


def wiki_of(folder: Path) -> Path | None:
    """The folder itself if it is a GitHub wiki (it has Home.md, and the wiki's chrome or a clone's
    `.wiki` name), else None."""
    if not (folder / HOME).is_file():
        return None
    if folder.name.endswith(".wiki") or any((folder / name).is_file() for name in _CHROME):
        return folder
    return None


def page_name(path: Path) -> str:
    """The name a wiki gives a page's file, case folded: `Getting-Started.md` is "getting started"."""
    return path.stem.replace("-", " ").casefold()


def read_wiki(books: BookFolder, folder: Path, files: list[Placed], warnings: list[str]) -> Layout:
    """The wiki's pages in order, from `files`, the folder's own reading (folders.py)."""
    pages = [page for page in files if not page.path.name.startswith("_")]
    by_name = {page_name(page.path): page for page in pages}
    home = by_name.pop(page_name(folder / HOME), None)
    # The front page is a page like any other (pages link back to it), however few its words.
    ordered: list[Placed] = [home] if home else []
    for name, part in _sidebar(books, folder / SIDEBAR, warnings):
        page = by_name.pop(name, None)
        if page is not None:
            ordered.append(Placed(page.path, page.title, 0, None, part))
    ordered += [page for page in pages if page_name(page.path) in by_name]  # the rest, in natural order
    name = folder.name.removesuffix(".wiki")
    return Layout(ordered, {"title": prettify(name)} if name else {}, site_root=folder, dialect="github-wiki")


def _sidebar(books: BookFolder, sidebar: Path, warnings: list[str]) -> list[tuple[str, str | None]]:
    """The page names the sidebar links to, in its order, each with the part its heading above names."""
    if not sidebar.is_file():
        return []
    try:
        text = books.read_text(sidebar)
    except Unreadable as problem:
        warnings.append(f"{sidebar}: {problem}, so the pages follow in their own order.")
        return []
    found: list[tuple[str, str | None]] = []
    part: str | None = None
    for line in text.splitlines():
        if heading := _HEADING.fullmatch(line.strip()):
            part = heading.group(1) or None
            continue
        for link in _LINKS.finditer(line):
            if link.group(1) is not None:
                target, _, right = link.group(1).partition("|")
                target = right if right.strip() else target  # GitHub writes `[[words|Page]]`
            else:
                target = link.group(2)
            if "://" in target or target.startswith(("#", "mailto:")):
                continue
            name = PurePosixPath(target.partition("#")[0].strip()).name  # a wiki's names are its pages'
            found.append((page_name(Path(name.removesuffix(".md") + ".md")), part))
    return found
