"""Ingest: Markdown files, folders, mdBooks and docs sites in, book drafts out (see content/README.md).

roots = find_books(path)                 # a series folder gives one root per sub-folder
source = load_book(root)                 # all the I/O: files read and checked, digest known
draft = source.parse(progress=None)      # pure: chapters cut, pages rendered and sanitised
"""

from __future__ import annotations

from pathlib import Path

from app.ingest.book import parse_book
from app.ingest.draft import BlockDraft, BookDraft, ChapterDraft, PageDraft
from app.ingest.folders import find_books
from app.ingest.highlight import stylesheet as highlight_css
from app.ingest.limits import MAX_FILE_BYTES, MAX_PAGE_BYTES, MAX_PICTURE_BYTES, PAGE_WORD_BUDGET
from app.ingest.naming import slugify
from app.ingest.source import INGEST_VERSION, BookSource, load_book
from app.ingest.sourcefile import SourceFile

__all__ = [
    "INGEST_VERSION",
    "MAX_FILE_BYTES",
    "MAX_PAGE_BYTES",
    "MAX_PICTURE_BYTES",
    "PAGE_WORD_BUDGET",
    "BlockDraft",
    "BookDraft",
    "BookSource",
    "ChapterDraft",
    "PageDraft",
    "SourceFile",
    "find_books",
    "highlight_css",
    "load_book",
    "parse_book",
    "read_book",
    "render_markdown",
    "slugify",
]


def read_book(path: Path) -> BookDraft:
    """Load one book root (see find_books) and parse it."""
    return load_book(path).parse()


def render_markdown(markdown: str) -> str:
    """Markdown given as text, rendered and sanitised as a one-chapter book's pages are."""
    draft = parse_book([SourceFile("text.md", markdown)], slug="text")
    return "".join(page.html for chapter in draft.chapters for page in chapter.pages)
