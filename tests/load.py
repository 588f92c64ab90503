"""A load driver: concurrent readers against one or more servers while books are re-imported, and what it saw.

Each reader loops as a person reading does: list-books, open-book, every page of a chapter,
search, save-progress. Calls go round-robin over the servers' base URLs (a load balancer's
simplest policy) and half the readers speak each protocol era. Meanwhile a Reimporter writes a
new version of its books through the CLI into the same database, round after round. The Report
counts calls and errors, times them, and names any book that is not at its last imported version
afterwards, in the database or through any server.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx2
from mcp.shared.inbound import encode_header_value
from mcp_types import CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY

from tests.reimports import Reimporter, marker_of, version_in_title, versions_in

ERAS = ("2025-11-25", "2026-07-28")
# Generous: on two shared cores a call may queue behind many others; it must still be answered.
CALL_TIMEOUT_S = 30.0
# How many errors a report quotes in full.
QUOTED_ERRORS = 5


def tool_request(era: str, name: str, arguments: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """The headers and JSON-RPC body of a tools/call as the SDK's Client sends it in that era.

    Both eras are stateless here, so no call needs an `initialize` first. A 2026-07-28 request
    carries its protocol version, client info and capabilities in `params._meta` and repeats the
    method and tool name in headers.
    """
    params: dict[str, Any] = {"name": name, "arguments": arguments}
    headers = {"MCP-Protocol-Version": era, "Accept": "application/json, text/event-stream"}
    if era != ERAS[0]:
        params["_meta"] = {
            PROTOCOL_VERSION_META_KEY: era,
            CLIENT_INFO_META_KEY: {"name": "chapterwise-load", "version": "1"},
            CLIENT_CAPABILITIES_META_KEY: {},
        }
        headers |= {"Mcp-Method": "tools/call", "Mcp-Name": encode_header_value(name)}
    return headers, {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}


class Failed(Exception):
    """A call that did not succeed: no answer, an HTTP or JSON-RPC error, a tool error, or a torn page."""


class _Enough(Exception):
    """The run is over: the reader stops before its next call."""


@dataclass(frozen=True, slots=True)
class Report:
    calls: int
    seconds: float
    calls_per_s: float
    p50_ms: float
    p99_ms: float
    p99_ms_by_tool: dict[str, float]
    client_cpu_ms: float  # the driver's own CPU per call: on shared cores it competes with the servers
    errors: int
    first_errors: list[str]
    import_rounds: int  # completed while the readers read
    calls_during_imports: int  # started while an import was running
    lost: list[str]  # books not at their last imported version, in the database or through a server


class Run:
    """The shared state of one run: where calls go, when it is over, and what every call took."""

    def __init__(
        self,
        http: httpx2.AsyncClient,
        bases: Sequence[str],
        reimporter: Reimporter,
        *,
        calls: int | None,
        seconds: float | None,
    ) -> None:
        self.http, self.reimporter = http, reimporter
        self.next_base = itertools.cycle(bases).__next__
        self.calls, self.deadline = calls, None if seconds is None else time.monotonic() + seconds
        self.latencies: list[float] = []
        self.latencies_by_tool: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.during_imports = 0

    def over(self) -> bool:
        if self.deadline is not None:
            return time.monotonic() >= self.deadline
        return len(self.latencies) >= (self.calls or 0) and self.reimporter.rounds >= 1

    async def call(self, era: str, name: str, **arguments: Any) -> dict[str, Any]:
        """One tool call on the next server, timed and, if it fails, recorded."""
        if self.over():
            raise _Enough
        self.during_imports += self.reimporter.importing
        started = time.perf_counter()
        try:
            return await call_tool(self.http, self.next_base(), era, name, arguments)
        except Failed as failed:
            self.errors.append(f"{name} {arguments} [{era}]: {failed}")
            raise
        finally:
            took = time.perf_counter() - started
            self.latencies.append(took)
            self.latencies_by_tool.setdefault(name, []).append(took)


async def call_tool(
    http: httpx2.AsyncClient, base: str, era: str, name: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    """One tool call; its structuredContent, with the model's text under "text". Failed if it failed."""
    headers, body = tool_request(era, name, arguments)
    try:
        response = await http.post(f"{base}/mcp", json=body, headers=headers)
    except httpx2.HTTPError as error:
        raise Failed(f"no answer from {base}: {error!r}") from None
    if response.status_code != 200:
        raise Failed(f"HTTP {response.status_code} from {base}: {response.text[:300]}")
    try:
        message = response.json()
    except ValueError:
        raise Failed(f"not JSON from {base}: {response.text[:300]}") from None
    if "result" not in message:
        raise Failed(f"JSON-RPC error from {base}: {message.get('error')}")
    result = message["result"]
    text = "".join(block.get("text", "") for block in result.get("content", []))
    if result.get("isError"):
        raise Failed(f"tool error from {base}: {text[:300]}")
    return {**(result.get("structuredContent") or {}), "text": text}


