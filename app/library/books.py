"""Browsing the books: the shelf a page at a time, and a book's cover and contents (pages.py reads the chapters)."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Engine, Select, bindparam, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.errors import ShelfPageNotFound
from app.library.marks import book_marks
from app.library.readers import READER_ID, shelf_progress
from app.library.shelf import (
    BOOKS_PER_PAGE,
    CARD_COLUMNS,
    CARDS,
    COUNT,
    card,
    records,
    resolve,
)
from app.schema import books, chapters
from app.views import BookCard, BookView, ContentsEntry, LibraryView

__all__ = ["BOOKS_PER_PAGE", "Books"]


class Books:
    """The shelf and the books on it (app/library/__init__.py puts the parts of the library together)."""

    engine: Engine

    def list_books(
        self, query: str | None = None, page: int = 1, *, reader: str | None = None
    ) -> LibraryView:
        """One page of the library by title; with a query, only books whose title, author or slug has it.

        With a reader, each card carries where they are in it, and the first page of the whole
        library leads with the book they read last.
        """
        query = (query or "").strip() or None
        count, shelf = COUNT, _SHELF
        if query is not None:
            match = _matching(query)
            count = count.where(match)
            shelf = shelf_page(count).where(match)
        with self.engine.connect() as connection:
            skip = (page - 1) * BOOKS_PER_PAGE
            cards = records(connection.execute(shelf, {"skip": skip, "reader": reader}))
            # The total and the reader's id ride along on every card; a page past the end has none.
            total = cards[0]["total"] if cards else connection.scalar(count) or 0
            reader_id = cards[0]["reader_id"] if cards else None
            lead = query is None and page == 1
            begun = (
                shelf_progress(connection, reader_id, [book["id"] for book in cards], lead=lead)
                if reader_id is not None
                else []
            )
        last = max(1, math.ceil(total / BOOKS_PER_PAGE))
        if page > last:
            raise ShelfPageNotFound(page, last, total, BOOKS_PER_PAGE, query)
        by_id = {book["id"]: book for book in cards}
        for book, where in begun:
            by_id.setdefault(book["id"], book)["progress"] = where
        # The first page of the whole library leads with the book read last (begun's first), on
        # this page or not.
        leading = by_id[begun[0][0]["id"]] if lead and begun else None
        return LibraryView.model_validate(
            {
                "books": cards,
                "total": total,
                "page": page,
                "pages": last,
                "query": query,
                "continue_reading": leading,
            }
        )

    def all_books(self) -> list[BookCard]:
        """Every book, by title (the command line's `list`: a terminal has room for them all)."""
        with self.engine.connect() as connection:
            return [BookCard.model_validate(book) for book in records(connection.execute(CARDS))]

    def open_book(self, ref: str, *, reader: str | None = None) -> BookView:
        """A book's card and its contents, found by slug (or by a title only one book has).

        With a reader: where they are in it, how many passages they highlighted, their bookmarks.
        """
        with self.engine.connect() as connection:
            rows = connection.execute(_CONTENTS, {"slug": ref, "reader": reader}).all()
            if not rows:
                return self.open_book(resolve(connection, ref), reader=reader)
            reader_id = rows[0].reader_id
            marks = book_marks(connection, reader_id, rows[0].id) if reader_id is not None else None
        contents = [
            ContentsEntry(
                number=r.number,
                title=r.chapter_title,
                label=r.label,
                depth=r.depth,
                part=r.part,
                minutes=r.chapter_minutes,
                pages=r.pages,
            )
            for r in rows
        ]
        opened = card(rows[0], marks.progress if marks else None)
        if marks is None:
            return BookView(**opened.model_dump(), numbered=rows[0].numbered, contents=contents)
        return BookView(
            **opened.model_dump(),
            numbered=rows[0].numbered,
            contents=contents,
            highlights=marks.highlights,
            bookmarks=marks.bookmarks,
            spoiler_safe=marks.spoiler_safe,
        )


# A book and all of its contents in one query: one row a chapter, the book's columns on each.
_CONTENTS = (
    select(
        *CARD_COLUMNS,
        books.c.numbered,
        chapters.c.number,
        chapters.c.title.label("chapter_title"),
        chapters.c.label,
        chapters.c.depth,
        chapters.c.part,
        chapters.c.minutes.label("chapter_minutes"),
        chapters.c.page_count.label("pages"),
        READER_ID.label("reader_id"),
    )
    .join(chapters, chapters.c.book_id == books.c.id)
    .where(books.c.slug == bindparam("slug"))
    .order_by(chapters.c.number)
)


def shelf_page(count: Select[int]) -> Select[Any]:
    """One page of cards (`skip` is how many come before it), each carrying the `total` that `count`
    counts and the `reader_id` of the reader whose key is bound as `reader`.

    The count is a subquery SQLite runs once, from the slug index, so the page costs one
    statement. (As a window function, count(*) OVER (), it made SQLite sort every book twice.)
    """
    return (
        CARDS.add_columns(count.scalar_subquery().label("total"), READER_ID.label("reader_id"))
        .limit(BOOKS_PER_PAGE)
        .offset(bindparam("skip"))
    )


# The whole library's first page, the statement list-books runs most.
_SHELF = shelf_page(COUNT)


def _matching(query: str) -> ColumnElement[bool]:
    # autoescape: a '%' or '_' in the query is matched as itself, not as a LIKE wildcard.
    return or_(
        *(
            column.icontains(query, autoescape=True)
            for column in (books.c.title, books.c.author, books.c.slug)
        )
    )
