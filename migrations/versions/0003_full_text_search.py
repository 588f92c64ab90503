"""full-text search over passages: SQLite FTS5, PostgreSQL text search

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 11:00:00

Neither index is a table of app/schema.py: each database builds its own kind, and
app/library/searching.py's search() speaks to each in its own words. migrations/env.py keeps Alembic's comparison away from them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: an FTS5 index over passages.text that stores no copy of the text (content='passages'),
# kept in step by triggers inside the very transaction that writes the passages, so a search never
# sees half an import. porter stems English words; unicode61 folds case and (with
# remove_diacritics 2) accents. CJK characters are words of their own (see app/search.py).
SQLITE_UP = [
    """CREATE VIRTUAL TABLE passages_fts USING fts5(
        text, content='passages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER passages_fts_update AFTER UPDATE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END""",
    "INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER passages_fts_update",
    "DROP TRIGGER passages_fts_delete",
    "DROP TRIGGER passages_fts_insert",
    "DROP TABLE passages_fts",
]

# PostgreSQL: a text search configuration that stems English and ignores accents (unaccent is a
# trusted extension, so the database's owner may create it), and a GIN index on the passages'
# vectors in that configuration. The index is on an expression, so nothing else is stored.
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION chapterwise (COPY = english)",
    """ALTER TEXT SEARCH CONFIGURATION chapterwise
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
    "CREATE INDEX ix_passages_search ON passages USING gin (to_tsvector('chapterwise', text))",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_passages_search",
    "DROP TEXT SEARCH CONFIGURATION chapterwise",
]


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
