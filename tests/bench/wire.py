"""A lean HTTP/1.1 client on raw sockets, and the raw MCP requests it replays in both protocol eras.

The client only writes pre-encoded bytes and reads one Content-Length body back, so it costs
a few microseconds a call: what the benchmark sees is the server, not the client.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any, Self

from mcp.shared.inbound import NAME_BEARING_METHODS, encode_header_value
from mcp_types import CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY

HOST = "127.0.0.1"
ERAS = ("2025-11-25", "2026-07-28")


def mcp_request(port: int, era: str, method: str, params: dict[str, Any] | None = None) -> bytes:
    """One complete POST /mcp as the SDK's own Client sends it in that protocol era.

    The 2025 era is stateless here, so a request needs no `initialize` first, only its version
    header. The 2026-07-28 era has no handshake at all: every request carries its protocol
    version, client info and capabilities in `params._meta` and mirrors the method (and, for
    tools/call and resources/read, the name) in headers. The shape was captured from
    `mcp.client.Client(url, mode="2026-07-28")` talking to this server.
    """
    params = dict(params or {})
    headers = {"MCP-Protocol-Version": era}
    if era != ERAS[0]:
        params["_meta"] = {
            PROTOCOL_VERSION_META_KEY: era,
            CLIENT_INFO_META_KEY: {"name": "chapterwise-bench", "version": "1"},
            CLIENT_CAPABILITIES_META_KEY: {},
        }
        headers["Mcp-Method"] = method
        if method in NAME_BEARING_METHODS:
            headers["Mcp-Name"] = encode_header_value(params[NAME_BEARING_METHODS[method]])
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    return post(port, "/mcp", json.dumps(body, separators=(",", ":")).encode(), headers)


def post(port: int, path: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    # The Host header carries the port: the SDK's DNS-rebinding guard allows "127.0.0.1:*" only.
    head = {
        "Host": f"{HOST}:{port}",
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "Content-Length": str(len(body)),
        **(headers or {}),
    }
    lines = [f"POST {path} HTTP/1.1", *(f"{k}: {v}" for k, v in head.items()), "", ""]
    return "\r\n".join(lines).encode() + body


def get(port: int, path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()


class HTTPError(RuntimeError):
    pass


def _parse_head(head: bytes) -> tuple[int, int]:
    """Status and Content-Length; uvicorn sends every JSON response with a length, never chunked."""
    status_line, *fields = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    length = None
    for line in fields:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        raise HTTPError(f"response without Content-Length: {head[:200]!r}")
    return status, length


class Connection:
    """One blocking keep-alive connection, for latency: one request on the wire at a time."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.port = port
        self.sock = socket.create_connection((HOST, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def call(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._fill()
        status, length = _parse_head(self.buffer[:end])
        start = end + 4
        while len(self.buffer) < start + length:
            self._fill()
        body, self.buffer = self.buffer[start : start + length], self.buffer[start + length :]
        return status, body

    def ok(self, request: bytes) -> bytes:
        status, body = self.call(request)
        if status != 200:
            raise HTTPError(f"HTTP {status}: {body[:300]!r}")
        return body

    def _fill(self) -> None:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise HTTPError("the server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class AsyncConnection:
    """The same on asyncio, for throughput: many connections driven by one client thread."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> AsyncConnection:
        reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 22)
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def ok(self, request: bytes) -> bytes:
        self.writer.write(request)
        status, length = _parse_head((await self.reader.readuntil(b"\r\n\r\n"))[:-4])
        body = await self.reader.readexactly(length)
        if status != 200:
            raise HTTPError(f"HTTP {status}: {body[:300]!r}")
        return body

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


def result_of(body: bytes) -> dict[str, Any]:
    """The JSON-RPC result; a JSON-RPC error or a tool error means the benchmark measured a failure."""
    message = json.loads(body)
    if "result" not in message:
        raise HTTPError(f"JSON-RPC error: {message.get('error')}")
    result: dict[str, Any] = message["result"]
    if result.get("isError"):
        raise HTTPError(f"the tool failed: {result.get('content')}")
    return result
