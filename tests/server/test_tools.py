"""The tools, through the real protocol (the SDK's in-memory Client), in both protocol eras."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp.client import Client
from mcp.types import CallToolResult, TextContent

from app.server import build_server
from app.settings import Settings
from app.tools.base import HTML_META_KEY
from app.views import BookView, ChapterView, LibraryView
from tests.conftest import TOOL_NAMES

pytestmark = pytest.mark.anyio

GUIDE = "chapterwise-guide"
# Results are paged to stay far below what hosts accept (~25k tokens, roughly 4 characters each).
RESULT_BUDGET_CHARS = 60_000


@pytest.fixture(params=["legacy", "2026-07-28"])
async def client(request: pytest.FixtureRequest, sample_db_settings: Settings) -> AsyncIterator[Client]:
    """A client of each protocol era: the 2025 initialize handshake and the sessionless 2026 one."""
    async with Client(build_server(sample_db_settings), mode=request.param) as connected:
        yield connected


def text_of(result: CallToolResult) -> str:
    [block] = result.content
    assert isinstance(block, TextContent)
    return block.text


async def call(client: Client, name: str, **arguments: Any) -> CallToolResult:
    return await client.call_tool(name, arguments)


async def test_every_tool_declares_its_widget_title_annotations_and_output_schema(client: Client) -> None:
    listed = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert set(listed) == TOOL_NAMES
    resources = {r.uri: r for r in (await client.list_resources()).resources}
    for tool in listed.values():
        assert tool.title
        assert tool.description
        assert len(tool.description) > 50
        assert tool.output_schema is not None
        assert tool.output_schema["type"] == "object"
        annotations = tool.annotations
        assert annotations is not None
        meta = tool.meta or {}
        # What the model may call only reads; what only the widget may call says truthfully that it
        # writes, and the deletes that they delete. None reaches outside this server.
        app_only = tool.name.startswith(("save-", "delete-"))
        assert meta["ui"].get("visibility") == (["app"] if app_only else None), tool.name
        assert annotations.read_only_hint is not app_only
        assert annotations.destructive_hint is tool.name.startswith("delete-")
        assert annotations.open_world_hint is False
        # Only saving a highlight adds something each time (a second call, a second highlight).
        assert annotations.idempotent_hint is (tool.name != "save-highlight"), tool.name
        uri = meta["ui"]["resourceUri"]
        # One widget draws every tool's result, each in its own view.
        assert re.fullmatch(r"ui://chapterwise/widget-[0-9a-f]{10}\.html", uri)
        assert meta["openai/outputTemplate"] == uri
        assert meta["openai/widgetAccessible"] is True
        for key in ("openai/toolInvocation/invoking", "openai/toolInvocation/invoked"):
            assert 0 < len(meta[key]) <= 64
        assert uri in resources


async def test_widgets_are_served_as_mcp_app_html_with_their_meta(client: Client) -> None:
    for tool in (await client.list_tools()).tools:
        uri = (tool.meta or {})["ui"]["resourceUri"]
        [content] = (await client.read_resource(uri)).contents
        assert content.mime_type == "text/html;profile=mcp-app"
        assert content.meta is not None
        assert content.meta["ui"]["prefersBorder"] is True
        assert content.meta["openai/widgetDescription"]
        assert getattr(content, "text", "").lstrip().lower().startswith("<!doctype html>")


async def test_a_widget_uri_from_before_an_upgrade_still_resolves_to_the_current_widget(
    client: Client,
) -> None:
    tool = next(t for t in (await client.list_tools()).tools if t.name == "read-chapter")
    current = (tool.meta or {})["ui"]["resourceUri"]
    [now] = (await client.read_resource(current)).contents
    # Before there was one widget there were three, named library-, book- and reader-.
    for old_uri in ("ui://chapterwise/reader-0123456789.html", "ui://chapterwise/widget-0123456789.html"):
        [old] = (await client.read_resource(old_uri)).contents
        assert old.mime_type == "text/html;profile=mcp-app"
        assert getattr(old, "text", None) == getattr(now, "text", None)


async def test_list_books_shows_the_sample_books_to_model_and_widget(client: Client) -> None:
    result = await call(client, "list-books")
    assert not result.is_error
    library = LibraryView.model_validate(result.structured_content)
    assert GUIDE in {book.slug for book in library.books}
    assert f"'{GUIDE}'" in text_of(result)


async def test_list_books_searches_by_title_or_author(client: Client) -> None:
    result = await call(client, "list-books", query="INSIDE")
    library = LibraryView.model_validate(result.structured_content)
    assert [book.slug for book in library.books] == [GUIDE]
    assert (library.total, library.query) == (1, "INSIDE")
    assert '1 book matches "INSIDE"' in text_of(result)


async def test_a_search_that_finds_nothing_says_how_to_see_every_book(client: Client) -> None:
    result = await call(client, "list-books", query="moby dick")
    assert not result.is_error  # an empty shelf is an answer, not a failure
    assert LibraryView.model_validate(result.structured_content).books == []
    assert "without `query` to see every book" in text_of(result)


async def test_asking_for_a_page_of_the_library_past_its_end_says_which_pages_exist(client: Client) -> None:
    result = await call(client, "list-books", page=2)
    assert result.is_error
    assert text_of(result) == (
        "The library has 2 books, 24 a page, so there is no page 2. Call list-books with a page from 1 to 1."
    )


async def test_asking_past_the_end_of_a_search_names_the_search(client: Client) -> None:
    result = await call(client, "list-books", query="inside", page=3)
    assert text_of(result).startswith(
        'The library has 1 book matching "inside", 24 a page, so there is no page 3.'
    )


async def test_open_book_returns_the_cover_and_contents(client: Client) -> None:
    result = await call(client, "open-book", book=GUIDE)
    assert not result.is_error
    book = BookView.model_validate(result.structured_content)
    assert book.chapters == len(book.contents) >= 6
    assert [entry.number for entry in book.contents] == list(range(1, book.chapters + 1))
    assert book.contents[1].title in text_of(result)


async def test_open_book_accepts_an_unambiguous_title(client: Client) -> None:
    by_slug = await call(client, "open-book", book=GUIDE)
    title = BookView.model_validate(by_slug.structured_content).title
    by_title = await call(client, "open-book", book=title.upper())
    assert by_title.structured_content == by_slug.structured_content


async def test_read_chapter_gives_the_model_the_text_and_the_widget_html(client: Client) -> None:
    result = await call(client, "read-chapter", book=GUIDE, chapter=2)
    assert not result.is_error
    chapter = ChapterView.model_validate(result.structured_content)
    assert (chapter.book, chapter.chapter, chapter.page) == (GUIDE, 2, 1)
    assert chapter.previous_title
    assert chapter.next_title
    text = text_of(result)
    assert text.startswith(
        f'From "{chapter.book_title}" (book: \'{GUIDE}\'), chapter 2 of {chapter.chapters}: "{chapter.title}"'
    )
    assert "<p" not in text
    html = (result.meta or {})[HTML_META_KEY]
    assert '<p id="p-' in html  # every block carries its anchor (app/ingest/draft.py)
    # The bulky HTML is for the widget only: it stays out of what the model is shown.
    assert HTML_META_KEY not in json.dumps(result.structured_content)


async def test_every_sample_chapter_result_stays_well_below_the_hosts_size_budget(client: Client) -> None:
    for book in LibraryView.model_validate((await call(client, "list-books")).structured_content).books:
        contents = BookView.model_validate(
            (await call(client, "open-book", book=book.slug)).structured_content
        )
        for entry in contents.contents:
            for page in range(1, entry.pages + 1):
                result = await call(client, "read-chapter", book=book.slug, chapter=entry.number, page=page)
                assert not result.is_error
                assert len(result.model_dump_json()) < RESULT_BUDGET_CHARS


async def test_a_long_sample_chapter_comes_in_pages_that_point_to_the_next(client: Client) -> None:
    contents = BookView.model_validate((await call(client, "open-book", book=GUIDE)).structured_content)
    long = next(entry for entry in contents.contents if entry.pages > 1)
    first = await call(client, "read-chapter", book=GUIDE, chapter=long.number)
    assert "call read-chapter with page=2" in text_of(first)
    last = await call(client, "read-chapter", book=GUIDE, chapter=long.number, page=long.pages)
    view = ChapterView.model_validate(last.structured_content)
    assert (view.page, view.pages) == (long.pages, long.pages)
    assert "call read-chapter with page=" not in text_of(last)


async def test_an_unknown_book_is_an_error_that_lists_the_books(client: Client) -> None:
    result = await call(client, "read-chapter", book="moby-dick", chapter=1)
    assert result.is_error
    assert text_of(result) == (
        'There is no book "moby-dick" in the library. Books: \'chapterwise-guide\' ("Chapterwise from the Inside"), '
        "'slow-reading-zh' (\"慢读小记\"). Pass a slug as `book`, or call list-books with a `query` to search."
    )


async def test_reading_past_the_last_chapter_tells_the_model_how_many_there_are(client: Client) -> None:
    count = BookView.model_validate((await call(client, "open-book", book=GUIDE)).structured_content).chapters
    result = await call(client, "read-chapter", book=GUIDE, chapter=count + 1)
    assert result.is_error
    assert text_of(result) == (
        f"Book '{GUIDE}' has no chapter {count + 1} (it has {count} chapters). "
        f"Call read-chapter with a chapter from 1 to {count}, or open-book to see the contents."
    )


async def test_reading_past_the_last_page_tells_the_model_how_many_pages_there_are(client: Client) -> None:
    result = await call(client, "read-chapter", book=GUIDE, chapter=1, page=40)
    assert result.is_error
    assert text_of(result) == (
        f"Chapter 1 of '{GUIDE}' has 1 page; there is no page 40. Call read-chapter with a page from 1 to 1."
    )


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("read-chapter", {"book": GUIDE, "chapter": 0}),
        ("read-chapter", {"book": GUIDE, "chapter": 1, "page": 0}),
        ("read-chapter", {"chapter": 1}),
        ("open-book", {"book": ""}),
        ("list-books", {"page": 0}),
        ("list-books", {"query": "x" * 201}),
    ],
)
async def test_the_schema_rejects_impossible_arguments(
    client: Client, tool: str, arguments: dict[str, Any]
) -> None:
    result = await client.call_tool(tool, arguments)
    assert result.is_error


@pytest.mark.parametrize(
    ("tool", "arguments", "said"),
    [
        ("read-chapter", {"book": GUIDE, "chapter": 0}, "`chapter` must be 1 or more (it was 0)"),
        (
            "read-chapter",
            {"book": GUIDE, "page": 2**64},
            "`page` must be 100,000 or less (it was 18446744073709551616)",
        ),
        (
            "read-chapter",
            {"book": GUIDE, "chapter": "two"},
            "`chapter` must be a whole number (it was 'two')",
        ),
        ("read-chapter", {"chapter": 1}, "`book` is required"),
        ("open-book", {"book": ""}, "`book` must not be empty"),
        ("list-books", {"query": "x" * 201}, "`query` may be at most 200 characters long"),
    ],
)
async def test_bad_arguments_are_one_sentence_naming_the_argument_and_what_it_may_be(
    client: Client, tool: str, arguments: dict[str, Any], said: str
) -> None:
    result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert (
        text_of(result) == f"{tool} was called with invalid arguments: {said}. Call it again with valid ones."
    )


async def test_tool_errors_carry_no_sdk_prefix_or_pydantic_report(client: Client) -> None:
    for arguments in ({"book": "nope"}, {"book": GUIDE, "chapter": -1}):
        text = text_of(await client.call_tool("read-chapter", arguments))
        assert not text.startswith("Error executing tool")
        assert "pydantic" not in text
        assert "validation error" not in text


async def test_open_book_on_an_unknown_book_is_an_error_not_a_result(client: Client) -> None:
    result = await call(client, "open-book", book="nope")
    assert result.is_error
    assert result.structured_content is None
