"""A book's files as parse() receives them: text read and checked, with each file's place in the book."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One Markdown file's text, with the path its messages name."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class ChapterFile:
    """A file of the book, ready to parse: front matter taken off, includes resolved, its place known."""

    source: SourceFile
    name: PurePosixPath  # its path inside the book: links and pictures are found relative to it
    front: Mapping[str, str]
    title: str | None = None  # from the table of contents
    depth: int = 0
    label: str | None = None
    part: str | None = None
    role: Literal["chapter", "intro"] = "chapter"
