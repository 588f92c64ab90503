"""Where a Docusaurus site's docs are: the folder its config names, else its newest released version.

Docusaurus reads a site's pages from `docs/` beside its config, unless the docs options (the
classic preset's `docs: {…}`, or the docs plugin's) give another `path:`. Many repositories keep
the site in `website/` and the pages in the repository's own `docs/`, `path: '../docs'` (Jest,
React Native), so a repository imported whole is one site whose config is in `website/`.
`sidebarPath: './sidebars.json'` names the sidebars file the same way. A versioned site also keeps
each released version in `versioned_docs/version-<v>/`, its sidebars in
`versioned_sidebars/version-<v>-sidebars.json`, newest first in `versions.json`.

The book is the docs folder the config names: the current version, read once; the versioned
copies beside it are never read as more chapters. When that folder is outside the imported
folder (`website/` imported on its own, with `path: '../docs'`), nothing is read from there: the
newest released version is the book instead, as the site shows it at /docs/, with a warning
saying so (without one, a `docs/` beside the config, if there is one). Docusaurus compiles every page as MDX, `.md` too (`import` lines, components), unless
`markdown: { format: 'detect' }` says otherwise, and the book reads them so. The config is never run: only `path` and `sidebarPath` written as plain strings count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.ingest.files import BookFolder, Unreadable, decode
from app.ingest.scriptobjects import strings_in

CONFIG_NAMES = tuple(f"docusaurus.config.{suffix}" for suffix in ("js", "ts", "mjs", "cjs", "mts"))
_CONFIG_BYTES = 1024 * 1024
_SITE_FOLDERS = ("", "website")  # the site itself, or a repository holding it in website/


@dataclass(frozen=True)
class SiteDocs:
    """The folder of pages a Docusaurus book reads, and its sidebars file (None: `sidebars.*` beside
    the config, as Docusaurus looks for it)."""

    root: Path
    sidebars: Path | None = None
    # Docusaurus compiles `.md` pages as MDX too, unless `markdown: { format: 'detect' }` (or `'md'`).
    mdx: bool = True


def site_config(folder: Path) -> Path | None:
    """The config of the Docusaurus site a folder is, or holds in `website/`, if it has pages to read:
    `docs/` beside it or beside `website/`, or a `versions.json` of released versions."""
    for name in _SITE_FOLDERS:
        site = folder / name if name else folder
        config = next((site / n for n in CONFIG_NAMES if (site / n).is_file()), None)
        if config is None or config.is_symlink() or site.is_symlink():
            continue
        places = [site / "docs", site / "versioned_docs"] + ([folder / "docs"] if name else [])
        if any(place.is_dir() and not place.is_symlink() for place in places):
            return config
    return None


def site_docs(books: BookFolder, config: Path, warnings: list[str]) -> SiteDocs:
    """Where the book's pages are, as the config's docs options and the site's versions say."""
    site = config.parent
    try:
        script = decode(str(config), books.read_bytes(config, limit=_CONFIG_BYTES))
    except Unreadable:
        script = ""
    written = next(iter(strings_in(script, "docs", "path")), "docs")
    sidebars = next(iter(strings_in(script, "docs", "sidebarPath")), None)
    mdx = not set(strings_in(script, "markdown", "format")) & {"detect", "md"}
    docs = (site / written).resolve()
    named = (site / sidebars).resolve() if sidebars else None
    sidebar_file = named if named is not None and _inside(books, named) and named.is_file() else None
    if _inside(books, docs) and docs.is_dir():
        return SiteDocs(docs, sidebar_file, mdx)
    newest = _newest_version(books, site)
    if newest is not None:
        folder = site / "versioned_docs" / f"version-{newest}"
        warnings.append(
            f"{config}: its docs folder '{written}' is not in the imported folder, so the newest released "
            f"version, {newest} (versioned_docs/version-{newest}/), was read instead, as the site shows "
            "it. Import the folder holding both to read the docs being written now."
        )
        versioned = site / "versioned_sidebars" / f"version-{newest}-sidebars.json"
        return SiteDocs(folder, versioned if versioned.is_file() else None, mdx)
    beside = site / "docs"
    instead = (
        "the docs/ folder beside the config was read instead" if beside.is_dir() else "there are no pages"
    )
    warnings.append(
        f"{config}: its docs folder '{written}' is not in the imported folder, so {instead}. Import the "
        "folder that holds it."
    )
    return SiteDocs(beside, None, mdx)


def _newest_version(books: BookFolder, site: Path) -> str | None:
    """The first version `versions.json` lists whose folder is there (Docusaurus lists newest first)."""
    path = site / "versions.json"
    if not path.is_file():
        return None
    try:
        versions = json.loads(books.read_text(path, limit=64 * 1024))
    except (Unreadable, ValueError):
        return None
    for version in versions if isinstance(versions, list) else []:
        folder = site / "versioned_docs" / f"version-{version}"
        if isinstance(version, str) and "/" not in version and folder.is_dir() and _inside(books, folder):
            return version
    return None


def _inside(books: BookFolder, path: Path) -> bool:
    return path.resolve().is_relative_to(books.root)
