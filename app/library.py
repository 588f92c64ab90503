"""The library: every SQL statement Chapterwise runs, behind methods named after what readers do."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NoReturn

from sqlalchemy import (
    ColumnElement,
    Engine,
    ScalarSelect,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.errors import AmbiguousBook, BookNotFound, ChapterNotFound, PageNotFound
from app.models import Book, Chapter, Page
from app.views import BookCard, BookView, ChapterPage, ChapterView, ContentsEntry, LibraryView

if TYPE_CHECKING:  # importing ingest pulls in markdown-it; the server only needs the type
    from app.ingest.draft import BookDraft

_CARD_COLUMNS = (
    Book.slug,
    Book.title,
    Book.author,
    Book.description,
    Book.language,
    Book.words,
    Book.minutes,
)

# How many books an error message names before it says "and N more".
_LISTED_IN_ERRORS = 8

# list-books shows the library a page at a time: a shelf of 24 cards is about 6 KB of
# structuredContent, where a 200-book library in one result would be near 50 KB (~12k tokens).
BOOKS_PER_PAGE = 24


@dataclass(frozen=True, slots=True)
class Saved:
    """What importing one book did: created it, updated it in place, or found it unchanged."""

    outcome: Literal["created", "updated", "unchanged"]
    book: BookCard


class Library:
    """Reads and writes books; each method is one transaction and returns plain view objects."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def list_books(self) -> list[BookCard]:
        """Every book, by title."""
        with self._engine.connect() as connection:
            rows = connection.execute(_CARDS).all()
        return [BookCard.model_validate(row._mapping) for row in rows]

    def browse(self, query: str | None = None, page: int = 1) -> LibraryView:
        """One page of the library, by title; with a query, only books whose title, author or slug has it."""
        query = (query or "").strip() or None
        match = _matching(query)
        with self._engine.connect() as connection:
            total = connection.scalar(select(func.count(Book.id)).where(match)) or 0
            pages = max(1, math.ceil(total / BOOKS_PER_PAGE))
            if page > pages:
                which = f"book{'' if total == 1 else 's'}" + (f" matching '{query}'" if query else "")
                raise PageNotFound(
                    f"The library has {total} {which}, {BOOKS_PER_PAGE} a page, so there is no page {page}. "
                    f"Call list-books with a page from 1 to {pages}."
                )
            rows = connection.execute(
                _CARDS.where(match).limit(BOOKS_PER_PAGE).offset((page - 1) * BOOKS_PER_PAGE)
            ).all()
        books = [BookCard.model_validate(row._mapping) for row in rows]
        return LibraryView(books=books, total=total, page=page, pages=pages, query=query)

    def open_book(self, ref: str) -> BookView:
        with self._sessions() as session:
            book = _find_book(session, ref)
            rows = session.execute(
                select(Chapter.number, Chapter.title, Chapter.words, Chapter.minutes, Chapter.page_count)
                .where(Chapter.book_id == book.id)
                .order_by(Chapter.number)
            ).all()
            contents = [
                ContentsEntry(
                    number=r.number, title=r.title, words=r.words, minutes=r.minutes, pages=r.page_count
                )
                for r in rows
            ]
            return BookView(**_card(book, len(contents)).model_dump(), contents=contents)

    def open_chapter(self, ref: str, number: int, *, page: int = 1) -> ChapterPage:
        # Every "Next chapter" lands here, so the common case (a slug, an existing page) is one
        # Core query on a pooled connection; the slower path below only runs to resolve a title
        # or to explain what does not exist.
        with self._engine.connect() as connection:
            row = connection.execute(_PAGE, {"slug": ref, "number": number, "page": page}).one_or_none()
        if row is None:
            with self._sessions() as session:
                book = _find_book(session, ref)
                if book.slug != ref:
                    return self.open_chapter(book.slug, number, page=page)
                _explain_missing_page(session, book, number, page)
        view = ChapterView(
            book=row.slug,
            book_title=row.book_title,
            language=row.language,
            chapter=number,
            chapters=row.chapters,
            title=row.title,
            page=page,
            pages=row.page_count,
            words=row.words,
            minutes=row.minutes,
            previous_title=row.previous_title,
            next_title=row.next_title,
        )
        return ChapterPage(view=view, html=row.html, text=row.text)

    def save_books(self, drafts: Sequence[BookDraft]) -> list[Saved]:
        """Store the drafts in one transaction: all of them land, or (on any error) none does."""
        with self._sessions() as session, session.begin():
            return [_save(session, draft) for draft in drafts]

    def remove_book(self, ref: str) -> BookCard:
        with self._sessions() as session, session.begin():
            book = _find_book(session, ref)
            card = _card(book, _chapter_count(session, book.id))
            session.delete(book)
            return card


# Every book as a card, by title. Columns, not ORM objects: with hundreds of books the identity
# map costs more than the query. The slug breaks ties between equal titles, so that pages of the
# list never overlap or skip a book.
_CHAPTER_COUNTS = (
    select(Chapter.book_id, func.count(Chapter.id).label("chapters")).group_by(Chapter.book_id).subquery()
)
_CARDS = (
    select(*_CARD_COLUMNS, func.coalesce(_CHAPTER_COUNTS.c.chapters, 0).label("chapters"))
    .outerjoin(_CHAPTER_COUNTS, _CHAPTER_COUNTS.c.book_id == Book.id)
    .order_by(func.lower(Book.title), Book.slug)
)


def _matching(query: str | None) -> ColumnElement[bool]:
    if query is None:
        return true()
    # autoescape: a '%' or '_' in the query is matched as itself, not as a LIKE wildcard.
    return or_(*(column.icontains(query, autoescape=True) for column in (Book.title, Book.author, Book.slug)))


