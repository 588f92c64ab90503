"""Streamable HTTP through a real `chapterwise serve` process: the protocol and the Host/Origin guard."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from mcp.client import Client

from app.settings import Settings
from tests.conftest import TOOL_NAMES, library_copy
from tests.serving import CHAPTERWISE, chapterwise, post_mcp, serving

pytestmark = pytest.mark.slow

LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
TUNNEL = "https://reader.example-tunnel.test"


@pytest.fixture(scope="module")
def base(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = library_copy(samples_template, tmp_path_factory.mktemp("http"))
    with chapterwise(settings, "--public-url", TUNNEL, "--allow-origin", "https://host.test") as url:
        yield url


@pytest.fixture(scope="module")
def dev_base(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chapterwise(library_copy(samples_template, tmp_path_factory.mktemp("dev")), "--dev") as url:
        yield url


def test_health_check_answers_ok(base: str) -> None:
    with urllib.request.urlopen(f"{base}/healthz") as response:
        assert response.status == 200
        assert b'"ok"' in response.read()


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])
async def test_tools_list_call_and_resource_read_work_over_http(base: str, mode: str) -> None:
    async with Client(f"{base}/mcp", mode=mode) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(tools) == TOOL_NAMES
        result = await client.call_tool("read-chapter", {"book": "chapterwise-guide", "chapter": 1})
        assert not result.is_error
        assert result.structured_content
        assert result.structured_content["chapter"] == 1
        uri = (tools["read-chapter"].meta or {})["ui"]["resourceUri"]
        [content] = (await client.read_resource(uri)).contents
        assert content.mime_type == "text/html;profile=mcp-app"


def test_responses_are_plain_json_not_event_streams(base: str) -> None:
    status, body = post_mcp(base, LIST_TOOLS)
    assert status == 200
    assert {tool["name"] for tool in body["result"]["tools"]} == TOOL_NAMES


def test_an_unknown_host_is_refused(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Host": "evil.example:80"})
    assert status == 421


def test_an_unknown_origin_is_refused(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Origin": "https://evil.example"})
    assert status == 403


def test_the_public_url_host_and_origin_are_allowed(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Host": "reader.example-tunnel.test", "Origin": TUNNEL})
    assert status == 200


def test_an_allowed_origin_is_accepted(base: str) -> None:
    status, _ = post_mcp(base, LIST_TOOLS, {"Origin": "https://host.test"})
    assert status == 200


def test_without_a_public_url_a_tunnel_host_is_refused(settings: Settings) -> None:
    with chapterwise(settings) as url:
        status, _ = post_mcp(url, LIST_TOOLS, {"Host": "reader.example-tunnel.test"})
        assert status == 421
        status, _ = post_mcp(url, LIST_TOOLS)
        assert status == 200


def test_several_workers_serve_one_library(settings: Settings) -> None:
    with chapterwise(settings, "--workers", "2") as url:
        for _ in range(6):  # enough requests that both workers are likely to answer some
            status, body = post_mcp(url, LIST_TOOLS)
            assert status == 200
            assert len(body["result"]["tools"]) == len(TOOL_NAMES)


@pytest.mark.anyio
async def test_stdio_serves_the_same_tools_to_a_local_host(sample_settings: Settings) -> None:
    import sys

    from mcp.client.stdio import StdioServerParameters

    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "app", "--data-dir", str(sample_settings.data_dir), "serve", "--stdio"],
    )
    async with Client(command, mode="legacy") as client:
        result = await client.call_tool("read-chapter", {"book": "chapterwise-guide", "chapter": 1})
        assert not result.is_error
        assert result.structured_content is not None
        assert result.structured_content["title"] == "A Reader in the Chat"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, str]:
    """GET a URL: its status, headers (looked up in any case) and body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_a_plain_get_of_the_endpoint_is_answered_at_once_not_held_open_as_a_stream(base: str) -> None:
    status, headers, body = get(f"{base}/mcp", {"Accept": "text/event-stream"})
    assert status == 405
    assert headers["Allow"] == "POST"
    assert "MCP endpoint" in body
    assert "/dev" in body


