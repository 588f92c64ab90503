"""The schema and the engine: migrations build exactly what app/schema.py describes, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Select, inspect, text
from sqlalchemy.exc import DataError, IntegrityError

from app.db import alembic_config, current_revision, head_revision, make_engine, migrate
from app.errors import StorageProblem
from app.library.books import shelf_page
from app.library.pages import _PAGE
from app.library.shelf import COUNT
from app.paths import bundled
from app.settings import Settings
from tests.postgres import PostgresCluster


def test_migrations_and_schema_agree(db_settings: Settings) -> None:
    engine = make_engine(db_settings.db_url)
    # `alembic check` raises if autogenerate would write any operation: schema and migrations differ.
    command.check(alembic_config(engine))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with nothing in it yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
        return
    with request.getfixturevalue("postgres_cluster").database() as url:
        yield url


def test_migrations_run_down_to_nothing_and_up_again(new_database: str) -> None:
    engine = make_engine(new_database, create=True)
    assert migrate(engine) == "created"
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert migrate(engine) == "created"
    assert {"books", "chapters", "pages", "passages"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics_own(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == head_revision()
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_two_newest_migrations_are_reported_rather_than_guessed_between(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(bundled("migrations") / "versions", versions)
    parent = head_revision(versions)
    (versions / "9998_a.py").write_text(f'revision = "9998"\ndown_revision = "{parent}"\n', encoding="utf-8")
    (versions / "9999_b.py").write_text(f'revision = "9999"\ndown_revision = "{parent}"\n', encoding="utf-8")
    with pytest.raises(StorageProblem, match="one newest migration"):
        head_revision(versions)


def test_upgrading_an_up_to_date_database_changes_nothing(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    assert migrate(engine) == "current"
    with engine.connect() as connection:
        assert connection.scalar(text("select version_num from alembic_version")) == head_revision()
    engine.dispose()


def test_a_library_from_the_first_release_is_upgraded_with_over_long_titles_shortened(
    new_database: str,
) -> None:
    engine = make_engine(new_database, create=True)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "insert into books (slug, title, words, minutes, source_hash) values ('old', :t, 1, 1, 'x')"
            ),
            {"t": "T" * 450},
        )
    assert migrate(engine) == "upgraded"
    with engine.connect() as connection:
        assert connection.scalar(text("select length(title) from books")) == 300
    engine.dispose()


def test_books_imported_before_numbering_was_kept_learn_whether_they_number_their_chapters(
    new_database: str,
) -> None:
    engine = make_engine(new_database, create=True)
    command.upgrade(alembic_config(engine), "0006")
    with engine.begin() as connection:
        for book_id, labels in ((1, [None, "1", "1.1"]), (2, [None, None])):
            connection.execute(
                text(
                    "insert into books (id, slug, title, chapter_count, words, minutes, source_hash) "
                    "values (:id, :slug, 'T', :n, 1, 1, 'x')"
                ),
                {"id": book_id, "slug": f"book-{book_id}", "n": len(labels)},
            )
            for number, label in enumerate(labels, start=1):
                connection.execute(
                    text(
                        "insert into chapters (book_id, number, title, label, words, minutes, page_count) "
                        "values (:book, :number, 'C', :label, 1, 1, 1)"
                    ),
                    {"book": book_id, "number": number, "label": label},
                )
    assert migrate(engine) == "upgraded"
    with engine.connect() as connection:
        numbered = dict(connection.execute(text("select slug, numbered from books order by id")).all())
    assert numbered == {"book-1": True, "book-2": False}
    engine.dispose()


def test_length_limits_hold_on_every_database(db_settings: Settings) -> None:
    engine = make_engine(db_settings.db_url)
    # PostgreSQL refuses the value for its VARCHAR(300) even before the CHECK; SQLite needs the CHECK.
    with pytest.raises((IntegrityError, DataError)), engine.begin() as connection:
        connection.execute(
            text(
                "insert into books (slug, title, chapter_count, words, minutes, source_hash)"
                " values ('long', :t, 0, 0, 0, 'x')"
            ),
            {"t": "T" * 301},
        )
    engine.dispose()


def test_sqlite_libraries_use_wal_and_enforce_foreign_keys(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    with engine.connect() as connection:
        assert connection.scalar(text("pragma journal_mode")) == "wal"
        assert connection.scalar(text("pragma foreign_keys")) == 1
    engine.dispose()


def test_only_creating_commands_create_the_data_folder_and_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "new" / "folder")
    with pytest.raises(StorageProblem, match=r"no library at .*chapterwise\.db yet\. Import a book"):
        make_engine(settings.db_url)
    assert not (tmp_path / "new").exists()
    engine = make_engine(settings.db_url, create=True)
    assert migrate(engine) == "created"
    assert (tmp_path / "new" / "folder" / "chapterwise.db").is_file()
    engine.dispose()


def test_a_library_deleted_while_open_is_reported_never_silently_recreated(settings: Settings) -> None:
    engine = make_engine(settings.db_url, pooled=False)
    database = settings.data_dir / "chapterwise.db"
    for file in settings.data_dir.iterdir():
        file.unlink()
    with pytest.raises(StorageProblem, match="moved or deleted"):
        current_revision(engine)
    assert not database.exists()
    engine.dispose()


def test_a_full_disk_is_one_sentence_that_never_shows_the_data_being_written(settings: Settings) -> None:
    engine = make_engine(settings.db_url)
    secret = "the text of a private book " * 200
    insert = text(
        "insert into books (slug, title, description, chapter_count, words, minutes, source_hash)"
        " values (:s, 'Full', :d, 0, 0, 0, 'x')"
    )
    with engine.begin() as connection:
        # SQLite reports a database that may not grow exactly as it reports a full disk.
        page_count = connection.scalar(text("pragma page_count"))
        connection.execute(text(f"pragma max_page_count = {page_count}"))
        with pytest.raises(StorageProblem) as raised:  # noqa: PT012  (it takes a few rows to fill a page)
            for number in range(100):
                connection.execute(insert, {"s": f"full-{number}", "d": secret[:2000]})
        connection.rollback()
    message = str(raised.value)
    assert (
        message
        == "Cannot use the library: the disk is full. Free some space and try again; the library is unchanged."
    )
    assert "private book" not in message
    engine.dispose()


def test_replicas_migrating_one_new_postgresql_database_at_once_take_turns(
    postgres_cluster: PostgresCluster,
) -> None:
    # SQLite is served from one machine, where `serve` migrates before it starts its workers;
    # replicas share PostgreSQL, and may all start at once on a database nobody has migrated.
    from concurrent.futures import ThreadPoolExecutor

    with postgres_cluster.database() as url:
        engines = [make_engine(url, create=True) for _ in range(3)]
        with ThreadPoolExecutor(len(engines)) as pool:
            outcomes = sorted(pool.map(migrate, engines))
        assert current_revision(engines[0]) == head_revision()
        for engine in engines:
            engine.dispose()
    # One of them built the schema; the others waited for its lock and found the work done.
    assert outcomes == ["created", "current", "current"]


def test_both_databases_keep_books_in_title_order_in_an_index(db_settings: Settings) -> None:
    # Alembic cannot compare this expression index on SQLite (migrations/env.py), so check it here.
    engine = make_engine(db_settings.db_url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            found = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
        else:
            found = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
        definition = connection.scalar(text(found), {"name": "ix_books_title_order"})
    engine.dispose()
    assert definition is not None
    # The two databases word it differently: `(lower(title), slug)`, `(lower((title)::text), slug)`.
    assert "lowertitle,slug" in re.sub(r'["()\s]|::text', "", definition.lower())


def test_a_page_of_the_library_reads_the_title_index_rather_than_sorting_every_book(
    settings: Settings,
) -> None:
    plan = _query_plan(settings, shelf_page(COUNT), {"skip": 0, "reader": "local"})
    assert "ix_books_title_order" in plan
    assert "TEMP B-TREE" not in plan


def test_a_page_s_first_passage_is_read_from_the_index_without_visiting_its_passages(
    settings: Settings,
) -> None:
    plan = _query_plan(settings, _PAGE, {"slug": "a", "number": 1, "page": 1, "reader": "local"})
    # COVERING: min(position) comes from the index alone, not from every passage row of the page.
    assert "passages USING COVERING INDEX ix_passages_page_position" in plan


def _query_plan(settings: Settings, statement: Select[Any], params: dict[str, object]) -> str:
    """How SQLite runs a statement of the library's: its EXPLAIN QUERY PLAN lines, joined by ' / '."""
    engine = make_engine(settings.db_url)
    compiled = statement.compile(engine)
    values = compiled.construct_params(params)
    with engine.connect() as connection:
        explained = connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", tuple(values[name] for name in compiled.positiontup or ())
        )
        plan = " / ".join(row.detail for row in explained)
    engine.dispose()
    return plan
