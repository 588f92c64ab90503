"""The tables, as SQLAlchemy Core: books, their chapters, the pages long chapters are cut into, and passages.

Core rather than the ORM: every read is one statement that returns plain rows (app/library/),
and the server starts faster without loading the ORM. Alembic compares `metadata` with the
migrations in migrations/versions (a test proves they agree).

Length limits are CHECK constraints as well as String(n): SQLite ignores the n in VARCHAR(n),
and a library must hold the same promises on every database.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    true,
)

# Named constraints let Alembic's batch mode (SQLite rebuilds tables to alter them) find them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The longest metadata a book may have, in characters; ingest shortens longer values with a warning.
MAX_SLUG = 200
MAX_TITLE = 300
MAX_AUTHOR = 300
MAX_DESCRIPTION = 2000
MAX_LANGUAGE = 35
MAX_ANCHOR = 100
MAX_QUOTE = 2000
MAX_NOTE = 4000
HIGHLIGHT_COLOURS = ("yellow", "green", "blue", "pink")

metadata = MetaData(naming_convention=NAMING)


def _at_most(column: str, limit: int) -> CheckConstraint:
    return CheckConstraint(f"length({column}) <= {limit}", name=f"{column}_length")


books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(MAX_SLUG), nullable=False, unique=True),
    Column("title", String(MAX_TITLE), nullable=False),
    Column("author", String(MAX_AUTHOR)),
    Column("language", String(MAX_LANGUAGE)),
    Column("description", String(MAX_DESCRIPTION)),
    Column("chapter_count", Integer, nullable=False),
    # Whether the book numbers its own chapters ("4.2"): then a chapter without a number, such as a
    # preface, shows none, where a book that numbers none shows "Chapter 2 of 12".
    Column("numbered", Boolean, nullable=False, server_default=false()),
    Column("words", Integer, nullable=False),
    Column("minutes", Integer, nullable=False),
    # A digest of every byte the book was made from: an identical re-import is recognised and skipped.
    Column("source_hash", String(64), nullable=False),
    # Where the book was imported from, so that two different books wanting one slug are told apart.
    Column("origin", Text),
    Column("imported_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
    _at_most("slug", MAX_SLUG),
    _at_most("title", MAX_TITLE),
    _at_most("author", MAX_AUTHOR),
    _at_most("language", MAX_LANGUAGE),
    _at_most("description", MAX_DESCRIPTION),
)
# list-books pages through the library by lower(title), slug, and open-book finds a book by its
# title ignoring case: read in order from this index, a page of 24 cards is 24 rows, not a sort of
# every book.
Index("ix_books_title_order", func.lower(books.c.title), books.c.slug)

chapters = Table(
    "chapters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("book_id", ForeignKey("books.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("title", String(MAX_TITLE), nullable=False),
    # Where the chapter sits in the book's tree: its depth (0 = top level), the book's own
    # numbering ("4.2") and the part it belongs to, as mdBooks and folders of folders have them.
    Column("depth", Integer, nullable=False, server_default="0"),
    Column("label", String(20)),
    Column("part", String(MAX_TITLE)),
    # The titles above this chapter (its part, then the chapters it is under), as a JSON list:
    # worked out once at import so that read-chapter stays a single-row read.
    Column("trail", Text, nullable=False, server_default="[]"),
    Column("words", Integer, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("page_count", Integer, nullable=False),
    UniqueConstraint("book_id", "number"),
    _at_most("title", MAX_TITLE),
    _at_most("part", MAX_TITLE),
)

pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chapter_id", ForeignKey("chapters.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    # Stored ready to serve, so read-chapter reads one small row: the widget's HTML and the model's Markdown.
    Column("html", Text, nullable=False),
    Column("markdown", Text, nullable=False),
    Column("words", Integer, nullable=False),
    UniqueConstraint("chapter_id", "number"),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    # The block's anchor (its element id in the page), unique within the book: links and citations
    # name a passage by it, and an unchanged paragraph keeps it when the book is re-imported.
    Column("anchor", String(MAX_ANCHOR), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    _at_most("anchor", MAX_ANCHOR),
)
# A page's passages in order: read-chapter takes the page's first passage number from this index
# alone, one step into it, instead of visiting every passage of the page (and their rows).
Index("ix_passages_page_position", passages.c.page_id, passages.c.position)


# -- reading state: what each reader has read and marked ------------------------------------------
# A reader is whoever app/tools/base.py's reader() says a call comes from: the one local reader, or a host's
# anonymous user id. Highlights and bookmarks name their book by slug as well as by id: a book
# removed with `remove --keep-notes` leaves them (book_id becomes NULL), and importing a book
# with that slug again gives them back.

readers = Table(
    "readers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    # Spoiler-safe help: the model is asked not to reveal what comes after where the reader is.
    Column("spoiler_safe", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
)

progress = Table(
    "progress",
    metadata,
    Column("reader_id", ForeignKey("readers.id", ondelete="CASCADE"), primary_key=True),
    Column("book_id", ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    # Where the reader is now (the last page they looked at), and how far they have ever got.
    Column("chapter", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("anchor", String(MAX_ANCHOR)),
    Column("furthest_chapter", Integer, nullable=False),
    # How much of the book lies before the reader's page, by words, worked out when it is saved.
    Column("percent", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

highlights = Table(
    "highlights",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", ForeignKey("readers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("book_slug", String(MAX_SLUG), nullable=False),
    Column("book_id", ForeignKey("books.id", ondelete="SET NULL"), index=True),
    Column("chapter", Integer, nullable=False),
    Column("anchor", String(MAX_ANCHOR), nullable=False),
    Column("quote", String(MAX_QUOTE), nullable=False),
    Column("colour", String(10), nullable=False),
    Column("note", String(MAX_NOTE)),
    # The passage was changed by a later import: the highlight is kept, and flagged.
    Column("changed", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
    Column("updated_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
    _at_most("quote", MAX_QUOTE),
    _at_most("note", MAX_NOTE),
    CheckConstraint("colour IN ('yellow', 'green', 'blue', 'pink')", name="colour"),
)

bookmarks = Table(
    "bookmarks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", ForeignKey("readers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("book_slug", String(MAX_SLUG), nullable=False),
    Column("book_id", ForeignKey("books.id", ondelete="SET NULL"), index=True),
    Column("chapter", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
    UniqueConstraint("reader_id", "book_slug", "chapter", "page"),
)
