"""Run every benchmark, then write artifacts/bench/results.json and BENCHMARKS.md and print the table.

python -m tests.bench           # the full run, a few minutes on two cores (make bench)
python -m tests.bench --quick   # a smoke run under a minute (make bench-quick); writes artifacts only
python -m tests.bench --soak-only   # only the load and soak rows (tests/bench/soak.py), into BENCHMARKS.md
python -m tests.bench --report  # measure nothing: rewrite BENCHMARKS.md from the last full run
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.db import make_engine
from app.library import Library
from app.settings import Settings
from app.tools.base import LOCAL_READER
from app.views import ContentsEntry
from tests.bench import books, calls, ingest, load, report, search, soak, startup, targets
from tests.bench.runner import PLAIN_BODY_ENV
from tests.bench.servers import BENCH_SERVER, answers_tools_list, memory_kib, wait_for_workers
from tests.bench.wire import ERAS, Connection, post
from tests.serving import CHAPTERWISE, ROOT, serving


@dataclass(frozen=True, slots=True)
class Plan:
    # Latency and CPU: rounds of `calls` sequential calls of each kind. Many short rounds keep each
    # call's round close in time to the no-op's it is divided by, on a machine others share.
    rounds: int
    calls: int
    warmup: int
    throughput_rounds: int
    throughput_s: float
    ingest_rounds: int
    mixed_calls: int  # made before reading the peak RSS
    startup_repeats: int
    import_repeats: int
    search_calls: int  # a search costs far more than a page: fewer calls a round


FULL = Plan(
    rounds=21, calls=100, warmup=50, throughput_rounds=3, throughput_s=2.0,
    ingest_rounds=3, mixed_calls=1000, startup_repeats=15, import_repeats=5, search_calls=10,
)  # fmt: skip
QUICK = Plan(
    rounds=2, calls=30, warmup=5, throughput_rounds=1, throughput_s=0.5,
    ingest_rounds=1, mixed_calls=200, startup_repeats=1, import_repeats=1, search_calls=5,
)  # fmt: skip
PLAIN = "plain Starlette JSON (/plain)"
RUNS = ROOT / "artifacts" / "bench" / "runs"
# What the figures depend on: a run of other code is not compared with this one's.
CODE = ("app", "tests/bench", "migrations", "widgets", "pyproject.toml")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run under a minute; writes artifacts only"
    )
    parser.add_argument(
        "--soak-only", action="store_true", help="only the load and soak rows (with --quick: ~10 s)"
    )
    parser.add_argument(
        "--report", action="store_true", help="measure nothing: rewrite BENCHMARKS.md from the last full run"
    )
    args = parser.parse_args()
    quick = args.quick
    if args.soak_only:
        return soak.main(quick)
    if args.report:
        last = json.loads((ROOT / "artifacts" / "bench" / "results.json").read_text(encoding="utf-8"))
        _write_report(last, [run for run in _runs(last) if run != last])
        return 0
    plan, scale = (QUICK, books.QUICK) if quick else (FULL, books.FULL)
    started = time.perf_counter()
    results: dict[str, Any] = {"quick": quick, "plan": asdict(plan), "scale": asdict(scale)}
    # Other work on the same cores moves every figure: the load says how busy the machine was.
    results["load"] = {"start": os.getloadavg()}

    with tempfile.TemporaryDirectory(prefix="chapterwise-bench-") as scratch:
        work = Path(scratch)
        _step(started, "generating books and measuring ingest")
        big, library = books.big_book(scale), books.library(scale)
        results["ingest"], data_dir = ingest.measure(big, library, work / "ingest", rounds=plan.ingest_rounds)
        shelf = _shelf(data_dir)
        # Saving progress gives the reader a row: that server reads a copy, so that every other
        # figure is of a reader who has saved nothing, the same as before reading state existed.
        reading_dir = work / "reading-state"
        shutil.copytree(data_dir, reading_dir)
        shutil.copytree(data_dir, work / "statements")
        results["statements"] = _statements(work / "statements", shelf)
        # /plain answers the exact bytes of a typical read-chapter response, captured into this file.
        plain_body = work / "plain.json"
        library_env = Settings(data_dir=data_dir).to_env()
        bench_env = {**library_env, PLAIN_BODY_ENV: str(plain_body)}

        _step(started, "latency and server CPU per call, widget sizes")
        with serving(BENCH_SERVER, env=bench_env, ready=answers_tools_list) as server:
            measured = _calls(server.port, shelf)
            with Connection(server.port) as connection:
                shapes = {
                    t.label: calls.shape(connection.ok(t.request)) for t in measured if ERAS[0] in t.label
                }
                typical = next(t for t in measured if t.label == targets.TYPICAL_READ)
                plain_body.write_bytes(connection.ok(typical.request))
            shapes[PLAIN] = {"response_bytes": plain_body.stat().st_size}
            measured.append(calls.Target(PLAIN, post(server.port, "/plain", b"{}"), mcp=False))
            results["responses"] = shapes
            results["calls"] = calls.per_call(
                server, measured, rounds=plan.rounds, calls=plan.calls, warmup=plan.warmup
            )
            results["widgets"] = calls.widget_sizes(server)

        _step(started, "progress writes, and reading for a reader who has saved progress")
        with serving(
            BENCH_SERVER, env=Settings(data_dir=reading_dir).to_env(), ready=answers_tools_list
        ) as server:
            results["reading_state"] = calls.per_call(
                server,
                _reading_state_calls(server.port, shelf),
                rounds=plan.rounds,
                calls=plan.calls,
                warmup=plan.warmup,
            )

        results["throughput"] = {}
        for workers in (1, 2):
            _step(started, f"throughput, {workers} worker(s)")
            command = [*BENCH_SERVER, "--workers", str(workers)]
            with serving(command, env=bench_env, ready=answers_tools_list) as server:
                wait_for_workers(server, workers)
                chosen = [t for t in _calls(server.port, shelf) if t.label in targets.THROUGHPUT_CALLS]
                chosen.append(calls.Target(PLAIN, post(server.port, "/plain", b"{}"), mcp=False))
                results["throughput"][workers] = load.throughput(
                    server, chosen, workers=workers, rounds=plan.throughput_rounds, seconds=plan.throughput_s
                )

        _step(started, "peak memory of `chapterwise serve` after a mixed load")
        with serving(CHAPTERWISE, env=library_env, ready=answers_tools_list) as server:
            made = load.mixed_load(server, shelf, calls=plan.mixed_calls)
            results["memory"] = {"books": len(shelf), "calls": made, **memory_kib(server.pid)}

        _step(started, "cold start and import time")
        results["startup"] = {
            "cold_start": startup.cold_start(data_dir, repeats=plan.startup_repeats),
            "imports": startup.import_times(repeats=plan.import_repeats),
        }

    with tempfile.TemporaryDirectory(prefix="chapterwise-bench-search-") as scratch:
        _step(started, "search: the generated library (made once, then kept in artifacts/bench/search)")
        results["search"] = search.measure(
            quick, Path(scratch), rounds=plan.rounds, calls_per_round=plan.search_calls
        )

    _step(started, "load and soak: readers during a re-import, on SQLite and PostgreSQL")
    results["soak"] = soak.measure(quick, "make bench-quick" if quick else "make bench")

    results["load"]["end"] = os.getloadavg()
    results["targets"] = targets.verdicts(results)
    results["machine"] = report.machine()
    results["code"] = _code_version()
    results["date"] = datetime.date.today().isoformat()
    results["command"] = "make bench-quick" if quick else "make bench"
    results["seconds"] = time.perf_counter() - started
    _write(results, quick)
    # A benchmark reports rather than gates: a missed target is a MISS in the table, not a failure.
    return 0


def _shelf(data_dir: Path) -> dict[str, list[ContentsEntry]]:
    """Every book's contents (reading time and pages of each chapter), read through the app's own library."""
    library = Library(make_engine(Settings(data_dir=data_dir).db_url))
    try:
        return {card.slug: library.open_book(card.slug).contents for card in library.all_books()}
    finally:
        library.close()


def _typical_args(shelf: dict[str, list[ContentsEntry]]) -> dict[str, Any]:
    """The typical chapter: a one-page chapter of median reading time."""
    chapters = [(slug, entry) for slug, contents in sorted(shelf.items()) for entry in contents]
    one_page = [(slug, entry) for slug, entry in chapters if entry.pages == 1]
    median = statistics.median_low(entry.minutes for _, entry in one_page)
    slug, typical = next((slug, entry) for slug, entry in one_page if entry.minutes == median)
    return {"book": slug, "chapter": typical.number}


def _calls(port: int, shelf: dict[str, list[ContentsEntry]]) -> list[calls.Target]:
    """The calls measured, in both eras; the no-ops take the typical read-chapter's arguments.

    The typical chapter is a one-page chapter of median reading time; the long one has the most pages.
    """
    chapters = [(slug, entry) for slug, contents in sorted(shelf.items()) for entry in contents]
    typical_args = _typical_args(shelf)
    typical_slug = typical_args["book"]
    long_slug, long = max(chapters, key=lambda chapter: chapter[1].pages)
    long_args = {"book": long_slug, "chapter": long.number, "page": 2}
    measured: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("list-books", "list-books", {}),
        ("open-book", "open-book", {"book": typical_slug}),
        ("read-chapter (typical)", "read-chapter", typical_args),
        ("read-chapter (long, page 2)", "read-chapter", long_args),
    )
    chosen = []
    for era in ERAS:
        chosen += [
            calls.tool_call(port, era, "noop", "noop", **typical_args),
            calls.tool_call(port, era, report.NOOP_SYNC, "noop-sync", **typical_args),
        ]
        for label, name, arguments in measured:
            chosen += [
                calls.tool_call(port, era, label, name, **arguments),
                calls.tool_call(port, era, report.cached(label), f"{name}-once", **arguments),
            ]
    return chosen


def _statements(data_dir: Path, shelf: dict[str, list[ContentsEntry]]) -> dict[str, dict[str, int]]:
    """How many SQL statements each call's library method sends, for a reader without a row and with progress."""
    library = Library(make_engine(Settings(data_dir=data_dir).db_url))
    sent: list[str] = []
    event.listen(library.engine, "before_cursor_execute", lambda *_: sent.append(""))
    typical = _typical_args(shelf)
    book, chapter = typical["book"], typical["chapter"]
    methods = {
        "list-books": lambda: library.list_books(reader=LOCAL_READER),
        "open-book": lambda: library.open_book(book, reader=LOCAL_READER),
        "read-chapter": lambda: library.read_chapter(book, chapter, reader=LOCAL_READER),
        "save-progress": lambda: library.save_progress(LOCAL_READER, book, chapter, 1),
    }
    counted: dict[str, dict[str, int]] = {"reader without a row": {}, "reader with progress": {}}
    try:
        # In this order: the first save-progress gives the reader the row and progress the second pass has.
        for counts in counted.values():
            for name, method in methods.items():
                sent.clear()
                method()
                counts[name] = len(sent)
    finally:
        library.close()
    return counted


