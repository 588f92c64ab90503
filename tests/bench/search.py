"""Search at scale (issue 11): latency, the search tool's CPU, the index's size and serve's memory on the generated library.

tests/bench/corpus.py makes the library; it is kept in artifacts/bench/search/ between runs. Each
figure here is measured on it: Library.search's time in-process for four kinds of query (the
server's own time, with no SDK or HTTP), the search tool's server CPU per call against a no-op in
the same server (the runner of tests/bench/runner.py), the full-text index's pages on disk
(SQLite's dbstat table) against the Markdown's bytes, and `chapterwise serve`'s peak RSS after the
same calls on a small library and on this one.
"""

from __future__ import annotations

import gc
import json
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.db import head_revision, make_engine, migrate
from app.ingest import SourceFile, parse_book
from app.ingest.markdown import PARSER
from app.library import Library
from app.search import parse_query, snippet
from app.settings import Settings
from tests.bench import calls, corpus
from tests.bench.servers import BENCH_SERVER, answers_tools_list, memory_kib
from tests.bench.wire import ERAS, Connection
from tests.serving import CHAPTERWISE, ROOT, serving

CACHE = ROOT / "artifacts" / "bench" / "search"
# Books saved a transaction at a time while the library is made.
_BATCH = 50


def library(scale: corpus.Corpus) -> tuple[Path, dict[str, Any]]:
    """The data dir of the generated library, made unless a run already made this very one."""
    folder = CACHE / f"{scale.key()}-schema{head_revision()}"
    made = folder / "made.json"
    if made.exists():
        return folder, json.loads(made.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    engine = make_engine(Settings(data_dir=folder).db_url, create=True)
    migrate(engine)
    shelf = Library(engine)
    text_bytes = 0
    numbers = range(scale.books)
    for first in range(0, scale.books, _BATCH):
        batch = list(corpus.drafts(scale, numbers[first : first + _BATCH]))
        text_bytes += sum(len(markdown.encode()) for _, markdown in batch)
        shelf.save_books([draft for draft, _ in batch])
    shelf.close()  # checkpoints the WAL into the file
    figures = {"books": scale.books, "text_bytes": text_bytes, "seconds": time.perf_counter() - started}
    made.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return folder, figures


def small_library(scale: corpus.Corpus, work: Path) -> Path:
    """The first twentieth of the same library (at least ten books), for serve's memory to be compared with."""
    folder = work / "small-search-library"
    engine = make_engine(Settings(data_dir=folder).db_url, create=True)
    migrate(engine)
    shelf = Library(engine)
    shelf.save_books([draft for draft, _ in corpus.drafts(scale, range(max(10, scale.books // 20)))])
    shelf.close()
    return folder


def measure(quick: bool, work: Path, *, rounds: int, calls_per_round: int) -> dict[str, Any]:
    scale = corpus.QUICK if quick else corpus.FULL
    data_dir, made = library(scale)
    queries = corpus.queries(scale, 30 if quick else 100)
    results: dict[str, Any] = {
        "corpus": {**made, "key": scale.key(), "cache": str(data_dir.relative_to(ROOT))},
        "latency": _latency(data_dir, queries),
        "index": index_size(data_dir, made["text_bytes"]),
    }
    # The tool's CPU is measured on the query whose in-process time is the median of the one-word
    # queries: the typical search, as read-chapter's typical chapter is.
    times = results["latency"]["one word"]["each_ms"]
    typical = sorted(times, key=times.__getitem__)[len(times) // 2]
    results["calls"] = _tool_cpu(data_dir, typical, rounds=rounds, calls_per_round=calls_per_round)
    results["calls"]["query"] = typical
    slowest = results["latency"]["one word"]["slowest"]
    results["anatomy"] = {query: anatomy(data_dir, query) for query in dict.fromkeys([typical, slowest])}
    mixed = [query for kind in queries.values() for query in kind[:10]]
    results["memory"] = {
        "small": _serve_memory(small_library(scale, work), mixed),
        "large": _serve_memory(data_dir, mixed),
        "calls": len(mixed) + 3,
    }
    results["ingest"] = _ingest_with_indexing(scale, work)
    return results


def _latency(data_dir: Path, queries: dict[str, list[str]]) -> dict[str, Any]:
    shelf = Library(make_engine(Settings(data_dir=data_dir).db_url))
    try:
        # Warm SQLite's page cache and the file system's, as a server that has been up a while has them.
        for kind in queries.values():
            for query in kind[:5]:
                shelf.search(query)
        results = {}
        for kind, chosen in queries.items():
            each, hits = {}, []
            for query in chosen:
                started = time.perf_counter()
                found = shelf.search(query)
                each[query] = (time.perf_counter() - started) * 1000
                hits.append(found.total)
            ms = list(each.values())
            results[kind] = {
                "queries": len(ms),
                "p50_ms": statistics.median(ms),
                "p99_ms": statistics.quantiles(ms, n=100, method="inclusive")[98],
                "max_ms": max(ms),
                "slowest": max(each, key=each.__getitem__),
                "median_hits": statistics.median(hits),
                "each_ms": each,
            }
        return results
    finally:
        shelf.close()


def anatomy(data_dir: Path, query: str) -> dict[str, float]:
    """Where one search's time goes: the scan it runs, what ranking every match would cost, and its snippets.

    Raw sqlite3 on the full-text table alone (no joins), each statement timed once after a warm-up
    run; the snippets are app/search.py's, for the ten passages of the first page.
    """
    match = parse_query(query).fts5()
    statements = {
        # What Library.search runs: the first 1,001 matches in rowid order, then, when they are no
        # more than 1,000, the same with each one's bm25.
        "first_unranked_ms": "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid LIMIT 1001",
        "first_ranked_ms": "SELECT rank, rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid LIMIT 1001",
        # For comparison: the best ten of every match, which scores every passage holding the words.
        "all_ranked_ms": "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 10",
    }  # fmt: skip
    figures = {}
    with closing(sqlite3.connect(data_dir / "chapterwise.db")) as connection:
        for name, statement in statements.items():
            connection.execute(statement, (match,)).fetchall()
            started = time.perf_counter()
            connection.execute(statement, (match,)).fetchall()
            figures[name] = (time.perf_counter() - started) * 1000
        texts = [
            row[0]
            for row in connection.execute(
                "SELECT text FROM passages WHERE id IN"
                " (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 10)",
                (match,),
            )
        ]
    parsed = parse_query(query)
    started = time.perf_counter()
    for passage in texts:
        snippet(passage, parsed)
    figures["snippets_ms"] = (time.perf_counter() - started) * 1000
    shelf = Library(make_engine(Settings(data_dir=data_dir).db_url))
    figures["matches"] = shelf.search(query).total
    shelf.close()
    return figures


def index_size(data_dir: Path, text_bytes: int) -> dict[str, Any]:
    """The full-text index's bytes on disk, against the Markdown's and the stored passages'.

    SQLite's dbstat table gives the pages each table and index uses; the index is FTS5's own
    tables (passages_fts_*). Stored passages also carry a zero-width separator between CJK
    characters, for the index's sake (app/search.py): those bytes are counted as the index's too.
    """
    engine = make_engine(Settings(data_dir=data_dir).db_url)
    with engine.connect() as connection:
        pages = dict(
            connection.execute(text("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")).tuples().all()
        )
        passage_bytes, separators = connection.execute(
            text(
                "SELECT sum(length(CAST(text AS BLOB))),"
                " sum(length(text) - length(replace(text, char(8203), ''))) FROM passages"
            )
        ).one()
    engine.dispose()
    fts = sum(size for name, size in pages.items() if name.startswith("passages_fts"))
    added = fts + 3 * separators  # a zero-width space is three bytes of UTF-8
    return {
        "text_bytes": text_bytes,
        "fts_bytes": fts,
        "separator_bytes": 3 * separators,
        "passage_bytes": passage_bytes,
        "database_bytes": sum(pages.values()),
        "ratio": added / text_bytes,
    }


def _tool_cpu(data_dir: Path, query: str, *, rounds: int, calls_per_round: int) -> dict[str, Any]:
    """The search tool's server CPU per call and the no-op's, rounds interleaved (tests/bench/calls.py)."""
    env = Settings(data_dir=data_dir).to_env()
    with serving(BENCH_SERVER, env=env, ready=answers_tools_list) as server:
        era = ERAS[0]
        targets = [
            calls.tool_call(server.port, era, "noop", "noop", book="x"),
            calls.tool_call(server.port, era, "search", "search", query=query),
            calls.tool_call(server.port, era, "search, its answer cached", "search-once", query=query),
        ]
        measured = calls.per_call(server, targets, rounds=rounds, calls=calls_per_round, warmup=5)
    return {"era": era, **measured}


def cpu_ratio(results: dict[str, Any], label: str) -> float:
    """As tests/bench/targets.py's: the median of round-by-round ratios to the no-op of the same server."""
    era = results["calls"]["era"]
    own, floor = results["calls"][f"{label} [{era}]"]["rounds"], results["calls"][f"noop [{era}]"]["rounds"]
    return statistics.median(a["cpu_ms"] / b["cpu_ms"] for a, b in zip(own, floor, strict=True))


def _serve_memory(data_dir: Path, queries: list[str]) -> dict[str, int]:
    """`chapterwise serve`'s peak RSS after list-books, open-book, read-chapter and every query."""
    env = Settings(data_dir=data_dir).to_env()
    with serving(CHAPTERWISE, env=env, ready=answers_tools_list) as server:
        first = "search-0000"
        with Connection(server.port) as connection:
            for name, arguments in [
                ("list-books", {}),
                ("open-book", {"book": first}),
                ("read-chapter", {"book": first, "chapter": 1}),
                *(("search", {"query": query}) for query in queries),
            ]:
                connection.ok(calls.tool_call(server.port, ERAS[0], name, name, **arguments).request)
        return memory_kib(server.pid)


def _ingest_with_indexing(scale: corpus.Corpus, work: Path) -> dict[str, Any]:
    """Parse + save (full-text index included) of a sample of the generated books, against markdown-it-py.

    The sample goes through the real ingest, from Markdown: eight books, two of them Chinese. The
    same drafts are also saved into a library whose index triggers are dropped, to show the index's share.
    """
    sources = [(f"search-{n:04d}", corpus.book_markdown(n, scale)[0]) for n in range(8)]
    texts = [markdown for _, markdown in sources]
    megabytes = sum(len(markdown.encode()) for markdown in texts) / 1e6
    seconds: dict[str, list[float]] = {"markdown_it": [], "parse": [], "save": [], "save_unindexed": []}
    drafts: list[Any] = []

    def render() -> None:
        for markdown in texts:
            PARSER.render(markdown)

    def parse() -> None:
        drafts[:] = [
            parse_book([SourceFile(f"{slug}.md", markdown)], slug=slug) for slug, markdown in sources
        ]

    for number in range(3):
        seconds["markdown_it"].append(_timed(render))
        seconds["parse"].append(_timed(parse))
        for stage, indexed in (("save", True), ("save_unindexed", False)):
            shelf = Library(
                make_engine(Settings(data_dir=work / f"search-ingest-{stage}-{number}").db_url, create=True)
            )
            migrate(shelf.engine)
            if not indexed:
                with shelf.engine.begin() as connection:
                    for (name,) in connection.execute(
                        text(
                            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'passages'"
                        )
                    ).all():
                        connection.execute(text(f'DROP TRIGGER "{name}"'))
            seconds[stage].append(_timed(shelf.save_books, drafts))
            shelf.close()
    medians = {stage: statistics.median(values) for stage, values in seconds.items()}
    speeds = {stage: megabytes / value for stage, value in medians.items()}
    speeds["import"] = megabytes / (medians["parse"] + medians["save"])
    return {"books": len(sources), "megabytes": megabytes, "mb_per_s": speeds}


def _timed(work: Callable[..., object], *args: Any) -> float:
    gc.collect()
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started
