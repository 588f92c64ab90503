"""The view models: what the library returns, and the structuredContent each of the widget's views renders.

Each model here is the contract between one tool's `structuredContent` and the view of the widget
that draws it (widgets/_*_view.js name theirs at the top). Keep them small: ChatGPT shows
structuredContent to the model verbatim, so bulky data (rendered HTML) goes in `_meta`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field


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


class LibraryView(BaseModel):
    """structuredContent of list-books: rendered by the widget's library view."""

    books: list[BookCard] = Field(description="The books on this page, by title.")
    total: int = Field(description="How many books the library has (that match `query`, if given).")
    page: int = Field(description="This page of the list, 1-based.")
    pages: int = Field(description="How many pages the list has.")
    query: str | None = Field(default=None, description="The search this list is limited to, if any.")


class ContentsEntry(BaseModel):
    """One chapter in a book's contents; `depth` and `part` give the contents its shape as a tree."""

    number: int = Field(description="1-based chapter number; pass it as `chapter` to read-chapter.")
    title: str
    label: str | None = Field(default=None, description="The book's own numbering, e.g. '4.2'.")
    depth: int = Field(default=0, description="0 for a chapter, 1 for a sub-chapter, and so on.")
    part: str | None = Field(default=None, description="The part of the book this chapter belongs to.")
    minutes: int
    pages: int = Field(description="How many pages read-chapter splits this chapter into.")


class BookView(BookCard):
    """structuredContent of open-book: rendered by the widget's book view."""

    contents: list[ContentsEntry]


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
    trail: list[str] = Field(
        default_factory=list, description="Where the chapter sits: its part, then the chapters it is under."
    )
    page: int = Field(description="The page of this chapter shown, 1-based.")
    pages: int = Field(description="How many pages this chapter has.")
    words: int = Field(description="Words in the whole chapter.")
    minutes: int = Field(description="Estimated reading time of the whole chapter, in minutes.")
    at: str | None = Field(default=None, description="The passage asked for with `at`, on this page.")
    previous_title: str | None = Field(default=None, description="Title of the previous chapter, if any.")
    next_title: str | None = Field(default=None, description="Title of the next chapter, if any.")


@dataclass(frozen=True, slots=True)
class ChapterPage:
    """One page of one chapter, as the library hands it to read-chapter."""

    view: ChapterView
    html: str
    markdown: str
