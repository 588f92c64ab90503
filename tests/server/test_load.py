"""Readers under load while books are re-imported: every call answered and every book at its last version.

The short variant of the soak in `make bench` (tests/bench/soak.py): a fixed number of calls, and
no timing assertions, since two shared cores make any figure a guess.
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from pathlib import Path

import pytest

from app.settings import Settings
from tests.load import Report, run_load
from tests.postgres import PostgresCluster
from tests.reimports import Reimporter
from tests.serving import chapterwise

pytestmark = pytest.mark.slow

READERS = 8
CALLS = 400
BOOKS = 10


def assert_nothing_failed_or_lost(report: Report) -> None:
    assert report.errors == 0, report.first_errors
    assert report.lost == []
    assert report.calls >= CALLS
    # The readers read through at least one whole re-import, so the run proves something.
    assert report.import_rounds >= 1
    assert report.calls_during_imports > 0


def test_readers_of_one_sqlite_server_with_two_workers_see_no_error_while_books_are_reimported(
    settings: Settings, tmp_path: Path
) -> None:
    reimporter = Reimporter(settings, tmp_path / "books", books=BOOKS)
    reimporter.import_first()
    with chapterwise(settings, "--workers", "2") as url:
        report = asyncio.run(run_load([url], reimporter, readers=READERS, calls=CALLS))
    assert_nothing_failed_or_lost(report)


def test_readers_of_two_postgresql_replicas_see_no_error_while_books_are_reimported(
    postgres_cluster: PostgresCluster, postgres_template: str, tmp_path: Path
) -> None:
    with postgres_cluster.database(template=postgres_template) as url:
        settings = Settings(database_url=url)
        reimporter = Reimporter(settings, tmp_path / "books", books=BOOKS)
        reimporter.import_first()
        with ExitStack() as replicas:
            bases = [replicas.enter_context(chapterwise(settings, "--workers", "2")) for _ in range(2)]
            report = asyncio.run(run_load(bases, reimporter, readers=READERS, calls=CALLS))
    assert_nothing_failed_or_lost(report)
