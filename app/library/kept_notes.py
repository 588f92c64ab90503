"""Readers' notes across a book's removal and re-import: kept, put back on their passages, or flagged."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, exists, func, select, update

from app.errors import NotesWouldBeLost
from app.library.readers import readers_with_notes
from app.schema import bookmarks, chapters, highlights, pages, passages


def check_notes_before_removal(connection: Connection, slug: str, keep_notes: bool | None) -> None:
    """Removing a marked book: refuse unless told what to do with the notes; delete them if told to."""
    counts = [
        connection.scalar(select(func.count()).select_from(table).where(table.c.book_slug == slug)) or 0
        for table in (highlights, bookmarks)
    ]
    if not any(counts):
        return
    if keep_notes is None:
        raise NotesWouldBeLost(slug, counts[0], counts[1], readers_with_notes(connection, slug))
    if not keep_notes:
        for table in (highlights, bookmarks):
            connection.execute(delete(table).where(table.c.book_slug == slug))
    # Kept notes stay with their slug; the database sets their book_id to NULL as the book goes.


# Whether any reader has marked the book with this slug. Built once: building the statement for
# every book took longer than SQLite took to answer it.
_MARKED = select(
    exists().where(highlights.c.book_slug == bindparam("slug"))
    | exists().where(bookmarks.c.book_slug == bindparam("slug"))
)


def reattach_notes(connection: Connection, slug: str, book_id: int) -> None:
    """After an import: notes kept from a removed book come back, and each highlight finds its passage again.

    A highlight whose passage is unchanged keeps it (it may be in another chapter now); one whose
    passage changed is flagged, never dropped, so the reader can see what they had marked.
    """
    # Most imports are of books nobody has marked: one question instead of three updates (which
    # cost more than the rest of saving a small book).
    if not connection.scalar(_MARKED, {"slug": slug}):
        return
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
