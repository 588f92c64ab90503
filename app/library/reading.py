"""Reading state: where each reader is in each book, the passages they highlighted, and the pages they marked.

Every statement here names its reader: no read returns, and no write touches, another reader's
rows. Readers are keys ("local", "host:…") that app/tools/base.py resolves for each call; a
reader's row is made the first time they write, so reading alone leaves no trace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, case, delete, func, insert, select, update

from app.errors import NoteNotFound, NotesWouldBeLost, PageNotFound, PassageNotFound
from app.library.shelf import book_id_of, page_count, resolve
from app.schema import bookmarks, books, chapters, highlights, pages, passages, progress, readers
from app.views import BookmarkEntry, HighlightEntry, NotesView, ReadingProgress


class Reading:
    """The reading-state part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def save_progress(
        self, reader: str, book: str, chapter: int, page: int, anchor: str | None = None
    ) -> ReadingProgress:
        """Where the reader is now: the last write wins, and the furthest chapter reached only ever grows."""
        with self.engine.begin() as connection:
            slug = resolve(connection, book)
            pages_in_chapter = page_count(connection, slug, chapter)
            page = min(page, pages_in_chapter)
            if anchor is not None and not _passage_in(connection, slug, chapter, anchor):
                anchor = None  # a stale anchor from an old page is no reason to lose the position
            book_id = book_id_of(connection, slug)
            percent = _percent(connection, book_id, chapter, page, pages_in_chapter)
            now = datetime.now(UTC)
            values = {
                "chapter": chapter,
                "page": page,
                "anchor": anchor,
                "percent": percent,
                "updated_at": now,
            }
            reader_id = _reader_id(connection, reader)
            # One statement that inserts or updates, so two widgets saving at once never collide.
            furthest = connection.execute(
                _upsert(connection, progress)
                .values(reader_id=reader_id, book_id=book_id, furthest_chapter=chapter, **values)
                .on_conflict_do_update(
                    index_elements=[progress.c.reader_id, progress.c.book_id],
                    set_={
                        **values,
                        "furthest_chapter": case(
                            (progress.c.furthest_chapter < chapter, chapter),
                            else_=progress.c.furthest_chapter,
                        ),
                    },
                )
                .returning(progress.c.furthest_chapter)
            ).scalar_one()
        return ReadingProgress(
            chapter=chapter, page=page, percent=percent, furthest_chapter=furthest, read_at=now.isoformat()
        )

    def save_highlight(
        self,
        reader: str,
        book: str,
        chapter: int,
        anchor: str,
        quote: str,
        colour: str,
        note: str | None = None,
        highlight: int | None = None,
    ) -> HighlightEntry:
        """Highlight a passage (or, given its id, change one of this reader's highlights)."""
        with self.engine.begin() as connection:
            slug = resolve(connection, book)
            page_count(connection, slug, chapter)
            if not _passage_in(connection, slug, chapter, anchor):
                raise PassageNotFound(slug, chapter, anchor)
            reader_id = _reader_id(connection, reader)
            values = {
                "chapter": chapter,
                "anchor": anchor,
                "quote": quote,
                "colour": colour,
                "note": note or None,
            }
            if highlight is None:
                book_id = book_id_of(connection, slug)
                highlight = connection.execute(
                    insert(highlights)
                    .values(reader_id=reader_id, book_slug=slug, book_id=book_id, **values)
                    .returning(highlights.c.id)
                ).scalar_one()
            else:
                mine = and_(highlights.c.id == highlight, highlights.c.reader_id == reader_id)
                done = connection.execute(
                    update(highlights).where(mine).values(**values, changed=False, updated_at=func.now())
                )
                if not done.rowcount:
                    raise NoteNotFound("highlight", highlight)
            [entry] = _highlights(connection, reader_id, highlights.c.id == highlight)
        return entry

    def delete_highlight(self, reader: str, highlight: int) -> HighlightEntry:
        with self.engine.begin() as connection:
            reader_id = _known_reader(connection, reader)
            found = _highlights(connection, reader_id, highlights.c.id == highlight) if reader_id else []
            if not found:
                raise NoteNotFound("highlight", highlight)
            connection.execute(delete(highlights).where(highlights.c.id == highlight))
        return found[0]

    def save_bookmark(self, reader: str, book: str, chapter: int, page: int) -> BookmarkEntry:
        """Mark a page; marking it again changes nothing."""
        with self.engine.begin() as connection:
            slug = resolve(connection, book)
            pages_in_chapter = page_count(connection, slug, chapter)
            if page > pages_in_chapter:
                raise PageNotFound(slug, chapter, page, pages_in_chapter)
            reader_id = _reader_id(connection, reader)
            mark = {"reader_id": reader_id, "book_slug": slug, "chapter": chapter, "page": page}
            connection.execute(
                _upsert(connection, bookmarks)
                .values(**mark, book_id=book_id_of(connection, slug))
                .on_conflict_do_nothing(index_elements=[bookmarks.c[name] for name in mark])
            )
            existing = connection.execute(select(bookmarks.c.id).filter_by(**mark)).scalar_one()
            [entry] = _bookmarks(connection, reader_id, bookmarks.c.id == existing)
        return entry

    def delete_bookmark(self, reader: str, bookmark: int) -> BookmarkEntry:
        with self.engine.begin() as connection:
            reader_id = _known_reader(connection, reader)
            found = _bookmarks(connection, reader_id, bookmarks.c.id == bookmark) if reader_id else []
            if not found:
                raise NoteNotFound("bookmark", bookmark)
            connection.execute(delete(bookmarks).where(bookmarks.c.id == bookmark))
        return found[0]

    def save_spoiler_safe(self, reader: str, spoiler_safe: bool) -> bool:
        with self.engine.begin() as connection:
            reader_id = _reader_id(connection, reader)
            connection.execute(
                update(readers).where(readers.c.id == reader_id).values(spoiler_safe=spoiler_safe)
            )
        return spoiler_safe

    def notes(self, reader: str, book: str | None = None, chapter: int | None = None) -> NotesView:
        """The reader's highlights and bookmarks, in reading order: in one book (or chapter), or in all."""
        with self.engine.connect() as connection:
            slug = resolve(connection, book) if book is not None else None
            title = connection.scalar(select(books.c.title).where(books.c.slug == slug)) if slug else None
            reader_id = _known_reader(connection, reader)
            where = [highlights.c.book_slug == slug] if slug else []
            marks = [bookmarks.c.book_slug == slug] if slug else []
            if chapter is not None:
                where.append(highlights.c.chapter == chapter)
                marks.append(bookmarks.c.chapter == chapter)
            found = _highlights(connection, reader_id, *where) if reader_id else []
            marked = _bookmarks(connection, reader_id, *marks) if reader_id else []
        return NotesView(book=slug, book_title=title, chapter=chapter, highlights=found, bookmarks=marked)

    def notes_on_book(self, book: str) -> tuple[int, int, int]:
        """How many highlights and bookmarks a book has, by how many readers: what removing it would lose."""
        with self.engine.connect() as connection:
            slug = resolve(connection, book)
            counted = [
                connection.execute(
                    select(func.count(), func.count(func.distinct(table.c.reader_id))).where(
                        table.c.book_slug == slug
                    )
                ).one()
                for table in (highlights, bookmarks)
            ]
            everyone = (
                select(highlights.c.reader_id)
                .where(highlights.c.book_slug == slug)
                .union(select(bookmarks.c.reader_id).where(bookmarks.c.book_slug == slug))
            )
            people = connection.scalar(select(func.count()).select_from(everyone.subquery())) or 0
        return counted[0][0], counted[1][0], people


