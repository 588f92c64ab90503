"""`chapterwise serve --stdio` as a real process: every request before end of input is answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from mcp_types import CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY

from app.settings import Settings

pytestmark = pytest.mark.slow

RUNS = 20
CLIENT = {"name": "stdio-test", "version": "1"}

# The plain-`def` tools run in a worker thread, which shutdown cannot interrupt: a request to one of
# them still running at end of input is the answer the SDK used to drop.
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("tools/call", {"name": "list-books", "arguments": {}}),
    ("tools/call", {"name": "open-book", "arguments": {"book": "chapterwise-guide"}}),
    ("tools/call", {"name": "read-chapter", "arguments": {"book": "chapterwise-guide", "chapter": 2}}),
    ("tools/list", {}),
    ("tools/call", {"name": "open-book", "arguments": {"book": "slow-reading-zh"}}),
    ("tools/call", {"name": "list-books", "arguments": {}}),
]


def handshake_era() -> list[dict[str, Any]]:
    """The 2025 protocol: initialize first, then requests on the initialized connection."""
    return [
        {
            "jsonrpc": "2.0",
            "id": "init",
            "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": CLIENT},
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        *({"jsonrpc": "2.0", "id": n, "method": m, "params": p} for n, (m, p) in enumerate(CALLS, 1)),
    ]


def envelope_era() -> list[dict[str, Any]]:
    """The 2026-07-28 protocol: no handshake; every request carries its own version envelope."""
    meta = {
        PROTOCOL_VERSION_META_KEY: "2026-07-28",
        CLIENT_CAPABILITIES_META_KEY: {},
        CLIENT_INFO_META_KEY: CLIENT,
    }
    return [
        {"jsonrpc": "2.0", "id": n, "method": m, "params": {**p, "_meta": meta}}
        for n, (m, p) in enumerate(CALLS, 1)
    ]


def stdio_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "app", "--data-dir", str(settings.data_dir), "serve", "--stdio"]


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CHAPTERWISE_")}


def serve_stdio(settings: Settings, lines: list[str]) -> subprocess.CompletedProcess[str]:
    """Write every line to `serve --stdio`, close its input, and wait for it to exit."""
    return subprocess.run(
        stdio_command(settings),
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_env(),
        timeout=60,
        check=False,
    )


def replies(stdout: str) -> dict[Any, dict[str, Any]]:
    answers = [json.loads(line) for line in stdout.splitlines()]
    return {answer["id"]: answer for answer in answers}


@pytest.mark.parametrize("era", [handshake_era, envelope_era], ids=["2025-11-25", "2026-07-28"])
def test_every_request_written_before_end_of_input_is_answered_then_the_server_exits(
    sample_settings: Settings, era: Any
) -> None:
    messages = era()
    asked = {message["id"] for message in messages if "id" in message}
    for run in range(RUNS):
        done = serve_stdio(sample_settings, [json.dumps(message) for message in messages])
        answered = replies(done.stdout)
        assert set(answered) == asked, f"run {run + 1}: unanswered {asked - set(answered)}\n{done.stderr}"
        failed = {id_: answer["error"] for id_, answer in answered.items() if "error" in answer}
        assert not failed, f"run {run + 1}: {failed}"
        assert done.returncode == 0, f"run {run + 1}: exit {done.returncode}\n{done.stderr}"


def test_a_line_that_is_not_json_gets_a_parse_error_and_one_line_on_stderr(sample_settings: Settings) -> None:
    first, second, *rest = (json.dumps(message) for message in handshake_era())
    done = serve_stdio(sample_settings, [first, second, '{"jsonrpc": "2.0", "id": 7, "method"', *rest])

    errors = [json.loads(line) for line in done.stdout.splitlines() if '"error"' in line]
    assert errors == [
        {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": errors[0]["error"]["message"]}}
    ]
    assert "JSON" in errors[0]["error"]["message"]
    logged = [line for line in done.stderr.splitlines() if "line 3" in line]
    assert len(logged) == 1, done.stderr
    assert "-32700" in logged[0]
    assert set(replies(done.stdout)) == {None, "init", *range(1, len(CALLS) + 1)}
    assert done.returncode == 0


def test_json_that_is_not_a_jsonrpc_message_gets_an_invalid_request_error(sample_settings: Settings) -> None:
    first, second, *rest = (json.dumps(message) for message in handshake_era())
    done = serve_stdio(sample_settings, [first, second, '{"hello": "world"}', "", *rest])

    errors = [json.loads(line) for line in done.stdout.splitlines() if '"error"' in line]
    assert [(error["id"], error["error"]["code"]) for error in errors] == [(None, -32600)]
    assert "jsonrpc" in errors[0]["error"]["message"]
    assert len([line for line in done.stderr.splitlines() if "line 3" in line]) == 1, done.stderr
    assert set(replies(done.stdout)) == {None, "init", *range(1, len(CALLS) + 1)}
    assert done.returncode == 0


def test_a_client_that_stops_reading_gets_one_line_on_stderr_not_a_traceback(
    sample_settings: Settings,
) -> None:
    process = subprocess.Popen(
        stdio_command(sample_settings),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    assert process.stdout
    process.stdout.close()
    _, stderr = process.communicate(
        "".join(f"{json.dumps(message)}\n" for message in handshake_era()).encode(), timeout=60
    )

    assert process.returncode == 1
    [line] = stderr.decode().splitlines()
    assert line.startswith("chapterwise: error: the client closed the server's stdout"), line


def test_ctrl_c_stops_the_server_with_one_line(sample_settings: Settings) -> None:
    import signal

    server = subprocess.Popen(
        stdio_command(sample_settings),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=clean_env(),
    )
    try:
        assert server.stdin is not None
        assert server.stdout is not None
        [request] = envelope_era()[3:4]  # tools/list: answered means serving
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        assert json.loads(server.stdout.readline())["id"] == request["id"]
        # The client is still connected (stdin open): only the signal can end the process.
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 130
    assert stderr.strip() == "chapterwise: stopped; the library is as it was before."
