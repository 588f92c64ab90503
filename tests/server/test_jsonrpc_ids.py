"""POST /mcp with odd JSON-RPC ids, through a real `chapterwise serve` process."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import TOOL_NAMES, library_copy
from tests.serving import chapterwise, post_mcp

pytestmark = pytest.mark.slow

SDK_BODY_LIMIT = 4 * 1024 * 1024


@pytest.fixture(scope="module")
def base(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chapterwise(library_copy(samples_template, tmp_path_factory.mktemp("ids"))) as url:
        yield url


def list_tools(request_id: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "method": "tools/list", "params": {}}


def decoded(body: Any) -> Any:
    return json.loads(body) if isinstance(body, str) else body


@pytest.mark.parametrize(
    "request_id", [{"n": 1}, 1.5, None, True, [1]], ids=["object", "float", "null", "bool", "array"]
)
def test_a_request_whose_id_is_not_a_string_or_integer_gets_an_invalid_request_error(
    base: str, request_id: Any
) -> None:
    status, body = post_mcp(base, list_tools(request_id))

    assert status == 400, body
    reply = decoded(body)
    assert reply["jsonrpc"] == "2.0"
    assert "id" in reply
    assert reply["id"] is None
    assert reply["error"]["code"] == -32600
    assert "string or an integer" in reply["error"]["message"]
    assert "result" not in reply


@pytest.mark.parametrize("request_id", ["req-7", 7, 2**53 + 1], ids=["string", "integer", "large integer"])
def test_a_request_with_a_string_or_integer_id_is_answered_as_before(base: str, request_id: Any) -> None:
    status, body = post_mcp(base, list_tools(request_id))

    assert status == 200, body
    assert body["id"] == request_id
    assert {tool["name"] for tool in body["result"]["tools"]} == TOOL_NAMES


@pytest.mark.parametrize(
    "message",
    [
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 3, "result": {}},
    ],
    ids=["notification", "response"],
)
def test_notifications_and_responses_are_still_accepted_without_a_reply(
    base: str, message: dict[str, Any]
) -> None:
    assert post_mcp(base, message) == (202, None)


def test_an_odd_id_from_an_unknown_host_is_refused_by_the_host_check_first(base: str) -> None:
    status, _ = post_mcp(base, list_tools(None), {"Host": "evil.example:80"})

    assert status == 421


def test_the_2026_era_answers_an_odd_id_the_same_way(base: str) -> None:
    status, body = post_mcp(
        base, list_tools(None), {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/list"}
    )

    assert status == 400, body
    assert (decoded(body)["id"], decoded(body)["error"]["code"]) == (None, -32600)


def test_a_body_over_the_sdk_limit_is_still_refused_before_it_is_read(base: str) -> None:
    # Only the headers are sent: the refusal must come from the declared length, before any body.
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    try:
        connection.putrequest("POST", "/mcp")
        for name, value in {
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-11-25",
            "Content-Length": str(SDK_BODY_LIMIT + 1),
        }.items():
            connection.putheader(name, value)
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()
