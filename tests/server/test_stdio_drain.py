"""app.stdio's relays over in-memory streams: what happens to requests still running when input ends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import anyio
import pytest
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.server.mcpserver import MCPServer
from mcp.shared.message import SessionMessage
from mcp_types import (
    CONNECTION_CLOSED,
    JSONRPCError,
    JSONRPCMessage,
    JSONRPCNotification,
    JSONRPCRequest,
    JSONRPCResponse,
)

from app.stdio import serve_streams

pytestmark = pytest.mark.anyio

HANDSHAKE: list[JSONRPCMessage] = [
    JSONRPCRequest(
        jsonrpc="2.0",
        id=0,
        method="initialize",
        params={
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"},
        },
    ),
    JSONRPCNotification(jsonrpc="2.0", method="notifications/initialized"),
]
CALL = JSONRPCRequest(jsonrpc="2.0", id=1, method="tools/call", params={"name": "work", "arguments": {}})


def server_with(work: Callable[[], Any]) -> MCPServer:
    server = MCPServer("drain-test")
    server.tool(name="work")(work)
    return server


@asynccontextmanager
async def serving(
    server: MCPServer, *, drain_seconds: float = 30
) -> AsyncIterator[tuple[MemoryObjectSendStream[SessionMessage | Exception], list[JSONRPCMessage]]]:
    """Serve over in-memory wire streams; yields the client's input and, once serving ends, what it got."""
    to_wire, wire_in = anyio.create_memory_object_stream[SessionMessage | Exception](16)
    wire_out, from_wire = anyio.create_memory_object_stream[SessionMessage](16)
    received: list[JSONRPCMessage] = []

    async def collect(stream: MemoryObjectReceiveStream[SessionMessage]) -> None:
        async with stream:
            received.extend([item.message async for item in stream])

    # A bound on the whole exchange, so a server that never stops fails the test instead of hanging it.
    with anyio.fail_after(10):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(collect, from_wire)
            tasks.start_soon(partial(serve_streams, server, wire_in, wire_out, drain_seconds=drain_seconds))
            async with to_wire:
                for message in HANDSHAKE:
                    await to_wire.send(SessionMessage(message))
                yield to_wire, received


def answer_to(received: list[JSONRPCMessage], request_id: int) -> JSONRPCResponse | JSONRPCError | None:
    answers = [m for m in received if isinstance(m, JSONRPCResponse | JSONRPCError) and m.id == request_id]
    assert len(answers) <= 1, answers
    return answers[0] if answers else None


async def test_a_request_still_running_when_input_ends_is_answered_before_serving_stops() -> None:
    started, release = anyio.Event(), anyio.Event()

    async def work() -> str:
        started.set()
        await release.wait()
        return "finished after the end of input"

    async with serving(server_with(work)) as (to_wire, received):
        await to_wire.send(SessionMessage(CALL))
        await started.wait()
        to_wire.close()
        # Let the server act on the end of input before the work can finish.
        await anyio.wait_all_tasks_blocked()
        release.set()

    answer = answer_to(received, 1)
    assert isinstance(answer, JSONRPCResponse), received
    assert "finished after the end of input" in str(answer.result)


async def test_a_request_that_never_finishes_is_stopped_after_the_drain_bound(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with serving(server_with(anyio.sleep_forever), drain_seconds=0.2) as (to_wire, received):
        await to_wire.send(SessionMessage(CALL))

    answer = answer_to(received, 1)
    assert isinstance(answer, JSONRPCError), received
    assert answer.error.code == CONNECTION_CLOSED
    assert "1 request(s) still running after 0.2 s" in capsys.readouterr().err


async def test_a_request_the_client_cancelled_does_not_hold_the_server_open() -> None:
    cancel = JSONRPCNotification(jsonrpc="2.0", method="notifications/cancelled", params={"requestId": 1})
    async with serving(server_with(anyio.sleep_forever)) as (to_wire, received):
        await to_wire.send(SessionMessage(CALL))
        await to_wire.send(SessionMessage(cancel))

    # The protocol says a cancelled request is never answered; serving ended well inside the bound.
    assert answer_to(received, 1) is None
    assert answer_to(received, 0) is not None
