"""BENCHMARKS.md: every figure in a Markdown table, the targets with PASS/MISS, the machine, how to reproduce."""

from __future__ import annotations

import os
import platform
import statistics
from importlib.metadata import version
from pathlib import Path
from typing import Any

from tests.bench import soak
from tests.bench.targets import FLAT_RSS_LIMIT, THROUGHPUT_ERA, cpu_ratio, round_ratios
from tests.bench.wire import ERAS

PACKAGES = ("mcp", "uvicorn", "starlette", "sqlalchemy", "markdown-it-py", "pydantic")
# The no-op as a plain `def`, which the SDK runs in a worker thread: for reference, not a floor.
NOOP_SYNC = "noop, plain def (worker thread)"


def cached(call: str) -> str:
    """The label of a call's own floor: the same answer, worked out once and then returned from a cache."""
    return f"{call}, its answer cached"


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    return {
        "cpu": next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?"
        ),
        "cores": os.cpu_count(),
        "ram_gib": round(
            next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal")) / 2**20, 1
        ),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {package: version(package) for package in PACKAGES},
    }


def markdown(r: dict[str, Any], earlier: list[dict[str, Any]] | None = None) -> str:
    """The report of run `r`; `earlier` full runs of the same code add how each target moved between runs."""
    earlier = earlier or []
    met = sum(t["met"] for t in r["targets"])
    smoke = " — a quick smoke run (fewer rounds, smaller books), not for comparison" if r["quick"] else ""
    sections = [
        ["# Benchmarks", "",
         f"Measured by `{r['command']}` on {r['date']} in {r['seconds']:.0f} s{smoke}. {met} of {len(r['targets'])} targets met.",
         "",
         "Each target is a ratio between two figures of the same run on the same machine, so it holds where",
         "absolute figures drift. The floors run in the same server process as the app. The **no-op** tool takes",
         "read-chapter's arguments and does nothing: the SDK's own cost of a call. Like every Chapterwise tool",
         "it is an `async def`, which runs on the event loop; the same no-op as a plain `def`, which the SDK runs",
         "in a worker thread, is shown for reference only. Each tool also has its **answer cached**: a tool with",
         "the same schemas that returns that tool's own result, worked out once, so its CPU is the SDK's cost of",
         "validating and encoding that answer, and the tool's CPU above it is Chapterwise's own work. **/plain**",
         "is a bare Starlette route answering the very bytes of a read-chapter response: the transport's cost."],
        ["## Targets", "",
         "The range is that of the single rounds (or starts) the figure is the median of: how much it wobbles",
         "within the run. " + _across(r, earlier), "",
         _row("measure", "measured", "range", *(["in each run"] if earlier else []), "target", ""),
         _row("---", "---:", "---:", *(["---:"] if earlier else []), "---", "---"),
         *(_row(t["measure"], t["value"], t.get("spread", ""), *_runs(t, earlier), t["target"],
                "PASS" if t["met"] else "**MISS**")
           for t in r["targets"])],
        *_misses(r),
        _calls(r), *_reading_state(r), _throughput(r), _ingest(r), _startup(r), *_search(r),
        ["## Widgets (`resources/read` of every `ui://` resource)", "",
         "| widget | bytes | gzip -6 bytes |", "|---|---:|---:|",
         *(_row(name, f"{w['bytes']:,}", f"{w['gzip_bytes']:,}") for name, w in r["widgets"].items())],
        *soak.sections(r),
        ["## Machine", "", _machine_line(r["machine"]), *_load(r)],
        ["## Reproduce", "",
         "`make bench` (the full run, about 20 minutes on two shared cores) writes this file and",
         "`artifacts/bench/results.json` (with every round's raw figures), and keeps a copy of each run in",
         "`artifacts/bench/runs/` to compare runs of the same code; `make bench-quick` is a smoke run of a few",
         "minutes that writes only `artifacts/bench/quick/`, with a 40-book search library. The first full run also",
         "makes the 200 MB search library (about 5 minutes) and keeps it in `artifacts/bench/search/` for the next",
         "ones. `python -m tests.bench --report` rewrites this file from the last full run without measuring.",
         "Books are generated from fixed seeds (`tests/bench/books.py`, `tests/bench/corpus.py`), every server",
         "listens on 127.0.0.1, and every process and temporary file is cleaned up."],
    ]  # fmt: skip
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _misses(r: dict[str, Any]) -> list[list[str]]:
    """Where a target is missed, the figures of this run that say where the time goes."""
    lines = []
    for target in r["targets"]:
        if target["met"] or "call" not in target:
            continue
        label, era, limit = target["call"], target["era"], target["limit"]
        measured = r[target.get("source", "calls")]
        own, once, noop = (measured[f"{name} [{era}]"]["cpu_ms"] for name in (label, cached(label), "noop"))
        size = r["responses"].get(f"{label} [{ERAS[0]}]", {}).get("response_bytes", 0)
        sdk = statistics.median(round_ratios(measured, f"{cached(label)} [{era}]"))
        ours = (own - once) / noop
        left = (
            f"which leaves {limit - sdk:.2f}× for Chapterwise's own work"
            if sdk < limit
            else "already over the target with no work of ours"
        )
        lines.append(
            f"- **{label} [{era}]** costs {own:.3f} ms of server CPU a call, {target['value']} the no-op's "
            f"{noop:.3f} ms, where the target allows {limit}×. Returned from a cache, its "
            f"{f'{size:,}-byte ' if size else ''}answer "
            f"costs {once:.3f} ms, {sdk:.2f}× the no-op: the SDK validating and encoding that answer, {left}. "
            f"Chapterwise's work (its SQL through SQLAlchemy Core, building the view, writing the model's "
            f"text) takes the other {own - once:.3f} ms, {ours:.2f}× the no-op."
            + _reading_state_cost(r, label)
        )  # fmt: skip
    if not _met(r, "cold start ÷ empty MCPServer's"):
        cold, by_package = r["startup"]["cold_start"], r["startup"]["imports"]["app_only_ms_by_package"]
        ours, empty = cold["chapterwise"]["seconds"] * 1000, cold["empty"]["seconds"] * 1000
        core, allowed = by_package.get("sqlalchemy", 0.0), 0.3 * empty
        lines.append(
            f"- **cold start**: Chapterwise adds {ours - empty:.0f} ms to the empty server's {empty:.0f} ms, where the "
            f"target allows {allowed:.0f} ms. Importing SQLAlchemy Core takes {core:.0f} ms of that ({core / allowed:.0%} "
            f"of the allowance); the other {ours - empty - core:.0f} ms are Chapterwise's own modules and view models, "
            "Jinja and the minifier, rendering the widget, the SDK building the tools' schemas, opening SQLite and "
            "checking the library's migration."
        )  # fmt: skip
    lines += _throughput_misses(r) + _ingest_misses(r) + _search_misses(r)
    if not lines:
        return []
    return [["## Where the misses come from", "", *lines]]


