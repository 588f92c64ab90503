"""The local preview host at /dev: read the books in a browser, as ChatGPT or an MCP Apps host shows them."""

from __future__ import annotations

from pathlib import Path

from mcp.server.mcpserver import MCPServer
from starlette.requests import Request
from starlette.responses import HTMLResponse

# One static page; it calls the real /mcp endpoint from the browser, so it needs no Node toolchain.
_PAGE = (Path(__file__).parent / "preview.html").read_text(encoding="utf-8")


def add_preview(server: MCPServer) -> None:
    """Serve the preview host page at /dev (only with `serve --dev`: it is a developer's tool)."""

    @server.custom_route("/dev", methods=["GET"])
    async def preview(_: Request) -> HTMLResponse:
        return HTMLResponse(_PAGE)
