"""The book draft: what ingest produces and the library stores, with no database in sight."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BlockDraft:
    """One top-level block of a page (paragraph, list, code block, table, heading): a passage."""

    anchor: str  # its element id in the page's HTML, unique in the book and stable across edits elsewhere
    text: str  # its plain text, for the search index


@dataclass(frozen=True, slots=True)
class PageDraft:
    """One page of a chapter: long chapters are cut at block boundaries to keep tool results small."""

    html: str  # for the widget: sanitised, each top-level block carrying id=<its anchor>
    markdown: str  # for the model: the same page as Markdown, with no raw HTML
    words: int
    blocks: tuple[BlockDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class ChapterDraft:
    title: str
    words: int
    minutes: int
    pages: tuple[PageDraft, ...]
    depth: int = 0  # 0 for a chapter, 1 for a sub-chapter ("4.2"), and so on
    label: str | None = None  # the book's own numbering, when it has one
    part: str | None = None  # the part of the book this chapter belongs to


@dataclass(frozen=True, slots=True)
class BookDraft:
    slug: str
    title: str
    author: str | None
    language: str | None
    description: str | None
    chapters: tuple[ChapterDraft, ...]
    # A digest of every byte the book was made from (and of INGEST_VERSION): re-importing
    # identical sources is recognised, and skipped, before anything is parsed.
    source_hash: str
    # Problems that did not stop the import (a picture that could not be shown), one line each.
    warnings: tuple[str, ...] = ()
    origin: str | None = None  # the resolved path the book was read from; None for books given as text
    slug_given: bool = False  # the front matter (or the person importing) chose the slug

    @property
    def words(self) -> int:
        return sum(chapter.words for chapter in self.chapters)

    @property
    def minutes(self) -> int:
        return sum(chapter.minutes for chapter in self.chapters)