def _reading_state_cost(r: dict[str, Any], call: str) -> str:
    """What the reading-state rows' own work is made of, from the statements counted in the same run."""
    counts = r.get("statements", {})
    if not counts:
        return ""
    without, begun = counts["reader without a row"], counts["reader with progress"]
    if call == "save-progress":
        return (
            f" It sends {begun['save-progress']} statements in one write transaction (app/library/reading.py: "
            "one finds the book, the chapter's pages and words for the percentage, whether the anchor is one of "
            "its passages, and the reader (app/library/readers.py's find_place), then the upsert; "
            f"{without['save-progress']} the first time, when the reader's row is made), each through SQLAlchemy "
            "Core, and the commit; and like every writing tool it runs in a worker thread."
        )
    if "reader with progress" in call:
        return (
            f" For this reader read-chapter sends {begun['read-chapter']} statements, against "
            f"{without['read-chapter']} for a reader without a row: the page, which carries the reader's id, "
            "setting, progress and bookmark (app/library/pages.py's _PAGE), then app/library/marks.py's "
            "page_highlights reads their highlights on the page."
        )
    return ""


def _throughput_misses(r: dict[str, Any]) -> list[str]:
    lines = []
    for workers, figures in r["throughput"].items():
        if _met(r, f"read-chapter calls/s ÷ no-op's, 8 connections, {workers} worker(s)"):
            continue
        noop, read = (
            figures[f"noop [{THROUGHPUT_ERA}]"],
            figures[f"read-chapter (typical) [{THROUGHPUT_ERA}]"],
        )
        lines.append(
            f"- **read-chapter calls/s, {workers} worker(s)**: the workers are busy all the time, so calls/s follow "
            f"server CPU per call: {read['server_cpu_ms']:.3f} ms for read-chapter against the no-op's "
            f"{noop['server_cpu_ms']:.3f} ms in this test ({noop['server_cpu_ms'] / read['server_cpu_ms']:.2f}×), "
            "the same cost the per-call targets above measure."
        )  # fmt: skip
    return lines


