"""Reading a chapter: one page of it with what the reader shows around it, or the whole chapter as Markdown."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, func, select

from app.errors import PageNotFound, PassageNotFound
from app.library.marks import page_highlights
from app.library.shelf import page_count, resolve
from app.schema import bookmarks, books, chapters, pages, passages, progress, readers
from app.views import ChapterPage, ChapterText, ChapterView

__all__ = ["Pages"]

# A citation as the model writes it, `¶ 3.12` (chapter 3, passage 12), or just the passage's number.
_CITATION = re.compile(r"^\s*(?:¶\s*)?(?:(\d+)\.)?(\d+)\s*$")


class Pages:
    """The chapters of the books (app/library/__init__.py puts the parts of the library together)."""

    engine: Engine

    def read_chapter(
        self, ref: str, chapter: int, *, page: int = 1, at: str | None = None, reader: str | None = None
    ) -> ChapterPage:
        """One page of a chapter with what the reader shows around it; `at` picks the page holding that passage."""
        # Every "Next chapter" lands here, so the common case (a slug, an existing page) is one
        # query on a pooled connection, and a second for the highlights of a reader who has a row;
        # the slower paths run only to resolve a title, to find a passage's page, or to explain
        # what does not exist.
        with self.engine.connect() as connection:
            if at is not None:
                found = _page_holding(connection, ref, chapter, at)
                if found is None:
                    slug = resolve(connection, ref)
                    if slug != ref:
                        return self.read_chapter(slug, chapter, page=page, at=at, reader=reader)
                    cited = _CITATION.match(at)
                    chapter = int(cited[1]) if cited and cited[1] else chapter
                    page_count(connection, slug, chapter)
                    raise PassageNotFound(slug, chapter, at)
                chapter, page, at = found
            found_page = {"slug": ref, "number": chapter, "page": page, "reader": reader}
            # Slug, chapter and page name at most one row: first() need not step SQLite to look for a second.
            row = connection.execute(_PAGE, found_page).first()
            if row is None:
                slug = resolve(connection, ref)
                if slug != ref:
                    return self.read_chapter(slug, chapter, page=page, at=at, reader=reader)
                raise PageNotFound(slug, chapter, page, page_count(connection, slug, chapter))
            highlighted = (
                page_highlights(connection, row.reader_id, row.book_id, chapter, page)
                if row.reader_id is not None
                else []
            )
        view = ChapterView(
            book=row.slug,
            book_title=row.book_title,
            language=row.language,
            chapter=chapter,
            chapters=row.chapter_count,
            title=row.title,
            label=row.label,
            numbered=row.numbered,
            trail=json.loads(row.trail),
            page=page,
            pages=row.page_count,
            words=row.words,
            minutes=row.minutes,
            at=at,
            previous_title=row.previous_title,
            next_title=row.next_title,
            first_passage=row.first_passage,
            furthest_chapter=row.furthest_chapter,
            # A reader without a row has never turned spoiler-safe help off.
            spoiler_safe=True if row.spoiler_safe is None else row.spoiler_safe,
            bookmark=row.bookmark,
        )
        return ChapterPage(view=view, html=row.html, markdown=row.markdown, highlights=highlighted)

    def chapter_text(self, ref: str, chapter: int) -> ChapterText:
        """A whole chapter as Markdown, every page in order (what a chapter resource holds)."""
        with self.engine.connect() as connection:
            slug = resolve(connection, ref)
            rows = connection.execute(_CHAPTER_PAGES, {"slug": slug, "number": chapter}).all()
            if not rows:
                page_count(connection, slug, chapter)  # raises ChapterNotFound
        first = rows[0]
        markdown = "\n\n".join(row.markdown for row in rows)
        return ChapterText(first.slug, first.book_title, chapter, first.title, markdown)


def _neighbour_title(offset: int) -> Any:
    neighbour = chapters.alias()
    return (
        select(neighbour.c.title)
        .where(neighbour.c.book_id == books.c.id, neighbour.c.number == chapters.c.number + offset)
        .scalar_subquery()
    )


# The reader's bookmark on _PAGE's page, if they have one (a column of _PAGE, which joins the reader).
_BOOKMARK = (
    select(bookmarks.c.id)
    .where(
        bookmarks.c.reader_id == readers.c.id,
        bookmarks.c.book_id == books.c.id,
        bookmarks.c.chapter == chapters.c.number,
        bookmarks.c.page == pages.c.number,
    )
    .scalar_subquery()
)

# One page of one chapter with everything the reader shows around it, found by slug, and with
# the reader's own place in the book: their row (bind `reader`, the key) is joined by key, so a
# reader who has never saved anything costs no statement of their own.
_PAGE = (
    select(
        books.c.id.label("book_id"),
        books.c.slug,
        books.c.title.label("book_title"),
        books.c.language,
        books.c.chapter_count,
        books.c.numbered,
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
        # The number of the first passage on the page: the widget counts the others on from it.
        select(func.min(passages.c.position))
        .where(passages.c.page_id == pages.c.id)
        .scalar_subquery()
        .label("first_passage"),
        readers.c.id.label("reader_id"),
        readers.c.spoiler_safe,
        progress.c.furthest_chapter,
        _BOOKMARK.label("bookmark"),
    )
    .join(chapters, chapters.c.book_id == books.c.id)
    .join(pages, pages.c.chapter_id == chapters.c.id)
    .outerjoin(readers, readers.c.key == bindparam("reader"))
    .outerjoin(progress, and_(progress.c.reader_id == readers.c.id, progress.c.book_id == books.c.id))
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


# Every page of one chapter, in order.
_CHAPTER_PAGES = (
    select(books.c.slug, books.c.title.label("book_title"), chapters.c.title, pages.c.markdown)
    .join(chapters, chapters.c.book_id == books.c.id)
    .join(pages, pages.c.chapter_id == chapters.c.id)
    .where(books.c.slug == bindparam("slug"), chapters.c.number == bindparam("number"))
    .order_by(pages.c.number)
)

# The page of a chapter that holds its passage number `position` (the number a citation gives).
_CITED_PAGE = (
    select(pages.c.number, passages.c.anchor)
    .join(chapters, chapters.c.id == pages.c.chapter_id)
    .join(books, books.c.id == chapters.c.book_id)
    .join(passages, passages.c.page_id == pages.c.id)
    .where(
        books.c.slug == bindparam("slug"),
        chapters.c.number == bindparam("number"),
        passages.c.position == bindparam("position"),
    )
)


def _page_holding(connection: Connection, slug: str, chapter: int, at: str) -> tuple[int, int, str] | None:
    """The (chapter, page, anchor) of a passage named by its anchor, or by a citation such as `¶ 3.12`."""
    cited = _CITATION.match(at)
    if cited is None:
        page = connection.execute(_PASSAGE_PAGE, {"slug": slug, "number": chapter, "anchor": at}).scalar()
        return None if page is None else (chapter, page, at)
    # A citation names its own chapter (¶ 3.12), or only the passage's number in this one.
    chapter = int(cited[1] or chapter)
    row = connection.execute(
        _CITED_PAGE, {"slug": slug, "number": chapter, "position": int(cited[2])}
    ).one_or_none()
    return None if row is None else (chapter, row.number, row.anchor)
