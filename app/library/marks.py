"""A reader's marks as the reading views show them: on a book's cover, on a page, in the notes list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, and_, func, select

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
    counted = (
        select(func.count())
        .where(highlights.c.reader_id == reader_id, highlights.c.book_id == book_id)
        .scalar_subquery()
    )
    state = connection.execute(
        select(readers.c.spoiler_safe, progress, counted.label("highlight_count"))
        .select_from(readers)
        .outerjoin(progress, and_(progress.c.reader_id == readers.c.id, progress.c.book_id == book_id))
        .where(readers.c.id == reader_id)
    ).one()
    marked = bookmark_entries(connection, reader_id, bookmarks.c.book_id == book_id)
    progress_now = progress_of(state) if state.chapter else None
    return BookMarks(progress_now, state.highlight_count, marked, state.spoiler_safe)


def page_highlights(
    connection: Connection, reader_id: int, book_id: int, chapter: int, page: int
) -> list[dict[str, Any]]:
    """The reader's highlights on one page (their progress and bookmark come with the page: pages.py's _PAGE)."""
    on_page = (
        select(passages.c.anchor)
        .join(pages, pages.c.id == passages.c.page_id)
        .join(chapters, chapters.c.id == pages.c.chapter_id)
        .where(chapters.c.book_id == book_id, chapters.c.number == chapter, pages.c.number == page)
    )
    rows = connection.execute(
        select(
            highlights.c.id, highlights.c.anchor, highlights.c.quote, highlights.c.colour, highlights.c.note
        )
        .where(
            highlights.c.reader_id == reader_id,
            highlights.c.book_id == book_id,
            highlights.c.anchor.in_(on_page),
        )
        .order_by(highlights.c.id)
    ).all()
    return [dict(r._mapping) for r in rows]


def highlight_entries(connection: Connection, reader_id: int, *where: Any) -> list[HighlightEntry]:
    # Each highlight with its book's title and its passage's citation, when the book (still) has it.
    position = (
        select(passages.c.position)
        .join(pages, pages.c.id == passages.c.page_id)
        .join(chapters, chapters.c.id == pages.c.chapter_id)
        .where(chapters.c.book_id == highlights.c.book_id, passages.c.anchor == highlights.c.anchor)
        .limit(1)
        .scalar_subquery()
    )
    rows = connection.execute(
        select(
            highlights,
            books.c.title.label("book_title"),
            chapters.c.title.label("chapter_title"),
            chapters.c.label.label("chapter_label"),
            position.label("position"),
        )
        .outerjoin(books, books.c.id == highlights.c.book_id)
        .outerjoin(
            chapters,
            and_(chapters.c.book_id == highlights.c.book_id, chapters.c.number == highlights.c.chapter),
        )
        .where(highlights.c.reader_id == reader_id, *where)
        .order_by(highlights.c.book_slug, highlights.c.chapter, position, highlights.c.id)
    ).all()
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
    rows = connection.execute(
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
        .where(bookmarks.c.reader_id == reader_id, *where)
        .order_by(bookmarks.c.book_slug, bookmarks.c.chapter, bookmarks.c.page)
    ).all()
    return [
        BookmarkEntry(id=r.id, chapter=r.chapter, page=r.page, title=r.title, label=r.label) for r in rows
    ]