def _ingest_misses(r: dict[str, Any]) -> list[str]:
    lines = []
    for name, figures in r["ingest"].items():
        label = name.replace("_", " ")
        if _met(r, f"ingest ({label}) MB/s ÷ markdown-it-py's"):
            continue
        speed = figures["mb_per_s"]
        lines.append(
            f"- **ingest ({label})**: parsing runs at {speed['parse']:.2f} MB/s against markdown-it-py's "
            f"{speed['markdown_it']:.2f} MB/s, and saving at {speed['save']:.2f} MB/s; together "
            f"{speed['import']:.2f} MB/s. Parsing is markdown-it-py's own parse plus ingest's passes (includes, "
            "sanitising every page, highlighting code, anchors, counting, cutting pages), so it alone is "
            f"{speed['parse'] / speed['markdown_it']:.2f}× the floor; saving adds the rows and the full-text index."
        )  # fmt: skip
    return lines


def _across(r: dict[str, Any], earlier: list[dict[str, Any]]) -> str:
    if r["quick"]:
        return "Smoke runs are not compared with one another."
    if not earlier:
        return "This is the only full run of this code (`code` in results.json) so far."
    return (
        f"This is the last of {len(earlier) + 1} full runs of this same code ({r['code']}); "
        '"in each run" lists every run\'s figure, oldest first, to show how much they move between runs.'
    )


def _runs(target: dict[str, Any], earlier: list[dict[str, Any]]) -> list[str]:
    """The target's figure in each earlier run and this one, as one cell; no cell without earlier runs."""
    if not earlier:
        return []
    values = [t["value"] for run in earlier for t in run["targets"] if t["measure"] == target["measure"]]
    return [", ".join([*values, target["value"]])]


def _met(r: dict[str, Any], measure: str) -> bool:
    return all(t["met"] for t in r["targets"] if t["measure"] == measure)


def _calls(r: dict[str, Any]) -> list[str]:
    p = r["plan"]
    rows = []
    for label, c in r["calls"].items():
        size = r["responses"].get(label, {}).get("response_bytes")
        rows.append(_row(label, f"{c['median_ms']:.3f}", f"{c['p99_ms']:.3f}", f"{c['cpu_ms']:.3f}",
                         f"{cpu_ratio(r, label):.2f}×", f"{size:,}" if size else "—"))  # fmt: skip
    return [
        "## Tool calls: latency and server CPU per call (1 worker, one keep-alive connection)", "",
        f"{p['rounds']} rounds × {p['calls']} sequential calls after {p['warmup']} warm-up calls, rounds interleaved",
        "across the calls; each figure is the median over rounds of the round's median, p99 or CPU. Server CPU",
        "is the server process's user + system time over a round (all threads, read by the server itself from",
        "CLOCK_PROCESS_CPUTIME_ID, since /proc's 10 ms ticks are too coarse), divided by the round's calls.",
        "\"÷ no-op's\" is the median of round-by-round ratios to the no-op of the same era.", "",
        "| call [protocol era] | median ms | p99 ms | server CPU ms/call | CPU ÷ no-op's | response bytes |",
        "|---|---:|---:|---:|---:|---:|", *rows,
    ]  # fmt: skip


