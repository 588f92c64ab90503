"""Shared fixtures: a real, migrated library per test (migrated once, copied per test).

`settings` and `sample_settings` are SQLite libraries, for tests that run `chapterwise` itself.
`library`, `sample_library`, `db_settings` and `sample_db_settings` run each test twice: on a
SQLite file and on a PostgreSQL database (tests/postgres.py starts a throwaway cluster), so
every SQL statement and migration is proven on both.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import make_engine, migrate
from app.ingest import find_books, read_book
from app.library import Library
from app.paths import bundled
from app.settings import Settings
from tests.browser import browser, watched  # noqa: F401  (fixtures shared by e2e and interop)

pytest_plugins = ["tests.postgres"]

DATABASES = ["sqlite", "postgresql"]

# Every tool the server offers: the tests that list tools expect exactly these.
TOOL_NAMES = {
    "list-books",
    "open-book",
    "read-chapter",
    "search",
    "read-notes",
    "save-progress",
    "save-highlight",
    "delete-highlight",
    "save-bookmark",
    "delete-bookmark",
    "save-settings",
}

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"


def _make_template(path: Path, *, with_samples: bool) -> Path:
    library = Library(make_engine(f"sqlite:///{path}", create=True))
    migrate(library.engine)
    if with_samples:
        library.save_books([read_book(root) for root in find_books(bundled("content"))])
    # Closing every connection checkpoints the WAL into the main file, so one copy is complete.
    library.close()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("empty") / "chapterwise.db", with_samples=False)


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("samples") / "chapterwise.db", with_samples=True)


def library_copy(template: Path, folder: Path) -> Settings:
    """Settings for a new library folder holding a copy of a template library."""
    data_dir = folder / "data"
    data_dir.mkdir(parents=True)
    shutil.copy(template, data_dir / "chapterwise.db")
    return Settings(data_dir=data_dir)


@pytest.fixture
def settings(empty_template: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a fresh, migrated, empty library."""
    return library_copy(empty_template, tmp_path)


@pytest.fixture
def sample_settings(samples_template: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a fresh library holding the books in content/."""
    return library_copy(samples_template, tmp_path)


def _on(
    database: str, sqlite_template: str, postgres_template: str, request: pytest.FixtureRequest
) -> Iterator[Settings]:
    tmp_path: Path = request.getfixturevalue("tmp_path")
    if database == "sqlite":
        yield library_copy(request.getfixturevalue(sqlite_template), tmp_path)
        return
    cluster = request.getfixturevalue("postgres_cluster")
    with cluster.database(template=request.getfixturevalue(postgres_template)) as url:
        yield Settings(data_dir=tmp_path / "data", database_url=url)


@pytest.fixture(params=DATABASES)
def db_settings(request: pytest.FixtureRequest) -> Iterator[Settings]:
    """Settings pointing at a fresh, migrated, empty library: on SQLite, then on PostgreSQL."""
    yield from _on(request.param, "empty_template", "postgres_template", request)


@pytest.fixture(params=DATABASES)
def sample_db_settings(request: pytest.FixtureRequest) -> Iterator[Settings]:
    """Settings pointing at a fresh library holding content/: on SQLite, then on PostgreSQL."""
    yield from _on(request.param, "samples_template", "postgres_samples_template", request)


def open_library(settings: Settings) -> Library:
    return Library(make_engine(settings.db_url))


@pytest.fixture
def library(db_settings: Settings) -> Iterator[Library]:
    """A fresh, empty library, open (on each database); closed after the test."""
    opened = open_library(db_settings)
    yield opened
    opened.close()


@pytest.fixture
def sample_library(sample_db_settings: Settings) -> Iterator[Library]:
    """A fresh library holding the books in content/, open (on each database); closed after the test."""
    opened = open_library(sample_db_settings)
    yield opened
    opened.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def artifacts() -> Path:
    """A git-ignored folder for screenshots and other things a person should look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Playwright's sync API keeps an event loop running in the main thread for as long as the
    # browser is open, which would collide with the anyio tests; so browser tests go last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
