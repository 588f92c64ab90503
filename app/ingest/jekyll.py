"""Jekyll sites (GitHub Pages): `_config.yml` names the site and what it leaves out; pages nest by `parent:`.

A folder is a Jekyll site when it holds a `_config.yml` that is Jekyll's: one beside `_layouts/`,
`_includes/`, `_posts/` or a Gemfile, or one setting a key only Jekyll reads (`theme`,
`remote_theme`, `permalink`…). Jupyter Book writes a `_config.yml` too, beside its `_toc.yml`,
and is asked first (layouts.py). The site's pages are read as any folder's are (folders.py:
sub-folders are parts, `nav_order` orders them), and then:

- the config's `title`, `description`, `author` and `lang` name the book;
- the paths its `exclude:` list names (`fixtures/`, `*.gemspec`, `docs/drafts/**`) are no chapters,
  and neither is `404.md`, the page the site shows for an address it does not have;
- Just the Docs, the most used docs theme, nests a page under another by their titles: `parent:
  Guides` (and `grand_parent:` where two parents share a title). Such a page follows its parent,
  a level deeper, as the site's sidebar shows it.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import front_matter_data
from app.ingest.jekylllinks import JekyllLinks
from app.ingest.jekyllnav import nav_ordered
from app.ingest.jekyllsite import Files, collection_files, data_variables, post_stems, site_addresses
from app.ingest.placement import Layout, Placed

_CONFIG_NAMES = ("_config.yml", "_config.yaml")
_CONFIG_BYTES = 256 * 1024
_SITE_FOLDERS = ("_layouts", "_includes", "_posts", "_sass", "_data")
# Keys only Jekyll's configuration sets, read with a glance at the file's lines.
_JEKYLL_KEY = re.compile(
    r"^(?:theme|remote_theme|plugins|gems|permalink|kramdown|collections|baseurl)\s*:", re.MULTILINE
)
_MAX_DEPTH = 8  # Just the Docs shows three levels; a bound on following a hostile chain of parents


def jekyll_of(folder: Path) -> Path | None:
    """The `_config.yml` that makes the folder a Jekyll site, if any."""
    for name in _CONFIG_NAMES:
        path = folder / name
        if not path.is_file() or path.is_symlink():
            continue
        if (folder / "Gemfile").is_file() or any((folder / sub).is_dir() for sub in _SITE_FOLDERS):
            return path
        try:
            head = path.read_bytes()[:_CONFIG_BYTES].decode("utf-8", "replace")
        except OSError:
            return None
        return path if _JEKYLL_KEY.search(head) else None
    return None


def read_jekyll(
    books: BookFolder, config_path: Path, files: list[Placed], collect: Files, warn: list[str]
) -> Layout:
    """The site's pages (`files`, as its folder orders them) and its collections' (each folder as
    `collect` orders it), less what `exclude:` names, in its menus' order, each under its `parent`,
    and the site's title."""
    root = config_path.parent
    config = _config(books, config_path)
    excluded = [str(entry).strip() for entry in config.get("exclude") or () if str(entry).strip()]
    pages, posts = collection_files(books, root, config, collect)
    placed = [
        file
        for file in files + pages + posts
        if not _is_excluded(file.path, root, excluded)
        and not (file.path.parent == root and file.path.stem == "404")
    ]
    # A folder's index.md is a page of the site like any other, however short (Just the Docs' section
    # pages are a line over their children); only the home page may name the book instead.
    placed = [replace(file, role="chapter") if file.path.parent != root else file for file in placed]
    addresses = site_addresses(books, root, config, placed)
    placed = nav_ordered(books, root, placed, addresses, warn)
    links = JekyllLinks(
        addresses,
        post_stems([file for file in posts if file in placed], root),
        frozenset(PurePosixPath(file.path.relative_to(root).as_posix()) for file in placed),
        {**_variables(config), **data_variables(books, root)},
    )
    return Layout(list(_nested_by_parent(books, placed)), _metadata(config), site_root=root, jekyll=links)


def _config(books: BookFolder, path: Path) -> dict[str, Any]:
    text = books.config_text(path, limit=_CONFIG_BYTES)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ImportProblem(
            str(path), f"{path.name} is not valid YAML ({error}). Fix it, or remove it."
        ) from None
    books.note(f"{path.name}: {text}")  # a new title or exclude list imports the book again
    return data if isinstance(data, dict) else {}


