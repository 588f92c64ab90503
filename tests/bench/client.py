"""A lean HTTP client (stdlib keep-alive connections) and the raw MCP requests it replays."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def mcp_request(era: str, method: str, params: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """One pre-encoded JSON-RPC request in the given protocol era ("2025" or "2026")."""
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    if era == "2026":
        # The sessionless era carries its version, client info and capabilities in every request.
        params = {**params, "_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientInfo": {"name": "bench", "version": "1"},
            "io.modelcontextprotocol/clientCapabilities": {},
        }}  # fmt: skip
        headers |= {"MCP-Protocol-Version": "2026-07-28", "MCP-Method": method}
        if method == "tools/call":
            headers["MCP-Name"] = params["name"]
    else:
        headers["MCP-Protocol-Version"] = "2025-11-25"
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    return body, headers


class Connection:
    """One keep-alive HTTP/1.1 connection; the client stays cheap so the server is what we measure."""

    def __init__(self, port: int) -> None:
        self._http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> bytes:
        self._http.request("POST", path, body=body, headers=headers)
        response = self._http.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {data[:200]!r}")
        return data

    def close(self) -> None:
        self._http.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (workers), from /proc."""
    total = 0.0
    for each in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def wait_until_serving(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> float:
    """Seconds until a tools/list succeeds; the cold-start measure."""
    body, headers = mcp_request("2025", "tools/list", {})
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            connection = Connection(port)
            connection.post("/mcp", body, headers)
            connection.close()
            return time.perf_counter() - started
        except (OSError, RuntimeError, http.client.HTTPException):
            time.sleep(0.005)
    raise RuntimeError("the server did not answer tools/list in time")


@contextmanager
def uvicorn_server(factory: str, env: dict[str, str], *, workers: int = 1) -> Iterator[tuple[int, int]]:
    """Serve tests.bench.app:<factory> under uvicorn; yields (port, pid)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", f"tests.bench.app:{factory}", "--factory",
               "--port", str(port), "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    try:
        wait_until_serving(port, process)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=15)