def check_notes_before_removal(connection: Connection, slug: str, keep_notes: bool | None) -> None:
    """Removing a marked book: refuse unless told what to do with the notes; delete them if told to."""
    counts = [
        connection.scalar(select(func.count()).select_from(table).where(table.c.book_slug == slug)) or 0
        for table in (highlights, bookmarks)
    ]
    if not any(counts):
        return
    if keep_notes is None:
        everyone = (
            select(highlights.c.reader_id)
            .where(highlights.c.book_slug == slug)
            .union(select(bookmarks.c.reader_id).where(bookmarks.c.book_slug == slug))
        )
        people = connection.scalar(select(func.count()).select_from(everyone.subquery())) or 0
        raise NotesWouldBeLost(slug, counts[0], counts[1], people)
    if not keep_notes:
        for table in (highlights, bookmarks):
            connection.execute(delete(table).where(table.c.book_slug == slug))
    # Kept notes stay with their slug; the database sets their book_id to NULL as the book goes.


def reattach_notes(connection: Connection, slug: str, book_id: int) -> None:
    """After an import: notes kept from a removed book come back, and each highlight finds its passage again.

    A highlight whose passage is unchanged keeps it (it may be in another chapter now); one whose
    passage changed is flagged, never dropped, so the reader can see what they had marked.
    """
    for table in (highlights, bookmarks):
        connection.execute(update(table).where(table.c.book_slug == slug).values(book_id=book_id))
    found = (
        select(chapters.c.number)
        .select_from(passages)
        .join(pages, pages.c.id == passages.c.page_id)
        .join(chapters, chapters.c.id == pages.c.chapter_id)
        .where(chapters.c.book_id == book_id, passages.c.anchor == highlights.c.anchor)
        .limit(1)
        .scalar_subquery()
    )
    connection.execute(
        update(highlights)
        .where(highlights.c.book_id == book_id)
        .values(chapter=func.coalesce(found, highlights.c.chapter), changed=found.is_(None))
    )


