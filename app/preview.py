"""The local preview host at /dev: read the books in a browser, as ChatGPT or an MCP Apps host shows them.

One static page (app/preview.html); it calls the real /mcp endpoint from the browser and mounts
the widget the way hosts do, so it needs no Node toolchain. Served only with `serve --dev`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def preview_page() -> str:
    return (Path(__file__).parent / "preview.html").read_text(encoding="utf-8")
