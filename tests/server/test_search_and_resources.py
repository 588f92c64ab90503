"""The search tool and the book and chapter resources, through the real protocol in both eras, on both databases."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp.client import Client
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult, ResourceLink, TextContent

from app.library import BOOKS_PER_PAGE, COUNT_LIMIT, Library
from app.server import build_server
from app.settings import Settings
from app.views import SearchView
from tests.conftest import open_library
from tests.drafts import book

pytestmark = pytest.mark.anyio

TIDES = book(
    "tides",
    ("Low water", ["The sea goes out and leaves the rocks bare.", "Crabs wait under the weed for the tide."]),
    ("High water", ["The tides come back twice a day, tides upon tides."]),
    title="Tides",
)
SLOW = book("slow", ("火车", ["有一次出差，火车在山里晚点了四个小时。"]), title="慢读小记")


@pytest.fixture(params=["legacy", "2026-07-28"])
async def client(request: pytest.FixtureRequest, db_settings: Settings) -> AsyncIterator[Client]:
    library = open_library(db_settings)
    library.save_books([TIDES, SLOW])
    library.close()
    async with Client(build_server(db_settings), mode=request.param) as connected:
        yield connected


def text_of(result: CallToolResult) -> str:
    block = result.content[0]
    assert isinstance(block, TextContent)
    return block.text


async def search(client: Client, **arguments: Any) -> CallToolResult:
    return await client.call_tool("search", arguments)


async def test_search_is_a_read_only_tool_that_opens_the_widget(client: Client) -> None:
    [tool] = [t for t in (await client.list_tools()).tools if t.name == "search"]
    assert tool.annotations is not None
    assert tool.annotations.read_only_hint is True
    assert (tool.meta or {})["ui"]["resourceUri"].startswith("ui://chapterwise/widget-")
    assert tool.output_schema is not None


async def test_search_gives_the_model_quotable_passages_with_citations_and_links(client: Client) -> None:
    result = await search(client, query="tides")
    assert not result.is_error
    view = SearchView.model_validate(result.structured_content)
    assert [(hit.book, hit.citation) for hit in view.hits] == [("tides", "2.1"), ("tides", "1.2")]
    text = text_of(result)
    assert text.startswith('2 passages in the library match "tides"')
    assert '1. [¶ 2.1] "Tides", chapter 2 "High water" (read-chapter book=\'tides\' chapter=2 at=\'p-' in text
    assert "The **tides** come back twice a day, **tides** upon **tides**." in text
    assert "⟦book text⟧" in text
    links = [block for block in result.content if isinstance(block, ResourceLink)]
    assert [str(link.uri) for link in links] == [
        "chapterwise://books/tides/chapters/2",
        "chapterwise://books/tides/chapters/1",
    ]


async def test_past_the_count_limit_the_model_is_told_the_matches_are_in_the_librarys_order(
    db_settings: Settings,
) -> None:
    library = open_library(db_settings)
    library.save_books([book("stars", ("All", [f"Star number {n}." for n in range(COUNT_LIMIT + 2)]))])
    library.close()
    async with Client(build_server(db_settings)) as client:
        said = text_of(await search(client, query="star"))
    assert said.startswith(f"{COUNT_LIMIT:,}+ passages in the library match")
    assert (
        "here are 1 to 10, in the library's order, too many to rank; add a word to narrow the search." in said
    )


async def test_a_chinese_search_of_two_characters_finds_the_sentence(client: Client) -> None:
    result = await search(client, query="火车", book="slow")
    view = SearchView.model_validate(result.structured_content)
    assert [hit.citation for hit in view.hits] == ["1.1"]
    assert view.hits[0].snippet[1] == "火车"


async def test_the_structured_content_stays_small(client: Client) -> None:
    result = await search(client, query="the")
    assert len(str(result.structured_content)) < 6_000


async def test_a_blank_query_tells_the_model_what_to_pass(client: Client) -> None:
    result = await search(client, query="   ")
    assert result.is_error
    assert text_of(result).startswith("There is nothing to search for in `query`. Pass the words to look for")


async def test_a_page_of_results_past_the_end_is_an_error_naming_the_pages(client: Client) -> None:
    result = await search(client, query="tides", page=2)
    assert result.is_error
    assert text_of(result) == (
        'The search "tides" has 2 passages, ten a page, so there is no page 2. Call search with a page from 1 to 1.'
    )


async def test_a_search_that_finds_nothing_is_an_answer(client: Client) -> None:
    result = await search(client, query="whale")
    assert not result.is_error
    assert text_of(result) == 'No passage in the library holds "whale". Try other words, or fewer of them.'


async def test_a_hit_opens_the_chapter_at_its_passage(client: Client) -> None:
    hit = SearchView.model_validate((await search(client, query="crabs")).structured_content).hits[0]
    opened = await client.call_tool(
        "read-chapter", {"book": hit.book, "chapter": hit.chapter, "at": hit.anchor}
    )
    assert not opened.is_error
    assert opened.structured_content is not None
    assert (opened.structured_content["chapter"], opened.structured_content["at"]) == (1, hit.anchor)
    missing = await client.call_tool("read-chapter", {"book": "tides", "chapter": 1, "at": "p-00000000"})
    assert text_of(missing) == (
        "Chapter 1 of 'tides' has no passage \"p-00000000\". Call read-chapter without `at` to read the chapter "
        "from its start."
    )


async def test_books_and_chapters_are_resource_templates(client: Client) -> None:
    templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
    assert {"chapterwise://books/{book}", "chapterwise://books/{book}/chapters/{chapter}"} <= templates


async def test_a_chapter_resource_is_the_chapters_markdown(client: Client) -> None:
    [content] = (await client.read_resource("chapterwise://books/tides/chapters/2")).contents
    assert content.mime_type == "text/markdown"
    text = getattr(content, "text", "")
    assert text.startswith("# High water\n\nFrom Tides, chapter 2.")
    assert "The tides come back twice a day" in text


async def test_a_book_resource_lists_its_chapters_with_their_addresses(client: Client) -> None:
    [content] = (await client.read_resource("chapterwise://books/tides")).contents
    text = getattr(content, "text", "")
    assert text.startswith("# Tides\n")
    assert "2. [High water](chapterwise://books/tides/chapters/2)" in text


@pytest.mark.parametrize(
    ("uri", "said"),
    [
        ("chapterwise://books/tides/chapters/9", "has no chapter 9"),
        ("chapterwise://books/tides/chapters/two", "is not a chapter number"),
        ("chapterwise://books/moby/chapters/1", 'There is no book "moby"'),
    ],
)
async def test_reading_a_resource_that_does_not_exist_says_why(client: Client, uri: str, said: str) -> None:
    with pytest.raises(MCPError, match=re.escape(said)):
        await client.read_resource(uri)


async def test_resources_list_pages_through_the_books_after_the_widget(db_settings: Settings) -> None:
    library: Library = open_library(db_settings)
    library.save_books([book(f"book-{n:02}", ("One", ["Text."]), title=f"Book {n:02}") for n in range(30)])
    library.close()
    async with Client(build_server(db_settings)) as client:
        first = await client.list_resources()
        uris = [str(r.uri) for r in first.resources]
        assert uris[0].startswith("ui://chapterwise/widget-")
        assert uris[1:] == [f"chapterwise://books/book-{n:02}" for n in range(BOOKS_PER_PAGE)]
        assert first.next_cursor == "2"
        second = await client.list_resources(cursor=first.next_cursor)
        assert [str(r.uri) for r in second.resources] == [
            f"chapterwise://books/book-{n:02}" for n in range(24, 30)
        ]
        assert second.next_cursor is None
        with pytest.raises(MCPError, match="Unknown cursor"):
            await client.list_resources(cursor="nonsense")
