"""Fumadocs sites: a Next.js project whose `source.config.ts` names the folder its docs are in.

Fumadocs MDX's config, `source.config.ts`, declares the docs collection: `defineDocs({ dir:
'content/docs' })`, that folder by default. A project imported whole is that folder's book, read
as any folder is, by its `meta.json` files (navmeta.py), each section marked `"root": true` a part;
the rest of the project (the app's code, its components) is no page of it. The config is script and
is never run: only a `dir:` written as a plain string counts, and one outside the imported folder
is a warning, the default folder read instead. Pictures at the site's root (`/banner.png`) are the
project's `public/`, as Next.js serves them; `<include cwd>` paths are from the project folder
(fumadocsincludes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.ingest.files import BookFolder, Unreadable, decode
from app.ingest.placement import Layout, Placed
from app.ingest.scripts import keyed

CONFIG_NAMES = tuple(f"source.config.{suffix}" for suffix in ("ts", "mts", "js", "mjs"))
_DEFAULT = "content/docs"
_CONFIG_BYTES = 256 * 1024


def fumadocs_of(folder: Path) -> Path | None:
    """The Fumadocs MDX config of a project folder whose docs folder is there, else None."""
    for name in CONFIG_NAMES:
        config = folder / name
        if config.is_file() and not config.is_symlink() and (folder / "content").is_dir():
            return config
    return None


def read_fumadocs(
    books: BookFolder, config: Path, warnings: list[str], folder_order: Callable[[Path], list[Placed]]
) -> Layout:
    project = config.parent
    try:
        script = decode(str(config), books.read_bytes(config, limit=_CONFIG_BYTES))
    except Unreadable:
        script = ""
    given = [
        entry.value for entry in keyed(script, "dir") if isinstance(entry.value, str) and entry.value.strip()
    ]
    written = given[0].strip() if given else _DEFAULT
    docs = (project / written).resolve()
    if not docs.is_relative_to(books.root) or not docs.is_dir() or docs == books.root:
        if given:
            warnings.append(
                f"{config}: its docs folder '{written}' is not a folder inside the imported one, so "
                f"'{_DEFAULT}' was read instead."
            )
        docs = project / _DEFAULT
    public = project / "public"
    return Layout(folder_order(docs), {}, site_root=docs, public=public if public.is_dir() else None)
