"""Sequential calls against a running server: latency and server CPU per call, result and widget sizes."""

from __future__ import annotations

import gc
import gzip
import json
import statistics
import time
from dataclasses import dataclass
from typing import Any

from tests.bench.wire import ERAS, Connection, get, mcp_request, result_of
from tests.serving import Server


@dataclass(frozen=True, slots=True)
class Target:
    """One kind of request, replayed many times: an MCP call in one protocol era, or the plain route."""

    label: str
    request: bytes
    mcp: bool = True


def tool_call(port: int, era: str, label: str, name: str, **arguments: Any) -> Target:
    return Target(
        f"{label} [{era}]", mcp_request(port, era, "tools/call", {"name": name, "arguments": arguments})
    )


def per_call(
    server: Server, targets: list[Target], *, rounds: int, calls: int, warmup: int
) -> dict[str, Any]:
    """Latency (median, p99) and server CPU per call: medians over rounds of `calls` sequential calls.

    Rounds are interleaved across targets, so a noisy spell on the machine lands on all of them.
    """
    for target in targets:
        with Connection(server.port) as connection:
            _check(target, connection.ok(target.request))
            for _ in range(warmup):
                connection.ok(target.request)
    samples: dict[str, list[dict[str, float]]] = {t.label: [] for t in targets}
    for _ in range(rounds):
        for target in targets:
            with Connection(server.port) as connection:
                samples[target.label].append(_round(connection, target.request, calls))
    return {label: _summary(rounds_) for label, rounds_ in samples.items()}


def _round(connection: Connection, request: bytes, calls: int) -> dict[str, float]:
    latencies = []
    cpu_clock = get(connection.port, "/cpu")
    # The client's garbage collector would pause inside some timings and not others.
    gc.collect()
    gc.disable()
    try:
        cpu_before = float(connection.ok(cpu_clock))
        for _ in range(calls):
            started = time.perf_counter()
            connection.ok(request)
            latencies.append(time.perf_counter() - started)
        cpu = float(connection.ok(cpu_clock)) - cpu_before
    finally:
        gc.enable()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": statistics.quantiles(latencies, n=100)[98] * 1000,
        "cpu_ms": cpu / calls * 1000,
    }


def _summary(rounds: list[dict[str, float]]) -> dict[str, Any]:
    summary: dict[str, Any] = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    summary["rounds"] = rounds
    return summary


def _check(target: Target, body: bytes) -> None:
    """Measure successes only: a typo in a request would otherwise benchmark an error path."""
    if target.mcp:
        result_of(body)
    elif not body:
        raise RuntimeError(f"{target.label} answered an empty body")


def widget_sizes(server: Server) -> dict[str, dict[str, Any]]:
    """Bytes and gzip bytes (level 6, what web servers typically send) of every ui:// resource."""
    sizes = {}
    with Connection(server.port) as connection:
        listed = result_of(connection.ok(mcp_request(server.port, ERAS[0], "resources/list")))["resources"]
        for resource in listed:
            if not resource["uri"].startswith("ui://"):
                continue
            read = connection.ok(
                mcp_request(server.port, ERAS[0], "resources/read", {"uri": resource["uri"]})
            )
            html = result_of(read)["contents"][0]["text"].encode()
            sizes[resource["name"]] = {
                "uri": resource["uri"],
                "bytes": len(html),
                "gzip_bytes": len(gzip.compress(html, compresslevel=6)),
            }
    return sizes


def shape(body: bytes) -> dict[str, int]:
    """How big a tool result's parts are, to explain where a call's time goes."""
    result = result_of(body)
    return {
        "response_bytes": len(body),
        "content_bytes": len(json.dumps(result.get("content"))),
        "structured_bytes": len(json.dumps(result.get("structuredContent"))),
        "meta_bytes": len(json.dumps(result.get("_meta"))),
    }
