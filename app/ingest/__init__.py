"""Ingest: Markdown files, folders and mdBooks in, book drafts out (see content/README.md)."""

from __future__ import annotations

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
    "ChapterDraft",
    "PageDraft",
    "SourceFile",
    "find_books",
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
