"""Shared fixtures: a real, migrated library file per test (migrated once, copied per test)."""

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


def open_library(settings: Settings) -> Library:
    return Library(make_engine(settings.db_url))


@pytest.fixture
def library(settings: Settings) -> Iterator[Library]:
    """The fresh, empty library, open; closed after the test."""
    opened = open_library(settings)
    yield opened
    opened.close()


@pytest.fixture
def sample_library(sample_settings: Settings) -> Iterator[Library]:
    """A fresh library holding the books in content/, open; closed after the test."""
    opened = open_library(sample_settings)
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
