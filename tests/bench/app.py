"""The server under benchmark: the real Chapterwise plus its two floors, in the same process.

- the `noop` tool: the SDK's own cost of a tool call, with no library work;
- `/plain`: a Starlette route returning the same bytes as a read-chapter response, the
  transport's own cost with no MCP at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from app.http import transport_security
from app.server import build_server
from app.settings import Settings


def noop() -> str:
    """Do nothing: the floor a real tool is measured against."""
    return "ok"


def create_app() -> Starlette:
    settings = Settings.from_env()
    server = build_server(settings)
    server.add_tool(noop, name="noop", structured_output=False)
    plain_file = os.environ.get("BENCH_PLAIN_BODY")
    plain = Path(plain_file).read_bytes() if plain_file else b"{}"

    @server.custom_route("/plain", methods=["POST"])
    async def plain_json(request: Request) -> Response:
        await request.body()
        return Response(plain, media_type="application/json")

    return server.streamable_http_app(
        stateless_http=True, json_response=True, transport_security=transport_security(settings)
    )


def create_empty_app() -> Starlette:
    """An empty MCPServer: the cold-start floor."""
    server = MCPServer("empty", log_level="WARNING")
    return server.streamable_http_app(stateless_http=True, json_response=True)