def _metadata(config: dict[str, Any]) -> dict[str, str]:
    author = config.get("author")
    if isinstance(author, dict):  # `author: {name: …, email: …}`, as minima's config writes it
        author = author.get("name")
    found = {
        # jekyll-seo-tag, which names most sites' pages, reads `name` where there is no `title`.
        "title": config.get("title") or config.get("name"),
        "description": config.get("description"),
        "author": author,
        "language": config.get("lang"),
    }
    return {key: value.strip() for key, value in found.items() if isinstance(value, str) and value.strip()}


def _variables(config: dict[str, Any]) -> dict[str, str]:
    """The config's settings that are one short line of words or an address: `{{ site.x }}` shows
    them. Those naming the site's own address are empty, so links stay inside the book."""
    found = {
        str(key): str(value)
        for key, value in config.items()
        if isinstance(value, str | int | float) and not isinstance(value, bool) and len(str(value)) <= 200
    }
    found = {key: value for key, value in found.items() if "\n" not in value and "{" not in value}
    return {**found, "url": "", "baseurl": ""}


def _is_excluded(path: Path, root: Path, excluded: list[str]) -> bool:
    """Whether an entry of `exclude:` names the file, a folder above it, or a pattern matching either."""
    relative = path.relative_to(root).as_posix()
    parents = relative.split("/")
    names = ["/".join(parents[: end + 1]) for end in range(len(parents))]  # docs, docs/drafts, …
    for entry in excluded:
        pattern = entry.strip("/")
        if any(name == pattern or fnmatch.fnmatchcase(name, pattern) for name in names):
            return True
    return False


def _nested_by_parent(books: BookFolder, placed: list[Placed]) -> Iterator[Placed]:
    """Each page whose front matter names a `parent` right after that page's own, a level deeper."""
    fronts = {file.path: _front(books, file.path) for file in placed}
    if not any("parent" in front for front in fronts.values()):
        return iter(placed)
    by_title: dict[str, list[Placed]] = {}
    for file in placed:
        title = fronts[file.path].get("title")
        if isinstance(title, str) and title.strip():
            by_title.setdefault(title.strip(), []).append(file)

    def named(file: Placed, key: str) -> str:
        value = fronts[file.path].get(key)
        return str(value).strip() if isinstance(value, str | int | float) else ""

    resolved: dict[Path, Placed | None] = {}

    def ancestors(file: Placed) -> list[str]:  # the titles above it, parent by parent
        titles: list[str] = []
        above = parent_of(file)
        while above is not None and len(titles) < _MAX_DEPTH:
            titles.append(named(above, "title"))
            above = parent_of(above)
        return titles

    def parent_of(file: Placed) -> Placed | None:
        """The page its `parent` names; where several share that title, the one its `grand_parent`
        (or `ancestor`) says, else one at the top, as Just the Docs picks it."""
        if file.path in resolved:
            return resolved[file.path]
        resolved[file.path] = None  # while it is being worked out: a loop of parents ends here
        candidates = [other for other in by_title.get(named(file, "parent"), []) if other != file]
        grand, ancestor = named(file, "grand_parent"), named(file, "ancestor")
        if len(candidates) > 1:
            if grand:
                chosen = [other for other in candidates if named(other, "parent") == grand]
            elif ancestor:
                chosen = [other for other in candidates if ancestor in ancestors(other)]
            else:
                chosen = [other for other in candidates if not named(other, "parent")]
            candidates = chosen or candidates
        resolved[file.path] = candidates[0] if candidates else None
        return resolved[file.path]

    parents = {file.path: parent_of(file) for file in placed}

    def is_rooted(file: Placed) -> bool:  # its chain of parents ends, and never comes back to it
        seen = {file.path}
        above = parents[file.path]
        for _ in range(_MAX_DEPTH):
            if above is None:
                return True
            if above.path in seen:
                return False
            seen.add(above.path)
            above = parents[above.path]
        return False

    children: dict[Path, list[Placed]] = {}
    tops: list[Placed] = []
    for file in placed:
        above = parents[file.path]
        if above is not None and is_rooted(file):
            children.setdefault(above.path, []).append(file)
        else:
            tops.append(file)

    def tree(file: Placed, depth: int, part: str | None) -> Iterator[Placed]:
        yield replace(file, depth=depth, part=part)
        for child in children.get(file.path, []):
            yield from tree(child, depth + 1, part)

    return (nested for top in tops for nested in tree(top, top.depth, top.part))


def _front(books: BookFolder, path: Path) -> dict[str, Any]:
    try:
        text = books.read_text(path)
        return front_matter_data(str(path), text) if text.startswith("---") else {}
    except (Unreadable, ImportProblem):
        return {}  # reading it as a chapter says what is wrong with it
