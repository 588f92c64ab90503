"""Alembic's entry point: runs migrations on the engine Chapterwise hands it (see app/db.py)."""

import warnings

from alembic import context
from sqlalchemy import Engine

from app.schema import metadata

engine: Engine = context.config.attributes["engine"]


def in_schema(name: str | None, type_: str, parent_names: object) -> bool:
    # The full-text indexes (migration 0003) are each database's own kind of object, not part of
    # app/schema.py: SQLite's FTS5 table with its shadow tables, and PostgreSQL's GIN index.
    return not (name or "").startswith(("passages_fts", "ix_passages_search"))


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        render_as_batch=True,
        include_name=in_schema,
        # `chapterwise db revision` passes a hook that drops empty migrations (app/cli.py).
        process_revision_directives=context.config.attributes.get("process_revision_directives"),
    )
    with context.begin_transaction(), warnings.catch_warnings():
        if engine.dialect.name == "sqlite":
            # SQLAlchemy cannot read an expression index (ix_books_title_order, on lower(title))
            # back from SQLite, so Alembic compares it on PostgreSQL only and warns here; a test
            # in tests/library/test_db.py checks that SQLite has it.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            warnings.filterwarnings(
                "ignore", "autogenerate skipping metadata-specified expression-based index"
            )
        context.run_migrations()
