"""The schema: migrations build exactly what the models describe, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.db import SCHEMA_REVISION, alembic_config, current_revision, make_engine, upgrade
from app.settings import Settings


def test_migrations_and_models_agree(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    # `alembic check` raises if autogenerate would write any operation: models and migrations differ.
    command.check(alembic_config(engine))
    engine.dispose()


def test_migrations_run_down_to_nothing_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'round-trip.db'}")
    upgrade(engine)
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine)
    assert {"books", "chapters", "pages"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_fast_path_revision_is_alembics_head(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == SCHEMA_REVISION
    assert current_revision(engine) == SCHEMA_REVISION
    engine.dispose()


def test_a_new_database_has_no_revision_until_upgraded(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == SCHEMA_REVISION
    engine.dispose()


def test_upgrading_an_up_to_date_database_changes_nothing(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    upgrade(engine)
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.scalar(text("select version_num from alembic_version")) == "0001"
    engine.dispose()


def test_sqlite_connections_use_wal_and_enforce_foreign_keys(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    with engine.connect() as connection:
        assert connection.scalar(text("pragma journal_mode")) == "wal"
        assert connection.scalar(text("pragma foreign_keys")) == 1
    engine.dispose()


def test_the_data_folder_is_created_on_first_use(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "new" / "folder")
    engine = make_engine(settings.db_url)
    upgrade(engine)
    assert (tmp_path / "new" / "folder" / "chapterwise.db").is_file()
    engine.dispose()
