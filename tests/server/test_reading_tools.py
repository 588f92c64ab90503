"""Reading state through the protocol, in both eras: the widget's writes, what the model is told, and who reads."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp.client import Client
from mcp.types import CallToolResult, TextContent

from app.server import build_server
from app.settings import Settings
from app.tools.base import CONTEXT_META_KEY
from app.views import BookView, ChapterView, LibraryView, NotesView
from tests.conftest import open_library
from tests.drafts import book

pytestmark = pytest.mark.anyio

TIDES = book(
    "tides",
    ("Low water", ["The sea goes out and leaves the rocks bare.", "Crabs wait under the weed for the tide."]),
    ("High water", ["The tides come back twice a day."]),
    ("Slack water", ["For a while nothing moves."]),
    title="Tides",
)
FIRST = TIDES.chapters[0].pages[0].blocks[1].anchor


@pytest.fixture(params=["legacy", "2026-07-28"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def shelf(db_settings: Settings) -> Settings:
    library = open_library(db_settings)
    library.save_books([TIDES])
    library.close()
    return db_settings


@pytest.fixture
async def client(shelf: Settings, mode: str) -> AsyncIterator[Client]:
    async with Client(build_server(shelf), mode=mode) as connected:
        yield connected


def text_of(result: CallToolResult) -> str:
    block = result.content[0]
    assert isinstance(block, TextContent)
    return block.text


async def call(
    client: Client, name: str, meta: dict[str, Any] | None = None, **arguments: Any
) -> CallToolResult:
    return await client.call_tool(name, arguments, meta=meta)


async def test_after_reading_on_the_model_knows_where_the_reader_is(client: Client) -> None:
    saved = await call(client, "save-progress", book="tides", chapter=2, page=1)
    assert not saved.is_error, text_of(saved)
    shelf = await call(client, "list-books")
    assert LibraryView.model_validate(shelf.structured_content).continue_reading is not None
    assert text_of(shelf).startswith(
        "The reader was last reading \"Tides\" (book: 'tides'), reading chapter 2, page 1"
    )
    opened = await call(client, "open-book", book="tides")
    assert "continue with read-chapter(book='tides', chapter=2, page=1)" in text_of(opened)
    assert BookView.model_validate(opened.structured_content).progress is not None


async def test_read_chapter_keeps_help_to_what_the_reader_has_read_unless_they_turn_it_off(
    client: Client,
) -> None:
    await call(client, "save-progress", book="tides", chapter=2)
    read = text_of(await call(client, "read-chapter", book="tides", chapter=1))
    assert read.endswith(
        "[The reader has reached chapter 2 of 3. Unless they ask, say nothing of what happens after chapter 2: "
        "they have not read it yet.]"
    )
    await call(client, "save-settings", spoiler_safe=False)
    read = text_of(await call(client, "read-chapter", book="tides", chapter=1))
    assert read.endswith("[The reader has reached chapter 2 of 3.]")
    view = ChapterView.model_validate((await call(client, "read-chapter", book="tides")).structured_content)
    assert (view.furthest_chapter, view.spoiler_safe) == (2, False)


async def test_a_highlight_comes_back_with_its_page_and_in_the_notes(client: Client) -> None:
    made = await call(
        client, "save-highlight", book="tides", chapter=1, at=FIRST, quote="Crabs wait", note="Why?"
    )
    assert not made.is_error, text_of(made)
    page = await call(client, "read-chapter", book="tides", chapter=1)
    [shown] = (page.meta or {})["chapterwise/highlights"]
    assert (shown["anchor"], shown["quote"], shown["colour"], shown["note"]) == (
        FIRST,
        "Crabs wait",
        "yellow",
        "Why?",
    )
    notes = await call(client, "read-notes", book="tides")
    assert NotesView.model_validate(notes.structured_content).highlights[0].citation == "1.2"
    assert "> Crabs wait [¶ 1.2]\n\nNote: Why?" in text_of(notes)


@pytest.mark.parametrize(
    ("name", "arguments", "said"),
    [
        (
            "save-highlight",
            {"book": "tides", "chapter": 1, "at": FIRST, "quote": "x", "colour": "mauve"},
            "`colour`",
        ),
        ("save-highlight", {"book": "tides", "chapter": 1, "at": FIRST, "quote": "x" * 2001}, "at most 2000"),
        (
            "save-highlight",
            {"book": "tides", "chapter": 1, "at": "p-nothere", "quote": "x"},
            'no passage "p-nothere"',
        ),
        ("delete-highlight", {"id": 999}, "The reader has no highlight 999"),
        ("save-progress", {"book": "tides", "chapter": 9}, "has no chapter 9"),
    ],
)
async def test_every_bad_write_is_one_clear_sentence(
    client: Client, name: str, arguments: dict[str, Any], said: str
) -> None:
    failed = await call(client, name, **arguments)
    assert failed.is_error
    assert said in text_of(failed)


async def test_with_one_reader_the_hosts_user_id_changes_nothing(client: Client) -> None:
    await call(client, "save-progress", {"openai/subject": "anne"}, book="tides", chapter=3)
    shelf = await call(client, "list-books", {"openai/subject": "ben"})
    assert "reading chapter 3" in text_of(shelf)


async def test_with_host_readers_two_users_never_see_each_others_state(shelf: Settings, mode: str) -> None:
    anne, ben = {"openai/subject": "anne-123"}, {"openai/subject": "ben-456"}
    async with Client(build_server(dataclasses.replace(shelf, readers="host")), mode=mode) as client:
        await call(client, "save-progress", anne, book="tides", chapter=3)
        made = await call(client, "save-highlight", anne, book="tides", chapter=1, at=FIRST, quote="Crabs")
        mark = await call(client, "save-bookmark", anne, book="tides", chapter=2)
        assert not made.is_error
        assert not mark.is_error
        highlight = (made.structured_content or {})["id"]
        bookmark = (mark.structured_content or {})["id"]
        # Ben: no progress, no highlights, no bookmarks, and none of Anne's to change.
        assert "not begun" in text_of(await call(client, "list-books", ben))
        opened = BookView.model_validate(
            (await call(client, "open-book", ben, book="tides")).structured_content
        )
        assert (opened.progress, opened.highlights, opened.bookmarks) == (None, 0, [])
        page = await call(client, "read-chapter", ben, book="tides", chapter=1)
        assert (page.meta or {})["chapterwise/highlights"] == []
        notes = NotesView.model_validate((await call(client, "read-notes", ben)).structured_content)
        assert (notes.highlights, notes.bookmarks) == ([], [])
        assert (await call(client, "delete-highlight", ben, id=highlight)).is_error
        assert (await call(client, "delete-bookmark", ben, id=bookmark)).is_error
        # Anne still has everything.
        mine = NotesView.model_validate((await call(client, "read-notes", anne)).structured_content)
        assert (len(mine.highlights), len(mine.bookmarks)) == (1, 1)
        # With no user id at all, a call is the one local reader's, who is neither of them.
        assert "not begun" in text_of(await call(client, "list-books"))


async def test_each_view_hands_the_widget_the_sentence_that_tells_the_model_what_is_on_screen(
    client: Client,
) -> None:
    await call(client, "save-progress", book="tides", chapter=2)
    await call(client, "save-highlight", book="tides", chapter=1, at=FIRST, quote="Crabs wait")

    async def told(name: str, **arguments: Any) -> str:
        return str(((await call(client, name, **arguments)).meta or {})[CONTEXT_META_KEY])

    assert (
        await told("list-books", query="tid")
        == 'The user is looking at their library: 1 book matching "tid".'
    )
    assert await told("open-book", book="tides") == (
        "The user is looking at the contents of the book 'tides' (3 chapters). The reader is at chapter 2 (58% read)."
    )
    assert await told("read-chapter", book="tides", chapter=1) == (
        "The user is reading chapter 1 of 3 (\"Low water\") of the book 'tides'. [The reader has reached chapter 2 "
        "of 3. Unless they ask, say nothing of what happens after chapter 2: they have not read it yet.]"
    )
    # The chapter on screen counts as reached, though the reader's place there is not saved yet.
    assert await told("read-chapter", book="tides", chapter=3) == (
        "The user is reading chapter 3 of 3 (\"Slack water\") of the book 'tides'. [The reader has reached chapter 3 of 3.]"
    )
    assert await told("search", query="tides", book="tides") == (
        'The user is looking at 2 passages matching the search "tides" in "Tides", page 1 of 1.'
    )
    assert await told("read-notes", book="tides") == (
        "The user is looking at their 1 highlight and 0 bookmarks in the book 'tides'."
    )
