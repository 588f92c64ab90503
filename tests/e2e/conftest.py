"""Fixtures for the e2e tests: a real `chapterwise serve --dev` holding the sample books."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import Settings
from tests.server.serving import serving


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def start_library(template: Path, folder: Path) -> Settings:
    data_dir = folder / "data"
    data_dir.mkdir(parents=True)
    shutil.copy(template, data_dir / "chapterwise.db")
    return Settings(data_dir=data_dir)


@pytest.fixture(scope="session")
def base_url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(start_library(samples_template, tmp_path_factory.mktemp("e2e")), "--dev") as url:
        yield url