def _reading_state(r: dict[str, Any]) -> list[list[str]]:
    if "reading_state" not in r:
        return []
    rows = []
    for label, c in r["reading_state"].items():
        ratio = statistics.median(round_ratios(r["reading_state"], label))
        rows.append(
            _row(label, f"{c['median_ms']:.3f}", f"{c['p99_ms']:.3f}", f"{c['cpu_ms']:.3f}", f"{ratio:.2f}×")
        )
    return [[
        "## Reading state: saving progress, and reading for a reader who has saved some", "",
        "A server of its own, on a copy of the same library, measured as above: save-progress writes the reader's",
        "place in the typical chapter (a transaction of a few statements, run in a worker thread as every writing",
        "tool is), and read-chapter then reads that chapter for the reader it gave a row and progress to (the",
        "figures above are of a reader who has saved nothing, who costs no statement of their own).", "",
        *_statement_counts(r),
        "| call [protocol era] | median ms | p99 ms | server CPU ms/call | CPU ÷ this server's no-op |",
        "|---|---:|---:|---:|---:|", *rows,
    ]]  # fmt: skip


def _statement_counts(r: dict[str, Any]) -> list[str]:
    if "statements" not in r:
        return []
    states = r["statements"]
    names = list(next(iter(states.values())))
    return [
        "SQL statements each call's library method sends (counted in-process on a copy of the library):", "",
        _row("reader", *names), _row("---", *("---:" for _ in names)),
        *(_row(state, *(str(counts[name]) for name in names)) for state, counts in states.items()), "",
    ]  # fmt: skip


