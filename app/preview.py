"""The local preview host at /dev (placeholder until the preview lands)."""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer


def add_preview(server: MCPServer) -> None:
    """Register the preview host's routes on the server."""
