"""Ingest: Markdown files, folders and mdBooks in, book drafts out (see content/README.md)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.ingest.book import parse_book, slugify
from app.ingest.draft import BookDraft, ChapterDraft, PageDraft
from app.ingest.pictures import MAX_PICTURE_BYTES
from app.ingest.render import render_markdown
from app.ingest.sources import MAX_FILE_BYTES, SourceFile, find_books, load, picture_reader
from app.ingest.split import PAGE_WORD_BUDGET

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PICTURE_BYTES",
    "PAGE_WORD_BUDGET",
    "BookDraft",
    "BookSource",
    "ChapterDraft",
    "PageDraft",
    "SourceFile",
    "find_books",
    "load_book",
    "parse_book",
    "read_book",
    "render_markdown",
    "slugify",
]


def read_book(path: Path) -> BookDraft:
    """Read one book root (see find_books) from disk and parse it."""
    source = load(path)
    name = path.stem if path.is_file() else path.name
    return parse_book(
        source.files,
        slug=slugify(name),
        metadata=source.metadata,
        titles=source.titles,
        pictures=picture_reader(path),
    )


@dataclass(frozen=True, slots=True)
class BookSource:
    """A book read from disk but not yet parsed: enough to tell whether it changed since its last import."""

    root: Path
    slug: str
    slug_given: bool
    slug_reason: str
    origin: str
    source_hash: str
    title: str | None

    def parse(self, progress: Callable[[int, int], None] | None = None) -> BookDraft:
        draft = read_book(self.root)
        changes = {
            "slug": self.slug,
            "origin": self.origin,
            "slug_given": self.slug_given,
            "source_hash": self.source_hash,
        }
        if self.title:
            changes["title"] = self.title
        return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def load_book(root: Path, *, slug: str | None = None, title: str | None = None) -> BookSource:
    """Read a book root's files (not parse them yet): its proposed slug and a digest of its bytes."""
    source = load(root)
    name = root.stem if root.is_file() else root.name
    digest = hashlib.sha256(b"shim")
    for file in source.files:
        digest.update(file.text.encode())
    return BookSource(
        root=root,
        slug=slug or slugify(name),
        slug_given=slug is not None,
        slug_reason="given with --slug" if slug else f"from the name '{name}'",
        origin=str(root.resolve()),
        source_hash=digest.hexdigest(),
        title=title,
    )
