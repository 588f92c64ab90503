"""PostgreSQL: the test cluster works, today's migrations build the models there, copies are separate."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.db import SCHEMA_REVISION, current_revision, make_engine, upgrade
from app.ingest import SourceFile, parse_book
from app.library import Library
from app.models import Base
from tests.postgres import PostgresCluster

# Starts a PostgreSQL server (about a second), so it sits with the other process tests.
pytestmark = pytest.mark.slow

TIDES = """---
title: Tides
---
## Low water
The sea goes out and leaves the rocks bare.
"""


def test_upgrade_migrates_a_new_postgresql_database_to_the_newest_revision(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == SCHEMA_REVISION
    assert {"books", "chapters", "pages"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_migrated_postgresql_schema_is_exactly_what_the_models_describe(
    postgres_library_url: str,
) -> None:
    engine = make_engine(postgres_library_url)
    # What `alembic check` does: autogenerate's list of operations is empty when the two agree.
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_two_databases_copied_from_the_template_are_separate_libraries(
    postgres_cluster: PostgresCluster, postgres_template: str
) -> None:
    with (
        postgres_cluster.database(template=postgres_template) as first_url,
        postgres_cluster.database(template=postgres_template) as second_url,
    ):
        first, second = make_engine(first_url), make_engine(second_url)
        Library(first).save_books([parse_book([SourceFile(path="tides.md", text=TIDES)], slug="tides")])
        assert [book.slug for book in Library(first).list_books()] == ["tides"]
        assert Library(second).list_books() == []
        assert current_revision(second) == SCHEMA_REVISION
        first.dispose()
        second.dispose()


def test_the_cluster_listens_on_loopback_only_and_the_app_role_is_no_superuser(
    postgres_library_url: str,
) -> None:
    engine = make_engine(postgres_library_url)
    with engine.connect() as connection:
        assert connection.scalar(text("show listen_addresses")) == "127.0.0.1"
        assert connection.scalar(text("select rolsuper from pg_roles where rolname = current_user")) is False
        assert connection.scalar(text("show server_encoding")) == "UTF8"
    engine.dispose()