def _search(r: dict[str, Any]) -> list[list[str]]:
    if "search" not in r:
        return []
    s = r["search"]
    c, index, memory = s["corpus"], s["index"], s["memory"]
    latency = [
        _row(kind, str(f["queries"]), f"{f['p50_ms']:.1f}", f"{f['p99_ms']:.1f}", f"{f['max_ms']:.1f}",
             f"`{f['slowest']}`", f"{f['median_hits']:,.0f}")
        for kind, f in s["latency"].items()
    ]  # fmt: skip
    era = s["calls"]["era"]
    cpu = [
        _row(label, f"{s['calls'][label]['median_ms']:.3f}", f"{s['calls'][label]['cpu_ms']:.3f}",
             f"{statistics.median(round_ratios(s['calls'], label)):.2f}×")
        for label in (f"noop [{era}]", f"search [{era}]", f"{cached('search')} [{era}]")
    ]  # fmt: skip
    speed = s["ingest"]["mb_per_s"]
    small, large = memory["small"]["peak_rss_kib"] / 1024, memory["large"]["peak_rss_kib"] / 1024
    return [[
        "## Search (issue 11): the generated library", "",
        f"{c['books']:,} books, {c['text_bytes'] / 1e6:.0f} MB of Markdown, every fourth in Chinese, made by",
        "`tests/bench/corpus.py` from fixed seeds (English from a fixed vocabulary with Zipf's law: a few hundred",
        "common words, then syllable-built words for the long tail; Chinese sentences from a fixed set of",
        "3,500 characters) and saved as drafts, one passage a paragraph. Making it took",
        f"{c['seconds']:.0f} s; it is kept in `{c['cache']}`, a name that changes with the generator's version,",
        "the scale and the schema's migration head, so later runs reuse it.", "",
        "Server time is `Library.search` in-process (SQL, snippets, the view; no SDK, no HTTP), one query after",
        "another, each query distinct. One-word queries are drawn log-uniformly by frequency rank (every decade",
        "of rank as likely: the commonest words are as much in the mix as rare ones); two words are two such",
        'words; a phrase is two adjacent words of a generated paragraph, in quotes; the Chinese queries are',
        "two adjacent characters of one.", "",
        "| query kind | queries | p50 ms | p99 ms | max ms | slowest | median matches (counted to 1,000) |",
        "|---|---:|---:|---:|---:|---|---:|", *latency, "",
        f"The search tool through the benchmark's server on this library ({s['calls'][f'search [{era}]']['rounds'].__len__()} rounds),",
        f"on the query whose server time was the median of the one-word ones, `{s['calls']['query']}`:", "",
        "| call [era] | median ms | server CPU ms/call | CPU ÷ no-op's |", "|---|---:|---:|---:|", *cpu, "",
        "| index on disk (SQLite's `dbstat` pages) | bytes |", "|---|---:|",
        _row("the library's Markdown", f"{index['text_bytes']:,}"),
        _row("FTS5's tables (`passages_fts_*`)", f"{index['fts_bytes']:,}"),
        _row("zero-width separators stored between CJK characters for the index", f"{index['separator_bytes']:,}"),
        _row("index ÷ Markdown", f"{index['ratio']:.2f}×"),
        _row("(the passages' text as stored, for comparison)", f"{index['passage_bytes']:,}"),
        _row("(the whole database)", f"{index['database_bytes']:,}"), "",
        f"`chapterwise serve`'s peak RSS (VmHWM) after the same {memory['calls']} calls (list-books, open-book,",
        f"read-chapter, then ten queries of each kind): {small:.0f} MiB with the first twentieth of the library,",
        f"{large:.0f} MiB with all of it ({large / small:.2f}×; flat means within {FLAT_RSS_LIMIT}×).", "",
        "Where single searches' time goes (`tests/bench/search.py` `anatomy`: raw SQLite on the full-text table, each",
        "statement once after a warm-up; snippets are app/search.py's for the first page's ten passages):", "",
        "| query | matches (to 1,000) | first 1,001 ms (always run) | the same with bm25 ms (run for ≤ 1,000) | best 10 of every match ms (not run) | snippets ms |",
        "|---|---:|---:|---:|---:|---:|",
        *(_row(f"`{query}`", f"{a['matches']:,}", *(f"{a[key]:.1f}" for key in
               ("first_unranked_ms", "first_ranked_ms", "all_ranked_ms", "snippets_ms")))
          for query, a in s["anatomy"].items()), "",
        f"Ingest with indexing: {s['ingest']['books']} of the generated books ({s['ingest']['megabytes']:.1f} MB) from",
        f"Markdown through the real ingest into a fresh library, full-text index included: {speed['import']:.2f} MB/s",
        f"against markdown-it-py's {speed['markdown_it']:.2f} MB/s rendering the same text (3 rounds, medians); parse",
        f"{speed['parse']:.2f} MB/s, save {speed['save']:.2f} MB/s, save with the index's triggers dropped",
        f"{speed['save_unindexed']:.2f} MB/s. (The ingest rows above include the index too: it is always on.)",
    ]]  # fmt: skip


