"""Mintlify docs sites: `docs.json` (or the older `mint.json`) names the site and orders every page.

docs.json's `navigation` nests freely: `languages`, `versions`, `tabs`, `anchors`, `dropdowns`,
`products` and `menu` split the site, `groups` titled lists of `pages`; a page entry is a path
without its suffix (`quickstart`, `api/intro`, from the folder holding the config) or a nested
`{group, pages, root}`. The book is the default language (the one marked `default`, else the
first) and the first version, read in navigation order: a top-level group is a part (a tab or
anchor holding pages itself is one too), a nested group a level deeper, opened by its `root`
page. mint.json's `navigation` is a list of such groups, each maybe tied to one of `versions`.
Entries that are not files (an OpenAPI operation `GET /users`, an external link) are passed over:
the site makes those pages from an API spec, which is not prose to read. Pages the navigation
does not list are not chapters, as Mintlify does not show them; one warning counts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.jupyterbook import TocWalker
from app.ingest.placement import MARKDOWN_SUFFIXES, Layout, Placed
from app.ingest.translations import is_language
from app.text import plural

CONFIG_NAMES = ("docs.json", "mint.json")
_CONFIG_BYTES = 1024 * 1024
# Keys that split a site into sections, each holding groups or pages, in the order they are shown.
_SECTIONS = ("tabs", "anchors", "dropdowns", "products", "menu")
_SECTION_TITLES = ("tab", "anchor", "dropdown", "product", "item", "name")
_HTTP_METHODS = ("GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS ", "WEBHOOK ")
_SNIPPETS = "snippets"  # Mintlify's folder of reusable text, never pages of its own
_MAX_DEPTH = 20  # deeper than any real navigation; a bound on walking a hostile one


def mintlify_of(folder: Path) -> Path | None:
    """The docs.json or mint.json of a folder that is a Mintlify site (it has `navigation`), else None."""
    for name in CONFIG_NAMES:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            with path.open(encoding="utf-8", errors="replace") as file:
                # `docs.json` is a common name; only Mintlify's holds a navigation. A bounded read: this
                # is only the question whether the folder is a site, asked of folders not yet read.
                if '"navigation"' in file.read(_CONFIG_BYTES):
                    return path
    return None


def read_mintlify(books: BookFolder, config: Path, warnings: list[str]) -> Layout:
    data = _read_json(books, config)
    site = _Site(books, config, warnings)
    navigation = data.get("navigation")
    if config.name == "mint.json" and isinstance(navigation, list):
        site.mint_groups(navigation, _first_version(data.get("versions")))
    else:
        site.node(navigation, part=None, depth=0)
    site.walker.say_what_was_left_out()
    site.say_what_was_left_out()
    metadata = {
        key: value.strip()
        for key, value in (("title", data.get("name")), ("description", data.get("description")))
        if isinstance(value, str) and value.strip()
    }
    return Layout(site.walker.placed, metadata, site_root=config.parent, dialect="mintlify")


class _Site:
    """Walks one site's navigation into Placed pages, noting what it passed over."""

    def __init__(self, books: BookFolder, config: Path, warnings: list[str]) -> None:
        self.books, self.config, self.warnings = books, config, warnings
        self.walker = TocWalker(books, config.parent, config, warnings)
        self.not_files = 0
        self.languages: list[str] = []  # the other languages' codes, whose folders are left out
        self.versions: list[str] = []  # the other versions' names, whose pages are left out
        self.other_pages: set[str] = set()  # what those versions list, not counted as unlisted

    def node(self, node: Any, *, part: str | None, depth: int, refs: int = 0) -> None:
        """A navigation object: one language and version chosen, then its sections, groups and pages."""
        if not isinstance(node, dict) or depth > _MAX_DEPTH:
            return
        if isinstance(node.get("$ref"), str) and refs < _MAX_DEPTH:
            self.node(self._ref(node["$ref"]), part=part, depth=depth, refs=refs + 1)
            return
        languages = node.get("languages")
        if isinstance(languages, list) and languages:
            chosen = _default(languages)
            self.languages += [_language(entry) for entry in languages if entry is not chosen]
            self.node(chosen, part=part, depth=depth, refs=refs)
        versions = node.get("versions")
        if isinstance(versions, list) and versions:
            chosen = _default(versions)
            for other in versions:
                if other is not chosen and isinstance(other, dict):
                    self.left_out_version(str(other.get("version") or ""), other)
            self.node(chosen, part=part, depth=depth, refs=refs)
        for key in _SECTIONS:
            for section in node.get(key) or ():
                if isinstance(section, dict):
                    title = next((section[t] for t in _SECTION_TITLES if isinstance(section.get(t), str)), "")
                    # A section holding pages itself reads as a group of them, named by its title.
                    if isinstance(section.get("pages"), list) and part is None and depth == 0:
                        self.group({"group": title, **section}, part=None, depth=0)
                    else:
                        self.node(section, part=part, depth=depth, refs=refs)
        self.not_files += bool(node.get("openapi"))
        groups = node.get("groups")
        for group in groups if isinstance(groups, list) else ():
            self.group(group, part=part, depth=depth)
        self.pages(node.get("pages"), part=part, depth=depth)

    def group(self, group: Any, *, part: str | None, depth: int) -> None:
        """A group: a part at the top, else a heading (or its `root` page) over its pages, a level down."""
        if not isinstance(group, dict) or depth > _MAX_DEPTH:
            return
        self.not_files += bool(group.get("openapi"))
        named = group.get("group")
        title = named.strip() if isinstance(named, str) else ""
        root = group.get("root")
        if part is None and depth == 0:
            if isinstance(root, str):
                self.page(root, part=title or None, depth=0)
            self.pages(group.get("pages"), part=title or None, depth=0)
            return
        # A group's root is its own page, titled by that page: the group's name is the sidebar's.
        opened = self.page(root, part=part, depth=depth) if isinstance(root, str) else False
        if not opened and title:
            self.walker.placed.append(Placed(self.config, title, depth, None, part, role="heading"))
        self.pages(group.get("pages"), part=part, depth=depth + 1 if title or opened else depth)

    def pages(self, pages: Any, *, part: str | None, depth: int) -> None:
        for entry in pages if isinstance(pages, list) else ():
            if isinstance(entry, str):
                self.page(entry, part=part, depth=depth)
            elif isinstance(entry, dict):
                self.group(entry, part=part, depth=depth)

    def page(self, name: str, *, part: str | None, depth: int) -> bool:
        """Place the page an entry names; whether it is a page of the book. Not-files are counted."""
        name = name.strip()
        if name.upper().startswith(_HTTP_METHODS) or "://" in name or name.startswith(("mailto:", "#")):
            self.not_files += name.upper().startswith(_HTTP_METHODS)
            return False
        name = name.lstrip("/")
        if not name or ".." in Path(name).parts:
            return False
        return self.walker.add(name, None, part=part, depth=depth, where=str(self.config)) is not None

    def mint_groups(self, groups: list[Any], version: str | None) -> None:
        """mint.json: groups in order, those of another version than the first left out."""
        for group in groups:
            if isinstance(group, dict) and group.get("version") not in (None, version):
                self.left_out_version(str(group["version"]), group)
            else:
                self.group(group, part=None, depth=0)

    def left_out_version(self, name: str, node: Any) -> None:
        if name and name not in self.versions:
            self.versions.append(name)
        self.other_pages.update(_named(node))

    def _ref(self, written: str) -> Any:
        """The JSON a `$ref` names, inside the site's folder; None (with a warning) if it cannot be read."""
        target = (self.config.parent / written).resolve()
        try:
            target.relative_to(self.config.parent.resolve())
            return _read_json(self.books, target)
        except (ValueError, ImportProblem) as problem:
            self.warnings.append(
                f"{self.config}: its `$ref` to '{written}' could not be read ({problem}); that part of the "
                "navigation was left out."
            )
            return None

    def say_what_was_left_out(self) -> None:
        folder = self.config.parent
        translated = sorted({code for code in self.languages if code and (folder / code).is_dir()})
        if translated:
            names = ", ".join(f"{code}/" for code in translated)
            self.warnings.append(
                f"{folder}: {names} hold translations of this book, which were left out; import one of "
                "them on its own to read the book in that language."
            )
        if self.versions:
            self.warnings.append(
                f"{self.config}: the book is the site's first version; the pages of its other versions "
                f"({', '.join(self.versions)}) were left out."
            )
        if self.not_files:
            self.warnings.append(
                f"{self.config}: {plural(self.not_files, 'navigation entry', 'navigation entries')} "
                f"{'names' if self.not_files == 1 else 'name'} API operations the site builds from an OpenAPI spec; those pages are not in the book."
            )
        placed = {placed.path for placed in self.walker.placed}
        skipped = {folder / code for code in translated} | {folder / _SNIPPETS}
        other = {str(Path(name.strip().lstrip("/"))) for name in self.other_pages}
        unlisted = [
            page
            for page in _pages(folder, skipped)
            if page not in placed and str(page.relative_to(folder).with_suffix("")) not in other
        ]
        if unlisted:
            shown = ", ".join(str(page.relative_to(folder)) for page in unlisted[:3])
            more = f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else ""
            self.warnings.append(
                f"{self.config}: {plural(len(unlisted), 'page')} ({shown}{more}) "
                f"{'is' if len(unlisted) == 1 else 'are'} not in its navigation, "
                "so they were left out, as the site leaves them out; list them there to read them."
            )


