"""Streamable HTTP through a real `chapterwise serve` process: the protocol and the Host/Origin guard."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mcp.client import Client

from app.settings import Settings
from tests.conftest import library_copy
from tests.serving import chapterwise, post_mcp

pytestmark = pytest.mark.slow

LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
TUNNEL = "https://reader.example-tunnel.test"


@pytest.fixture(scope="module")
def base(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = library_copy(samples_template, tmp_path_factory.mktemp("http"))
    with chapterwise(settings, "--public-url", TUNNEL, "--allow-origin", "https://host.test") as url:
        yield url


def test_health_check_answers_ok(base: str) -> None:
    with urllib.request.urlopen(f"{base}/healthz") as response:
        assert response.status == 200
        assert b'"ok"' in response.read()


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])
async def test_tools_list_call_and_resource_read_work_over_http(base: str, mode: str) -> None:
    async with Client(f"{base}/mcp", mode=mode) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(tools) == {"list-books", "open-book", "read-chapter"}
        result = await client.call_tool("read-chapter", {"book": "chapterwise-guide", "chapter": 1})
        assert not result.is_error
        assert result.structured_content
        assert result.structured_content["chapter"] == 1
        uri = (tools["read-chapter"].meta or {})["ui"]["resourceUri"]
        [content] = (await client.read_resource(uri)).contents
        assert content.mime_type == "text/html;profile=mcp-app"


def test_responses_are_plain_json_not_event_streams(base: str) -> None:
    status, body = post_mcp(base, LIST_TOOLS)
    assert status == 200
    assert {tool["name"] for tool in body["result"]["tools"]} == {"list-books", "open-book", "read-chapter"}


def test_an_unknown_host_is_refused(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Host": "evil.example:80"})
    assert status == 421


def test_an_unknown_origin_is_refused(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Origin": "https://evil.example"})
    assert status == 403


def test_the_public_url_host_and_origin_are_allowed(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Host": "reader.example-tunnel.test", "Origin": TUNNEL})
    assert status == 200


def test_an_allowed_origin_is_accepted(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Origin": "https://host.test"})
    assert status == 200


def test_without_a_public_url_a_tunnel_host_is_refused(settings: Settings) -> None:
    with chapterwise(settings) as url:
        status, _ = post_mcp(url, LIST_TOOLS, {"Host": "reader.example-tunnel.test"})
        assert status == 421
        status, _ = post_mcp(url, LIST_TOOLS)
        assert status == 200


def test_several_workers_serve_one_library(settings: Settings) -> None:
    with chapterwise(settings, "--workers", "2") as url:
        for _ in range(6):  # enough requests that both workers are likely to answer some
            status, body = post_mcp(url, LIST_TOOLS)
            assert status == 200
            assert len(body["result"]["tools"]) == 3


@pytest.mark.anyio
async def test_stdio_serves_the_same_tools_to_a_local_host(sample_settings: Settings) -> None:
    import sys

    from mcp.client.stdio import StdioServerParameters

    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "app", "--data-dir", str(sample_settings.data_dir), "serve", "--stdio"],
    )
    async with Client(command, mode="legacy") as client:
        result = await client.call_tool("read-chapter", {"book": "chapterwise-guide", "chapter": 1})
        assert not result.is_error
        assert result.structured_content is not None
        assert result.structured_content["title"] == "A Reader in the Chat"
