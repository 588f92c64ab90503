"""Readers: who each one is, where they are in each book, and what the other modules ask of that.

Readers are keys ("local", "host:…") that app/tools/base.py resolves for each call; a reader's
row is made the first time they write, so reading alone leaves no trace.
"""

from __future__ import annotations

import math
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, String, bindparam, case, cast, exists, func, or_, select

from app.library.shelf import CARD_COLUMNS, upsert
from app.schema import bookmarks, books, chapters, highlights, pages, passages, progress, readers
from app.views import ReadingProgress


def reader_id_for(connection: Connection, key: str) -> int:
    """A reader's row id, made on their first write (two first writes at once still make one row)."""
    found = known_reader(connection, key)
    if found is not None:
        return found
    connection.execute(
        upsert(connection, readers).values(key=key).on_conflict_do_nothing(index_elements=[readers.c.key])
    )
    return int(connection.execute(select(readers.c.id).where(readers.c.key == key)).scalar_one())


def known_reader(connection: Connection, key: str | None) -> int | None:
    """A reader's row id if they have one: reading alone never makes one."""
    return None if key is None else connection.scalar(select(readers.c.id).where(readers.c.key == key))


# The reader's row id as a column of the statement that needs it (bind `reader`, the key): a
# reader who has never saved anything has no row, and learning that costs no statement of its own.
READER_ID = select(readers.c.id).where(readers.c.key == bindparam("reader")).scalar_subquery()


def shelf_progress(
    connection: Connection, reader_id: int, book_ids: list[int], *, lead: bool
) -> list[tuple[dict[str, Any], ReadingProgress]]:
    """The reader's progress in these books, each with the book's card, most recent first.

    With `lead`, the book they read last comes first even when it is not among `book_ids`.
    """
    rows = connection.execute(
        _LEADING_PROGRESS if lead else _PROGRESS, {"reader_id": reader_id, "book_ids": book_ids}
    )
    return [({**row._mapping}, progress_of(row, label=row.chapter_label)) for row in rows]


# What the library's Continue button calls the chapter: the book's own numbering ("4.2"), else its
# number in a book that numbers none; nothing for an unnumbered chapter (a preface) of a book that
# numbers the others, where "chapter 1" would contradict the book (the book view does the same).
_LABELLED = chapters.alias("labelled")
_CHAPTER_NAME = case(
    (chapters.c.label.is_not(None), chapters.c.label),
    (
        ~exists().where(_LABELLED.c.book_id == books.c.id, _LABELLED.c.label.is_not(None)),
        cast(progress.c.chapter, String),
    ),
    else_=None,
)
# Every book the reader has begun, with its card and where they are in it, most recent first.
_BEGUN = (
    select(
        *CARD_COLUMNS,
        progress.c.chapter,
        progress.c.page,
        progress.c.percent,
        progress.c.furthest_chapter,
        progress.c.updated_at,
        _CHAPTER_NAME.label("chapter_label"),
    )
    .join(progress, progress.c.book_id == books.c.id)
    .outerjoin(chapters, (chapters.c.book_id == books.c.id) & (chapters.c.number == progress.c.chapter))
    .where(progress.c.reader_id == bindparam("reader_id"))
    .order_by(progress.c.updated_at.desc())
)
_ON_SHELF = books.c.id.in_(bindparam("book_ids", expanding=True))
_READ_LAST = (
    progress.c.updated_at
    == select(func.max(progress.c.updated_at))
    .where(progress.c.reader_id == bindparam("reader_id"))
    .scalar_subquery()
)
_PROGRESS = _BEGUN.where(_ON_SHELF)
_LEADING_PROGRESS = _BEGUN.where(or_(_ON_SHELF, _READ_LAST))


def passage_in(connection: Connection, slug: str, chapter: int, anchor: str) -> bool:
    return (
        connection.scalar(
            select(passages.c.id)
            .join(pages, pages.c.id == passages.c.page_id)
            .join(chapters, chapters.c.id == pages.c.chapter_id)
            .join(books, books.c.id == chapters.c.book_id)
            .where(books.c.slug == slug, chapters.c.number == chapter, passages.c.anchor == anchor)
            .limit(1)
        )
        is not None
    )


def percent_read(connection: Connection, book_id: int, chapter: int, page: int, pages_in_chapter: int) -> int:
    before, this, total = connection.execute(
        select(
            func.coalesce(func.sum(chapters.c.words).filter(chapters.c.number < chapter), 0),
            func.coalesce(func.sum(chapters.c.words).filter(chapters.c.number == chapter), 0),
            func.coalesce(func.sum(chapters.c.words), 0),
        ).where(chapters.c.book_id == book_id)
    ).one()
    if not total:
        return 0
    return min(100, math.floor(100 * (before + this * (page - 1) / pages_in_chapter) / total))


def progress_of(row: Any, *, label: str | None = None) -> ReadingProgress:
    read_at = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    return ReadingProgress(
        chapter=row.chapter,
        page=row.page,
        percent=row.percent,
        furthest_chapter=row.furthest_chapter,
        read_at=read_at.isoformat(),
        label=label,
    )


def readers_with_notes(connection: Connection, slug: str) -> int:
    """How many readers have a highlight or a bookmark in the book."""
    everyone = (
        select(highlights.c.reader_id)
        .where(highlights.c.book_slug == slug)
        .union(select(bookmarks.c.reader_id).where(bookmarks.c.book_slug == slug))
    )
    return connection.scalar(select(func.count()).select_from(everyone.subquery())) or 0
