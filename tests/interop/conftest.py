"""Fixtures for the interop tests: real MCP clients from npm, run against a real Chapterwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import library_copy
from tests.serving import chapterwise

HERE = Path(__file__).parent
BIN = HERE / "node_modules" / ".bin"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/interop/" in str(item.fspath):
            item.add_marker(pytest.mark.interop)


@pytest.fixture(scope="session", autouse=True)
def _clients_installed() -> None:
    if shutil.which("node") and BIN.is_dir():
        return
    reason = "the interop clients are not installed: run `npm ci --prefix tests/interop` (needs Node 20+)"
    if os.environ.get("CHAPTERWISE_REQUIRE_INTEROP") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def library_dir(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return library_copy(samples_template, tmp_path_factory.mktemp("interop")).data_dir


@pytest.fixture(scope="session")
def base_url(library_dir: Path) -> Iterator[str]:
    from app.settings import Settings

    with chapterwise(Settings(data_dir=library_dir)) as url:
        yield url


def run_node(*args: str, timeout: float = 90) -> str:
    """Run a Node program from tests/interop and return its standard output; fail with its output."""
    done = subprocess.run(args, cwd=HERE, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout
