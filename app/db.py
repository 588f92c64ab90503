"""The database engine and its migrations: SQLite by default, any SQLAlchemy URL when configured.

Only `chapterwise db upgrade` and `chapterwise import` may create a library; every other command
opens an existing one, so a mistyped --data-dir or a deleted file is reported, never silently
replaced by an empty library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import NullPool

from app.errors import StorageProblem
from app.paths import bundled

if TYPE_CHECKING:
    from alembic.config import Config

_SQLITE = "sqlite:///"
_MIGRATION_LOCK = 0x43_68_61_70  # any fixed number: the key of PostgreSQL's advisory lock for migrating
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*(?:None|[\"'](\w+)[\"'])", re.MULTILINE)


def make_engine(url: str, *, create: bool = False, pooled: bool = True) -> Engine:
    """The engine for a library; `create=True` (db upgrade, import) may make a new SQLite file and folder.

    `pooled=False` opens a new connection for every use (the health check's probe).
    """
    if url.startswith(_SQLITE) and ":memory:" not in url and "?" not in url:
        file = Path(url.removeprefix(_SQLITE))
        if create:
            file.parent.mkdir(parents=True, exist_ok=True)
        elif not file.is_file():
            raise StorageProblem(_no_library(file))
        # mode=rw: a connection opened after the file was deleted fails instead of creating an empty one.
        url = f"{_SQLITE}file:{quote(file.as_posix())}?mode={'rwc' if create else 'rw'}&uri=true"
    # hide_parameters: an error never prints a book's text (or anything else a statement carried).
    engine = create_engine(url, hide_parameters=True, **({} if pooled else {"poolclass": NullPool}))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "handle_error", _explain)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked, on every new connection.
    cursor.execute("PRAGMA foreign_keys=ON")
    # Wait for a concurrent writer instead of failing at once with "database is locked".
    cursor.execute("PRAGMA busy_timeout=5000")
    # With WAL, NORMAL syncs at checkpoints rather than at every commit: a crash of Chapterwise
    # loses nothing, a power cut at worst the last commits, and each write commits in a fraction
    # of the time (a reading position is saved every few seconds).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# What SQLite's terse messages mean for someone running Chapterwise, and what to do about each.
_SQLITE_TROUBLE = {
    "database or disk is full": "the disk is full. Free some space and try again; the library is unchanged",
    "disk i/o error": "the disk could not be read or written. Check the disk (and free space) and try again",
    "unable to open database file": "the library's database file cannot be opened: it was moved or deleted "
    "while Chapterwise was running, or its folder is not readable. Restore it, or run `chapterwise db upgrade` "
    "to start a new one, then restart",
    "no such table": "the library's database has no tables: run `chapterwise db upgrade`, then try again",
    "readonly database": "the library's database is read-only for this user. Check the file's permissions",
    "database is locked": "another program kept the library locked for over 5 seconds. Try again in a moment",
}


def _explain(context: ExceptionContext) -> None:
    message = str(context.original_exception).lower()
    for symptom, explanation in _SQLITE_TROUBLE.items():
        if symptom in message:
            raise StorageProblem(f"Cannot use the library: {explanation}.") from context.original_exception


def _no_library(file: Path) -> str:
    return (
        f"There is no library at {file} yet. Import a book with `chapterwise import PATH` "
        "(or create an empty library with `chapterwise db upgrade`), or pass --data-dir to use another folder."
    )


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(bundled("migrations")))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> Literal["created", "upgraded", "current"]:
    """Bring the schema up to the newest migration; safe to call on every start, and says what it did."""
    # Nearly every start finds the schema current: say so without importing Alembic, which
    # would add a tenth of a second to every start.
    if current_revision(engine) == head_revision():
        return "current"
    with _migrating_alone(engine):
        current = current_revision(engine)  # another process may have migrated while we waited
        if current == head_revision():
            return "current"
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
    if engine.dialect.name == "sqlite":
        # WAL lets readers (several server workers) go on while an import writes. The mode is kept
        # in the file, so it is set once here rather than on every connection, which would need a
        # write on every start (and fail on a full disk even for read-only commands).
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    return "created" if current is None else "upgraded"


@contextmanager
def _migrating_alone(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one process migrates at a time: replicas starting together would race otherwise."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as holding:
        holding.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
        try:
            yield
        finally:
            # The lock belongs to the database session, which the pool keeps open: release it by hand.
            holding.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})


def health_problem(engine: Engine) -> str | None:
    """What keeps the library from serving (missing, unreadable, not migrated), or None when it is fine."""
    current = current_revision(engine)
    if current != head_revision():
        return f"the library's schema is at {current or 'nothing'}, not {head_revision()}: run chapterwise db upgrade"
    return None


def require_current_schema(engine: Engine) -> None:
    """Refuse to serve a library whose schema is not the one this Chapterwise knows."""
    current = current_revision(engine)
    if current != head_revision():
        state = "has no tables" if current is None else f"is at migration {current}, not {head_revision()}"
        raise StorageProblem(
            f"The library's database {state}. Run `chapterwise db upgrade`, then start again."
        )


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for a new (empty) database."""
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "alembic_version"):
            return None
        return connection.scalar(text("select version_num from alembic_version"))


def head_revision(versions: Path | None = None) -> str:
    """The newest migration, read from migrations/versions without importing Alembic (it is slow to import).

    Each migration names itself (`revision`) and its parent (`down_revision`); the head is the one
    no other names as its parent. tests/library/test_db.py checks this against Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (versions or bundled("migrations") / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(file.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    if len(heads) != 1:
        raise StorageProblem(f"migrations/versions should have one newest migration, not {sorted(heads)}.")
    return heads.pop()