def _reading_state_calls(port: int, shelf: dict[str, list[ContentsEntry]]) -> list[calls.Target]:
    """save-progress on the typical chapter, and read-chapter there for the reader it gave progress."""
    typical = _typical_args(shelf)
    chosen = []
    for era in ERAS:
        chosen += [
            calls.tool_call(port, era, "noop", "noop", **typical),
            calls.tool_call(port, era, "save-progress", "save-progress", **typical),
            calls.tool_call(port, era, report.cached("save-progress"), "save-progress-once", **typical),
            calls.tool_call(port, era, targets.READ_WITH_PROGRESS, "read-chapter", **typical),
            calls.tool_call(
                port, era, report.cached(targets.READ_WITH_PROGRESS), "read-chapter-once", **typical
            ),
        ]
    return chosen


def _write(results: dict[str, Any], quick: bool) -> None:
    out = ROOT / "artifacts" / "bench" / ("quick" if quick else "")
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (out / "results.json").write_text(text + "\n", encoding="utf-8")
    if quick:
        # A quick run must never replace the committed full figures with smoke-test ones.
        markdown = report.markdown(results)
        (out / "BENCHMARKS.md").write_text(markdown, encoding="utf-8")
        print(markdown)
        return
    # Every full run is kept, so that BENCHMARKS.md can say how much the figures of this same code
    # move from one run to the next on this machine.
    earlier = _runs(results)
    RUNS.mkdir(exist_ok=True)
    (RUNS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}.json").write_text(text + "\n", encoding="utf-8")
    _write_report(results, earlier)


def _runs(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The kept full runs of the same code as `results`, oldest first."""
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(RUNS.glob("*.json"))]
    return [run for run in runs if run.get("code") == results["code"]]


def _write_report(results: dict[str, Any], earlier: list[dict[str, Any]]) -> None:
    markdown = report.markdown(results, earlier)
    (ROOT / "BENCHMARKS.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def _code_version() -> str:
    """The commit measured, marked as changed when the code (not BENCHMARKS.md) differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "outside git"
    return commit + (" with changes" if git("status", "--porcelain", "--", *CODE) else "")


def _step(started: float, what: str) -> None:
    print(f"[{time.perf_counter() - started:6.1f} s] {what}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
