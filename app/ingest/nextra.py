"""Nextra sites: a Next.js project using Nextra, whose pages are its `content/` folder or its `app/`.

Nextra 4 reads a site's pages from one of two places: a `content/` folder of Markdown and MDX
files (routed through a catch-all page), or the Next.js `app/` folder itself, where each page is a
folder's `page.mdx` (`app/docs/guide/page.mdx`). A project imported whole (the folder whose
`package.json` names `nextra`, beside `next.config`) is that folder's book, ordered by its `_meta`
files and `_meta.global` (navmeta.py, nextrameta.py); the rest of the project (components, the
app's code, `src/` helpers) is no page of it. Folders starting with `_` are Next.js private
folders, never pages. Pictures at the site's root (`/logo.png`) are the project's `public/`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.ingest.files import BookFolder
from app.ingest.placement import Layout, Placed

_NEXT_CONFIGS = tuple(f"next.config.{suffix}" for suffix in ("js", "mjs", "ts", "mts", "cjs"))
_PAGE_FOLDERS = ("content", "src/content", "app", "src/app")
_MOST_BYTES = 256 * 1024


def nextra_of(folder: Path) -> Path | None:
    """The pages folder of the Nextra project a folder is, else None."""
    if not any((folder / name).is_file() for name in _NEXT_CONFIGS) or not _uses_nextra(
        folder / "package.json"
    ):
        return None
    for name in _PAGE_FOLDERS:
        pages = folder / name
        if pages.is_dir() and not pages.is_symlink() and _holds_pages(pages):
            return pages
    return None


def read_nextra(
    books: BookFolder, pages: Path, project: Path, folder_order: Callable[[Path], list[Placed]]
) -> Layout:
    books.note(f"Nextra pages folder: {pages}")  # a content/ added later changes the book
    public = project / "public"
    return Layout(folder_order(pages), {}, site_root=pages, public=public if public.is_dir() else None)


def _uses_nextra(path: Path) -> bool:
    if not path.is_file() or path.is_symlink() or path.stat().st_size > _MOST_BYTES:
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    wanted = ("dependencies", "devDependencies")
    return any(isinstance(data.get(key), dict) and "nextra" in data[key] for key in wanted)


def _holds_pages(folder: Path) -> bool:
    """Whether a Markdown or MDX page is in the folder, or in one below it, a few levels deep."""
    for depth, pattern in enumerate(("*", "*/*", "*/*/*")):
        del depth
        if any(p.suffix.lower() in (".md", ".mdx") and p.is_file() for p in folder.glob(pattern)):
            return True
    return False
