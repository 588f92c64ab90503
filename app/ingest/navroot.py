"""A folder whose own navigation file lists its sub-folders is one site, not a series of books.

A Fumadocs or Nextra docs folder often holds only sub-folders, one for each section of the site
(`"pages": ["(framework)", "ui", "headless"]` in Fumadocs' `meta.json`, each marked `"root": true`
to be a tab of its own). Folders of sub-folders with no page of their own otherwise read as a series,
each sub-folder a book; but the navigation file at the top says they are one site's sections, in
its order, so the folder is one book (navmeta.py reads the order). Only the file's shape is looked
at here, before anything is imported: a `meta.json` that is a JSON object with a `"pages"` list, or
any Nextra `_meta` file.
"""

from __future__ import annotations

import json
from pathlib import Path

_NEXTRA = ("_meta.json", "_meta.js", "_meta.ts", "_meta.tsx", "_meta.jsx")
_MOST_BYTES = 256 * 1024


def declares_site(folder: Path) -> bool:
    """Whether the folder's own navigation file makes it one docs site (see above)."""
    if any((folder / name).is_file() and not (folder / name).is_symlink() for name in _NEXTRA):
        return True
    meta = folder / "meta.json"
    if not meta.is_file() or meta.is_symlink() or meta.stat().st_size > _MOST_BYTES:
        return False
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("pages"), list)
