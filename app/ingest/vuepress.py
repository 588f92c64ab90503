"""VuePress sites: `.vuepress/config.js` names the site, and its sidebar orders the book's pages.

A VuePress site is a docs folder (the imported folder, or its `docs/`) holding `.vuepress/config.js`
(or `.ts`, `.mjs`, `.cjs`, `.mts`) beside its pages; `.vuepress/` itself holds the site's components,
styles and public files, never pages. The config is script and is never run: it is read as data
(scripts.py), in either shape, v1's `module.exports = { title, themeConfig: { sidebar, nav } }` or
v2's `export default defineUserConfig({ title, theme: defaultTheme({ sidebar, navbar }) })`. The
site's own `title`, `description` and `lang` (or its root locale's, `locales: {'/': {…}}`) name the
book; the other locales (`'/zh/'`) are translations, left out with one warning. The sidebar's
reading is vuepresssidebar.py's. The folder's README.md (or index.md) is the home page, read
first; like any folder's README it is a chapter only if it has prose of its own. A sidebar that
only running the config gives (a call, a spread, a name from another file that is not written out)
leaves the folder in its own order, with one warning saying why; `'auto'`, or none, does too, quietly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import Layout, Placed
from app.ingest.scripts import Keyed, NotData, declared, exported, keyed, tokens
from app.ingest.vuepresssidebar import SidebarWalker

SITE_FOLDER = ".vuepress"
_SUFFIXES = ("js", "ts", "mjs", "cjs", "mts")
CONFIG_NAMES = tuple(f"config.{suffix}" for suffix in _SUFFIXES)
_CONFIG_BYTES = 1024 * 1024
_DEFAULT_IMPORT = r"import\s+{name}\s+from\s*['\"]([^'\"]+)['\"]"
_NAMED_IMPORT = r"import\s*\{{[^}}]*\b{name}\b[^}}]*\}}\s*from\s*['\"]([^'\"]+)['\"]"
_REQUIRED = r"(?:const|let|var)\s+{name}\s*=\s*require\(\s*['\"]([^'\"]+)['\"]\s*\)"


def vuepress_of(folder: Path) -> Path | None:
    """The config of the VuePress site a folder is, or holds as its `docs/` folder; else None."""
    for docs in (folder, folder / "docs"):
        site = docs / SITE_FOLDER
        if not site.is_dir() or site.is_symlink():
            continue
        for name in CONFIG_NAMES:
            config = site / name
            if config.is_file() and not config.is_symlink():
                return config
    return None


def read_vuepress(
    books: BookFolder,
    config: Path,
    warnings: list[str],
    folder_order: Callable[[Path], list[Placed]],
    *,
    script: str | None = None,
    docs: Path | None = None,
    locales: list[str] | None = None,
) -> Layout:
    """The site's pages in its sidebar's order; in `folder_order` (folders.py's) when it has none to read.
    (VitePress's reading passes the config's text, docs folder and locales, found its own way: vitepress.py.)"""
    docs = docs or config.parent.parent
    script = books.config_text(config, limit=_CONFIG_BYTES) if script is None else script
    books.note(f"{config.name}: {script}")
    translations = [
        docs / path.strip("/")
        for path in (_locale_paths(script) if locales is None else locales)
        if (docs / path.strip("/")).is_dir()
    ]
    placed = _sidebar_pages(books, config, docs, script, translations, warnings)
    if placed is None:
        placed = folder_order(docs)  # which warns of the translations itself
    elif translations:
        names = ", ".join(f"{folder.name}/" for folder in translations)
        warnings.append(
            f"{docs}: {names} hold translations of this book, which were left out; import one of "
            "them on its own to read the book in that language."
        )
    return Layout(placed, _metadata(script), site_root=docs, public=config.parent / "public")


def _sidebar_pages(
    books: BookFolder, config: Path, docs: Path, script: str, translations: list[Path], warnings: list[str]
) -> list[Placed] | None:
    """The pages in the sidebar's order, the home page first; None when there is no sidebar to read."""
    found = _site_setting(script, ("sidebar",), theme=True)
    if found is None or found.value in ("auto", False, None):
        return None
    try:
        sidebar = _followed(books, config, script, found)
        navbar = _site_setting(script, ("navbar", "nav"), theme=True)
        walker = SidebarWalker(books, config, _nav_titles(navbar.value if navbar else None), docs)
        walker.sidebars(sidebar, skipped=[f"/{folder.name}/" for folder in translations])
    except (NotData, Unreadable) as problem:
        warnings.append(
            f"{config}: the sidebar could not be read, because it holds {problem}; Chapterwise reads a "
            "sidebar written out as data, and never runs it. The docs folder was read in its own order "
            "instead: write the sidebar out as a list of pages to read the book in its order."
        )
        return None
    if not any(placed.role == "chapter" for placed in walker.placed):
        warnings.append(
            f"{config}: its sidebar names no page of the docs folder, so the folder was read in its own "
            "order instead. Name pages by their paths (`'/guide/setup'`) to read the book in its order."
        )
        return None
    home = next((docs / name for name in ("README.md", "index.md") if (docs / name).is_file()), None)
    if home is not None and home not in walker.seen:
        walker.seen.add(home)
        walker.placed.insert(0, Placed(home, role="intro"))
    walker.say_what_was_left_out(warnings, skipped=translations)
    return walker.placed


def _site_setting(script: str, keys: tuple[str, ...], *, theme: bool = False) -> Keyed | None:
    """The site's own `key: value` (or its root locale's), the least nested first; with `theme`, the
    theme's too. Never another locale's, nor a plugin's."""
    found: list[Keyed] = []
    for key in keys:
        for entry in keyed(script, key):
            within = entry.within
            if "plugins" in within or _in_other_locale(within):
                continue
            if within in ((), ("locales", "/")) or (theme and within[:1] in (("theme",), ("themeConfig",))):
                found.append(entry)
    return min(found, key=lambda entry: len(entry.within)) if found else None


def _in_other_locale(within: tuple[str, ...]) -> bool:
    return any(name == "locales" and within[at + 1 : at + 2] != ("/",) for at, name in enumerate(within[:-1]))


def _metadata(script: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, meta in (("title", "title"), ("description", "description"), ("lang", "language")):
        entry = _site_setting(script, (key,))
        if entry is not None and isinstance(entry.value, str) and entry.value.strip():
            found[meta] = " ".join(entry.value.split())
    return found


def _locale_paths(script: str) -> list[str]:
    """The paths of the site's other locales (`/zh/`), as its `locales` objects name them."""
    paths: list[str] = []
    for entry in keyed(script, "locales"):
        if "plugins" not in entry.within and isinstance(entry.value, dict):
            paths += [path for path in entry.value if path.strip("/") and path not in paths]
    return paths


def _followed(books: BookFolder, config: Path, script: str, found: Keyed) -> Any:
    """The sidebar's value: written in the config, or in a file of `.vuepress/` that it requires or
    imports (`sidebar: require('./sidebar')`, `import sidebar from './sidebar'`), one step only."""
    if not isinstance(found.value, NotData):
        return found.value
    first, *rest = [token for _, token in zip(range(4), tokens(script, found.at), strict=False)]
    if (
        first.text == "require"
        and [t.text for t in rest[:1]] == ["("]
        and rest[1:2]
        and rest[1].kind == "string"
    ):
        return exported(_required(books, config, rest[1].text))
    if first.kind != "word" or [t.text for t in rest[:1]] == ["("]:
        raise found.value
    name = re.escape(first.text)
    default = re.search(_DEFAULT_IMPORT.format(name=name), script) or re.search(
        _REQUIRED.format(name=name), script
    )
    named = re.search(_NAMED_IMPORT.format(name=name), script)
    found_import = default or named
    if found_import is None:
        return declared(script, first.text)
    written = found_import.group(1)
    text = _required(books, config, written)
    try:
        return exported(text) if default is not None else declared(text, first.text)
    except NotData:
        raise NotData(
            f"`{first.text}` from '{written}', which that file does not write out as data"
        ) from None


def _required(books: BookFolder, config: Path, written: str) -> str:
    """The text of a file of `.vuepress/` that the config names; NotData for any other."""
    site = config.parent
    base = (site / written).resolve()
    if not written.startswith(".") or not base.is_relative_to(site.resolve()):
        raise NotData(f"a sidebar from '{written}', which is not a file in {SITE_FOLDER}/")
    for candidate in (base, *(base.with_name(f"{base.name}.{s}") for s in (*_SUFFIXES, "json"))):
        if candidate.is_file():
            return books.read_text(candidate, limit=_CONFIG_BYTES)
    for candidate in (base / f"index.{suffix}" for suffix in _SUFFIXES):
        if candidate.is_file():
            return books.read_text(candidate, limit=_CONFIG_BYTES)
    raise NotData(f"a sidebar from '{written}', which is not a file in {SITE_FOLDER}/")


def _nav_titles(navbar: Any, depth: int = 0) -> dict[str, str]:
    """Each navbar link's text, by its link: what the site calls the pages under a sidebar's path."""
    titles: dict[str, str] = {}
    if isinstance(navbar, list) and depth < 8:
        for item in navbar:
            if not isinstance(item, dict):
                continue
            text, link = item.get("text"), item.get("link")
            if isinstance(text, str) and text.strip() and isinstance(link, str):
                titles.setdefault(link.strip(), text.strip())
            for nested in ("items", "children"):
                for link, text in _nav_titles(item.get(nested), depth + 1).items():
                    titles.setdefault(link, text)
    return titles
