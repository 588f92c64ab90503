"""The server under benchmark: the real Chapterwise plus its floors, served by one process.

- the `noop` tool is the SDK's own cost of a tool call: read-chapter's arguments, no work, and an
  `async def` like every Chapterwise tool, so that it runs on the event loop as they do;
- `noop-sync` is the same as a plain `def`, which the SDK runs in a worker thread: shown for
  reference, the difference between the two is what that hop costs;
- `list-books-once`, `open-book-once`, `read-chapter-once`, `search-once` and `save-progress-once`
  answer exactly what each tool answers
  (same schemas, same result, worked out once by the tool's own function and then cached): the
  SDK's cost of returning that result, so that the tool's CPU minus its CPU is Chapterwise's own work;
- `/plain` is a Starlette route answering the bytes of a real read-chapter response: the
  transport's own cost (uvicorn + Starlette), with no MCP at all;
- `/pid` names the worker that answered, so the harness can tell when every worker is up;
- `/cpu` is the worker's CPU time so far, all threads, to the nanosecond: /proc counts in 10 ms
  ticks, too coarse for calls that take a third of a millisecond.

python -m tests.bench.runner --port P [--workers N]   (the library comes from CHAPTERWISE_DATA_DIR)
"""

from __future__ import annotations

import argparse
import functools
import gc
import inspect
import json
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvicorn
from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp

from app import tools
from app.http import Guard, transport_security
from app.library import Library
from app.server import build_server
from app.settings import Settings

# The harness captures a read-chapter response from this very server, writes it here, and only
# then calls /plain; the route reads it once and serves the same pre-encoded bytes ever after.
PLAIN_BODY_ENV = "CHAPTERWISE_BENCH_PLAIN_BODY"


async def noop(book: str, chapter: int = 1, page: int = 1) -> str:
    """Do nothing: the floor every tool is measured against."""
    return ""


def noop_sync(book: str, chapter: int = 1, page: int = 1) -> str:
    """Do nothing, in a worker thread."""
    return ""


def answered_once(tool: tools.Tool) -> Callable[..., Awaitable[CallToolResult] | CallToolResult]:
    """A tool with `tool`'s signature and output schema that works its answer out once per arguments.

    Called again, it returns the very same result without touching the library: the SDK's cost of
    that result (validating it against the output schema and encoding it), with no work of ours.
    A tool that is a plain `def` (the writing ones) gets a plain `def`, which the SDK runs in a
    worker thread as it runs the tool, so that the floor pays for the same hop.
    """
    answers: dict[str, CallToolResult] = {}

    @functools.wraps(tool.fn)  # the SDK reads the wrapped function's parameters and annotations
    async def answer(ctx: Context[Library, Any], **arguments: Any) -> CallToolResult:
        key = json.dumps(arguments, sort_keys=True)
        if key not in answers:
            answers[key] = await tool.fn(ctx, **arguments)
        return answers[key]

    @functools.wraps(tool.fn)
    def answer_in_thread(ctx: Context[Library, Any], **arguments: Any) -> CallToolResult:
        key = json.dumps(arguments, sort_keys=True)
        if key not in answers:
            answers[key] = tool.fn(ctx, **arguments)
        return answers[key]

    return answer if inspect.iscoroutinefunction(tool.fn) else answer_in_thread


def create_app() -> ASGIApp:
    """app.http.build_http_app, plus the floors: the same server, transport, guard and security settings."""
    settings = Settings.from_env()
    server = build_server(settings)
    server.add_tool(noop, name="noop", description="Does nothing.", structured_output=False)
    server.add_tool(noop_sync, name="noop-sync", description="Does nothing.", structured_output=False)
    for tool in (tools.list_books, tools.open_book, tools.read_chapter, tools.search, tools.save_progress):
        server.add_tool(
            answered_once(tool), name=f"{tool.name}-once", description=f"{tool.name}'s answer, cached."
        )
    plain: list[bytes] = []

    @server.custom_route("/plain", methods=["POST"])
    async def plain_json(request: Request) -> Response:
        await request.body()
        if not plain:
            plain.append(Path(os.environ[PLAIN_BODY_ENV]).read_bytes())
        return Response(plain[0], media_type="application/json")

    @server.custom_route("/pid", methods=["GET"])
    async def pid(_: Request) -> Response:
        return PlainTextResponse(str(os.getpid()))

    @server.custom_route("/cpu", methods=["GET"])
    async def cpu(_: Request) -> Response:
        # CLOCK_PROCESS_CPUTIME_ID: the same user + system time /proc reports, threads that ended included.
        return PlainTextResponse(repr(time.process_time()))

    app = server.streamable_http_app(
        stateless_http=True, json_response=True, transport_security=transport_security(settings)
    )
    # As app.http.create_app does: what start-up built is moved out of the collector's way.
    gc.freeze()
    return Guard(app, transport_security(settings))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.runner")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    # As `chapterwise serve` runs it: a factory, so each worker process builds its own app.
    uvicorn.run(
        "tests.bench.runner:create_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