async def reader(run: Run, era: str, seed: int) -> None:
    """One reader's loop, until the run is over; a failed call is recorded and the next round begins."""
    rng = random.Random(seed)
    slugs = run.reimporter.slugs
    while True:
        try:
            await run.call(era, "list-books")
            slug = rng.choice(slugs)
            book = await run.call(era, "open-book", book=slug)
            chapter = rng.choice(book["contents"])
            for page in range(1, chapter["pages"] + 1):
                read = await run.call(era, "read-chapter", book=slug, chapter=chapter["number"], page=page)
                if torn := _torn(read):
                    run.errors.append(torn)
            await run.call(era, "search", query=marker_of(slug), book=slug)
            await run.call(era, "save-progress", book=slug, chapter=chapter["number"], page=chapter["pages"])
        except Failed:
            continue
        except _Enough:
            return


def _torn(read: dict[str, Any]) -> str | None:
    """What is wrong with a page that is not whole: one read during an import comes from one version."""
    title_version, found = version_in_title(read["book_title"]), versions_in(read["text"])
    if found == {title_version}:
        return None
    return f"a torn page: {read['book_title']!r}, chapter {read['chapter']}, shows versions {sorted(found)}"


async def run_load(
    bases: Sequence[str],
    reimporter: Reimporter,
    *,
    readers: int,
    calls: int | None = None,
    seconds: float | None = None,
    seed: int = 5,
) -> Report:
    """`readers` readers against `bases` while `reimporter` imports round after round.

    The run lasts `seconds`, or until `calls` calls have been made and at least one re-import
    finished (so that a short run still reads through a whole import). Its books must have been
    imported once already (Reimporter.import_first).
    """
    if (calls is None) == (seconds is None):
        raise ValueError("run_load takes either calls or seconds")
    limits = httpx2.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx2.AsyncClient(timeout=CALL_TIMEOUT_S, limits=limits) as http:
        run = Run(http, bases, reimporter, calls=calls, seconds=seconds)
        stop = asyncio.Event()
        importing = asyncio.create_task(reimporter.until(stop))
        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(reader(run, ERAS[n % 2], seed + n) for n in range(readers)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        stop.set()
        await importing
        lost = reimporter.lost() + await _lost_through(http, bases, reimporter)
    return Report(
        calls=len(run.latencies),
        seconds=elapsed,
        calls_per_s=len(run.latencies) / elapsed,
        p50_ms=_percentile(run.latencies, 50),
        p99_ms=_percentile(run.latencies, 99),
        p99_ms_by_tool={name: _percentile(took, 99) for name, took in sorted(run.latencies_by_tool.items())},
        client_cpu_ms=cpu / max(1, len(run.latencies)) * 1000,
        errors=len(run.errors) + len(reimporter.failures),
        first_errors=(reimporter.failures + run.errors)[:QUOTED_ERRORS],
        import_rounds=reimporter.rounds,
        calls_during_imports=run.during_imports,
        lost=lost,
    )


def _percentile(seconds: list[float], n: int) -> float:
    """The n-th percentile in milliseconds (with one figure, that figure)."""
    if len(seconds) < 2:
        return seconds[0] * 1000 if seconds else 0.0
    return statistics.quantiles(seconds, n=100, method="inclusive")[n - 1] * 1000


async def _lost_through(http: httpx2.AsyncClient, bases: Sequence[str], reimporter: Reimporter) -> list[str]:
    """Books that some server does not show at their last imported version (its title says which)."""
    gate = asyncio.Semaphore(8)

    async def title(base: str, slug: str) -> str:
        async with gate:
            try:
                return str((await call_tool(http, base, ERAS[0], "open-book", {"book": slug}))["title"])
            except Failed as failed:
                return f"no answer ({failed})"

    wanted = [(base, slug) for base in bases for slug in reimporter.expected]
    titles = await asyncio.gather(*(title(base, slug) for base, slug in wanted))
    return [
        f"{slug} through {base}: {shown!r}, not {reimporter.expected[slug].title!r}"
        for (base, slug), shown in zip(wanted, titles, strict=True)
        if shown != reimporter.expected[slug].title
    ]
