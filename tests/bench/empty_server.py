"""The cold-start floor: an empty MCPServer under uvicorn, started the way `chapterwise serve` starts.

It imports only the SDK and uvicorn (never `app`), so the difference to Chapterwise's start is
exactly what Chapterwise adds: its own imports, migrations check, widget rendering and tools.

python -m tests.bench.empty_server --port P
"""

from __future__ import annotations

import argparse

import uvicorn
from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette


def create_app() -> Starlette:
    server = MCPServer("empty", log_level="WARNING")
    return server.streamable_http_app(stateless_http=True, json_response=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.empty_server")
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    uvicorn.run(
        "tests.bench.empty_server:create_app", factory=True, host="127.0.0.1", port=port, log_level="warning"
    )


if __name__ == "__main__":
    main()
