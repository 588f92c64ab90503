"""Concurrent and mixed load against a running server: throughput, and a reader-like mix of calls."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from typing import Any

# uvloop comes with uvicorn[standard]; a lighter client loop leaves more of the two cores to the server.
import uvloop

from app.views import ContentsEntry
from tests.bench.calls import Target
from tests.bench.servers import cpu_seconds
from tests.bench.wire import ERAS, AsyncConnection, Connection, get, mcp_request, result_of
from tests.serving import Server

# /proc's CPU ticks of a worker can lag the last response a little: let them settle before reading.
_SETTLE_S = 0.02


def throughput(
    server: Server, targets: list[Target], *, workers: int, rounds: int, seconds: float, connections: int = 8
) -> dict[str, Any]:
    """Calls per second with `connections` concurrent keep-alive connections: medians over rounds.

    One asyncio client drives every connection, so the client needs one core at most and little
    of it; its CPU per call is recorded beside the server's to show that.
    """
    results: dict[str, list[dict[str, Any]]] = {t.label: [] for t in targets}
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        for target in targets:  # warm-up: every worker imports and caches what this call needs
            runner.run(_load(server, target.request, min(seconds, 1.0), connections, workers))
        for _ in range(rounds):
            for target in targets:
                results[target.label].append(
                    runner.run(_load(server, target.request, seconds, connections, workers))
                )
    return {
        label: {
            "calls_per_s": statistics.median(r["calls_per_s"] for r in rounds_),
            "server_cpu_ms": statistics.median(r["server_cpu_ms"] for r in rounds_),
            "client_cpu_ms": statistics.median(r["client_cpu_ms"] for r in rounds_),
            "rounds": rounds_,
        }
        for label, rounds_ in results.items()
    }


async def _load(
    server: Server, request: bytes, seconds: float, connections: int, workers: int
) -> dict[str, Any]:
    opened, on = await _open_balanced(server.port, connections, workers)
    counts = [0] * connections
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds

    async def drive(index: int) -> None:
        while loop.time() < deadline:
            await opened[index].ok(request)
            counts[index] += 1

    # /proc is precise enough here: a round keeps the workers busy for hundreds of ticks.
    cpu_before, client_before, started = cpu_seconds(server.pid), time.process_time(), time.perf_counter()
    await asyncio.gather(*(drive(i) for i in range(connections)))
    elapsed = time.perf_counter() - started
    calls = sum(counts)
    await asyncio.sleep(_SETTLE_S)
    server_cpu, client_cpu = cpu_seconds(server.pid) - cpu_before, time.process_time() - client_before
    for connection in opened:
        await connection.close()
    return {
        "calls_per_s": calls / elapsed,
        "server_cpu_ms": server_cpu / calls * 1000,
        "client_cpu_ms": client_cpu / calls * 1000,
        "connections_per_worker": sorted(on.count(pid) for pid in set(on)),
    }


async def _open_balanced(
    port: int, connections: int, workers: int
) -> tuple[list[AsyncConnection], list[int]]:
    """Connections spread evenly over the workers, and the worker each one landed on.

    Keep-alive pins a connection to the worker that accepted it, and which worker accepts is a
    race: a 7/1 split would measure the race, not the app. So a connection landing on a worker
    that already has its share is closed and opened again (a bounded number of times).
    """
    share = -(-connections // workers)
    opened: list[AsyncConnection] = []
    on: list[int] = []
    for attempt in range(connections * 50):
        if len(opened) == connections:
            break
        connection = await AsyncConnection.open(port)
        pid = int(await connection.ok(get(port, "/pid")))
        if on.count(pid) < share or attempt >= connections * 40:
            opened.append(connection)
            on.append(pid)
        else:
            await connection.close()
    return opened, on


def mixed_load(
    server: Server, shelf: dict[str, list[ContentsEntry]], *, calls: int, seed: int = 3
) -> dict[str, int]:
    """A seeded mix like a reader's session: mostly read-chapter, some open-book, a few list-books."""
    rng = random.Random(seed)
    slugs = sorted(shelf)
    made = {"list-books": 0, "open-book": 0, "read-chapter": 0}
    with Connection(server.port) as connection:
        for n in range(calls):
            roll, slug = rng.random(), rng.choice(slugs)
            arguments: dict[str, Any]
            if roll < 0.05:
                name, arguments = "list-books", {}
            elif roll < 0.25:
                name, arguments = "open-book", {"book": slug}
            else:
                chapter = rng.randint(1, len(shelf[slug]))
                page = rng.randint(1, shelf[slug][chapter - 1].pages)
                name, arguments = "read-chapter", {"book": slug, "chapter": chapter, "page": page}
            params = {"name": name, "arguments": arguments}
            result_of(connection.ok(mcp_request(server.port, ERAS[n % 2], "tools/call", params)))
            made[name] += 1
    return made