def reading_state(
    connection: Connection, reader: str | None, book_ids: list[int]
) -> dict[int, ReadingProgress]:
    """The reader's progress in each of these books (those they have begun)."""
    reader_id = _known_reader(connection, reader)
    if reader_id is None or not book_ids:
        return {}
    rows = connection.execute(
        select(progress).where(progress.c.reader_id == reader_id, progress.c.book_id.in_(book_ids))
    ).all()
    return {row.book_id: _progress(row) for row in rows}


def last_read(connection: Connection, reader: str | None) -> int | None:
    """The book the reader read most recently."""
    reader_id = _known_reader(connection, reader)
    if reader_id is None:
        return None
    return connection.scalar(
        select(progress.c.book_id)
        .where(progress.c.reader_id == reader_id)
        .order_by(progress.c.updated_at.desc())
        .limit(1)
    )


@dataclass(frozen=True, slots=True)
class BookMarks:
    """What a reader has in one book: where they are, how many highlights, which bookmarks."""

    progress: ReadingProgress | None
    highlights: int
    bookmarks: list[BookmarkEntry]
    spoiler_safe: bool


@dataclass(frozen=True, slots=True)
class PageMarks:
    """What a reader has on one page: how far they have got in the book, a bookmark, highlights."""

    furthest_chapter: int | None
    spoiler_safe: bool
    bookmark: int | None
    highlights: list[dict[str, Any]]


def book_marks(connection: Connection, reader: str | None, book_id: int) -> BookMarks:
    reader_id = _known_reader(connection, reader)
    if reader_id is None:
        return BookMarks(None, 0, [], True)
    state = _reader_state(connection, reader_id, book_id)
    count = connection.scalar(
        select(func.count()).where(highlights.c.reader_id == reader_id, highlights.c.book_id == book_id)
    )
    marked = _bookmarks(connection, reader_id, bookmarks.c.book_id == book_id)
    return BookMarks(_progress(state) if state.chapter else None, count or 0, marked, state.spoiler_safe)


def page_marks(
    connection: Connection, reader: str | None, book_id: int, chapter: int, page: int
) -> PageMarks:
    reader_id = _known_reader(connection, reader)
    if reader_id is None:
        return PageMarks(None, True, None, [])
    state = _reader_state(connection, reader_id, book_id, chapter=chapter, page=page)
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
    return PageMarks(
        state.furthest_chapter, state.spoiler_safe, state.bookmark, [dict(r._mapping) for r in rows]
    )


