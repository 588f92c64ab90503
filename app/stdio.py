"""MCP over stdin/stdout: every request read before end of input is answered, then the process exits."""

from __future__ import annotations

import sys
from collections import Counter

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared._stream_protocols import ReadStream, WriteStream
from mcp.shared.dispatcher import coerce_request_id
from mcp.shared.jsonrpc_dispatcher import cancelled_request_id_from_params
from mcp.shared.message import SessionMessage
from mcp_types import (
    INVALID_REQUEST,
    PARSE_ERROR,
    ErrorData,
    JSONRPCError,
    JSONRPCNotification,
    JSONRPCRequest,
    JSONRPCResponse,
    RequestId,
)
from pydantic import ValidationError

from app.errors import ChapterwiseError

# How long requests may go on running after end of input. A tool call takes milliseconds; the bound
# only keeps a wedged handler from holding the process open forever once the client has left.
DRAIN_SECONDS = 30.0


def run_stdio(server: MCPServer) -> None:
    """Serve `server` over stdin/stdout until end of input and every answer is written."""
    anyio.run(serve_stdio, server)


async def serve_stdio(server: MCPServer) -> None:
    """Serve over the process's own stdin/stdout, through the SDK's stdio transport."""
    client_left = False
    try:
        async with stdio_server() as (wire_in, wire_out):
            await serve_streams(server, wire_in, wire_out)
    except* (BrokenPipeError, anyio.BrokenResourceError):
        client_left = True
    if client_left:
        raise ChapterwiseError(
            "the client closed the server's stdout before every answer was written; answers to its "
            "last requests were lost. Keep reading stdout until the server exits."
        )


# MCPServer.run("stdio") hands end of input straight to the server's dispatcher, which takes it for
# "the client is gone" and cancels every request still running, so their answers are never written
# (even a plain-`def` tool that finishes in its worker thread loses the answer it is writing). But a
# client that closes stdin after its last request is still reading stdout. So the SDK's transport
# and server are joined here through two relays that hold end of input back until every request has
# been answered, and that answer lines the SDK could not read instead of dropping them unseen.
# (The SDK bug is modelcontextprotocol/python-sdk#2678, still open for mcp 2.3.0.)
async def serve_streams(
    server: MCPServer,
    wire_in: ReadStream[SessionMessage | Exception],
    wire_out: WriteStream[SessionMessage],
    *,
    drain_seconds: float = DRAIN_SECONDS,
) -> None:
    """Serve one client over the transport's streams until its input ends and every answer is out."""
    # MCPServer has no public way to serve its own streams; the SDK's in-memory Client reaches the
    # low-level server through this same attribute.
    lowlevel = server._lowlevel_server
    unanswered = Unanswered(drain_seconds)
    to_server, server_reads = anyio.create_memory_object_stream[SessionMessage | Exception]()
    server_writes, from_server = anyio.create_memory_object_stream[SessionMessage]()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(relay_input, wire_in, to_server, server_writes.clone(), unanswered)
        tasks.start_soon(relay_output, from_server, wire_out, unanswered)
        # Serves whichever protocol era the client's first request opens, and closes
        # `server_writes` once the dispatcher sees end of input.
        await lowlevel.run(server_reads, server_writes, lowlevel.create_initialization_options())


class Unanswered:
    """The requests read from stdin that the server has not answered yet, and end of input."""

    def __init__(self, drain_seconds: float) -> None:
        self._drain_seconds = drain_seconds
        # A count per id: JSON-RPC asks for unique ids, but a client reusing one still gets both answers.
        self._ids: Counter[RequestId] = Counter()
        self._input_ended = False
        self._all_answered = anyio.Event()

    def asked(self, request_id: RequestId) -> None:
        self._ids[coerce_request_id(request_id)] += 1

    def settled(self, request_id: RequestId) -> None:
        """The request was answered, or the client cancelled it (a cancelled request is never answered)."""
        key = coerce_request_id(request_id)
        if self._ids[key] > 0:
            self._ids[key] -= 1
        self._check()

    async def wait_after_end_of_input(self) -> None:
        self._input_ended = True
        self._check()
        with anyio.move_on_after(self._drain_seconds):
            await self._all_answered.wait()
        if left := self._ids.total():
            print(
                f"chapterwise: stdio: input ended with {left} request(s) still running after "
                f"{self._drain_seconds:g} s; stopping them",
                file=sys.stderr,
                flush=True,
            )

    def _check(self) -> None:
        if self._input_ended and not self._ids.total():
            self._all_answered.set()


async def relay_input(
    wire_in: ReadStream[SessionMessage | Exception],
    to_server: MemoryObjectSendStream[SessionMessage | Exception],
    replies: MemoryObjectSendStream[SessionMessage],
    unanswered: Unanswered,
) -> None:
    """Pass messages from stdin to the server; answer bad lines; pass end of input on once all is answered."""
    async with wire_in, to_server, replies:
        # The SDK's reader yields exactly one item per line, so counting items numbers the lines.
        line = 0
        async for item in wire_in:
            line += 1
            if isinstance(item, Exception):
                await answer_bad_line(item, line, replies)
                continue
            match item.message:
                case JSONRPCRequest(id=request_id):
                    unanswered.asked(request_id)
                case JSONRPCNotification(method="notifications/cancelled", params=params):
                    if (cancelled := cancelled_request_id_from_params(params)) is not None:
                        unanswered.settled(cancelled)
            await to_server.send(item)
        await unanswered.wait_after_end_of_input()


async def relay_output(
    from_server: MemoryObjectReceiveStream[SessionMessage],
    wire_out: WriteStream[SessionMessage],
    unanswered: Unanswered,
) -> None:
    """Pass the server's messages to stdout, noting each answer once the transport has taken it."""
    async with from_server, wire_out:
        async for item in from_server:
            await wire_out.send(item)
            match item.message:
                case JSONRPCResponse(id=request_id) | JSONRPCError(id=str() | int() as request_id):
                    unanswered.settled(request_id)


async def answer_bad_line(
    error: Exception, line: int, replies: MemoryObjectSendStream[SessionMessage]
) -> None:
    """Answer a line that is not a JSON-RPC message with an error (id null: it has no usable id)."""
    problem = _problem(error)
    if problem is None:
        return
    code, reason = problem
    print(
        f"chapterwise: stdio: line {line} {reason}; answered with error {code}", file=sys.stderr, flush=True
    )
    message = (
        f"Line {line} of the input {reason}. Send one JSON-RPC 2.0 message per line: a UTF-8 JSON "
        'object with "jsonrpc": "2.0" and a "method", plus a string or integer "id" to get an answer.'
    )
    reply = JSONRPCError(jsonrpc="2.0", id=None, error=ErrorData(code=code, message=message))
    await replies.send(SessionMessage(reply))


def _problem(error: Exception) -> tuple[int, str] | None:
    """The JSON-RPC code and a description for a line the SDK could not read, or None to skip it."""
    if not isinstance(error, ValidationError) or not (details := error.errors()):
        return INVALID_REQUEST, f"could not be read ({error})"
    first = details[0]
    if first["type"] == "json_invalid":
        # Blank lines are slack between messages, not messages.
        if isinstance(first["input"], str) and not first["input"].strip():
            return None
        return PARSE_ERROR, f"is not JSON ({first['msg'].removeprefix('Invalid JSON: ')})"
    if isinstance(first["input"], list):
        return INVALID_REQUEST, "is a JSON array; batches are not part of MCP"
    return INVALID_REQUEST, "is JSON but not a JSON-RPC 2.0 request, notification or response"
