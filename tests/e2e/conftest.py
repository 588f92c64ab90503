"""Fixtures for the e2e tests: a real `chapterwise serve --dev` holding the sample books."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import library_copy
from tests.e2e.showcase import reading_url, samples_url, showcase, showcase_url  # noqa: F401  (for test_showcase)
from tests.serving import chapterwise


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chapterwise(library_copy(samples_template, tmp_path_factory.mktemp("e2e")), "--dev") as url:
        yield url