def _search_misses(r: dict[str, Any]) -> list[str]:
    if "search" not in r:
        return []
    s, lines = r["search"], []
    slow = [kind for kind in s["latency"] if not _met(r, _search_measure(s, kind))]
    if slow:
        lines.append(
            f"- **search latency ({', '.join(slow)})**: "
            + "; ".join(
                f"{kind}: p50 {s['latency'][kind]['p50_ms']:.0f} ms, p99 {s['latency'][kind]['p99_ms']:.0f} ms "
                f"(slowest `{s['latency'][kind]['slowest']}`, {s['latency'][kind]['max_ms']:,.0f} ms)"
                for kind in slow
            )
            + ". Library.search reads the first 1,001 matches of the full-text index, and scores them with "
            "bm25 only when they are no more than 1,000 (app/library/searching.py): scoring needs each word's "
            "frequency in the whole library, which costs in proportion to all of its matches. The table below "
            "splits single queries into the index's scan, its scoring and the snippets."
        )
    era = s["calls"]["era"]
    if not _met(r, f"search [{era}] server CPU per call ÷ no-op's"):
        label = f"search [{era}]"
        own, once = s["calls"][label]["cpu_ms"], s["calls"][f"{cached('search')} [{era}]"]["cpu_ms"]
        noop = s["calls"][f"noop [{era}]"]["cpu_ms"]
        lines.append(
            f"- **search CPU**: {own:.2f} ms a call for `{s['calls']['query']}` against the no-op's {noop:.2f} ms; "
            f"returned from a cache its answer costs {once:.2f} ms, so {own - once:.2f} ms is the search itself: "
            "reading up to 1,001 matches (and scoring up to 1,000), as its latency above, then the snippets."
        )
    speed = s["ingest"]["mb_per_s"]
    if not _met(r, "ingest with indexing (search sample) MB/s ÷ markdown-it-py's"):
        indexing = 1 / speed["save"] - 1 / speed["save_unindexed"]
        lines.append(
            f"- **ingest with indexing**: parsing alone runs at {speed['parse']:.2f} MB/s, "
            f"{speed['parse'] / speed['markdown_it']:.2f}× markdown-it-py's {speed['markdown_it']:.2f} MB/s (ingest "
            "parses with markdown-it-py, then sanitises, anchors, counts and cuts pages), before anything is "
            f"saved. Saving runs at {speed['save']:.2f} MB/s with the full-text index and "
            f"{speed['save_unindexed']:.2f} MB/s with its triggers dropped: the index costs {indexing:.2f} s a MB "
            f"of the {1 / speed['import']:.2f} s a MB the whole import takes."
        )
    if not _met(r, "full-text index on disk ÷ the Markdown's bytes"):
        index = s["index"]
        lines.append(
            f"- **index size**: FTS5's tables hold {index['fts_bytes']:,} bytes and the CJK separators "
            f"{index['separator_bytes']:,}, against {index['text_bytes']:,} bytes of Markdown."
        )
    if not _met(r, "serve's peak RSS, large library ÷ small library"):
        memory = s["memory"]
        lines.append(
            f"- **serve's memory**: {memory['large']['peak_rss_kib'] / 1024:.0f} MiB at its peak with the large "
            f"library against {memory['small']['peak_rss_kib'] / 1024:.0f} MiB with the small one, after the same calls."
        )
    return lines


def _search_measure(s: dict[str, Any], kind: str) -> str:
    return f"search ({kind}, {s['latency'][kind]['queries']} queries) server time p50 / p99"


def _throughput(r: dict[str, Any]) -> list[str]:
    p = r["plan"]
    rows = []
    for workers, figures in r["throughput"].items():
        floor = figures[f"noop [{THROUGHPUT_ERA}]"]["calls_per_s"]
        for label, t in figures.items():
            rows.append(_row(label, str(workers), f"{t['calls_per_s']:.0f}", f"{t['calls_per_s'] / floor:.2f}×",
                             f"{t['server_cpu_ms']:.3f}", f"{t['client_cpu_ms']:.3f}"))  # fmt: skip
    return [
        f"## Throughput: 8 concurrent keep-alive connections ({p['throughput_rounds']} rounds × {p['throughput_s']} s, medians)",
        "",
        "One asyncio client drives all eight connections, spread evenly over the workers; its own CPU per call",
        "is shown to make sure it is not what limits the figure.", "",
        "| call [era] | workers | calls/s | ÷ no-op's | server CPU ms/call | client CPU ms/call |",
        "|---|---:|---:|---:|---:|---:|", *rows,
    ]  # fmt: skip


