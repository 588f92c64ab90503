"""Alembic's entry point: runs migrations on the engine Chapterwise hands it (see app/db.py)."""

from alembic import context
from sqlalchemy import Engine

from app.schema import metadata

engine: Engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        render_as_batch=True,
        # `chapterwise db revision` passes a hook that drops empty migrations (app/cli.py).
        process_revision_directives=context.config.attributes.get("process_revision_directives"),
    )
    with context.begin_transaction():
        context.run_migrations()
