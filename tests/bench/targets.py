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


def verdicts(r: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for era in ERAS:
        for call, limit in CPU_LIMITS.items():
            label = f"{call} [{era}]"
            rows.append(_ratio(f"{label} server CPU per call ÷ no-op's", cpu_ratio(r, label), limit))
            rounds = round_ratios(r, label)
            rows[-1].update(call=call, era=era, limit=limit, spread=_span(rounds))
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
    for name, widget in r["widgets"].items():
        size = f"{widget['bytes'] / 1024:.1f} KiB"
        rows.append({"measure": f"{name} size", "value": size, "target": "≤ 40 KiB"})
        rows[-1]["met"] = widget["bytes"] <= WIDGET_LIMIT_BYTES
    return rows


def cpu_ratio(r: dict[str, Any], label: str) -> float:
    """A call's server CPU ÷ the no-op's of the same era: the median of round-by-round ratios.

    Within a round the two are measured seconds apart, so pairing them cancels the drift of a
    shared machine that shows between rounds.
    """
    return statistics.median(round_ratios(r, label))


def round_ratios(r: dict[str, Any], label: str) -> list[float]:
    era = label.rsplit("[", 1)[1].rstrip("]") if label.endswith("]") else ERAS[0]
    own, floor = r["calls"][label]["rounds"], r["calls"][f"noop [{era}]"]["rounds"]
    return [a["cpu_ms"] / b["cpu_ms"] for a, b in zip(own, floor, strict=True)]


def _span(ratios: list[float]) -> str:
    return f"{min(ratios):.2f} to {max(ratios):.2f}×"


def _ratio(measure: str, value: float, limit: float, *, at_least: bool = False) -> dict[str, Any]:
    met = value >= limit if at_least else value <= limit
    target = f"{'≥' if at_least else '≤'} {limit}×"
    return {"measure": measure, "value": f"{value:.2f}×", "ratio": value, "target": target, "met": met}
