"""The book draft: what ingest produces and the library stores, with no database in sight."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageDraft:
    """One page of a chapter: long chapters are cut at block boundaries to keep tool results small."""

    html: str
    text: str
    words: int


@dataclass(frozen=True, slots=True)
class ChapterDraft:
    title: str
    markdown: str
    html: str
    text: str
    words: int
    minutes: int
    pages: tuple[PageDraft, ...]


@dataclass(frozen=True, slots=True)
class BookDraft:
    slug: str
    title: str
    author: str | None
    language: str | None
    description: str | None
    chapters: tuple[ChapterDraft, ...]
    # A digest of the source text: re-importing identical content is recognised and skipped.
    source_hash: str
    # Problems that did not stop the import (a picture that could not be shown), one line each.
    warnings: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return sum(chapter.words for chapter in self.chapters)

    @property
    def minutes(self) -> int:
        return sum(chapter.minutes for chapter in self.chapters)
