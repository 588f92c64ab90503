"""A reader's marks as the reading views show them: on a book's cover, on a page, in the notes list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, Result, and_, bindparam, func, select

from app.library.readers import progress_of
from app.schema import bookmarks, books, chapters, highlights, pages, passages, progress, readers
from app.views import BookmarkEntry, HighlightEntry, ReadingProgress


@dataclass(frozen=True, slots=True)
class BookMarks:
    """What a reader has in one book: where they are, how many highlights, which bookmarks."""

    progress: ReadingProgress | None
    highlights: int
    bookmarks: list[BookmarkEntry]
    spoiler_safe: bool


def book_marks(connection: Connection, reader_id: int, book_id: int) -> BookMarks:
    """What the reader has in the book; their id comes from the statement that found the book (READER_ID)."""
    # The setting, the place and the count in one statement; the bookmarks, a list, in a second.
    ids = {"reader_id": reader_id, "book_id": book_id}
    state = connection.execute(_STATE_IN_BOOK, ids).one()
    marked = _bookmarks(connection.execute(_BOOKMARKS_IN_BOOK, ids))
    progress_now = progress_of(state) if state.chapter else None
    return BookMarks(progress_now, state.highlight_count, marked, state.spoiler_safe)


def page_highlights(
    connection: Connection, reader_id: int, book_id: int, chapter: int, page: int
) -> list[dict[str, Any]]:
    """The reader's highlights on one page (their progress and bookmark come with the page: pages.py's _PAGE)."""
    where = {"reader_id": reader_id, "book_id": book_id, "chapter": chapter, "page": page}
    return [dict(row._mapping) for row in connection.execute(_ON_PAGE, where)]


def highlight_entries(connection: Connection, reader_id: int, *where: Any) -> list[HighlightEntry]:
    """The reader's highlights that match `where` (one id, a book, a chapter), in reading order."""
    rows = connection.execute(_HIGHLIGHTS.where(*where), {"reader_id": reader_id})
    return [
        HighlightEntry(
            id=row.id,
            book=row.book_slug,
            book_title=row.book_title,
            chapter=row.chapter,
            chapter_title=row.chapter_title,
            chapter_label=row.chapter_label,
            anchor=row.anchor,
            citation=f"{row.chapter}.{row.position}" if row.position and not row.changed else None,
            quote=row.quote,
            colour=row.colour,
            note=row.note,
            changed=row.changed,
            created_at=(
                row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
            ).isoformat(),
        )
        for row in rows
    ]


def bookmark_entries(connection: Connection, reader_id: int, *where: Any) -> list[BookmarkEntry]:
    """The reader's bookmarks that match `where` (one id, a book, a chapter), in reading order."""
    return _bookmarks(connection.execute(_BOOKMARKS.where(*where), {"reader_id": reader_id}))


def _bookmarks(rows: Result[Any]) -> list[BookmarkEntry]:
    return [
        BookmarkEntry(id=r.id, chapter=r.chapter, page=r.page, title=r.title, label=r.label) for r in rows
    ]


# The statements of the reading views, built once, with the reader and the book bound at each
# call. Building a statement like these costs SQLAlchemy more than SQLite takes to run it (a
# reader with a highlight statement built per page turn read each page three times slower).

# A reader's setting, their place in one book and how many highlights they have there (binds
# `reader_id`, `book_id`).
_STATE_IN_BOOK = (
    select(
        readers.c.spoiler_safe,
        progress,
        select(func.count())
        .where(highlights.c.reader_id == bindparam("reader_id"), highlights.c.book_id == bindparam("book_id"))
        .scalar_subquery()
        .label("highlight_count"),
    )
    .select_from(readers)
    .outerjoin(
        progress, and_(progress.c.reader_id == readers.c.id, progress.c.book_id == bindparam("book_id"))
    )
    .where(readers.c.id == bindparam("reader_id"))
)

# A reader's highlights on one page of a book (binds `reader_id`, `book_id`, `chapter`, `page`).
_ON_PAGE = (
    select(highlights.c.id, highlights.c.anchor, highlights.c.quote, highlights.c.colour, highlights.c.note)
    .where(
        highlights.c.reader_id == bindparam("reader_id"),
        highlights.c.book_id == bindparam("book_id"),
        highlights.c.anchor.in_(
            select(passages.c.anchor)
            .join(pages, pages.c.id == passages.c.page_id)
            .join(chapters, chapters.c.id == pages.c.chapter_id)
            .where(
                chapters.c.book_id == bindparam("book_id"),
                chapters.c.number == bindparam("chapter"),
                pages.c.number == bindparam("page"),
            )
        ),
    )
    .order_by(highlights.c.id)
)

# Where a highlight's passage is in its chapter (its number in a citation, ¶ 3.12), if the book still has it.
_POSITION = (
    select(passages.c.position)
    .join(pages, pages.c.id == passages.c.page_id)
    .join(chapters, chapters.c.id == pages.c.chapter_id)
    .where(chapters.c.book_id == highlights.c.book_id, passages.c.anchor == highlights.c.anchor)
    .limit(1)
    .scalar_subquery()
)

# A reader's highlights (bind `reader_id`), each with its book's title and its passage's citation
# when the book (still) has it, in reading order.
_HIGHLIGHTS = (
    select(
        highlights,
        books.c.title.label("book_title"),
        chapters.c.title.label("chapter_title"),
        chapters.c.label.label("chapter_label"),
        _POSITION.label("position"),
    )
    .outerjoin(books, books.c.id == highlights.c.book_id)
    .outerjoin(
        chapters,
        and_(chapters.c.book_id == highlights.c.book_id, chapters.c.number == highlights.c.chapter),
    )
    .where(highlights.c.reader_id == bindparam("reader_id"))
    .order_by(highlights.c.book_slug, highlights.c.chapter, _POSITION, highlights.c.id)
)

# A reader's bookmarks (bind `reader_id`), each with its chapter's title, in reading order.
_BOOKMARKS = (
    select(
        bookmarks.c.id,
        bookmarks.c.chapter,
        bookmarks.c.page,
        func.coalesce(chapters.c.title, "").label("title"),
        chapters.c.label,
    )
    .outerjoin(
        chapters,
        and_(chapters.c.book_id == bookmarks.c.book_id, chapters.c.number == bookmarks.c.chapter),
    )
    .where(bookmarks.c.reader_id == bindparam("reader_id"))
    .order_by(bookmarks.c.book_slug, bookmarks.c.chapter, bookmarks.c.page)
)
# ... in one book (binds `reader_id`, `book_id`).
_BOOKMARKS_IN_BOOK = _BOOKMARKS.where(bookmarks.c.book_id == bindparam("book_id"))
