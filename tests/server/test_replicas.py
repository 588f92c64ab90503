"""Two `chapterwise serve --workers 2` replicas on one PostgreSQL database, behind a round-robin client.

What a deployment behind a load balancer relies on: any replica answers any call in either
protocol era (no sticky sessions), a book imported while they serve is on both as soon as the
import returns, and what a reader saves through one replica is read back through the other.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client
from mcp.types import CallToolResult

from app.settings import Settings
from tests.conftest import TOOL_NAMES
from tests.load import ERAS, tool_request
from tests.postgres import PostgresCluster
from tests.serving import ROOT, chapterwise, post_mcp

pytestmark = pytest.mark.slow

MODES = ("legacy", "2026-07-28")
GUIDE = "chapterwise-guide"

HARBOUR = """---
title: Harbour Lights
author: A. Keeper
---

## The first lamp

Every evening the keeper climbs the stair and lights the lamp before the boats come in.

## Fog

On foggy nights the horn sounds twice a minute, and the boats find the harbour by ear.
"""
MORNING = """
## Morning

At dawn the keeper puts the lamp out and writes the night down in the log.
"""
HARBOUR_REVISED = HARBOUR.replace("title: Harbour Lights", "title: Harbour Lights, Revised") + MORNING


@pytest.fixture(scope="module")
def database(postgres_cluster: PostgresCluster, postgres_samples_template: str) -> Iterator[str]:
    """One migrated PostgreSQL library holding the sample books, shared by both replicas."""
    with postgres_cluster.database(template=postgres_samples_template) as url:
        yield url


@pytest.fixture(scope="module")
def replicas(database: str) -> Iterator[tuple[str, str]]:
    """The base URLs of two servers of two workers each, on the same database."""
    settings = Settings(database_url=database)
    with chapterwise(settings, "--workers", "2") as first, chapterwise(settings, "--workers", "2") as second:
        yield first, second


@pytest.fixture
async def clients(replicas: tuple[str, str]) -> AsyncIterator[list[Client]]:
    """The SDK's Client on each replica in each era, in the order a round-robin balancer visits them."""
    async with AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(Client(f"{base}/mcp", mode=mode))
            for mode in MODES
            for base in replicas
        ]


async def answered(call: Awaitable[CallToolResult]) -> dict[str, Any]:
    """A tool call's structuredContent, once the call has succeeded."""
    result = await call
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


@pytest.mark.anyio
async def test_a_round_robin_client_gets_every_call_answered_by_either_replica_in_either_era(
    clients: list[Client],
) -> None:
    balancer = itertools.cycle(clients)
    books = await answered(next(balancer).call_tool("list-books", {}))
    assert {book["slug"] for book in books["books"]} >= {GUIDE}
    opened = [await answered(next(balancer).call_tool("open-book", {"book": GUIDE})) for _ in clients]
    # Every replica, in every era, shows the same book.
    assert all(view == opened[0] for view in opened)
    for number in range(1, len(opened[0]["contents"]) + 1):
        page = await answered(next(balancer).call_tool("read-chapter", {"book": GUIDE, "chapter": number}))
        assert (page["book"], page["chapter"]) == (GUIDE, number)
    searched = [await answered(next(balancer).call_tool("search", {"query": "widget"})) for _ in clients]
    assert all(found == searched[0] for found in searched)
    for client in clients:
        assert {tool.name for tool in (await client.list_tools()).tools} == TOOL_NAMES


def test_raw_posts_alternate_between_replicas_in_both_eras_with_no_session_to_keep(
    replicas: tuple[str, str],
) -> None:
    first, second = replicas
    # The 2025 handshake starts on one replica and goes on with the other: there is no session.
    status, body = post_mcp(
        first,
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": ERAS[0],
                "capabilities": {},
                "clientInfo": {"name": "replica-test", "version": "1"},
            },
        },
    )
    assert status == 200
    assert body["result"]["protocolVersion"] == ERAS[0]
    assert post_mcp(second, {"jsonrpc": "2.0", "method": "notifications/initialized"})[0] == 202
    for base, era in zip(itertools.cycle(replicas), [*ERAS, *ERAS, *ERAS], strict=False):
        headers, request = tool_request(era, "read-chapter", {"book": GUIDE, "chapter": 2})
        status, body = post_mcp(base, request, headers)
        assert status == 200, body
        assert not body["result"].get("isError"), body
        assert body["result"]["structuredContent"]["chapter"] == 2


async def import_book(database: str, path: Path) -> None:
    """`python -m app --database-url URL import PATH`, as a person runs it; fails the test if it fails."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHAPTERWISE_")}
    done = await anyio.run_process(
        [sys.executable, "-m", "app", "--database-url", database, "import", str(path)],
        cwd=ROOT,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()


async def import_while_reading(database: str, path: Path, readers: list[Client]) -> int:
    """Import a book while `readers` read the sample book, call after call; returns how many calls they made."""
    calls = 0
    async with anyio.create_task_group() as group:

        async def read() -> None:
            nonlocal calls
            for client in itertools.cycle(readers):
                chapter = calls % 8 + 1
                page = await answered(client.call_tool("read-chapter", {"book": GUIDE, "chapter": chapter}))
                assert page["chapter"] == chapter
                await answered(client.call_tool("list-books", {}))
                calls += 2

        group.start_soon(read)
        await import_book(database, path)
        group.cancel_scope.cancel()
    return calls


async def shown_everywhere(clients: list[Client], slug: str) -> list[tuple[str, int]]:
    """The title and chapter count each client (each replica, each era) shows for a book."""
    views = [await answered(client.call_tool("open-book", {"book": slug})) for client in clients]
    return [(view["title"], view["chapters"]) for view in views]


@pytest.mark.anyio
async def test_a_book_imported_while_the_other_replica_serves_is_on_both_replicas_once_the_import_returns(
    clients: list[Client], database: str, tmp_path: Path
) -> None:
    book = tmp_path / "harbour-lights.md"
    book.write_text(HARBOUR, encoding="utf-8")
    on_first, on_second = clients[0::2], clients[1::2]
    assert await import_while_reading(database, book, on_second) > 0
    assert await shown_everywhere(clients, "harbour-lights") == [("Harbour Lights", 2)] * len(clients)

    book.write_text(HARBOUR_REVISED, encoding="utf-8")
    assert await import_while_reading(database, book, on_first) > 0
    assert await shown_everywhere(clients, "harbour-lights") == [("Harbour Lights, Revised", 3)] * len(
        clients
    )


@pytest.mark.anyio
async def test_a_place_saved_through_one_replica_is_read_back_through_the_other(
    replicas: tuple[str, str],
) -> None:
    first, second = replicas
    for saving, reading, chapter in ((first, second, 3), (second, first, 5)):
        async with Client(f"{saving}/mcp") as writer, Client(f"{reading}/mcp", mode="legacy") as reader:
            await answered(writer.call_tool("save-progress", {"book": GUIDE, "chapter": chapter, "page": 1}))
            opened = await answered(reader.call_tool("open-book", {"book": GUIDE}))
        assert opened["progress"]["chapter"] == chapter
        assert opened["progress"]["page"] == 1
    assert opened["progress"]["furthest_chapter"] == 5
