"""A VuePress sidebar, read as data: the pages it names, in its order, with its groups as parts.

A sidebar is a list of entries (one for the whole site), or an object of such lists keyed by the
path they serve (`'/guide/': [...]`), read in the order written. Of several, each is a part, titled
by the navbar's text for its path, else by the path's name; one alone is the book. Entries are
paths, relative to their sidebar's path or from the site's root when they start with `/`: `intro`,
`intro.md` or `intro.html` name intro.md, `''` or `guide/` a folder's README.md. v1's `['intro',
'Title']` titles one; `{title|text, path|link, children}` is a group (v2's `prefix` goes before
its children's paths). A group at the book's top is a part; deeper, or in one of several
sidebars, its page (else its title) stands over its children, a level down. Links to other sites
are passed over. Pages the sidebar never names are left out, as the site's sidebar leaves them
out, with one warning naming them, as are paths that name no page.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from app.ingest.files import BookFolder
from app.ingest.placement import BOOK_ROOT, MARKDOWN_SUFFIXES, Placed, join, prettify
from app.ingest.scripts import NotData
from app.text import plural

_INDEX_NAMES = ("README.md", "index.md")
_SKIPPED = frozenset({"node_modules"})
_MAX_DEPTH = 20  # deeper than any real sidebar or docs folder; a bound on walking a hostile one


class SidebarWalker:
    """Reads a site's sidebars into Placed pages, each page once, remembering paths that name none."""

    def __init__(self, books: BookFolder, config: Path, nav_titles: dict[str, str], docs: Path) -> None:
        self.books, self.config, self.nav_titles = books, config, nav_titles
        self.docs = docs
        self.placed: list[Placed] = []
        self.seen: set[Path] = set()
        self.missing: list[str] = []

    def sidebars(self, sidebar: Any, *, skipped: list[str]) -> None:
        """The whole sidebar: a list, or an object of lists by path (those under `skipped` paths passed over)."""
        if isinstance(sidebar, list):
            self.items(sidebar, base=BOOK_ROOT, part=None, depth=0)
            return
        if not isinstance(sidebar, dict):
            raise NotData(f"a sidebar that is neither a list nor an object of lists ({_shown(sidebar)})")
        own = {path: items for path, items in sidebar.items() if not path.startswith(tuple(skipped))}
        # The site's root sidebar (`'/'`) is the one its home page leads into, so it comes first
        # wherever it is written (Pinia writes '/api/' above it); the others keep their order.
        own = dict(sorted(own.items(), key=lambda entry: entry[0].strip("/") != ""))
        for path, items in own.items():
            base = join(BOOK_ROOT, path.strip("/")) or BOOK_ROOT
            part = self._part_title(path) if len(own) > 1 and base != BOOK_ROOT else None
            self.items(items, base=base, part=part, depth=0, inside=part is not None)

    def _part_title(self, path: str) -> str:
        bare = "/" + path.strip("/")
        for link in (path, bare, bare + "/", bare + "/README.md", bare + ".html"):
            if link in self.nav_titles:
                return self.nav_titles[link]
        return prettify(PurePosixPath(bare).name)

    def items(
        self, items: Any, *, base: PurePosixPath, part: str | None, depth: int, inside: bool = False
    ) -> None:
        if depth > _MAX_DEPTH:
            raise NotData(f"groups nested more than {_MAX_DEPTH} deep")
        if not isinstance(items, list):
            raise NotData(f"a sidebar that is not a list of entries ({_shown(items)})")
        for item in items:
            self.item(item, base=base, part=part, depth=depth, inside=inside)

    def item(self, item: Any, *, base: PurePosixPath, part: str | None, depth: int, inside: bool) -> None:
        if isinstance(item, str):
            self.page(item, None, base=base, part=part, depth=depth)
        elif isinstance(item, list) and item and isinstance(item[0], str):  # v1's ['path', 'Title']
            title = item[1] if len(item) > 1 and isinstance(item[1], str) else None
            self.page(item[0], title, base=base, part=part, depth=depth)
        elif isinstance(item, dict):
            self.group(item, base=base, part=part, depth=depth, inside=inside)
        else:
            raise NotData(f"an entry that is neither a path nor an object ({_shown(item)})")

    def group(
        self, item: dict[str, Any], *, base: PurePosixPath, part: str | None, depth: int, inside: bool
    ) -> None:
        """A page (`path`/`link`), or a group of them (`children`): a part at the book's top, else
        its page (or its title) over its children, a level down."""
        named = item.get("title", item.get("text"))
        title = named.strip() if isinstance(named, str) and named.strip() else None
        link = item.get("path", item.get("link"))
        children = item.get("children", item.get("items"))  # VitePress calls them `items`
        if not isinstance(children, list) or not children:
            if isinstance(link, str):
                self.page(link, title, base=base, part=part, depth=depth)
            return
        prefix = item.get("prefix")
        inner = (join(base, prefix) or BOOK_ROOT) if isinstance(prefix, str) else base
        if isinstance(item.get("base"), str):  # VitePress: the site path its children's links go under
            inner = join(BOOK_ROOT, item["base"]) or BOOK_ROOT
        if title and part is None and depth == 0 and not inside:
            if isinstance(link, str):
                self.page(link, None, base=base, part=title, depth=0)
            self.items(children, base=inner, part=title, depth=0)
            return
        opened = isinstance(link, str) and self.page(link, title, base=base, part=part, depth=depth)
        if not opened and title:
            self.placed.append(Placed(self.config, title, depth, None, part, role="heading"))
        self.items(
            children, base=inner, part=part, depth=depth + 1 if title or opened else depth, inside=inside
        )

    def page(
        self, written: str, title: str | None, *, base: PurePosixPath, part: str | None, depth: int
    ) -> bool:
        """Place the page a path names, if it was not placed before; whether it names a page."""
        path = written.split("#", 1)[0].split("?", 1)[0].strip()
        if "://" in written or written.startswith(("mailto:", "#")):
            return False  # another site, or a heading of this page: nothing to read here
        found = self._file(path, base)
        if found is None:
            self.missing.append(written)
            return False
        if found not in self.seen:
            self.seen.add(found)
            self.placed.append(
                Placed(found, title.strip() if title and title.strip() else None, depth, None, part)
            )
        return True

    def _file(self, written: str, base: PurePosixPath) -> Path | None:
        """The Markdown file a sidebar path names, as VuePress finds it; None if none."""
        name = join(BOOK_ROOT if written.startswith("/") else base, written.lstrip("/")) or BOOK_ROOT
        if written == "" or written.endswith("/") or name == BOOK_ROOT:
            candidates = [self.docs / name / index for index in _INDEX_NAMES]
        elif name.suffix == ".html":
            candidates = [self.docs / name.with_suffix(".md")]
        elif name.suffix.lower() in MARKDOWN_SUFFIXES:
            candidates = [self.docs / name]
        else:
            candidates = [self.docs / f"{name}.md", *(self.docs / name / index for index in _INDEX_NAMES)]
        if name.parts[:1] in ((".vuepress",), (".vitepress",)):
            return None
        return next((file for file in candidates if file.is_file()), None)

    def say_what_was_left_out(self, warnings: list[str], *, skipped: list[Path]) -> None:
        if self.missing:
            shown = ", ".join(f"'{name}'" for name in self.missing[:5]) + (
                " …" if len(self.missing) > 5 else ""
            )
            warnings.append(
                f"{self.config}: its sidebar names {plural(len(self.missing), 'page')} the docs folder does not "
                f"have ({shown}), so {'it was' if len(self.missing) == 1 else 'they were'} left out. Fix the "
                "path, or add the page."
            )
        unlisted = [
            self.books.name(page) for page in _pages(self.docs, set(skipped)) if page not in self.seen
        ]
        if unlisted:
            shown = ", ".join(unlisted[:5]) + (" …" if len(unlisted) > 5 else "")
            them = "it" if len(unlisted) == 1 else "them"
            warnings.append(
                f"{self.config}: its sidebar does not name {plural(len(unlisted), 'page')} ({shown}), which "
                f"the site's sidebar leaves out, and so does the book. Add {them} to the sidebar to read "
                f"{them} here."
            )


def _pages(folder: Path, skipped: set[Path], depth: int = 0) -> list[Path]:
    """The site's Markdown pages, in name order: hidden folders (`.vuepress/`) and `skipped` passed over."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink() or entry in skipped or entry.name in _SKIPPED:
            continue
        if entry.is_dir() and depth < _MAX_DEPTH:
            found += _pages(entry, skipped, depth + 1)
        elif entry.suffix.lower() == ".md" and entry.is_file():
            found.append(entry)
    return found


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
