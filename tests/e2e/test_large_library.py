"""A library bigger than one page: the reader pages through it and searches it from the widget."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.db import make_engine
from app.ingest import SourceFile, parse_book
from app.library import BOOKS_PER_PAGE, Library
from tests.browser import Watched
from tests.conftest import library_copy
from tests.serving import chapterwise

SHELF = BOOKS_PER_PAGE + 6


@pytest.fixture(scope="module")
def large_url(empty_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = library_copy(empty_template, tmp_path_factory.mktemp("large"))
    engine = make_engine(settings.db_url)
    drafts = [
        parse_book([SourceFile(f"{n}.md", f"# Atlas {n:02}\n## One\nText.\n")], slug=f"atlas-{n:02}")
        for n in range(SHELF)
    ]
    Library(engine).save_books(drafts)
    engine.dispose()
    with chapterwise(settings, "--dev") as url:
        yield url


@pytest.mark.parametrize("dialect", ["mcp-apps", "openai"])
def test_a_reader_pages_through_a_large_library_and_searches_it(
    watched: Watched, large_url: str, dialect: str
) -> None:
    page = watched.page
    page.goto(f"{large_url}/dev?dialect={dialect}&tool=list-books")
    frame = page.frame_locator("#frame")
    cards = frame.locator(".shelf .card")
    expect(cards).to_have_count(BOOKS_PER_PAGE)
    expect(frame.locator(".top .meta")).to_have_text(f"{SHELF} books · page 1 of 2")

    frame.get_by_role("button", name="More books →").click()
    expect(cards).to_have_count(SHELF - BOOKS_PER_PAGE)
    expect(cards.first).to_contain_text(f"Atlas {BOOKS_PER_PAGE:02}")
    expect(frame.get_by_role("button", name="More books →")).to_have_count(0)
    frame.get_by_role("button", name="← Previous books").click()
    expect(cards.first).to_contain_text("Atlas 00")

    # A search asked for in the chat shows only what matches, and "All books" goes back.
    page.goto(f"{large_url}/dev?dialect={dialect}&tool=list-books&args={json.dumps({'query': 'atlas 1'})}")
    expect(frame.locator(".page-title")).to_have_text("Books matching “atlas 1”")
    expect(cards).to_have_count(10)
    frame.get_by_role("button", name="All books").click()
    expect(cards).to_have_count(BOOKS_PER_PAGE)
    assert watched.errors == []