def _neighbour_title(offset: int) -> ScalarSelect[str]:
    neighbour = aliased(Chapter)
    return (
        select(neighbour.title)
        .where(neighbour.book_id == Book.id, neighbour.number == Chapter.number + offset)
        .scalar_subquery()
    )


def _chapter_total() -> ScalarSelect[int]:
    counted = aliased(Chapter)
    return select(func.count(counted.id)).where(counted.book_id == Book.id).scalar_subquery()


# One page of one chapter with everything the reader shows around it, found by slug.
_PAGE = (
    select(
        Book.slug,
        Book.title.label("book_title"),
        Book.language,
        _chapter_total().label("chapters"),
        Chapter.title,
        Chapter.words,
        Chapter.minutes,
        Chapter.page_count,
        _neighbour_title(-1).label("previous_title"),
        _neighbour_title(+1).label("next_title"),
        Page.html,
        Page.text,
    )
    .join(Chapter, Chapter.book_id == Book.id)
    .join(Page, Page.chapter_id == Chapter.id)
    .where(
        Book.slug == bindparam("slug"),
        Chapter.number == bindparam("number"),
        Page.number == bindparam("page"),
    )
)


def _explain_missing_page(session: Session, book: Book, number: int, page: int) -> NoReturn:
    pages = session.scalar(
        select(Chapter.page_count).where(Chapter.book_id == book.id, Chapter.number == number)
    )
    if pages is None:
        count = _chapter_count(session, book.id)
        raise ChapterNotFound(
            f"Book '{book.slug}' has no chapter {number} (it has {count}). "
            f"Call read-chapter with a chapter from 1 to {count}, or open-book to see the contents."
        )
    raise PageNotFound(
        f"Chapter {number} of '{book.slug}' has {pages} page(s); there is no page {page}. "
        f"Call read-chapter with a page from 1 to {pages}."
    )


def _save(session: Session, draft: BookDraft) -> Saved:
    book = session.scalars(select(Book).where(Book.slug == draft.slug)).one_or_none()
    if book is not None and book.source_hash == draft.source_hash:
        return Saved("unchanged", _card(book, _chapter_count(session, book.id)))
    outcome: Literal["created", "updated"] = "created" if book is None else "updated"
    if book is None:
        book = Book(slug=draft.slug)
        session.add(book)
    else:
        # Delete the old chapters (their pages follow by ON DELETE CASCADE) before inserting the
        # new ones, so the (book, number) uniqueness never sees old and new side by side.
        session.execute(delete(Chapter).where(Chapter.book_id == book.id))
    book.title, book.author, book.language = draft.title, draft.author, draft.language
    book.description, book.source_hash = draft.description, draft.source_hash
    book.words, book.minutes = draft.words, draft.minutes
    session.flush()  # gives a new book its id
    # Bulk inserts: an import writes thousands of rows, and per-object ORM bookkeeping would
    # cost more than parsing the Markdown did.
    chapter_ids = session.scalars(
        insert(Chapter).returning(Chapter.id, sort_by_parameter_order=True),
        [
            {
                "book_id": book.id,
                "number": number,
                "title": c.title,
                # Whole-chapter copies are no longer made; the columns go in the lead's migration.
                "markdown": "",
                "html": "",
                "text": "",
                "words": c.words,
                "minutes": c.minutes,
                "page_count": len(c.pages),
            }
            for number, c in enumerate(draft.chapters, 1)
        ],
    ).all()
    session.execute(
        insert(Page),
        [
            {"chapter_id": chapter_id, "number": n, "html": p.html, "text": p.markdown, "words": p.words}
            for chapter_id, chapter in zip(chapter_ids, draft.chapters, strict=True)
            for n, p in enumerate(chapter.pages, 1)
        ],
    )
    return Saved(outcome, _card(book, len(draft.chapters)))


def _find_book(session: Session, ref: str) -> Book:
    """A book by slug, or by title when exactly one book has it (ignoring case)."""
    book = session.scalars(select(Book).where(Book.slug == ref)).one_or_none()
    if book is not None:
        return book
    matches = session.scalars(select(Book).where(func.lower(Book.title) == ref.strip().lower())).all()
    if len(matches) == 1:
        return matches[0]
    if matches:
        slugs = ", ".join(f"'{b.slug}'" for b in matches)
        raise AmbiguousBook(f"Several books are titled '{ref}': {slugs}. Pass one of these slugs as `book`.")
    raise BookNotFound(f"There is no book '{ref}' in the library. {_known_books(session)}")


def _known_books(session: Session) -> str:
    rows = session.execute(
        select(Book.slug, Book.title).order_by(Book.slug).limit(_LISTED_IN_ERRORS + 1)
    ).all()
    if not rows:
        return "The library is empty: import a book with `chapterwise import PATH`."
    named = ", ".join(f"'{r.slug}' ({r.title})" for r in rows[:_LISTED_IN_ERRORS])
    total = session.scalar(select(func.count(Book.id))) or 0
    more = f" and {total - _LISTED_IN_ERRORS} more" if total > _LISTED_IN_ERRORS else ""
    return f"Books: {named}{more}. Call list-books to see them all."


def _chapter_count(session: Session, book_id: int) -> int:
    return session.scalar(select(func.count(Chapter.id)).where(Chapter.book_id == book_id)) or 0


def _card(book: Book, chapters: int) -> BookCard:
    return BookCard(
        slug=book.slug,
        title=book.title,
        author=book.author,
        description=book.description,
        language=book.language,
        chapters=chapters,
        words=book.words,
        minutes=book.minutes,
    )
