"""Shared fixtures: a real, migrated SQLite file per test (migrated once, copied per test)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import make_engine, upgrade
from app.ingest import find_books, read_book
from app.library import Library
from app.paths import bundled
from app.settings import Settings
from tests.browser import browser, watched  # noqa: F401  (fixtures shared by e2e and interop)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"


def _make_template(path: Path, *, with_samples: bool) -> Path:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    if with_samples:
        drafts = [read_book(root) for root in find_books(bundled("content"))]
        Library(engine).save_books(drafts)
    # Closing every connection checkpoints the WAL into the main file, so one copy is complete.
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("empty") / "chapterwise.db", with_samples=False)


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("samples") / "chapterwise.db", with_samples=True)


def _settings_with(template: Path, tmp_path: Path) -> Settings:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(template, data_dir / "chapterwise.db")
    return Settings(data_dir=data_dir)


@pytest.fixture
def settings(empty_template: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a fresh, migrated, empty library."""
    return _settings_with(empty_template, tmp_path)


@pytest.fixture
def sample_settings(samples_template: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a fresh library holding the books in content/."""
    return _settings_with(samples_template, tmp_path)


@pytest.fixture
def library(settings: Settings) -> Iterator[Library]:
    engine = make_engine(settings.db_url)
    yield Library(engine)
    engine.dispose()


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
