"""The database engine and migrations: SQLite by default, any SQLAlchemy URL when configured."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from app.paths import bundled

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration in migrations/versions. A test checks it against Alembic's own view, so
# the fast path in upgrade() cannot drift from the migrations.
SCHEMA_REVISION = "0001"


def make_engine(url: str) -> Engine:
    """Create the engine; for SQLite also create the folder and switch on WAL and foreign keys."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked, on every new connection.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (several server workers) go on while an import writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    # Wait for a concurrent writer instead of failing at once with "database is locked".
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(bundled("migrations")))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest migration; safe to call on every start."""
    # Nearly every start finds the schema current: say so without importing Alembic, which
    # would add a tenth of a second to every server start.
    if current_revision(engine) == SCHEMA_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for a new database."""
    try:
        with engine.connect() as connection:
            return connection.scalar(text("select version_num from alembic_version"))
    except DBAPIError:
        return None
