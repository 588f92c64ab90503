"""The view models: what the library returns, and the structuredContent each of the widget's views renders.

Each model here is the contract between one tool's `structuredContent` and the view of the widget
that draws it (widgets/_*_view.js name theirs at the top). Keep them small: ChatGPT shows
structuredContent to the model verbatim, so bulky data (rendered HTML) goes in `_meta`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field


class ReadingProgress(BaseModel):
    """Where the reader is in a book: shown on its card, its cover, and told to the model."""

    chapter: int = Field(description="The chapter the reader was last on.")
    page: int = Field(description="The page of that chapter.")
    percent: int = Field(description="How much of the book lies before that page, by words, 0 to 100.")
    furthest_chapter: int = Field(description="The furthest chapter the reader has reached.")
    read_at: str = Field(description="When the reader was last there (ISO 8601, UTC).")
    label: str | None = Field(
        default=None,
        description=(
            "What list-books calls that chapter: the book's own numbering ('4.2'), its number in a book "
            "that numbers none, or nothing for an unnumbered chapter such as a preface."
        ),
    )


class BookCard(BaseModel):
    """One book as the library lists it."""

    slug: str = Field(description="The book's id; pass it as `book` to open-book and read-chapter.")
    title: str
    author: str | None = None
    description: str | None = None
    language: str | None = Field(
        default=None, description="BCP 47 tag from the front matter, e.g. 'en', 'zh'."
    )
    chapters: int = Field(description="How many chapters the book has.")
    words: int
    minutes: int = Field(description="Estimated reading time of the whole book, in minutes.")
    progress: ReadingProgress | None = Field(
        default=None, description="Where the reader is, if they have begun."
    )


class LibraryView(BaseModel):
    """structuredContent of list-books: rendered by the widget's library view."""

    books: list[BookCard] = Field(description="The books on this page, by title.")
    total: int = Field(description="How many books the library has (that match `query`, if given).")
    page: int = Field(description="This page of the list, 1-based.")
    pages: int = Field(description="How many pages the list has.")
    query: str | None = Field(default=None, description="The search this list is limited to, if any.")
    continue_reading: BookCard | None = Field(
        default=None, description="The book the reader read last, if any."
    )


class ContentsEntry(BaseModel):
    """One chapter in a book's contents; `depth` and `part` give the contents its shape as a tree."""

    number: int = Field(description="1-based chapter number; pass it as `chapter` to read-chapter.")
    title: str
    label: str | None = Field(default=None, description="The book's own numbering, e.g. '4.2'.")
    depth: int = Field(default=0, description="0 for a chapter, 1 for a sub-chapter, and so on.")
    part: str | None = Field(default=None, description="The part of the book this chapter belongs to.")
    minutes: int
    pages: int = Field(description="How many pages read-chapter splits this chapter into.")


class BookmarkEntry(BaseModel):
    id: int
    chapter: int
    page: int
    title: str = Field(description="The chapter's title.")
    label: str | None = Field(default=None, description="The book's own number for the chapter, e.g. '4.2'.")


class BookView(BookCard):
    """structuredContent of open-book: rendered by the widget's book view."""

    numbered: bool = Field(
        default=False,
        description="Whether the book numbers its chapters itself: then one without a label has no number.",
    )
    contents: list[ContentsEntry]
    highlights: int = Field(
        default=0, description="How many passages the reader has highlighted in this book."
    )
    bookmarks: list[BookmarkEntry] = Field(
        default_factory=list, description="The pages the reader bookmarked."
    )
    spoiler_safe: bool = Field(
        default=True, description="Whether help keeps to what the reader has read so far."
    )


