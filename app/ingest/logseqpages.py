"""A Logseq graph's pages by the names its links use, and its blocks by the ids block references use.

Logseq names a page by its `title::` property, else by its file name, which it writes with `___`
(or `%2F`) for the `/` of a namespace (`a___b.md` is the page `a/b`) and other characters
percent-encoded. A page's `alias::` names (`alias:: X, [[Y]]`) lead to it too, and every name is
matched case aside. Only pages of the graph are named, so no link leads out of the book. A block
is a bullet with its children; one that is referred to carries an `id::` property, and the graph's
blocks are looked up by it only when a page first refers to one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import split_front_matter
from app.text import plural

PROPERTY = re.compile(r"([A-Za-z0-9_][\w\-?./]*)::(?:[^\S\n]+(.*)|[^\S\n]*)$")
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ID = re.compile(r"([^\S\n]*)id::[^\S\n]*(" + UUID + r")[^\S\n]*")
_LINKED = re.compile(r"\[\[([^\[\]\n]+)\]\]")


@dataclass(frozen=True, slots=True)
class Block:
    """A block a reference or an embed names: its page, and its lines (the bullet first) at no indent."""

    page: PurePosixPath
    lines: tuple[str, ...]
    line: int  # where its bullet is in its file, 0-based, for warnings


def page_name(stem: str) -> str:
    """The page a file's name stands for: `a___b` and `a%2Fb` are `a/b`, other escapes decoded."""
    return unquote(stem.replace("___", "/"))


def page_properties(lines: list[str]) -> tuple[dict[str, str], int]:
    """A page's properties (keys in lower case) and the number of lines they take at its top.

    Logseq writes them as `key:: value` lines before the first bullet, or as that bullet's lines.
    """
    found: dict[str, str] = {}
    number = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if number == 0 and stripped.startswith("-"):
            stripped = stripped[1:].lstrip()
        match = PROPERTY.fullmatch(stripped)
        if match is None:
            return found, number
        found.setdefault(match[1].lower(), (match[2] or "").strip())
    return found, len(lines)


def properties_of(text: str) -> dict[str, str]:
    return page_properties(text.split("\n"))[0]


def names_in(value: str) -> list[str]:
    """The names a property lists: `X, [[Y]], [[Z, W]]` is X, Y and `Z, W`."""
    linked = _LINKED.findall(value)
    rest = _LINKED.sub(",", value)
    return [name.strip() for name in (*linked, *rest.split(",")) if name.strip().strip("#")]


class LogseqGraph:
    """One graph's pages, read once by the layout, and what its pages' text referred to in vain."""

    def __init__(self, books: BookFolder, root: Path) -> None:
        self.books, self.root = books, root
        self._names: dict[str, PurePosixPath] = {}
        self._texts: dict[PurePosixPath, str] = {}
        self._blocks: dict[str, Block] | None = None
        self.unknown: list[tuple[str, str]] = []  # (block id, "file:line") of references that found nothing
        self.dropped: list[tuple[str, str]] = []  # (macro, "file:line") of what only Logseq can run

    def add_page(self, path: Path, name: str, *, day: str | None = None) -> str | None:
        """Name the page at `path` (its file name's `name`, its title and aliases); its title, or
        None when it has no text (a page written in no more than an alias is nothing to read).
        `day`: a journal's name as Logseq titles days (`May 14th, 2024`); `name` stays its title."""
        try:
            text = self.books.read_text(path)
            front, body = split_front_matter(str(path), text)
        except (Unreadable, ImportProblem):
            return name  # reading it as a chapter says why it cannot be read
        lines = body.split("\n")
        properties, end = page_properties(lines)
        if not any(line.strip().lstrip("-").strip() for line in lines[end:]):
            return None
        file = PurePosixPath(self.books.name(path))
        self._texts[file] = body
        written = front.get("title")  # older graphs kept a page's title in front matter
        given = written if isinstance(written, str) else ""
        title = name if day else properties.get("title", "").strip() or given.strip() or name
        for each in (name, title, day or name, given, *names_in(properties.get("alias", ""))):
            if not each.strip():
                continue
            self._names.setdefault(each.strip().casefold(), file)
        return title

    def names(self) -> dict[str, PurePosixPath]:
        """Each page name (case folded) and the page's file in the book."""
        return dict(self._names)

    def page(self, name: str) -> PurePosixPath | None:
        return self._names.get(name.strip().casefold())

    def text(self, path: Path) -> str:
        return self._texts.get(PurePosixPath(self.books.name(path)), "")

    def block(self, uuid: str) -> Block | None:
        if self._blocks is None:
            self._blocks = {}
            for page, text in self._texts.items():
                if "id::" in text:
                    self._blocks.update(_blocks_of(page, text.split("\n")))
        return self._blocks.get(uuid.lower())

    def summary(self, where: str) -> list[str]:
        """The book's warnings for references to no block and for macros only Logseq runs."""
        said = []
        if self.unknown:
            uuid, place = self.unknown[0]
            said.append(
                f"{where}: {plural(len(self.unknown), 'block reference')} "
                f"{'names a block' if len(self.unknown) == 1 else 'name blocks'} the graph does not have, "
                f"e.g. (({uuid})) in {place}; {'it was' if len(self.unknown) == 1 else 'they were'} left out. "
                "Fix the ids, or add the blocks."
            )
        if self.dropped:
            kinds = sorted({name for name, _ in self.dropped})
            shown = ", ".join(kinds[:6]) + (" …" if len(kinds) > 6 else "")
            said.append(
                f"{where}: {plural(len(self.dropped), 'Logseq macro or query', 'Logseq macros or queries')} "
                f"({shown}), e.g. in {self.dropped[0][1]}, only Logseq can run, so "
                f"{'it was' if len(self.dropped) == 1 else 'they were'} left out. Write the results as text to keep them."
            )
        return said


def _blocks_of(page: PurePosixPath, lines: list[str]) -> dict[str, Block]:
    found: dict[str, Block] = {}
    for number, line in enumerate(lines):
        match = _ID.fullmatch(line)
        if match is None:
            continue
        indent = match[1]
        start = next(
            (
                above
                for above in range(number - 1, -1, -1)
                if lines[above].lstrip().startswith("-")
                and len(_indent(lines[above])) < len(indent)
                and indent.startswith(_indent(lines[above]))
            ),
            None,
        )
        if start is None:
            continue  # a page's own id: its references name the page, which links do better
        own = _indent(lines[start])
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or _deeper(lines[end], own)):
            end += 1
        block = tuple(line[len(own) :] for line in lines[start:end])
        found[match[2].lower()] = Block(page, tuple(_trimmed(block)), start)
    return found


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _deeper(line: str, indent: str) -> bool:
    own = _indent(line)
    return len(own) > len(indent) and own.startswith(indent)


def _trimmed(lines: tuple[str, ...]) -> list[str]:
    kept = list(lines)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept
