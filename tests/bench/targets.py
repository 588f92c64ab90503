"""The targets: each a ratio between two figures of the same run (except widget size), with its verdict."""

from __future__ import annotations

import statistics
from typing import Any

from tests.bench.wire import ERAS

WIDGET_LIMIT_BYTES = 40 * 1024
# Throughput is measured in the protocol era most hosts speak today.
THROUGHPUT_ERA = ERAS[0]
TYPICAL_READ = f"read-chapter (typical) [{THROUGHPUT_ERA}]"
THROUGHPUT_CALLS = (f"noop [{THROUGHPUT_ERA}]", TYPICAL_READ)


# Server CPU per call ÷ the no-op's, at most: the calls a user makes first, and every chapter after.
CPU_LIMITS = {
    "list-books": 1.5,
    "open-book": 1.5,
    "read-chapter (typical)": 1.3,
    "read-chapter (long, page 2)": 1.3,
}
# Measured in a server of their own (tests/bench/__main__.py), whose reader has saved progress.
# The widget saves the reader's place at every page they turn, beside each read-chapter call:
# a write may cost more than the read, but not more than half as much again as a call that
# does nothing (our choice for issue 12; no product issue sets it). read-chapter keeps its own.
READ_WITH_PROGRESS = "read-chapter (typical, reader with progress)"
READING_STATE_LIMITS = {"save-progress": 1.5, READ_WITH_PROGRESS: 1.3}
# Issue 11, on the generated library of tests/bench/corpus.py.
SEARCH_P50_MS, SEARCH_P99_MS = 20.0, 100.0
SEARCH_CPU_LIMIT = 3.0
INDEXING_INGEST_LIMIT = 0.5
INDEX_SIZE_LIMIT = 1.5
# "Flat in library size": serve's peak RSS on the large library within 10% of the small one's.
FLAT_RSS_LIMIT = 1.1


def verdicts(r: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for era in ERAS:
        for call, limit in CPU_LIMITS.items():
            label = f"{call} [{era}]"
            rows.append(_ratio(f"{label} server CPU per call ÷ no-op's", cpu_ratio(r, label), limit))
            rounds = round_ratios(r["calls"], label)
            rows[-1].update(call=call, era=era, limit=limit, spread=_span(rounds), source="calls")
    if "reading_state" in r:
        for era in ERAS:
            for call, limit in READING_STATE_LIMITS.items():
                label = f"{call} [{era}]"
                rounds = round_ratios(r["reading_state"], label)
                measure = f"{label} server CPU per call ÷ no-op's"
                rows.append(_ratio(measure, statistics.median(rounds), limit))
                rows[-1].update(call=call, era=era, limit=limit, spread=_span(rounds), source="reading_state")
    for workers, figures in r["throughput"].items():
        rate = figures[TYPICAL_READ]["calls_per_s"] / figures[f"noop [{THROUGHPUT_ERA}]"]["calls_per_s"]
        measure = f"read-chapter calls/s ÷ no-op's, 8 connections, {workers} worker(s)"
        rows.append(_ratio(measure, rate, 0.75, at_least=True))
    for name, figures in r["ingest"].items():
        speed = figures["mb_per_s"]["import"] / figures["mb_per_s"]["markdown_it"]
        measure = f"ingest ({name.replace('_', ' ')}) MB/s ÷ markdown-it-py's"
        rows.append(_ratio(measure, speed, 0.6, at_least=True))
        measure = f"unchanged re-import ({name.replace('_', ' ')}) ÷ import"
        rows.append(_ratio(measure, figures["unchanged_ratio"], 0.2))
    cold = r["startup"]["cold_start"]
    start = cold["chapterwise"]["seconds"] / cold["empty"]["seconds"]
    rows.append(_ratio("cold start ÷ empty MCPServer's", start, 1.3))
    # Each Chapterwise start against the empty server's start just after it.
    starts = [a / b for a, b in zip(cold["chapterwise"]["runs"], cold["empty"]["runs"], strict=True)]
    rows[-1]["spread"] = _span(starts)
    if "search" in r:
        rows += _search(r["search"])
    for name, widget in r["widgets"].items():
        size = f"{widget['bytes'] / 1024:.1f} KiB"
        rows.append({"measure": f"{name} size", "value": size, "target": "≤ 40 KiB"})
        rows[-1]["met"] = widget["bytes"] <= WIDGET_LIMIT_BYTES
    return rows


def _search(s: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for kind, figures in s["latency"].items():
        rows.append(
            {
                "measure": f"search ({kind}, {figures['queries']} queries) server time p50 / p99",
                "value": f"{figures['p50_ms']:.1f} / {figures['p99_ms']:.0f} ms",
                "target": f"≤ {SEARCH_P50_MS:.0f} / {SEARCH_P99_MS:.0f} ms",
                "met": figures["p50_ms"] <= SEARCH_P50_MS and figures["p99_ms"] <= SEARCH_P99_MS,
            }
        )
    era = s["calls"]["era"]
    rounds = round_ratios(s["calls"], f"search [{era}]")
    rows.append(
        _ratio(f"search [{era}] server CPU per call ÷ no-op's", statistics.median(rounds), SEARCH_CPU_LIMIT)
    )
    rows[-1].update(spread=_span(rounds))
    speed = s["ingest"]["mb_per_s"]
    rows.append(
        _ratio("ingest with indexing (search sample) MB/s ÷ markdown-it-py's", speed["import"] / speed["markdown_it"],
               INDEXING_INGEST_LIMIT, at_least=True)
    )  # fmt: skip
    rows.append(
        _ratio("full-text index on disk ÷ the Markdown's bytes", s["index"]["ratio"], INDEX_SIZE_LIMIT)
    )
    small, large = s["memory"]["small"]["peak_rss_kib"], s["memory"]["large"]["peak_rss_kib"]
    rows.append(_ratio("serve's peak RSS, large library ÷ small library", large / small, FLAT_RSS_LIMIT))
    return rows


def cpu_ratio(r: dict[str, Any], label: str) -> float:
    """A call's server CPU ÷ the no-op's of the same era: the median of round-by-round ratios.

    Within a round the two are measured seconds apart, so pairing them cancels the drift of a
    shared machine that shows between rounds.
    """
    return statistics.median(round_ratios(r["calls"], label))


def round_ratios(calls: dict[str, Any], label: str) -> list[float]:
    """Each round's CPU per call of `label` ÷ the no-op's in the same round, from one server's `calls`."""
    era = label.rsplit("[", 1)[1].rstrip("]") if label.endswith("]") else ERAS[0]
    own, floor = calls[label]["rounds"], calls[f"noop [{era}]"]["rounds"]
    return [a["cpu_ms"] / b["cpu_ms"] for a, b in zip(own, floor, strict=True)]


def _span(ratios: list[float]) -> str:
    return f"{min(ratios):.2f} to {max(ratios):.2f}×"


def _ratio(measure: str, value: float, limit: float, *, at_least: bool = False) -> dict[str, Any]:
    met = value >= limit if at_least else value <= limit
    target = f"{'≥' if at_least else '≤'} {limit}×"
    return {"measure": measure, "value": f"{value:.2f}×", "ratio": value, "target": target, "met": met}
