"""Searching the books' passages: each database's own full-text index, behind one method."""

from __future__ import annotations

import math
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from app.errors import SearchPageNotFound
from app.library.shelf import resolve
from app.schema import books, chapters, pages, passages
from app.search import Query, parse_query, snippet
from app.views import SearchHit, SearchView

# Search results come ten passages a page, from at most COUNT_LIMIT matches: "1,000+ passages" is
# as useful as an exact figure. Past that limit the best ten are the best of the first 1,000
# matches in the library's order (each book's passages in reading order), not of every match: the
# index scores a match only when it is read, so scoring all of a very common word's matches, half
# a million in a 200 MB library, took seconds where scoring the first thousand takes milliseconds.
# The model is told there are more (app/tools/search.py) and can add a word to narrow the search.
HITS_PER_PAGE = 10
COUNT_LIMIT = 1000
_BY_SCORE = itemgetter(0, 1)


class Searching:
    """The searching part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def search(self, text: str, *, book: str | None = None, page: int = 1) -> SearchView:
        """Passages that hold every word and phrase of the query, best first, ten a page."""
        query = parse_query(text)
        with self.engine.connect() as connection:
            slug = resolve(connection, book) if book is not None else None
            # One pass over the index: the first matches with their scores. Sorting a thousand
            # pairs here costs less than a second pass to count them.
            matches = connection.execute(_candidates(connection.dialect.name, query, slug)).all()
            # Best score first, equal scores in the library's order (itemgetter, not a lambda over
            # named attributes: the key is read a thousand times).
            best = sorted(matches[:COUNT_LIMIT], key=_BY_SCORE)
            shown = [id for _, id in best[(page - 1) * HITS_PER_PAGE : page * HITS_PER_PAGE]]
            rows = connection.execute(_HITS, {"ids": shown}).all() if shown else []
            book_title = (
                connection.scalar(select(books.c.title).where(books.c.slug == slug)) if slug else None
            )
        counted = len(matches)
        rows = sorted(rows, key=lambda row: shown.index(row.id))
        total = min(counted, COUNT_LIMIT)
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
        more = counted > COUNT_LIMIT
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

# A hit as the view shows it: the passage, and where it sits.
_HITS = (
    select(
        passages.c.id,
        passages.c.anchor,
        passages.c.position,
        passages.c.text,
        pages.c.number.label("page"),
        chapters.c.number.label("chapter"),
        chapters.c.title.label("chapter_title"),
        books.c.slug,
        books.c.title.label("book_title"),
    )
    .join(pages, pages.c.id == passages.c.page_id)
    .join(chapters, chapters.c.id == pages.c.chapter_id)
    .join(books, books.c.id == chapters.c.book_id)
    .where(passages.c.id.in_(bindparam("ids", expanding=True)))
)


def _candidates(dialect: str, query: Query, slug: str | None) -> Select[Any]:
    """The first COUNT_LIMIT + 1 passages matching the query (in one book, if given), in the
    library's order, as (score, id) with the lower score the better: each database its own way."""
    if dialect == "sqlite":
        # FTS5's rank is bm25, negative, lower for a better match; it reads the index in rowid order.
        passage: ColumnElement[int] = _FTS.c.rowid
        found = select(_FTS.c.rank.label("score"), passage.label("id")).where(_FTS.c.text.match(query.fts5()))
        if slug is not None:
            found = found.join(passages, passages.c.id == passage)
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
        passage = passages.c.id
        # ts_rank_cd is higher for a better match: negated, it sorts like FTS5's rank.
        found = select((-func.ts_rank_cd(vector, wanted)).label("score"), passage.label("id")).where(
            vector.op("@@")(wanted)
        )
    if slug is not None:
        found = (
            found.join(pages, pages.c.id == passages.c.page_id)
            .join(chapters, chapters.c.id == pages.c.chapter_id)
            .join(books, books.c.id == chapters.c.book_id)
            .where(books.c.slug == slug)
        )
    return found.order_by(passage).limit(COUNT_LIMIT + 1)