@pytest.mark.parametrize("path", ["/healthz", "/mcp", "/dev"])
def test_every_route_refuses_an_unknown_host_and_origin(dev_base: str, path: str) -> None:
    assert get(f"{dev_base}{path}", {"Host": "evil.example"})[0] == 421
    assert get(f"{dev_base}{path}", {"Origin": "https://evil.example"})[0] == 403


def test_every_response_carries_the_security_headers(dev_base: str) -> None:
    for path in ("/healthz", "/dev", "/mcp"):
        _, headers, _ = get(f"{dev_base}{path}")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    _, headers, page = get(f"{dev_base}/dev")
    policy = headers["Content-Security-Policy"]
    assert "connect-src 'self'" in policy
    assert "default-src 'none'" in policy
    assert "<title>Chapterwise preview host</title>" in page


def test_health_reports_a_deleted_library_as_unavailable(settings: Settings) -> None:
    with chapterwise(settings) as url:
        assert get(f"{url}/healthz")[0] == 200
        for file in settings.data_dir.iterdir():
            file.unlink()
        status, _, body = get(f"{url}/healthz")
        assert status == 503
        assert '"status":"unavailable"' in body.replace(" ", "")
        assert "moved or deleted" in body
        # And no empty library was made in its place.
        assert not (settings.data_dir / "chapterwise.db").exists()


def test_a_busy_port_is_reported_before_the_banner_with_how_to_choose_another(settings: Settings) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "app", "serve", "--data-dir", str(settings.data_dir), "--port", str(port)],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "serving" not in done.stdout
    assert done.stderr.strip() == (
        f"chapterwise: error: cannot listen on 127.0.0.1:{port}: another program is using that port "
        f"(another Chapterwise?). Choose another port: chapterwise serve --port {port + 1} "
        f"(or make run PORT={port + 1})."
    )


def test_ctrl_c_stops_a_server_of_several_workers_quietly(settings: Settings) -> None:
    import signal

    with serving([*CHAPTERWISE, "--workers", "2"], env=settings.to_env(), output=subprocess.PIPE) as server:
        server.process.send_signal(signal.SIGINT)
        output, _ = server.process.communicate(timeout=30)
    assert server.process.returncode == 0
    # The banner, and nothing after it: no traceback, no ASGI error, no worker complaining.
    assert output.decode().rstrip().endswith("Press Ctrl+C to stop.")


def test_a_write_waiting_for_another_writer_never_holds_up_reading(sample_settings: Settings) -> None:
    """On SQLite a write waits for the file's lock; it waits in a thread, not on the worker's event loop."""
    import sqlite3
    import threading
    import time

    save = {"jsonrpc": "2.0", "id": 1, "method": "tools/call"}
    save["params"] = {"name": "save-progress", "arguments": {"book": "chapterwise-guide", "chapter": 2}}
    read = {"jsonrpc": "2.0", "id": 2, "method": "tools/call"}
    read["params"] = {"name": "read-chapter", "arguments": {"book": "chapterwise-guide", "chapter": 3}}
    finished: list[str] = []
    with chapterwise(sample_settings) as url:
        holder = sqlite3.connect(sample_settings.data_dir / "chapterwise.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program writing: the save must wait for it
        saving = threading.Thread(target=lambda: (post_mcp(url, save), finished.append("save")))
        saving.start()
        time.sleep(0.3)  # not a speed limit: only so that the save reaches the server first
        status, body = post_mcp(url, read)
        finished.append("read")
        holder.execute("ROLLBACK")
        saving.join()
        holder.close()
    assert status == 200
    assert not body["result"].get("isError")
    # The read was answered while the save still waited for the lock.
    assert finished == ["read", "save"]
