"""Real server processes for tests and benchmarks: start one on a free port, wait until it answers, stop it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CHAPTERWISE = [sys.executable, "-m", "app", "serve"]  # the real command, as a user runs it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    # Seconds from spawning the process to its first good answer: the cold start.
    started_in: float

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def healthz_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError):
        return False


@contextmanager
def serving(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    ready: Callable[[int], bool] = healthz_answers,
    timeout: float = 60.0,
    output: int | None = None,
) -> Iterator[Server]:
    """Run `command --port P` until the block ends; yields once `ready(P)` holds. Always stops it.

    The process's output goes to a log that a failed start shows, or to `output` (subprocess.PIPE)
    for a test that reads it.
    """
    port = free_port()
    # The caller's CHAPTERWISE_* variables must not leak in and point the server at another library.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHAPTERWISE_")}
    environment.update(env or {})
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=log if output is None else output,
            stderr=subprocess.STDOUT,
        )
        try:
            while not ready(port):
                if process.poll() is not None or time.perf_counter() - started > timeout:
                    log.seek(0)
                    output = log.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(f"{' '.join(command[1:4])} did not start:\n{output}")
                time.sleep(0.01)  # not listening yet: poll again soon
            yield Server(process, port, time.perf_counter() - started)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def chapterwise(settings: Settings, *flags: str) -> Iterator[str]:
    """`chapterwise serve` on the settings' library, as a user runs it; yields its base URL."""
    with serving([*CHAPTERWISE, *flags], env=settings.to_env()) as server:
        yield server.url


def post_mcp(base: str, payload: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """POST one JSON-RPC message to /mcp; returns the status and the decoded body (or its text)."""
    request = urllib.request.Request(
        f"{base}/mcp",
        data=json.dumps(payload).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-11-25",
            **(headers or {}),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode()
            return response.status, json.loads(body) if body else None
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