class ChapterView(BaseModel):
    """structuredContent of read-chapter: rendered by the widget's chapter view.

    The page's HTML travels in the result's `_meta["chapterwise/html"]`, for the widget only.
    """

    book: str = Field(description="The book's slug.")
    book_title: str
    language: str | None = None
    chapter: int = Field(description="This chapter's number, 1-based.")
    chapters: int = Field(description="How many chapters the book has.")
    title: str
    label: str | None = Field(
        default=None, description="The book's own numbering of this chapter, e.g. '4.2'."
    )
    numbered: bool = Field(
        default=False,
        description=(
            "Whether the book numbers its chapters itself: then one without a label, such as a "
            "preface, has no number."
        ),
    )
    trail: list[str] = Field(
        default_factory=list, description="Where the chapter sits: its part, then the chapters it is under."
    )
    page: int = Field(description="The page of this chapter shown, 1-based.")
    pages: int = Field(description="How many pages this chapter has.")
    words: int = Field(description="Words in the whole chapter.")
    minutes: int = Field(description="Estimated reading time of the whole chapter, in minutes.")
    at: str | None = Field(default=None, description="The passage asked for with `at`, on this page.")
    first_passage: int | None = Field(
        default=None,
        description="The number of this page's first passage in the chapter (citations count on).",
    )
    furthest_chapter: int | None = Field(
        default=None, description="The furthest chapter the reader has reached."
    )
    spoiler_safe: bool = Field(
        default=True, description="Whether help keeps to what the reader has read so far."
    )
    bookmark: int | None = Field(
        default=None, description="The id of the reader's bookmark on this page, if any."
    )
    previous_title: str | None = Field(default=None, description="Title of the previous chapter, if any.")
    next_title: str | None = Field(default=None, description="Title of the next chapter, if any.")


@dataclass(frozen=True, slots=True)
class ChapterPage:
    """One page of one chapter, as the library hands it to read-chapter."""

    view: ChapterView
    html: str
    markdown: str
    # The reader's highlights on this page ({id, anchor, quote, colour, note}), for the widget only.
    highlights: list[dict[str, Any]] = field(default_factory=list)


class SearchHit(BaseModel):
    """One passage that matches a search, with where it is and a snippet around the match."""

    book: str = Field(description="The book's slug.")
    book_title: str
    chapter: int = Field(description="The chapter's number; pass it to read-chapter with `at`.")
    chapter_title: str
    page: int = Field(description="The page of the chapter the passage is on.")
    anchor: str = Field(description="The passage's anchor: read-chapter's `at` opens the chapter there.")
    citation: str = Field(description="How to cite the passage: [¶ citation], chapter.passage.")
    snippet: list[str] = Field(description="The text around the match as [plain, hit, plain, hit, …, plain].")


class SearchView(BaseModel):
    """structuredContent of search: rendered by the widget's search view."""

    query: str
    book: str | None = Field(default=None, description="The book the search was limited to, if any.")
    book_title: str | None = None
    hits: list[SearchHit] = Field(description="The passages on this page of results, best match first.")
    total: int = Field(description="How many passages match (at most the count limit; see `more`).")
    more: bool = Field(default=False, description="More passages match than `total` counts.")
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class ChapterText:
    """A whole chapter, every page in order, as the model reads it: a chapter resource's text."""

    book: str
    book_title: str
    chapter: int
    title: str
    markdown: str


class HighlightEntry(BaseModel):
    """A passage the reader highlighted, with the note they wrote, if any."""

    id: int
    book: str
    book_title: str | None = Field(description="None when the book was removed and the highlight kept.")
    chapter: int
    chapter_title: str | None = None
    chapter_label: str | None = Field(
        default=None, description="The book's own number for the chapter, e.g. '4.2'."
    )
    anchor: str
    citation: str | None = Field(default=None, description="chapter.passage, to cite as [¶ 3.12].")
    quote: str
    colour: str
    note: str | None = None
    changed: bool = Field(default=False, description="The passage changed in a later import of the book.")
    created_at: str


class NotesView(BaseModel):
    """structuredContent of read-notes: rendered by the widget's notes view."""

    book: str | None = Field(default=None, description="The book the notes are limited to, if any.")
    book_title: str | None = None
    chapter: int | None = Field(default=None, description="The chapter the notes are limited to, if any.")
    highlights: list[HighlightEntry]
    bookmarks: list[BookmarkEntry]