def _ingest(r: dict[str, Any]) -> list[str]:
    rows = []
    for name, i in r["ingest"].items():
        s = i["mb_per_s"]
        books = f"{i['books']} book{'s' if i['books'] > 1 else ''}"
        rows.append(_row(f"{name.replace('_', ' ')} ({books})", f"{i['megabytes']:.2f}",
                         *(f"{s[k]:.2f}" for k in ("import", "parse", "save", "markdown_it", "markdown_it_bare")),
                         f"{s['import'] / s['markdown_it']:.2f}×", f"{i['unchanged_ratio']:.2f}×"))  # fmt: skip
    return [
        f"## Ingest: load + parse + save into a fresh SQLite file ({r['plan']['ingest_rounds']} rounds, medians)", "",
        "Books are read from disk: the big book as an mdBook whose code listings are `{{#include}}`d files, the",
        "library as single files; every page is sanitised and its code highlighted. The floor is markdown-it-py",
        "rendering the same Markdown with the app's parser configuration (`app/ingest/markdown.py`); the bare",
        '`MarkdownIt("js-default")` is shown beside it. An unchanged re-import reads the files and compares',
        "their digest with the stored one, as `chapterwise import` does before parsing anything.", "",
        "| input | MB | import MB/s | parse MB/s | save MB/s | markdown-it-py MB/s | bare js-default MB/s | import ÷ markdown-it-py | unchanged re-import ÷ import |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|", *rows,
    ]  # fmt: skip


def _startup(r: dict[str, Any]) -> list[str]:
    cold, imports, memory = r["startup"]["cold_start"], r["startup"]["imports"], r["memory"]
    ours, empty, seconds = cold["chapterwise"], cold["empty"], imports["seconds"]
    packages = ", ".join(f"{k} {v:.0f}" for k, v in imports["app_only_ms_by_package"].items())
    return [
        (f"## Start-up and memory ({r['plan']['startup_repeats']} starts each after an unmeasured one, and "
         f"{r['plan']['import_repeats']} imports, alternating; medians)"), "",
        "| measure | Chapterwise | empty MCPServer | ratio |", "|---|---:|---:|---:|",
        _row("process start → first tools/list answered, ms", f"{ours['seconds'] * 1000:.0f}",
             f"{empty['seconds'] * 1000:.0f}", f"{ours['seconds'] / empty['seconds']:.2f}×"),
        _row('`python -c "import app.http"` vs `"import mcp.server.mcpserver"`, ms', f"{seconds['app'] * 1000:.0f}",
             f"{seconds['mcp'] * 1000:.0f}", f"{seconds['app'] / seconds['mcp']:.2f}×"),
        _row("peak RSS once started, MiB", f"{ours['peak_rss_kib'] / 1024:.0f}", f"{empty['peak_rss_kib'] / 1024:.0f}", "—"),
        _row(f"peak RSS (VmHWM) with {memory['books']} books after {sum(memory['calls'].values()):,} mixed calls, MiB",
             f"{memory['peak_rss_kib'] / 1024:.0f}", "—", "—"), "",
        "Both servers start with their bytecode already cached, as every start after a first one does. The bare",
        f"interpreter starts in {seconds['python'] * 1000:.0f} ms. What `import app.http` loads beyond the",
        f"SDK, by package (self time under `-X importtime`, ms): {packages}.",
    ]  # fmt: skip


def _load(r: dict[str, Any]) -> list[str]:
    if "load" not in r:
        return []
    start, end = r["load"]["start"], r["load"]["end"]
    return [
        "",
        (
            f"The machine is shared: its load average was {start[0]:.1f} (1 minute) when the run began and "
            f"{end[0]:.1f} when it ended, {end[2]:.1f} over the last 15 minutes, on {r['machine']['cores']} cores."
        ),
    ]


def _machine_line(m: dict[str, Any]) -> str:
    packages = ", ".join(f"{name} {v}" for name, v in m["packages"].items())
    return f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; Python {m['python']}; {packages}."


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"
