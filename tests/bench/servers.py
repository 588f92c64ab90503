"""The benchmark's server processes, started by tests/serving.py, and their CPU time and memory from /proc."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tests.bench.wire import ERAS, Connection, HTTPError, get, mcp_request
from tests.serving import Server

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# What each process is started with; tests/serving.py adds `--port P`.
BENCH_SERVER = [sys.executable, "-m", "tests.bench.runner"]  # Chapterwise plus its floors
EMPTY_SERVER = [sys.executable, "-m", "tests.bench.empty_server"]  # the cold-start floor


def answers_tools_list(port: int) -> bool:
    """Ready means a first tools/list answered: the cold start ends there, not at the first open socket."""
    try:
        with Connection(port, timeout=5) as connection:
            connection.ok(mcp_request(port, ERAS[0], "tools/list"))
        return True
    except (OSError, HTTPError):
        # Not listening yet (refused), or listening before the app is ready.
        return False


def wait_for_workers(server: Server, workers: int, timeout: float = 60.0) -> list[int]:
    """With --workers N, the first answer comes from whichever worker is up first: wait for all N."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {workers} workers answered within {timeout:.0f} s")
        with Connection(server.port) as connection:
            seen.add(int(connection.ok(get(server.port, "/pid"))))
        time.sleep(0.01)  # another worker may still be importing: ask again soon
    return sorted(seen)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads) and its children (uvicorn's workers).

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
