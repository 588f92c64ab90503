"""Starting and stopping the server processes, and reading their CPU time and memory from /proc."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.bench.wire import ERAS, Connection, HTTPError, get, mcp_request

ROOT = Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# What each process is started with; every one takes `--port P` last.
CHAPTERWISE = [sys.executable, "-m", "app", "serve"]  # the real command, as a user runs it
BENCH_SERVER = [sys.executable, "-m", "tests.bench.runner"]  # Chapterwise plus its floors
EMPTY_SERVER = [sys.executable, "-m", "tests.bench.empty_server"]  # the cold-start floor


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    # Seconds from spawning the process to its first successful tools/list: the cold start.
    started_in: float

    @property
    def pid(self) -> int:
        return self.process.pid


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    command: list[str],
    data_dir: Path | None,
    *,
    extra_env: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[Server]:
    """Run a server until the block ends; yields once it answers tools/list. Always stops it."""
    port = free_port()
    # The caller's CHAPTERWISE_* variables must not leak in and point the server at another library.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHAPTERWISE_")}
    if data_dir is not None:
        env["CHAPTERWISE_DATA_DIR"] = str(data_dir)
    env.update(extra_env or {})
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        try:
            try:
                started_in = _wait_for_tools_list(port, process, started, timeout)
            except RuntimeError as error:
                log.seek(0)
                raise RuntimeError(f"{error}\n{log.read().decode(errors='replace')[-3000:]}") from None
            yield Server(process, port, started_in)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_tools_list(
    port: int, process: subprocess.Popen[bytes], started: float, timeout: float
) -> float:
    request = mcp_request(port, ERAS[0], "tools/list")
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{_name(process)} exited with {process.returncode} while starting")
        try:
            with Connection(port, timeout=5) as connection:
                connection.ok(request)
            return time.perf_counter() - started
        except (OSError, HTTPError):
            # Not listening yet (refused), or listening before the app is ready: poll again soon.
            time.sleep(0.005)
    raise RuntimeError(f"{_name(process)} did not answer tools/list within {timeout:.0f} s")


def _name(process: subprocess.Popen[bytes]) -> str:
    return " ".join(str(arg) for arg in process.args[1:3])  # type: ignore[index]


def wait_for_workers(server: Server, workers: int, timeout: float = 60.0) -> list[int]:
    """With --workers N, the first answer comes from whichever worker is up first: wait for all N."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {workers} workers answered within {timeout:.0f} s")
        with Connection(server.port) as connection:
            seen.add(int(connection.ok(get(server.port, "/pid"))))
        time.sleep(0.01)
    return sorted(seen)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads, the SQL worker threads included) and its children.

    /proc counts in clock ticks (1/100 s here), so a round must run long enough to make a tick small.
    """
    total = 0.0
    for each in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a child that exited since we listed it
            continue
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return total


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def memory_kib(pid: int) -> dict[str, int]:
    """VmHWM (the peak resident set since start) and VmRSS (now), in KiB."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in status if line.startswith(("VmHWM", "VmRSS")))
    return {"peak_rss_kib": int(fields["VmHWM"].split()[0]), "rss_kib": int(fields["VmRSS"].split()[0])}
