"""The library: every SQL statement Chapterwise runs, behind methods named after what readers do.

Each method is one transaction on SQLAlchemy Core and returns plain view objects (app/views.py);
when something asked for does not exist, it raises an error that carries what does
(app/errors.py), and the tools or the CLI word it for whoever asked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    Connection,
    Engine,
    Result,
    Row,
    Select,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from app.errors import (
    AmbiguousBook,
    BookNotFound,
    ChapterNotFound,
    PageNotFound,
    PassageNotFound,
    ShelfPageNotFound,
    Shelved,
)
from app.schema import books, chapters, pages, passages
from app.views import BookCard, BookView, ChapterPage, ChapterView, ContentsEntry, LibraryView

if TYPE_CHECKING:  # importing ingest pulls in markdown-it; the server only needs the type
    from app.ingest.draft import BookDraft

# list-books shows the library a page at a time: a shelf of 24 cards is about 6 KB of
# structuredContent, where a 200-book library in one result would be near 50 KB (~12k tokens).
BOOKS_PER_PAGE = 24

# How many books a "no such book" error names.
_NAMED_IN_ERRORS = 8


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


class Library:
    """Reads and writes books; each method is one transaction and returns plain view objects."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Close the pooled connections (the server's lifespan calls this on shutdown)."""
        self.engine.dispose()

    # -- reading ---------------------------------------------------------------------------------

    def list_books(self, query: str | None = None, page: int = 1) -> LibraryView:
        """One page of the library by title; with a query, only books whose title, author or slug has it."""
        query = (query or "").strip() or None
        count, shelf = _COUNT, _SHELF
        if query is not None:
            match = _matching(query)
            count = count.where(match)
            shelf = _shelf(count).where(match)
        with self.engine.connect() as connection:
            cards = _records(connection.execute(shelf, {"skip": (page - 1) * BOOKS_PER_PAGE}))
            # The total rides along on every card; a page past the end has none to carry it.
            total = cards[0]["total"] if cards else connection.scalar(count) or 0
        last = max(1, math.ceil(total / BOOKS_PER_PAGE))
        if page > last:
            raise ShelfPageNotFound(page, last, total, BOOKS_PER_PAGE, query)
        return LibraryView.model_validate(
            {"books": cards, "total": total, "page": page, "pages": last, "query": query}
        )

    def all_books(self) -> list[BookCard]:
        """Every book, by title (the command line's `list`: a terminal has room for them all)."""
        with self.engine.connect() as connection:
            return [BookCard.model_validate(card) for card in _records(connection.execute(_CARDS))]

    def open_book(self, ref: str) -> BookView:
        """A book's card and its contents, found by slug (or by a title only one book has)."""
        with self.engine.connect() as connection:
            rows = connection.execute(_CONTENTS, {"slug": ref}).all()
            if not rows:
                return self.open_book(_resolve(connection, ref))
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
        return BookView(**_card(rows[0]).model_dump(), contents=contents)

    def read_chapter(self, ref: str, chapter: int, *, page: int = 1, at: str | None = None) -> ChapterPage:
        """One page of a chapter with what the reader shows around it; `at` picks the page holding that passage."""
        # Every "Next chapter" lands here, so the common case (a slug, an existing page) is one
        # query on a pooled connection; the slower paths run only to resolve a title, to find a
        # passage's page, or to explain what does not exist.
        with self.engine.connect() as connection:
            if at is not None:
                found = connection.execute(
                    _PASSAGE_PAGE, {"slug": ref, "number": chapter, "anchor": at}
                ).scalar()
                if found is None:
                    slug = _resolve(connection, ref)
                    if slug != ref:
                        return self.read_chapter(slug, chapter, page=page, at=at)
                    _page_count(connection, slug, chapter)
                    raise PassageNotFound(slug, chapter, at)
                page = found
            row = connection.execute(_PAGE, {"slug": ref, "number": chapter, "page": page}).one_or_none()
            if row is None:
                slug = _resolve(connection, ref)
                if slug != ref:
                    return self.read_chapter(slug, chapter, page=page, at=at)
                raise PageNotFound(slug, chapter, page, _page_count(connection, slug, chapter))
        view = ChapterView(
            book=row.slug,
            book_title=row.book_title,
            language=row.language,
            chapter=chapter,
            chapters=row.chapter_count,
            title=row.title,
            label=row.label,
            trail=json.loads(row.trail),
            page=page,
            pages=row.page_count,
            words=row.words,
            minutes=row.minutes,
            at=at,
            previous_title=row.previous_title,
            next_title=row.next_title,
        )
        return ChapterPage(view=view, html=row.html, markdown=row.markdown)

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

    def remove_book(self, ref: str) -> BookCard:
        """Delete a book, its chapters, pages and passages (the database cascades)."""
        with self.engine.begin() as connection:
            slug = _resolve(connection, ref)
            row = connection.execute(_CARDS.where(books.c.slug == slug)).one()
            connection.execute(delete(books).where(books.c.slug == slug))
        return _card(row)