def _named(node: Any, depth: int = 0) -> set[str]:
    """Every page name a navigation object lists, however deep (a bounded walk)."""
    if depth > _MAX_DEPTH:
        return set()
    if isinstance(node, str):
        return {node}
    if isinstance(node, list):
        return {name for item in node for name in _named(item, depth + 1)}
    if isinstance(node, dict):
        found = {node["root"]} if isinstance(node.get("root"), str) else set()
        return found | {
            name for value in node.values() if isinstance(value, list) for name in _named(value, depth + 1)
        }
    return set()


def _default(entries: list[Any]) -> Any:
    """The entry marked `default: true`, else the first: the language or version a reader first sees."""
    return next((e for e in entries if isinstance(e, dict) and e.get("default") is True), entries[0])


def _language(entry: Any) -> str:
    """A language entry's code: its `language`, else the name of the file its `$ref` names (`./fr.json`)."""
    if not isinstance(entry, dict):
        return ""
    if isinstance(entry.get("language"), str):
        return str(entry["language"])
    stem = Path(entry["$ref"]).stem if isinstance(entry.get("$ref"), str) else ""
    return stem if is_language(stem) else ""


def _first_version(versions: Any) -> str | None:
    if not isinstance(versions, list) or not versions:
        return None
    first = versions[0]
    return first if isinstance(first, str) else first.get("name") if isinstance(first, dict) else None


def _pages(folder: Path, skipped: set[Path], depth: int = 0) -> list[Path]:
    """The site's Markdown pages, in name order; hidden folders, node_modules and `skipped` passed over."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")) or entry.is_symlink() or entry in skipped:
            continue
        if entry.is_dir() and entry.name != "node_modules" and depth < _MAX_DEPTH:
            found += _pages(entry, skipped, depth + 1)
        elif entry.suffix.lower() in MARKDOWN_SUFFIXES and entry.is_file() and not _is_repository_file(entry):
            found.append(entry)
    return found


def _is_repository_file(path: Path) -> bool:
    """A README or the like beside the site: the repository's, not a page of it."""
    return path.suffix.lower() == ".md" and path.stem.isupper()


def _read_json(books: BookFolder, path: Path) -> dict[str, Any]:
    text = books.config_text(path, limit=_CONFIG_BYTES)
    try:
        data = json.loads(text)
    except ValueError as problem:
        raise ImportProblem(
            str(path), f"is not valid JSON ({problem}). Fix it (Mintlify's `mint validate` says where)."
        ) from None
    if not isinstance(data, dict):
        raise ImportProblem(str(path), f'{path.name} must be a JSON object, like {{"navigation": …}}.')
    return data
