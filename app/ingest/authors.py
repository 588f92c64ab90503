"""An author written as data rather than as a name, the way docs sites' blogs write one.

VitePress blogs (Vite's own) write `author:` as a mapping, `{name: The Vite Team, link: …}`, and
Hugo, Jekyll and Docusaurus themes write a list, `author: [Ana, Ben]` or a list of such mappings.
The site shows the names, so that is what the book takes: a mapping's `name` (or `title`), a list's
names joined with `; ` as Pandoc's title block joins them. Anything else (a number list, a mapping
with no name) is not a name, and the page is read without one rather than the book being refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_MOST = 20  # a byline; a longer list is a contributors file, and the first ones are enough


def author_text(value: Any) -> str | None:
    """The names `value` gives, as one line (`Ana; Ben`), or None when it gives none."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        return _named(value)
    if isinstance(value, list):
        names = [
            name
            for item in value[:_MOST]
            if (name := _named(item) if isinstance(item, Mapping) else _plain(item))
        ]
        return "; ".join(names) or None
    return None


def _named(value: Mapping[Any, Any]) -> str | None:
    # `name` is what VitePress and Docusaurus themes show; `title` is the few that call it that.
    for key in ("name", "title"):
        if isinstance(found := value.get(key), str) and found.strip():
            return found.strip()
    return None


def _plain(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
