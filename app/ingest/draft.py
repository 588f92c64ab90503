"""The book draft: what ingest produces and the library stores, with no database in sight."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BlockDraft:
    """One top-level block of a page (a paragraph, a list, a code block, a table, a heading…)."""

    anchor: str  # its stable id: the block's element in PageDraft.html has id=<anchor>
    text: str  # its plain text, for searching


@dataclass(frozen=True, slots=True)
class PageDraft:
    """One page of a chapter: chapters are cut between blocks to keep every tool result small."""

    html: str  # for the widget: sanitised and highlighted, every top-level block with its id
    markdown: str  # for the model: the same page as Markdown, with no raw HTML
    words: int
    blocks: tuple[BlockDraft, ...]


@dataclass(frozen=True, slots=True)
class ChapterDraft:
    title: str  # plain text
    words: int
    minutes: int
    pages: tuple[PageDraft, ...]
    depth: int = 0  # 0 for a top-level chapter, 1 for a sub-chapter ("4.2"), and so on
    label: str | None = None  # the book's own numbering ("4.2"), when it has one
    part: str | None = None  # the title of the part the chapter belongs to, if the book has parts


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
    origin: str | None = None  # the resolved path the book was read from; None for a book given as text
    slug_given: bool = False  # the front matter (or the caller) chose the slug, rather than a file name

    @property
    def words(self) -> int:
        return sum(chapter.words for chapter in self.chapters)

    @property
    def minutes(self) -> int:
        return sum(chapter.minutes for chapter in self.chapters)
