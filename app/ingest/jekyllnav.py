"""The order a Jekyll site's sidebar gives its pages, from the navigation files in `_data/`.

Jekyll has no table of contents of its own: a site's theme draws its sidebar from a data file
it names, by convention `_data/navigation.yml` (Minimal Mistakes: `docs:` a list of sections,
each `title` and `children`, each child a `title` and `url`) or `_data/docs_nav.yml` (Jekyll's
own docs: sections of `title` and `docs:`, a list of `link:`s; or of page names, as its
`tutorials:` list gives them). These files are read here as such a sidebar is: entries in
order, a section's title the part its pages are in, an entry under a page a level below it.

A site may have several menus (a top bar and a sidebar, each a list in the file): the one that
names most pages orders the book first, the others then add what it lacked. Pages no menu names
follow the page of the folder they are in (`_docs/configuration/options.md` after
`/docs/configuration/`), as the site's own links lead there; the rest keep their places after.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.frontmatter import load_yaml
from app.ingest.jekyllsite import address_key
from app.ingest.placement import Placed

_NAV_BYTES = 256 * 1024
_MAX_DEPTH = 8  # a bound on following hostile nesting
_MAX_ENTRIES = 2000  # entries of one list read: a bound on hostile menus
_URL_KEYS = ("url", "link", "href", "path")


def nav_ordered(
    books: BookFolder,
    root: Path,
    placed: list[Placed],
    addresses: Mapping[str, PurePosixPath],
    warn: list[str],
) -> list[Placed]:
    """The pages in the order the site's navigation files give, the rest after (see above)."""
    collections = {file.path.relative_to(root).parts[0][1:] for file in placed if file.path.parent != root}
    menus = list(_menus(books, root, collections, warn))
    if not menus:
        return placed
    by_name = {PurePosixPath(file.path.relative_to(root).as_posix()): file for file in placed}
    walks = [list(_walk(menu, addresses, by_name, 0, None, hint)) for menu, hint in menus]
    walks.sort(key=lambda walk: -len({file.path for file in walk}))
    if not walks[0]:
        return placed
    ordered: list[Placed] = []
    seen: set[Path] = set()
    for walk in walks:
        for file in walk:
            if file.path not in seen:
                seen.add(file.path)
                ordered.append(file)
    for file in placed:  # the pages no menu names: beside their folder's, or at the end
        if file.path in seen:
            continue
        seen.add(file.path)
        if file.role == "intro" and file.path.parent == root:
            ordered.insert(0, file)  # the site's home page opens the book, as it opens the site
            continue
        found = _beside_folder(ordered, file.path)
        if found is None:
            ordered.append(file)
            continue
        at, depth = found
        end = at + 1
        while end < len(ordered) and ordered[end].depth > ordered[at].depth:
            end += 1
        ordered.insert(end, Placed(file.path, file.title, depth, file.label, ordered[at].part, file.role))
    return ordered


def _menus(
    books: BookFolder, root: Path, collections: set[str], warn: list[str]
) -> Iterator[tuple[Any, str | None]]:
    """Every list in `_data/*nav*.yml`, and in a data file named for a collection (Jekyll's docs
    order `_tutorials/` in `_data/tutorials.yml`): each file's own, or each of its keys' (`main:`);
    with the collection whose pages a list of bare names names."""
    data = root / "_data"
    if not data.is_dir() or data.is_symlink():
        return
    for path in sorted(data.iterdir()):
        if (
            ("nav" not in path.stem.lower() and path.stem not in collections)
            or path.suffix.lower() not in (".yml", ".yaml")
            or not path.is_file()
        ):
            continue
        try:  # never with YAML's aliases: a menu holding itself many times over is no menu
            text = books.config_text(path, limit=_NAV_BYTES)
            menu = load_yaml(str(path), text, what=path.name)
        except ImportProblem as problem:
            warn.append(f"{problem} It could not be read as a menu, so its order was not used.")
            continue
        books.note(f"{path.name}: {text}")  # a new order imports the book again
        hint = path.stem if path.stem in collections else None
        if isinstance(menu, list):
            yield menu, hint
        elif isinstance(menu, dict):
            yield from ((value, hint) for value in menu.values() if isinstance(value, list))


def _walk(
    node: Any,
    addresses: Mapping[str, PurePosixPath],
    pages: Mapping[PurePosixPath, Placed],
    depth: int,
    part: str | None,
    collection: str | None,
    level: int = 0,
) -> Iterator[Placed]:
    """The pages a menu names, in its order; `collection`: the key a list of bare names is under.
    `level` counts every list and entry walked into: YAML's aliases can make a menu hold itself."""
    if depth > _MAX_DEPTH or level > 4 * _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node[:_MAX_ENTRIES]:
            yield from _walk(item, addresses, pages, depth, part, collection, level + 1)
        return
    if isinstance(node, str):  # `tutorials: [home, navigation]`: names in that collection
        tries = [node] + ([f"/{collection}/{node}/"] if collection else [])
        found = _page(tries, addresses, pages)
        if found is not None:
            yield Placed(found.path, None, depth, None, part or found.part)  # named on purpose: a chapter
        return
    if not isinstance(node, dict):
        return
    url = next((node[key] for key in _URL_KEYS if isinstance(node.get(key), str)), None)
    found = _page([url], addresses, pages) if url else None
    title = node.get("title")
    lists = [(str(key), value) for key, value in node.items() if isinstance(value, list)]
    if found is not None:
        yield Placed(found.path, None, depth, None, part or found.part)  # named on purpose: a chapter
        depth += 1
    elif isinstance(title, str) and title.strip() and depth == 0 and lists:
        part = title.strip()  # a section heading of the sidebar, as mkdocs' are parts
    for key, value in lists:
        yield from _walk(value, addresses, pages, depth, part, key, level + 1)


def _page(
    tries: list[str], addresses: Mapping[str, PurePosixPath], pages: Mapping[PurePosixPath, Placed]
) -> Placed | None:
    for address in tries:
        if address.startswith(("http://", "https://", "//")):
            continue
        name = addresses.get(address_key(address))
        if name is not None and name in pages:
            return pages[name]
    return None


def _beside_folder(ordered: list[Placed], path: Path) -> tuple[int, int] | None:
    """Where a page no menu names goes, and how deep: under its folder's page (`configuration.md` or
    `configuration/index.md` for `configuration/options.md`), else after the last placed page of its
    folder (`step-by-step/02-liquid.md` after `01-setup.md`). A collection's top folder holds
    pages of every kind, so only its sub-folders count."""
    folder = path.parent
    if folder.name.startswith("_"):
        return None
    last = None
    for at, file in enumerate(ordered):
        if file.path.with_suffix("") == folder or (file.path.parent == folder and file.path.stem == "index"):
            return at, file.depth + 1
        if file.path.parent == folder:
            last = at
    return (last, ordered[last].depth) if last is not None else None