# -- statements -----------------------------------------------------------------------------------
# Built once at import: SQLAlchemy caches each statement's compiled form, so a call only binds values.

_CARD_COLUMNS = (
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
_CARDS = select(*_CARD_COLUMNS).order_by(func.lower(books.c.title), books.c.slug)
_COUNT = select(func.count()).select_from(books)


def _shelf(count: Select[int]) -> Select[Any]:
    """One page of cards (`skip` is how many come before it), each carrying the `total` that `count` counts.

    The count is a subquery SQLite runs once, from the slug index, so the page costs one
    statement. (As a window function, count(*) OVER (), it made SQLite sort every book twice.)
    """
    return (
        _CARDS.add_columns(count.scalar_subquery().label("total"))
        .limit(BOOKS_PER_PAGE)
        .offset(bindparam("skip"))
    )


_SHELF = _shelf(_COUNT)

# A book and all of its contents in one query: one row a chapter, the book's columns on each.
_CONTENTS = (
    select(
        *_CARD_COLUMNS,
        chapters.c.number,
        chapters.c.title.label("chapter_title"),
        chapters.c.label,
        chapters.c.depth,
        chapters.c.part,
        chapters.c.minutes.label("chapter_minutes"),
        chapters.c.page_count.label("pages"),
    )
    .join(chapters, chapters.c.book_id == books.c.id)
    .where(books.c.slug == bindparam("slug"))
    .order_by(chapters.c.number)
)


def _neighbour_title(offset: int) -> Any:
    neighbour = chapters.alias()
    return (
        select(neighbour.c.title)
        .where(neighbour.c.book_id == books.c.id, neighbour.c.number == chapters.c.number + offset)
        .scalar_subquery()
    )


# One page of one chapter with everything the reader shows around it, found by slug.
_PAGE = (
    select(
        books.c.slug,
        books.c.title.label("book_title"),
        books.c.language,
        books.c.chapter_count,
        chapters.c.title,
        chapters.c.label,
        chapters.c.trail,
        chapters.c.words,
        chapters.c.minutes,
        chapters.c.page_count,
        _neighbour_title(-1).label("previous_title"),
        _neighbour_title(+1).label("next_title"),
        pages.c.html,
        pages.c.markdown,
    )
    .join(chapters, chapters.c.book_id == books.c.id)
    .join(pages, pages.c.chapter_id == chapters.c.id)
    .where(
        books.c.slug == bindparam("slug"),
        chapters.c.number == bindparam("number"),
        pages.c.number == bindparam("page"),
    )
)

# The page of a chapter that holds a passage, by the passage's anchor.
_PASSAGE_PAGE = (
    select(pages.c.number)
    .join(chapters, chapters.c.id == pages.c.chapter_id)
    .join(books, books.c.id == chapters.c.book_id)
    .join(passages, passages.c.page_id == pages.c.id)
    .where(
        books.c.slug == bindparam("slug"),
        chapters.c.number == bindparam("number"),
        passages.c.anchor == bindparam("anchor"),
    )
)


def _matching(query: str) -> ColumnElement[bool]:
    # autoescape: a '%' or '_' in the query is matched as itself, not as a LIKE wildcard.
    return or_(
        *(
            column.icontains(query, autoescape=True)
            for column in (books.c.title, books.c.author, books.c.slug)
        )
    )


def _records(result: Result[Any]) -> list[dict[str, Any]]:
    """The rows as dicts keyed by column label (the views' field names, where the columns are theirs).

    Pydantic validates such dicts, a whole list in one pass, several times faster than a model
    built from each Row's attributes one by one.
    """
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _card(row: Row[Any, *tuple[Any, ...]]) -> BookCard:
    return BookCard.model_validate(row._mapping)


def _resolve(connection: Connection, ref: str) -> str:
    """The slug of the book `ref` names: its slug, or a title exactly one book has (ignoring case)."""
    if connection.scalar(select(books.c.slug).where(books.c.slug == ref)) is not None:
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


def _page_count(connection: Connection, slug: str, number: int) -> int:
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


def _save(connection: Connection, draft: BookDraft) -> Saved:
    found = connection.execute(
        select(books.c.id, books.c.source_hash, *_CARD_COLUMNS).where(books.c.slug == draft.slug)
    ).one_or_none()
    if found is not None and found.source_hash == draft.source_hash:
        return Saved("unchanged", _card(found))
    values = {
        "title": draft.title,
        "author": draft.author,
        "language": draft.language,
        "description": draft.description,
        "chapter_count": len(draft.chapters),
        "words": draft.words,
        "minutes": draft.minutes,
        "source_hash": draft.source_hash,
        "origin": draft.origin,
    }
    if found is None:
        book_id = connection.execute(
            insert(books).values(slug=draft.slug, **values).returning(books.c.id)
        ).scalar_one()
    else:
        book_id = found.id
        # Delete the old chapters (pages and passages follow by ON DELETE CASCADE) before inserting
        # the new ones, so the (book, number) uniqueness never sees old and new side by side.
        connection.execute(delete(chapters).where(chapters.c.book_id == book_id))
        connection.execute(
            update(books).where(books.c.id == book_id).values(**values, imported_at=func.now())
        )
    _insert_chapters(connection, book_id, draft)
    outcome: Literal["created", "updated"] = "created" if found is None else "updated"
    card = BookCard(
        slug=draft.slug,
        title=draft.title,
        author=draft.author,
        description=draft.description,
        language=draft.language,
        chapters=len(draft.chapters),
        words=draft.words,
        minutes=draft.minutes,
    )
    return Saved(outcome, card)


def _insert_chapters(connection: Connection, book_id: int, draft: BookDraft) -> None:
    # Bulk inserts with RETURNING: an import writes thousands of rows, and a statement a row
    # would cost more than parsing the Markdown did.
    chapter_ids = connection.scalars(
        insert(chapters).returning(chapters.c.id, sort_by_parameter_order=True),
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
        insert(pages).returning(pages.c.id, sort_by_parameter_order=True),
        [
            {"chapter_id": chapter_id, "number": n, "html": p.html, "markdown": p.markdown, "words": p.words}
            for chapter_id, n, p in every_page
        ],
    ).all()
    rows = [
        {"page_id": page_id, "anchor": block.anchor, "position": position, "text": block.text}
        for page_id, (_, _, page) in zip(page_ids, every_page, strict=True)
        for position, block in enumerate(page.blocks, 1)
    ]
    if rows:
        connection.execute(insert(passages), rows)


def _trails(draft: BookDraft) -> list[list[str]]:
    """For each chapter, the titles above it: its part, then each enclosing chapter (by depth)."""
    trails: list[list[str]] = []
    above: list[str] = []  # the open chapter at each depth so far
    for chapter in draft.chapters:
        del above[chapter.depth :]
        trails.append(([chapter.part] if chapter.part else []) + above)
        above.append(chapter.title)
    return trails
