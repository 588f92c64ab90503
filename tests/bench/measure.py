"""The measurements: latency and CPU per call, throughput, ingest speed, cold start, memory, sizes."""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from app.db import make_engine, upgrade
from app.ingest import SourceFile, parse_book, read_book
from app.library import Library
from tests.bench.client import ROOT, Connection, cpu_seconds, free_port, mcp_request, wait_until_serving


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def per_call(
    port: int, pid: int, path: str, request: tuple[bytes, dict[str, str]], *, rounds: int, calls: int
) -> dict[str, float]:
    """Median and p99 latency (ms) and median server CPU per call (ms) over repeated rounds."""
    body, headers = request
    connection = Connection(port)
    for _ in range(max(20, calls // 5)):
        connection.post(path, body, headers)  # warm-up: imports, caches, JIT-free but lazy paths
    latencies: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        before = cpu_seconds(pid)
        for _ in range(calls):
            started = time.perf_counter()
            connection.post(path, body, headers)
            latencies.append(time.perf_counter() - started)
        cpu.append((cpu_seconds(pid) - before) / calls)
    connection.close()
    return {
        "latency_ms_median": statistics.median(latencies) * 1000,
        "latency_ms_p99": percentile(latencies, 0.99) * 1000,
        "cpu_ms_per_call": statistics.median(cpu) * 1000,
    }


def throughput(
    port: int, request: tuple[bytes, dict[str, str]], *, seconds: float, connections: int = 8
) -> float:
    """Calls per second with `connections` concurrent keep-alive clients, for a bounded time."""
    body, headers = request
    counts = [0] * connections
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        connection = Connection(port)
        while time.perf_counter() < deadline:
            connection.post("/mcp", body, headers)
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def ingest(text: str, library_paths: list[Path], *, repeat: int) -> dict[str, float]:
    """MB/s of parse + save for one big book and a generated library, against markdown-it alone."""
    megabytes = len(text.encode()) / 1e6
    renderer = MarkdownIt("js-default").enable(["table", "strikethrough"])
    render_s = min(_timed(lambda: renderer.render(text)) for _ in range(repeat))
    book_s = min(
        _timed(lambda: _save([parse_book([SourceFile("big.md", text)], slug="big")])) for _ in range(repeat)
    )
    library_mb = sum(p.stat().st_size for p in library_paths) / 1e6
    library_text = "\n".join(p.read_text(encoding="utf-8") for p in library_paths)
    library_render_s = min(_timed(lambda: renderer.render(library_text)) for _ in range(repeat))
    library_s = min(_timed(lambda: _save([read_book(p) for p in library_paths])) for _ in range(repeat))
    return {
        "book_mb": megabytes,
        "markdown_it_mb_s": megabytes / render_s,
        "book_mb_s": megabytes / book_s,
        "library_books": len(library_paths),
        "library_mb": library_mb,
        "library_markdown_it_mb_s": library_mb / library_render_s,
        "library_mb_s": library_mb / library_s,
    }


def _save(drafts: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        Library(engine).save_books(drafts)
        engine.dispose()


def _timed(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def cold_start(data_dir: Path, *, repeat: int) -> dict[str, float]:
    """Process start to first tools/list: `chapterwise serve` against an empty MCPServer under uvicorn."""
    env = {**os.environ, "CHAPTERWISE_DATA_DIR": str(data_dir)}
    ours = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "serve", "--port"]
    empty = [sys.executable, "-m", "uvicorn", "tests.bench.app:create_empty_app", "--factory",
             "--log-level", "warning", "--port"]  # fmt: skip
    results: dict[str, list[float]] = {"app_s": [], "empty_s": []}
    for _ in range(repeat):
        for key, command in (("app_s", ours), ("empty_s", empty)):
            port = free_port()
            process = subprocess.Popen([*command, str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            try:
                results[key].append(wait_until_serving(port, process))
            finally:
                process.terminate()
                process.wait(timeout=15)
    imports = {
        "import_app_s": "import app.http",
        "import_mcp_s": "import mcp.server.mcpserver",
    }
    timings = {key: statistics.median(values) for key, values in results.items()}
    for key, statement in imports.items():
        timings[key] = statistics.median(
            _timed(lambda s=statement: subprocess.run([sys.executable, "-c", s], cwd=ROOT, check=True))
            for _ in range(repeat)
        )
    return timings


def widget_sizes(port: int) -> dict[str, dict[str, int]]:
    connection = Connection(port)
    tools = json.loads(connection.post("/mcp", *mcp_request("2025", "tools/list", {})))["result"]["tools"]
    sizes = {}
    for tool in tools:
        uri = tool.get("_meta", {}).get("ui", {}).get("resourceUri")
        if not uri:
            continue
        read = json.loads(connection.post("/mcp", *mcp_request("2025", "resources/read", {"uri": uri})))
        html = read["result"]["contents"][0]["text"].encode()
        sizes[uri.split("/")[-1].rsplit("-", 1)[0]] = {
            "bytes": len(html),
            "gzip_bytes": len(gzip.compress(html)),
        }
    connection.close()
    return sizes
