"""The database engine and migrations: SQLite by default, any SQLAlchemy URL when configured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

from app.paths import bundled


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
    config = Config()
    config.set_main_option("script_location", str(bundled("migrations")))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest migration; safe to call on every start."""
    command.upgrade(alembic_config(engine), "head")
