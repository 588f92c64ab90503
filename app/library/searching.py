"""Searching the books' passages: each database's own full-text index, behind one method."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
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
from app.library.shelf import BOOK_TITLE, resolve
from app.schema import books, chapters, pages, passages
from app.search import parse_query, snippet
from app.views import SearchHit, SearchView

# Search results come ten passages a page, from at most COUNT_LIMIT matches: "1,000+ passages" is
# as useful as an exact figure. Up to that many, matches are ranked best first. Past it they come
# in the library's order (book by book, each in reading order), unranked: a score needs how rare
# each word is across the whole library, which for a common word means reading every one of its
# matches, half a million in a 200 MB library, where finding the first thousand takes under a
# millisecond. The model is told (app/tools/search.py), so it can add a word to narrow the search.
HITS_PER_PAGE = 10
COUNT_LIMIT = 1000
_SCORE_THEN_ID = itemgetter(0, 1)


class Searching:
    """The searching part of the library (app/library/__init__.py puts the parts together)."""

    engine: Engine

    def search(self, text: str, *, book: str | None = None, page: int = 1) -> SearchView:
        """Passages that hold every word and phrase of the query, ten a page: best first when
        they are at most COUNT_LIMIT, else the first COUNT_LIMIT in the library's order."""
        query = parse_query(text)
        skip = (page - 1) * HITS_PER_PAGE
        with self.engine.connect() as connection:
            slug = resolve(connection, book) if book is not None else None
            shape = Shape(connection.dialect.name, len(query.phrases), in_book=slug is not None)
            # What the statements bind: each database takes the query its own way (see _candidates).
            found = {"match": query.fts5(), "slug": slug}
            found.update({f"phrase_{n}": phrase for n, phrase in enumerate(query.phrase_texts())})
            # Counted by the database, up to one past the limit: no match becomes a Python row here.
            counted = connection.scalar(_counted(shape), found) or 0
            total = min(counted, COUNT_LIMIT)
            last = max(1, math.ceil(total / HITS_PER_PAGE))
            if page > last:
                raise SearchPageNotFound(query.text, page, last, total)
            shown: list[int] = []
            if 0 < counted <= COUNT_LIMIT:
                # Few enough to score them all: best first, equal scores in the library's order.
                # (itemgetter makes plain tuples to sort by: rows compare much more slowly.)
                scored = connection.execute(_candidates(shape, scored=True), found).all()
                shown = [id for _, id in sorted(scored, key=_SCORE_THEN_ID)[skip : skip + HITS_PER_PAGE]]
            elif counted > COUNT_LIMIT:
                # Too many to rank: this page of them, in the library's order.
                shown = list(connection.scalars(_page_of_matches(shape), {**found, "skip": skip}))
            rows = connection.execute(_HITS, {"ids": shown}).all() if shown else []
            book_title = connection.scalar(BOOK_TITLE, {"slug": slug}) if slug else None
        rows = sorted(rows, key=lambda row: shown.index(row.id))
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


@dataclass(frozen=True, slots=True)
class Shape:
    """What a search's statements depend on, beyond the values bound to them: the database, how
    many phrases the query has (PostgreSQL matches each with its own function call), and whether
    it searches one book. Statements are built once per shape: building one costs SQLAlchemy more
    than the database takes to run it."""

    dialect: str
    phrases: int
    in_book: bool


@cache
def _counted(shape: Shape) -> Select[Any]:
    """How many passages match, up to one past COUNT_LIMIT."""
    matches = _candidates(shape, scored=False).limit(COUNT_LIMIT + 1).subquery()
    return select(func.count()).select_from(matches)


@cache
def _page_of_matches(shape: Shape) -> Select[Any]:
    """One page of the matching passages' ids (bind `skip`), in the library's order."""
    return _candidates(shape, scored=False).limit(HITS_PER_PAGE).offset(bindparam("skip"))


@cache
def _candidates(shape: Shape, *, scored: bool) -> Select[Any]:
    """The ids of the passages matching the query, in the library's order; `scored`, as (score, id),
    the lower score the better. Binds `match` (SQLite's query), `phrase_0`… (PostgreSQL's phrases)
    and `slug` (the book, if the shape searches one)."""
    # Each database its own way; both read their index in the passages' order.
    if shape.dialect == "sqlite":
        passage: ColumnElement[int] = _FTS.c.rowid
        score: ColumnElement[Any] = _FTS.c.rank  # bm25, negative: lower is better
        source: Any = _FTS
        match = _FTS.c.text.match(bindparam("match"))
    else:
        # SQLAlchemy types PostgreSQL's search functions once its dialect is loaded; SQLite users never need it.
        import sqlalchemy.dialects.postgresql  # noqa: F401

        config: ColumnElement[Any] = literal_column("'chapterwise'::regconfig")
        # The very expression the GIN index is built on (migration 0003), so the planner uses the index.
        vector = func.to_tsvector(config, passages.c.text)
        # Each phrase its own tsquery, all of which must match; phraseto_tsquery has no syntax to break.
        tsqueries = [
            func.phraseto_tsquery(config, bindparam(f"phrase_{n}", type_=Text)) for n in range(shape.phrases)
        ]
        wanted: ColumnElement[Any] = tsqueries[0]
        for tsquery in tsqueries[1:]:
            wanted = wanted.op("&&")(tsquery)
        passage, source, match = passages.c.id, passages, vector.op("@@")(wanted)
        score = -func.ts_rank_cd(vector, wanted)  # higher is better, so negated to sort like bm25
    columns = (score.label("score"), passage.label("id")) if scored else (passage.label("id"),)
    found = select(*columns).select_from(source).where(match)
    if shape.in_book:
        if shape.dialect == "sqlite":
            found = found.join(passages, passages.c.id == passage)
        found = (
            found.join(pages, pages.c.id == passages.c.page_id)
            .join(chapters, chapters.c.id == pages.c.chapter_id)
            .join(books, books.c.id == chapters.c.book_id)
            .where(books.c.slug == bindparam("slug"))
        )
    return found.order_by(passage)
