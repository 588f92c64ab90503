"""Browser fixtures: Debian's Chromium driven by Playwright, against a real `chapterwise serve --dev`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from app.settings import Settings
from tests.server.serving import serving

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this
# sandboxed machine refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed (apt-get install chromium); browser tests cannot run"
        if os.environ.get("CHAPTERWISE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def start_library(template: Path, folder: Path) -> Settings:
    data_dir = folder / "data"
    data_dir.mkdir(parents=True)
    shutil.copy(template, data_dir / "chapterwise.db")
    return Settings(data_dir=data_dir)


@pytest.fixture(scope="session")
def base_url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(start_library(samples_template, tmp_path_factory.mktemp("e2e")), "--dev") as url:
        yield url


class Watched:
    """A page whose console errors, uncaught exceptions and dialogs are collected for assertions."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        # CSP violations ("Refused to …") and script errors in any frame arrive here as errors.
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(getattr(dialog, "message", "?"))
        dialog.dismiss()  # type: ignore[attr-defined]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1180, "height": 1400})
    page = context.new_page()
    yield Watched(page)
    context.close()
