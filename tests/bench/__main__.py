"""Run every benchmark, then write artifacts/bench/results.json and BENCHMARKS.md.

python -m tests.bench           # the full run, a few minutes (make bench)
python -m tests.bench --quick   # a smoke run under a minute (make bench-quick)
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from app.db import make_engine, upgrade
from app.ingest import find_books, read_book
from app.library import Library
from app.paths import bundled
from tests.bench import measure, report
from tests.bench.books import generate_book, write_library
from tests.bench.client import ROOT, Connection, mcp_request, peak_rss_kib, uvicorn_server

FULL = {
    "rounds": 5,
    "calls": 300,
    "seconds": 4.0,
    "repeat": 3,
    "book_words": 500_000,
    "library": 200,
    "rss_calls": 1000,
}
QUICK = {
    "rounds": 2,
    "calls": 60,
    "seconds": 1.0,
    "repeat": 1,
    "book_words": 100_000,
    "library": 40,
    "rss_calls": 200,
}


def import_library(data_dir: Path, paths: list[Path]) -> None:
    engine = make_engine(f"sqlite:///{data_dir / 'chapterwise.db'}")
    upgrade(engine)
    Library(engine).save_books([read_book(p) for p in paths])
    engine.dispose()


def calls_for(era: str) -> dict[str, tuple[str, tuple[bytes, dict[str, str]]]]:
    def tool(name: str, **arguments: Any) -> tuple[str, tuple[bytes, dict[str, str]]]:
        return "/mcp", mcp_request(era, "tools/call", {"name": name, "arguments": arguments})

    return {
        "noop tool (SDK floor)": tool("noop"),
        "read-chapter (typical)": tool("read-chapter", book="chapterwise-guide", chapter=2),
        "read-chapter (long, paged)": tool("read-chapter", book="chapterwise-guide", chapter=6, page=1),
        "open-book": tool("open-book", book="chapterwise-guide"),
        "list-books": tool("list-books"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--quick", action="store_true", help="a smoke run under a minute")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    results: dict[str, Any] = {"quick": args.quick, "settings": size}

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        samples = tmp / "samples"
        import_library(samples, find_books(bundled("content")))
        env = {"CHAPTERWISE_DATA_DIR": str(samples)}

        # The /plain floor returns exactly the bytes of a typical read-chapter response.
        with uvicorn_server("create_app", env) as (port, _):
            _, request = calls_for("2025")["read-chapter (typical)"]
            (tmp / "plain.json").write_bytes(Connection(port).post("/mcp", *request))
        env["BENCH_PLAIN_BODY"] = str(tmp / "plain.json")

        with uvicorn_server("create_app", env) as (port, pid):
            latency: dict[str, Any] = {}
            for era in ("2025", "2026"):
                for name, (path, request) in calls_for(era).items():
                    latency[f"{name} [{era}]"] = measure.per_call(
                        port, pid, path, request, rounds=size["rounds"], calls=size["calls"]
                    )
            plain = ("/plain", (b"{}", {"Content-Type": "application/json"}))
            latency["plain Starlette JSON (transport floor)"] = measure.per_call(
                port, pid, *plain, rounds=size["rounds"], calls=size["calls"]
            )
            results["latency"] = latency
            results["widgets"] = measure.widget_sizes(port)

        results["throughput"] = {}
        for workers in (1, 2):
            with uvicorn_server("create_app", env, workers=workers) as (port, _):
                for name in ("noop tool (SDK floor)", "read-chapter (typical)"):
                    _, request = calls_for("2025")[name]
                    results["throughput"][f"{name}, {workers} worker(s)"] = measure.throughput(
                        port, request, seconds=size["seconds"]
                    )

        shelf = write_library(tmp / "shelf", books=size["library"], words_per_book=4000, seed=7)
        big = generate_book(title="Big", chapters=60, words_per_chapter=size["book_words"] // 60, seed=1)
        results["ingest"] = measure.ingest(big, shelf, repeat=size["repeat"])

        many = tmp / "many"
        import_library(many, shelf)
        with uvicorn_server("create_app", {"CHAPTERWISE_DATA_DIR": str(many)}) as (port, pid):
            connection, rng = Connection(port), random.Random(3)
            for _ in range(size["rss_calls"]):
                book = f"book-{rng.randrange(size['library']):03}"
                name, arguments = rng.choice([("read-chapter", {"book": book, "chapter": rng.randint(1, 8)}),
                                              ("open-book", {"book": book}), ("list-books", {})])  # fmt: skip
                connection.post(
                    "/mcp", *mcp_request("2025", "tools/call", {"name": name, "arguments": arguments})
                )
            results["memory"] = {
                "books": size["library"],
                "calls": size["rss_calls"],
                "peak_rss_mib": peak_rss_kib(pid) / 1024,
            }

        results["cold_start"] = measure.cold_start(samples, repeat=size["repeat"])

    results["targets"] = report.targets(results)
    out = ROOT / "artifacts" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (Path(out) / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    markdown = report.markdown(results)
    if not args.quick:
        (Path(ROOT) / "BENCHMARKS.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    # A benchmark reports; it does not gate. Misses are marked MISS in the table.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
