"""Nextra's `_meta` objects read for their order even where some values are code, and `_meta.global`.

A Nextra 3 or 4 `_meta.ts`/`_meta.tsx` is `export default {…}`, the folder's pages in order, each
set to a title: a string, `{ title, display, type, href }`, or JSX (`posts: <><Code>/posts</Code>
Page</>`), which only running the file gives. navmeta.py reads the object as data; when a value
is code, the order is still plain to see, so here the object is read token by token: every key
in order, a string or an object's `title` string as its title, and any other value (JSX, a call)
as no title, its tokens passed over to the next key. A spread (`...shared`) puts keys only running
the file knows first, so an object with one is not read this way (navmeta.py warns). A name set to an object elsewhere in the file
(`guide: { items: GUIDE }`, with `const GUIDE = {…}`) is read there. Nothing is run.

Nextra 4 may also describe every folder in one file, `_meta.global.tsx` at the top of `app/` or
`content/`: each key a top folder, its `items` the folder's own `_meta` object, nested the same
way. A folder with no `_meta` file of its own is ordered by the global one's object for its path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder, Unreadable, real_path
from app.ingest.scripts import tokens

GLOBAL_NAMES = tuple(f"_meta.global.{suffix}" for suffix in ("ts", "tsx", "js", "jsx"))
_MAX_DEPTH = 12
_CLOSERS = {"{": "}", "[": "]", "(": ")"}


class _Reader:
    def __init__(self, script: str) -> None:
        self.found = list(tokens(script))

    def exported(self) -> dict[str, Any] | None:
        for index in range(len(self.found) - 2):
            if self.found[index].text == "export" and self.found[index + 1].text == "default":
                return self._value_at(index + 2, 0)[0]
        return None

    def _value_at(self, at: int, depth: int) -> tuple[Any, int]:
        """The value starting at `at` (a dict, a string, or None for code) and where it ends."""
        token = self.found[at] if at < len(self.found) else None
        if token is None:
            return None, at
        if token.kind == "string":
            return token.text, at + 1
        if token.text == "{" and depth < _MAX_DEPTH:
            return self._object(at, depth)
        after = self.found[at + 1].text if at + 1 < len(self.found) else ""
        if token.kind == "word" and after in (",", "}", "") and depth < _MAX_DEPTH:
            start = self._declaration(token.text)
            if start is not None:
                return self._value_at(start, depth + 1)[0], at + 1
        return None, self._skip(at)

    def _object(self, at: int, depth: int) -> tuple[dict[str, Any], int]:
        entries: dict[str, Any] = {}
        at += 1
        while at < len(self.found) and self.found[at].text != "}":
            key = self.found[at]
            if key.text == "...":
                # Keys spread in from elsewhere come first, and only running the file says which.
                raise _Spread
            if key.kind in ("string", "word") and at + 1 < len(self.found) and self.found[at + 1].text == ":":
                entries[key.text], at = self._value_at(at + 2, depth + 1)
            else:
                at = self._skip(at)
            if at < len(self.found) and self.found[at].text == ",":
                at += 1
        return entries, at + 1

    def _skip(self, at: int) -> int:
        """Past the value starting at `at`: up to the `,` or `}` that ends it, brackets balanced."""
        stack: list[str] = []
        while at < len(self.found):
            text = self.found[at].text
            if not stack and text in (",", "}"):
                return at
            if text in _CLOSERS:
                stack.append(_CLOSERS[text])
            elif stack and text == stack[-1]:
                stack.pop()
            at += 1
        return at

    def _declaration(self, name: str) -> int | None:
        """Where the object a `const name = {…}` (or `let`, `var`) is set to starts."""
        for index in range(len(self.found) - 1):
            if self.found[index].text in ("const", "let", "var") and self.found[index + 1].text == name:
                for at in range(index + 2, min(index + 40, len(self.found))):
                    if self.found[at].text == "=":
                        return at + 1 if at + 1 < len(self.found) and self.found[at + 1].text == "{" else None
        return None


class _Spread(Exception):
    """The object spreads another in (`...shared`): its order is not there to read."""


def lenient_meta(script: str) -> dict[str, Any] | None:
    """The `export default` object of a `_meta` script, its code values read as None (see above);
    None when it has none, or spreads another object in."""
    try:
        return _Reader(script).exported()
    except _Spread:
        return None


def global_meta(books: BookFolder, folder: Path) -> dict[str, Any] | None:
    """The `_meta` object a `_meta.global` file above `folder`, in the book, gives for it; else None."""
    try:
        folder = real_path(folder)  # as books.root is: a relative path would never be inside it
    except Unreadable:
        return None
    for above in (folder, *folder.parents):
        if not above.is_relative_to(books.root):
            return None
        found = next((above / name for name in GLOBAL_NAMES if (above / name).is_file()), None)
        if found is None:
            continue
        try:
            data = lenient_meta(books.read_text(found, limit=256 * 1024))
        except Unreadable:
            return None
        for part in folder.relative_to(above).parts:
            entry = data.get(part) if isinstance(data, dict) else None
            data = entry.get("items") if isinstance(entry, dict) else None
        return data if isinstance(data, dict) else None
    return None


def as_titles(data: dict[str, Any]) -> dict[str, Any]:
    """The object as navmeta.py reads one: code values (None) as `''`, Nextra's "title from the page"."""
    return {key: "" if value is None else value for key, value in data.items()}
