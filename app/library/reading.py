"""Reading state: where each reader is in each book, the passages they highlighted, and the pages they marked.

Every statement here names its reader: no read returns, and no write touches, another reader's
rows (app/library/readers.py says who a reader is).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Engine, and_, case, delete, func, insert, select, update

from app.errors import NoteNotFound, PageNotFound, PassageNotFound
from app.library.marks import bookmark_entries, highlight_entries
from app.library.readers import find_place, known_reader, reader_id_for, readers_with_notes
from app.library.shelf import BOOK_TITLE, resolve, upsert
from app.schema import bookmarks, highlights, progress, readers
from app.views import BookmarkEntry, HighlightEntry, NotesView, ReadingProgress


@cache
def _progress_upsert(dialect: str) -> Any:
    """save_progress's statement, built once for each kind of database, since the widget saves every
    few seconds and building it cost more than running it. Each call binds a whole progress row;
    on a conflict the row's values win, but the furthest chapter reached only ever grows."""
    new = upsert(dialect, progress)
    return new.on_conflict_do_update(
        index_elements=[progress.c.reader_id, progress.c.book_id],
        set_={
            **{name: new.excluded[name] for name in ("chapter", "page", "anchor", "percent", "updated_at")},
            "furthest_chapter": case(
                (progress.c.furthest_chapter < new.excluded.furthest_chapter, new.excluded.furthest_chapter),
                else_=progress.c.furthest_chapter,
            ),
        },
    ).returning(progress.c.furthest_chapter)


class Reading:
    """The reading-state part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def save_progress(
        self, reader: str, book: str, chapter: int, page: int, anchor: str | None = None
    ) -> ReadingProgress:
        """Where the reader is now: the last write wins, and the furthest chapter reached only ever grows."""
        with self.engine.begin() as connection:
            place = find_place(connection, book, chapter, reader, anchor)
            page = min(page, place.pages)
            if not place.has_passage:
                anchor = None  # a stale anchor from an old page is no reason to lose the position
            percent = place.percent_read(page)
            now = datetime.now(UTC)
            # One statement that inserts or updates, so two widgets saving at once never collide.
            row = {
                "reader_id": place.reader_id,
                "book_id": place.book_id,
                "chapter": chapter,
                "page": page,
                "anchor": anchor,
                "percent": percent,
                "updated_at": now,
                "furthest_chapter": chapter,
            }
            furthest = connection.execute(_progress_upsert(connection.dialect.name), row).scalar_one()
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
            place = find_place(connection, book, chapter, reader, anchor)
            if not place.has_passage:
                raise PassageNotFound(place.slug, chapter, anchor)
            reader_id = place.reader_id
            values = {
                "chapter": chapter,
                "anchor": anchor,
                "quote": quote,
                "colour": colour,
                "note": note or None,
            }
            if highlight is None:
                highlight = connection.execute(
                    insert(highlights)
                    .values(reader_id=reader_id, book_slug=place.slug, book_id=place.book_id, **values)
                    .returning(highlights.c.id)
                ).scalar_one()
            else:
                mine = and_(highlights.c.id == highlight, highlights.c.reader_id == reader_id)
                done = connection.execute(
                    update(highlights).where(mine).values(**values, changed=False, updated_at=func.now())
                )
                if not done.rowcount:
                    raise NoteNotFound("highlight", highlight)
            [entry] = highlight_entries(connection, reader_id, highlights.c.id == highlight)
        return entry

    def delete_highlight(self, reader: str, highlight: int) -> HighlightEntry:
        with self.engine.begin() as connection:
            reader_id = known_reader(connection, reader)
            found = (
                highlight_entries(connection, reader_id, highlights.c.id == highlight) if reader_id else []
            )
            if not found:
                raise NoteNotFound("highlight", highlight)
            connection.execute(delete(highlights).where(highlights.c.id == highlight))
        return found[0]

    def save_bookmark(self, reader: str, book: str, chapter: int, page: int) -> BookmarkEntry:
        """Mark a page; marking it again changes nothing."""
        with self.engine.begin() as connection:
            place = find_place(connection, book, chapter, reader)
            if page > place.pages:
                raise PageNotFound(place.slug, chapter, page, place.pages)
            mark = {"reader_id": place.reader_id, "book_slug": place.slug, "chapter": chapter, "page": page}
            connection.execute(
                upsert(connection.dialect.name, bookmarks)
                .values(**mark, book_id=place.book_id)
                .on_conflict_do_nothing(index_elements=[bookmarks.c[name] for name in mark])
            )
            existing = connection.execute(select(bookmarks.c.id).filter_by(**mark)).scalar_one()
            [entry] = bookmark_entries(connection, place.reader_id, bookmarks.c.id == existing)
        return entry

    def delete_bookmark(self, reader: str, bookmark: int) -> BookmarkEntry:
        with self.engine.begin() as connection:
            reader_id = known_reader(connection, reader)
            found = bookmark_entries(connection, reader_id, bookmarks.c.id == bookmark) if reader_id else []
            if not found:
                raise NoteNotFound("bookmark", bookmark)
            connection.execute(delete(bookmarks).where(bookmarks.c.id == bookmark))
        return found[0]

    def save_spoiler_safe(self, reader: str, spoiler_safe: bool) -> bool:
        with self.engine.begin() as connection:
            reader_id = reader_id_for(connection, reader)
            connection.execute(
                update(readers).where(readers.c.id == reader_id).values(spoiler_safe=spoiler_safe)
            )
        return spoiler_safe

    def notes(self, reader: str, book: str | None = None, chapter: int | None = None) -> NotesView:
        """The reader's highlights and bookmarks, in reading order: in one book (or chapter), or in all."""
        with self.engine.connect() as connection:
            slug = resolve(connection, book) if book is not None else None
            title = connection.scalar(BOOK_TITLE, {"slug": slug}) if slug else None
            reader_id = known_reader(connection, reader)
            where = [highlights.c.book_slug == slug] if slug else []
            marks = [bookmarks.c.book_slug == slug] if slug else []
            if chapter is not None:
                where.append(highlights.c.chapter == chapter)
                marks.append(bookmarks.c.chapter == chapter)
            found = highlight_entries(connection, reader_id, *where) if reader_id else []
            marked = bookmark_entries(connection, reader_id, *marks) if reader_id else []
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
            people = readers_with_notes(connection, slug)
        return counted[0][0], counted[1][0], people
