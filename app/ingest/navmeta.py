"""A folder's own navigation file, as Fumadocs and Nextra sites write one beside their pages.

Fumadocs' `meta.json` lists the folder's pages in order and may name the folder:
`{"title": "Guides", "pages": ["setup", "...", "!drafts"]}`, where `...` stands for the pages it
does not name (in the folder's usual order) and `!name` leaves one out; without `...`, the site
shows only what it names. Nextra's `_meta.json` maps each page to its title, in order:
`{"setup": "Set up", "guides": {"title": "Guides"}, "old": {"display": "hidden"}}`; pages it
does not name follow; Nextra 3 and later write the same object as a script, `_meta.js` or
`_meta.ts` (`export default {…}`). All are read as data, never run (a script through scripts.py;
one that computes its object is a warning and the usual order); separators, links and menus are the
site's own chrome and are skipped. A file that is not one of these shapes (a JSON schema that
happens to be called `meta.json`) is not a navigation file and changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.ingest.files import BookFolder, Unreadable
from app.ingest.nextrameta import as_titles, global_meta, lenient_meta
from app.ingest.scripts import NotData, exported

_REST = "..."
REST = _REST
# `.pages` is mkdocs-awesome-pages-plugin's (see awesomepages.py).
_NAMES = ("meta.json", "_meta.json", "_meta.js", "_meta.ts", "_meta.tsx", "_meta.jsx", ".pages")


@dataclass(frozen=True)
class NavMeta:
    """What a folder's navigation file says: its pages' order and titles, and its own title."""

    names: list[str]  # page and folder names in order; `...` where the unnamed ones go
    titles: dict[str, str] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    title: str | None = None
    only_named: bool = False  # Fumadocs without `...`: what it does not name is not in the site
    source: str = "meta.json"  # the file's name, for warnings
    hide: bool = False  # the folder itself is not in the site's navigation (`.pages`' `hide: true`)


def read_meta(books: BookFolder, folder: Path, warn: list[str]) -> NavMeta | None:
    """The folder's navigation file, if it has one that reads as one."""
    for name in _NAMES:
        path = folder / name
        if not path.is_file():
            continue
        if name == ".pages":
            from app.ingest.awesomepages import awesome_pages  # it builds on NavMeta

            return awesome_pages(books, path, warn)
        json_file = name.endswith(".json")
        try:
            text = books.read_text(path, limit=256 * 1024)
            data = json.loads(text) if json_file else _exported(text)
        except (Unreadable, ValueError, NotData) as problem:
            what = "JSON" if json_file else "data"
            warn.append(f"{path}: cannot be read as {what} ({problem}), so the folder keeps its usual order.")
            return None
        return _fumadocs(data) if name == "meta.json" else _nextra(data)
    found = global_meta(books, folder)  # Nextra 4's one `_meta.global` for every folder (nextrameta.py)
    return _nextra(as_titles(found)) if found else None


def _exported(text: str) -> object:
    """A `_meta` script's object: as data, else with its code values (JSX titles) as none (nextrameta.py)."""
    try:
        return exported(text)
    except NotData:
        lenient = lenient_meta(text)
        if not lenient:
            raise
        return as_titles(lenient)


def ordered(meta: NavMeta, items: list[Path], warn: list[str], where: Path) -> list[Path]:
    """`items` (a folder's pages and sub-folders) in the order `meta` gives them."""
    by_name = {(item.name if item.is_dir() else item.stem): item for item in items}
    if "index" not in by_name and "page" in by_name:
        # Nextra 4's app folders: page.mdx is the folder's own page, `index` in its `_meta`, and
        # the folder's first page where its `_meta` does not name it.
        by_name["index"] = by_name["page"]
        if "index" not in meta.names:
            meta = NavMeta(["index", *meta.names], meta.titles, meta.hidden, meta.title, meta.only_named)
    named = [by_name[name] for name in meta.names if name in by_name]
    rest = [
        item
        for item in items
        if item not in named and (item.name if item.is_dir() else item.stem) not in meta.hidden
    ]
    if meta.only_named:
        if rest:
            listed = ", ".join(item.name for item in rest[:5]) + (" …" if len(rest) > 5 else "")
            warn.append(
                f"{where / meta.source}: its {'nav' if meta.source == '.pages' else chr(34) + 'pages' + chr(34)} "
                f"leave out {listed}, which the site does not show, so neither does the book; add them, or "
                '"..." for every other page, to read them.'
            )
        return named
    at = meta.names.index(_REST) if _REST in meta.names else len(meta.names)
    before = [by_name[name] for name in meta.names[:at] if name in by_name]
    return before + rest + [item for item in named if item not in before]


def _fumadocs(data: object) -> NavMeta | None:
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        return None
    names: list[str] = []
    hidden: set[str] = set()
    for entry in data["pages"]:
        if not isinstance(entry, str) or entry.startswith(("---", "[")):
            continue  # a separator, or a link to elsewhere
        if entry.startswith("!"):
            hidden.add(entry[1:])
        elif entry == _REST or not entry.startswith(_REST):
            names.append(entry.strip("/"))
        else:
            names.append(entry[len(_REST) :].strip("/"))  # `...folder`: the folder's pages, here
    title = data.get("title")
    return NavMeta(
        names,
        hidden=frozenset(hidden),
        title=title if isinstance(title, str) and title.strip() else None,
        only_named=_REST not in names,
    )


def _nextra(data: object) -> NavMeta | None:
    if not isinstance(data, dict) or not all(isinstance(value, (str, dict)) for value in data.values()):
        return None
    names: list[str] = []
    titles: dict[str, str] = {}
    hidden: set[str] = set()
    for key, value in data.items():
        if key == "*" or not isinstance(key, str):
            continue  # defaults for every page
        if isinstance(value, dict):
            if value.get("type") in ("separator", "menu") or "href" in value:
                continue
            if value.get("display") == "hidden":
                hidden.add(key)
                continue
            value = value.get("title")
        names.append(key)
        if isinstance(value, str) and value.strip():
            titles[key] = value.strip()
    return NavMeta(names, titles, frozenset(hidden))
