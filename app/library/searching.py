"""Searching the books' passages: each database's own full-text index, behind one method."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from app.errors import SearchPageNotFound
from app.library.shelf import resolve
from app.schema import books, chapters, pages, passages
from app.search import Query, parse_query, snippet
from app.views import SearchHit, SearchView

# Search results come ten passages a page. Matches are counted up to COUNT_LIMIT and no further:
# "1,000+ passages" is as useful as an exact figure, and counting a very common word exactly
# would read the whole index.
HITS_PER_PAGE = 10
COUNT_LIMIT = 1000


class Searching:
    """The searching part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def search(self, text: str, *, book: str | None = None, page: int = 1) -> SearchView:
        """Passages that hold every word and phrase of the query, best first, ten a page."""
        query = parse_query(text)
        with self.engine.connect() as connection:
            slug = resolve(connection, book) if book is not None else None
            matches = _matches(connection.dialect.name, query, slug)
            counted = connection.scalar(
                select(func.count()).select_from(
                    matches.with_only_columns(literal(1)).limit(COUNT_LIMIT + 1).subquery()
                )
            )
            rows = connection.execute(matches.limit(HITS_PER_PAGE).offset((page - 1) * HITS_PER_PAGE)).all()
            book_title = (
                connection.scalar(select(books.c.title).where(books.c.slug == slug)) if slug else None
            )
        total = min(counted or 0, COUNT_LIMIT)
        last = max(1, math.ceil(total / HITS_PER_PAGE))
        if page > last:
            raise SearchPageNotFound(query.text, page, last, total)
        hits = [
            SearchHit(
                book=row.slug,
                book_title=row.book_title,
                chapter=row.chapter,
                chapter_title=row.chapter_title,
                page=row.page,
                anchor=row.anchor,
                citation=f"{row.chapter}.{row.position}",
                snippet=snippet(row.text, query),
            )
            for row in rows
        ]
        more = (counted or 0) > COUNT_LIMIT
        return SearchView(
            query=query.text,
            book=slug,
            book_title=book_title,
            hits=hits,
            total=total,
            more=more,
            page=page,
            pages=last,
        )


# SQLite's full-text index (migration 0003), described here only so that statements can name it:
# it is not in app/schema.py's metadata, since Alembic does not build it.
_FTS = Table("passages_fts", MetaData(), Column("rowid", Integer), Column("text", Text), Column("rank", Text))

_HIT_COLUMNS = (
    passages.c.anchor,
    passages.c.position,
    passages.c.text,
    pages.c.number.label("page"),
    chapters.c.number.label("chapter"),
    chapters.c.title.label("chapter_title"),
    books.c.slug,
    books.c.title.label("book_title"),
)


def _matches(dialect: str, query: Query, slug: str | None) -> Select[Any]:
    """Every passage matching the query (in one book, if given), best first: each database its own way."""
    if dialect == "sqlite":
        found = (
            select(*_HIT_COLUMNS)
            .select_from(_FTS)
            .join(passages, passages.c.id == _FTS.c.rowid)
            .where(_FTS.c.text.match(query.fts5()))
            .order_by(_FTS.c.rank)
        )
    else:
        # SQLAlchemy types PostgreSQL's search functions once its dialect is loaded; SQLite users never need it.
        import sqlalchemy.dialects.postgresql  # noqa: F401

        config: ColumnElement[Any] = literal_column("'chapterwise'::regconfig")
        # The very expression the GIN index is built on (migration 0003), so the planner uses the index.
        vector = func.to_tsvector(config, passages.c.text)
        # Each phrase its own tsquery, all of which must match; phraseto_tsquery has no syntax to break.
        tsqueries = [func.phraseto_tsquery(config, phrase) for phrase in query.phrase_texts()]
        wanted: ColumnElement[Any] = tsqueries[0]
        for tsquery in tsqueries[1:]:
            wanted = wanted.op("&&")(tsquery)
        found = (
            select(*_HIT_COLUMNS)
            .select_from(passages)
            .where(vector.op("@@")(wanted))
            .order_by(func.ts_rank_cd(vector, wanted).desc(), passages.c.id)
        )
    found = found.join(pages, pages.c.id == passages.c.page_id).join(
        chapters, chapters.c.id == pages.c.chapter_id
    )
    found = found.join(books, books.c.id == chapters.c.book_id)
    return found.where(books.c.slug == slug) if slug is not None else found
