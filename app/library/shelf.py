"""What every part of the library shares: books as cards, finding a book by its slug or title, and counting pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Result, Row, Table, bindparam, func, select

from app.errors import AmbiguousBook, BookNotFound, ChapterNotFound, Shelved
from app.schema import books, chapters
from app.views import BookCard, ReadingProgress

# list-books shows the library a page at a time: a shelf of 24 cards is about 6 KB of
# structuredContent, where a 200-book library in one result would be near 50 KB (~12k tokens).
BOOKS_PER_PAGE = 24

# How many books a "no such book" error names.
_NAMED_IN_ERRORS = 8

CARD_COLUMNS = (
    books.c.id,
    books.c.slug,
    books.c.title,
    books.c.author,
    books.c.description,
    books.c.language,
    books.c.chapter_count.label("chapters"),
    books.c.words,
    books.c.minutes,
)

# Every book as a card, by title. The slug breaks ties between equal titles, so that pages of the
# list never overlap or skip a book.
CARDS = select(*CARD_COLUMNS).order_by(func.lower(books.c.title), books.c.slug)
COUNT = select(func.count()).select_from(books)


def card(row: Row[Any, *tuple[Any, ...]], progress: ReadingProgress | None = None) -> BookCard:
    return BookCard.model_validate({**row._mapping, "progress": progress})


def records(result: Result[Any]) -> list[dict[str, Any]]:
    """The rows as dicts keyed by column label (the views' field names, where the columns are theirs).

    Pydantic validates such dicts, a whole list in one pass, several times faster than a model
    built from each Row's attributes one by one.
    """
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


# A book's slug, if `ref` is one (bind `ref`); and a book's title, by slug (bind `slug`). Built
# once: building even a statement this small costs SQLAlchemy more than SQLite takes to run it.
_SLUG = select(books.c.slug).where(books.c.slug == bindparam("ref"))
BOOK_TITLE = select(books.c.title).where(books.c.slug == bindparam("slug"))


def resolve(connection: Connection, ref: str) -> str:
    """The slug of the book `ref` names: its slug, or a title exactly one book has (ignoring case)."""
    if connection.scalar(_SLUG, {"ref": ref}) is not None:
        return ref
    slugs = list(
        connection.scalars(
            select(books.c.slug)
            .where(func.lower(books.c.title) == ref.strip().lower())
            .order_by(books.c.slug)
        )
    )
    if len(slugs) == 1:
        return slugs[0]
    if slugs:
        raise AmbiguousBook(ref, slugs)
    known = connection.execute(
        select(books.c.slug, books.c.title).order_by(books.c.slug).limit(_NAMED_IN_ERRORS)
    ).all()
    total = connection.scalar(select(func.count()).select_from(books)) or 0
    raise BookNotFound(ref, [Shelved(r.slug, r.title) for r in known], total)


def page_count(connection: Connection, slug: str, number: int) -> int:
    """How many pages chapter `number` of the book has; ChapterNotFound when it has no such chapter."""
    row = connection.execute(
        select(books.c.chapter_count, chapters.c.page_count)
        .select_from(books)
        .outerjoin(chapters, (chapters.c.book_id == books.c.id) & (chapters.c.number == number))
        .where(books.c.slug == slug)
    ).one()
    if row.page_count is None:
        raise ChapterNotFound(slug, number, row.chapter_count)
    return int(row.page_count)


def upsert(dialect: str, table: Table) -> Any:
    """INSERT … ON CONFLICT, which SQLite and PostgreSQL both have, each in its own SQLAlchemy dialect
    (`dialect` is the connection's: `connection.dialect.name`)."""
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    from sqlalchemy.dialects import postgresql

    return postgresql.insert(table)
