"""Readers: who each one is, where they are in each book, and what the other modules ask of that.

Readers are keys ("local", "host:…") that app/tools/base.py resolves for each call; a reader's
row is made the first time they write, so reading alone leaves no trace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, String, and_, bindparam, case, cast, exists, func, or_, select

from app.errors import ChapterNotFound
from app.library.shelf import CARD_COLUMNS, resolve, upsert
from app.schema import bookmarks, books, chapters, highlights, pages, passages, progress, readers
from app.views import ReadingProgress


def reader_id_for(connection: Connection, key: str) -> int:
    """A reader's row id, made on their first write."""
    found = known_reader(connection, key)
    return found if found is not None else _new_reader(connection, key)


def _new_reader(connection: Connection, key: str) -> int:
    # Two first writes at once still make one row: the second insert does nothing.
    connection.execute(
        upsert(connection.dialect.name, readers)
        .values(key=key)
        .on_conflict_do_nothing(index_elements=[readers.c.key])
    )
    return int(connection.execute(_READER, {"reader": key}).scalar_one())


def known_reader(connection: Connection, key: str | None) -> int | None:
    """A reader's row id if they have one: reading alone never makes one."""
    return None if key is None else connection.scalar(_READER, {"reader": key})


# A reader's row id, by their key (bind `reader`).
_READER = select(readers.c.id).where(readers.c.key == bindparam("reader"))
# The same as a column of the statement that needs it: a reader who has never saved anything
# has no row, and learning that costs no statement of its own.
READER_ID = _READER.scalar_subquery()


@dataclass(frozen=True, slots=True)
class Place:
    """A chapter of a book as a reader's write needs it: found, checked and measured by find_place."""

    reader_id: int
    book_id: int
    slug: str
    pages: int
    has_passage: bool  # whether the anchor find_place was given is one of the chapter's passages
    words_before: int
    words_in_chapter: int
    words_in_book: int

    def percent_read(self, page: int) -> int:
        """How much of the book lies before `page` of this chapter, by words."""
        if not self.words_in_book:
            return 0
        before = self.words_before + self.words_in_chapter * (page - 1) / self.pages
        return min(100, math.floor(100 * before / self.words_in_book))


def find_place(
    connection: Connection, ref: str, chapter: int, reader: str, anchor: str | None = None
) -> Place:
    """The chapter a write is about, in the book `ref` names (its slug, or a title as resolve() takes
    it), with the reader's row id (made on their first write).

    Raises what resolve() raises for a book, and ChapterNotFound for a chapter the book lacks. The
    common case, a slug and a reader who has a row, costs one statement.
    """
    found = connection.execute(
        _PLACE, {"slug": ref, "number": chapter, "reader": reader, "anchor": anchor}
    ).one_or_none()
    if found is None:
        slug = resolve(connection, ref)  # a title, or BookNotFound
        found = connection.execute(
            _PLACE, {"slug": slug, "number": chapter, "reader": reader, "anchor": anchor}
        ).one()
    if found.pages is None:
        raise ChapterNotFound(found.slug, chapter, found.chapter_count)
    return Place(
        reader_id=found.reader_id if found.reader_id is not None else _new_reader(connection, reader),
        book_id=found.book_id,
        slug=found.slug,
        pages=found.pages,
        has_passage=bool(found.has_passage),
        words_before=found.words_before,
        words_in_chapter=found.words_in_chapter,
        words_in_book=found.words_in_book,
    )


_EVERY_CHAPTER = chapters.alias("every_chapter")


def _words(*where: Any) -> Any:
    """How many words the book's chapters that match `where` hold, as a column of _PLACE."""
    return (
        select(func.coalesce(func.sum(_EVERY_CHAPTER.c.words), 0))
        .where(_EVERY_CHAPTER.c.book_id == books.c.id, *where)
        .scalar_subquery()
    )


# A book found by slug, with one of its chapters (joined outside, so that a missing chapter still
# finds the book and can be named in the error), and with the reader's row id (bind `reader`).
_PLACE = (
    select(
        books.c.id.label("book_id"),
        books.c.slug,
        books.c.chapter_count,
        chapters.c.page_count.label("pages"),
        chapters.c.words.label("words_in_chapter"),
        _words(_EVERY_CHAPTER.c.number < bindparam("number")).label("words_before"),
        _words().label("words_in_book"),
        # Always false for anchor=None: no passage's anchor equals NULL.
        exists()
        .where(
            passages.c.anchor == bindparam("anchor"),
            passages.c.page_id == pages.c.id,
            pages.c.chapter_id == chapters.c.id,
        )
        .label("has_passage"),
        READER_ID.label("reader_id"),
    )
    .select_from(books)
    .outerjoin(chapters, and_(chapters.c.book_id == books.c.id, chapters.c.number == bindparam("number")))
    .where(books.c.slug == bindparam("slug"))
)


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
# numbers the others, where "chapter 1" would contradict the book (the book view and the reader do
# the same).
_CHAPTER_NAME = case(
    (chapters.c.label.is_not(None), chapters.c.label),
    (~books.c.numbered, cast(progress.c.chapter, String)),
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
