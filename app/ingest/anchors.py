"""Stable ids for a book's headings and blocks, unique across the book.

A heading's id is `h-` and its GitHub-style slug ("What is Ownership?" gives `h-what-is-ownership`);
every other top-level block's is `p-` and eight hex digits of a hash of its text, so a paragraph
keeps its id when the book is edited elsewhere. A second use of an id gets a suffix, `-1`, `-2`…
for headings (as GitHub numbers them) and `-2`, `-3`… for blocks.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)
_SLUG_LENGTH = 80  # with "h-" and a suffix such as "-12", well within MAX_ANCHOR


def github_slug(text: str) -> str:
    """The fragment GitHub (and mdBook) give a heading: lowercase, punctuation gone, spaces to hyphens."""
    return _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


def ascii_slug(text: str) -> str:
    """The fragment Python-Markdown (mkdocs) gives a heading: accents folded to ASCII first."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", folded).strip().lower())


class Anchors:
    """Hands out ids for one book, in reading order, never the same one twice."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def heading(self, text: str) -> str:
        # Cut long slugs: an anchor is stored, and cited, in at most MAX_ANCHOR characters.
        base = "h-" + (github_slug(text)[:_SLUG_LENGTH].rstrip("-") or "section")
        anchor, suffix = base, 0
        while anchor in self._taken:
            suffix += 1
            anchor = f"{base}-{suffix}"
        self._taken.add(anchor)
        return anchor

    def block(self, text: str) -> str:
        normal = " ".join(text.split())
        base = "p-" + hashlib.blake2b(normal.encode(), digest_size=4).hexdigest()
        anchor, suffix = base, 1
        while anchor in self._taken:
            suffix += 1
            anchor = f"{base}-{suffix}"
        self._taken.add(anchor)
        return anchor
