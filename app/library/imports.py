"""Storing imported books, all or nothing, and taking them out again."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, or_, select, update

from app.library.kept_notes import check_notes_before_removal, reattach_notes
from app.library.shelf import CARD_COLUMNS, CARDS, card, resolve
from app.schema import books, chapters, pages, passages
from app.search import searchable
from app.views import BookCard

if TYPE_CHECKING:  # importing ingest pulls in markdown-it; the server only needs the type
    from app.ingest.draft import BookDraft


@dataclass(frozen=True, slots=True)
class Saved:
    """What importing one book did: created it, updated it in place, or found it unchanged."""

    outcome: Literal["created", "updated", "unchanged"]
    book: BookCard


@dataclass(frozen=True, slots=True)
class Stored:
    """What the library holds under a slug: where that book came from and a digest of its sources."""

    slug: str
    title: str
    origin: str | None
    source_hash: str


class Imports:
    """The writing part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def stored(self, slug: str) -> Stored | None:
        """What is stored under a slug, if anything: lets an import skip unchanged books before parsing them."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(books.c.slug, books.c.title, books.c.origin, books.c.source_hash).where(
                    books.c.slug == slug
                )
            ).one_or_none()
        return None if row is None else Stored(row.slug, row.title, row.origin, row.source_hash)

    def free_slug(self, base: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
        """`base`, or the first of base-2, base-3, … that no book has (nor is in `taken`)."""
        with self.engine.connect() as connection:
            stored = set(
                connection.scalars(
                    select(books.c.slug).where(or_(books.c.slug == base, books.c.slug.startswith(f"{base}-")))
                )
            )
        taken = taken | stored
        number = 1
        slug = base
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    # -- writing ---------------------------------------------------------------------------------

    def save_books(self, drafts: Sequence[BookDraft]) -> list[Saved]:
        """Store the drafts in one transaction: all of them land, or (on any error) none does."""
        with self.engine.begin() as connection:
            return [_save(connection, draft) for draft in drafts]

    def remove_book(self, ref: str, *, keep_notes: bool | None = None) -> BookCard:
        """Delete a book, its chapters, pages and passages (the database cascades).

        Readers' highlights and bookmarks in it are not lost by accident: unless `keep_notes` says
        what to do with them, a book that has any is refused (NotesWouldBeLost). Kept, they come
        back when a book with the same slug is imported again.
        """
        with self.engine.begin() as connection:
            slug = resolve(connection, ref)
            check_notes_before_removal(connection, slug, keep_notes)
            row = connection.execute(CARDS.where(books.c.slug == slug)).one()
            connection.execute(delete(books).where(books.c.slug == slug))
        return card(row)


# Saving runs these for every book: built once, SQLAlchemy need not build and key them again each time.
_STORED = select(books.c.id, books.c.source_hash, *CARD_COLUMNS).where(books.c.slug == bindparam("wanted"))
_NEW_BOOK = insert(books).returning(books.c.id)
# Bulk inserts with RETURNING: an import writes thousands of rows, and a statement a row
# would cost more than parsing the Markdown did.
_NEW_CHAPTERS = insert(chapters).returning(chapters.c.id, sort_by_parameter_order=True)
_NEW_PAGES = insert(pages).returning(pages.c.id, sort_by_parameter_order=True)
# RETURNING makes SQLAlchemy send many rows to a statement ("insertmanyvalues") instead of a
# statement a row. That matters for the full-text index: FTS5 writes its pending terms to disk
# at the end of every statement that changes it, so a statement a passage made thousands of
# tiny index segments, and merging them took most of the time an import spent saving.
_NEW_PASSAGES = insert(passages).returning(passages.c.id)


def _save(connection: Connection, draft: BookDraft) -> Saved:
    found = connection.execute(_STORED, {"wanted": draft.slug}).one_or_none()
    if found is not None and found.source_hash == draft.source_hash:
        return Saved("unchanged", card(found))
    values = {
        "title": draft.title,
        "author": draft.author,
        "language": draft.language,
        "description": draft.description,
        "chapter_count": len(draft.chapters),
        "numbered": any(chapter.label for chapter in draft.chapters),
        "words": draft.words,
        "minutes": draft.minutes,
        "source_hash": draft.source_hash,
        "origin": draft.origin,
    }
    if found is None:
        book_id = connection.execute(_NEW_BOOK, {"slug": draft.slug, **values}).scalar_one()
    else:
        book_id = found.id
        # Delete the old chapters (pages and passages follow by ON DELETE CASCADE) before inserting
        # the new ones, so the (book, number) uniqueness never sees old and new side by side.
        connection.execute(delete(chapters).where(chapters.c.book_id == book_id))
        connection.execute(
            update(books).where(books.c.id == book_id).values(**values, imported_at=func.now())
        )
    _insert_chapters(connection, book_id, draft)
    reattach_notes(connection, draft.slug, book_id)
    outcome: Literal["created", "updated"] = "created" if found is None else "updated"
    saved = BookCard(
        slug=draft.slug,
        title=draft.title,
        author=draft.author,
        description=draft.description,
        language=draft.language,
        chapters=len(draft.chapters),
        words=draft.words,
        minutes=draft.minutes,
    )
    return Saved(outcome, saved)


def _insert_chapters(connection: Connection, book_id: int, draft: BookDraft) -> None:
    chapter_ids = connection.scalars(
        _NEW_CHAPTERS,
        [
            {
                "book_id": book_id,
                "number": number,
                "title": chapter.title,
                "depth": chapter.depth,
                "label": chapter.label,
                "part": chapter.part,
                "trail": json.dumps(trail, ensure_ascii=False),
                "words": chapter.words,
                "minutes": chapter.minutes,
                "page_count": len(chapter.pages),
            }
            for number, (chapter, trail) in enumerate(zip(draft.chapters, _trails(draft), strict=True), 1)
        ],
    ).all()
    every_page = [
        (chapter_id, number, page)
        for chapter_id, chapter in zip(chapter_ids, draft.chapters, strict=True)
        for number, page in enumerate(chapter.pages, 1)
    ]
    page_ids = connection.scalars(
        _NEW_PAGES,
        [
            {"chapter_id": chapter_id, "number": n, "html": p.html, "markdown": p.markdown, "words": p.words}
            for chapter_id, n, p in every_page
        ],
    ).all()
    # A passage's position counts through its chapter, across pages: the 12 of a citation `¶ 3.12`.
    rows = []
    position = 0
    for page_id, (_, number, page) in zip(page_ids, every_page, strict=True):
        position = 0 if number == 1 else position
        for block in page.blocks:
            position += 1
            rows.append(
                {
                    "page_id": page_id,
                    "anchor": block.anchor,
                    "position": position,
                    "text": searchable(block.text),
                }
            )
    if rows:
        connection.execute(_NEW_PASSAGES, rows).all()


def _trails(draft: BookDraft) -> list[list[str]]:
    """For each chapter, the titles above it: its part, then each enclosing chapter (by depth)."""
    trails: list[list[str]] = []
    above: list[str] = []  # the open chapter at each depth so far
    for chapter in draft.chapters:
        del above[chapter.depth :]
        trails.append(([chapter.part] if chapter.part else []) + above)
        above.append(chapter.title)
    return trails
