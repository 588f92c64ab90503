"""The test cluster itself: copies of the template are separate libraries, and the app's role is an ordinary one.

The library, tools and migration suites run on PostgreSQL through the fixtures in tests/conftest.py;
this file checks only what those suites take for granted about the cluster they run on.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.db import current_revision, head_revision, make_engine
from app.ingest import SourceFile, parse_book
from app.library import Library
from tests.postgres import PostgresCluster

# Starts a PostgreSQL server (about a second), so it sits with the other process tests.
pytestmark = pytest.mark.slow

TIDES = """---
title: Tides
---
## Low water
The sea goes out and leaves the rocks bare.
"""


def test_two_databases_copied_from_the_template_are_separate_libraries(
    postgres_cluster: PostgresCluster, postgres_template: str
) -> None:
    with (
        postgres_cluster.database(template=postgres_template) as first_url,
        postgres_cluster.database(template=postgres_template) as second_url,
    ):
        first, second = Library(make_engine(first_url)), Library(make_engine(second_url))
        first.save_books([parse_book([SourceFile(path="tides.md", text=TIDES)], slug="tides")])
        assert [book.slug for book in first.all_books()] == ["tides"]
        assert second.all_books() == []
        assert current_revision(second.engine) == head_revision()
        first.close()
        second.close()


def test_the_cluster_listens_on_loopback_only_and_the_app_role_is_no_superuser(
    postgres_library_url: str,
) -> None:
    engine = make_engine(postgres_library_url)
    with engine.connect() as connection:
        assert connection.scalar(text("show listen_addresses")) == "127.0.0.1"
        assert connection.scalar(text("select rolsuper from pg_roles where rolname = current_user")) is False
        assert connection.scalar(text("show server_encoding")) == "UTF8"
    engine.dispose()