def _reader_state(
    connection: Connection, reader_id: int, book_id: int, *, chapter: int = 0, page: int = 0
) -> Any:
    """The reader's setting, their progress in the book and their bookmark on one page, in one query."""
    bookmark = (
        select(bookmarks.c.id)
        .where(
            bookmarks.c.reader_id == reader_id,
            bookmarks.c.book_id == book_id,
            bookmarks.c.chapter == chapter,
            bookmarks.c.page == page,
        )
        .scalar_subquery()
    )
    return connection.execute(
        select(readers.c.spoiler_safe, progress, bookmark.label("bookmark"))
        .select_from(readers)
        .outerjoin(progress, and_(progress.c.reader_id == readers.c.id, progress.c.book_id == book_id))
        .where(readers.c.id == reader_id)
    ).one()


def _reader_id(connection: Connection, key: str) -> int:
    """A reader's row id, made on their first write (two first writes at once still make one row)."""
    found = _known_reader(connection, key)
    if found is not None:
        return found
    connection.execute(
        _upsert(connection, readers).values(key=key).on_conflict_do_nothing(index_elements=[readers.c.key])
    )
    return int(connection.execute(select(readers.c.id).where(readers.c.key == key)).scalar_one())


def _known_reader(connection: Connection, key: str | None) -> int | None:
    """A reader's row id if they have one: reading alone never makes one."""
    return None if key is None else connection.scalar(select(readers.c.id).where(readers.c.key == key))


def _upsert(connection: Connection, table: Table) -> Any:
    """INSERT … ON CONFLICT, which SQLite and PostgreSQL both have, each in its own SQLAlchemy dialect."""
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    from sqlalchemy.dialects import postgresql

    return postgresql.insert(table)


def _passage_in(connection: Connection, slug: str, chapter: int, anchor: str) -> bool:
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


def _percent(connection: Connection, book_id: int, chapter: int, page: int, pages_in_chapter: int) -> int:
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


def _progress(row: Any) -> ReadingProgress:
    read_at = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    return ReadingProgress(
        chapter=row.chapter,
        page=row.page,
        percent=row.percent,
        furthest_chapter=row.furthest_chapter,
        read_at=read_at.isoformat(),
    )


def _highlights(connection: Connection, reader_id: int, *where: Any) -> list[HighlightEntry]:
    # Each highlight with its book's title and its passage's citation, when the book (still) has it.
    position = (
        select(passages.c.position)
        .join(pages, pages.c.id == passages.c.page_id)
        .join(chapters, chapters.c.id == pages.c.chapter_id)
        .where(chapters.c.book_id == highlights.c.book_id, passages.c.anchor == highlights.c.anchor)
        .limit(1)
        .scalar_subquery()
    )
    chapter_title = (
        select(chapters.c.title)
        .where(chapters.c.book_id == highlights.c.book_id, chapters.c.number == highlights.c.chapter)
        .scalar_subquery()
    )
    rows = connection.execute(
        select(
            highlights,
            books.c.title.label("book_title"),
            chapter_title.label("chapter_title"),
            position.label("position"),
        )
        .outerjoin(books, books.c.id == highlights.c.book_id)
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


def _bookmarks(connection: Connection, reader_id: int, *where: Any) -> list[BookmarkEntry]:
    rows = connection.execute(
        select(
            bookmarks.c.id,
            bookmarks.c.chapter,
            bookmarks.c.page,
            func.coalesce(chapters.c.title, "").label("title"),
        )
        .outerjoin(
            chapters,
            and_(chapters.c.book_id == bookmarks.c.book_id, chapters.c.number == bookmarks.c.chapter),
        )
        .where(bookmarks.c.reader_id == reader_id, *where)
        .order_by(bookmarks.c.book_slug, bookmarks.c.chapter, bookmarks.c.page)
    ).all()
    return [BookmarkEntry(id=r.id, chapter=r.chapter, page=r.page, title=r.title) for r in rows]
