"""Turning results into target verdicts and the Markdown table of BENCHMARKS.md."""

from __future__ import annotations

import datetime
import os
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

WIDGET_LIMIT_BYTES = 40 * 1024


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    lat, thr, ing, cold = r["latency"], r["throughput"], r["ingest"], r["cold_start"]
    noop_cpu = lat["noop tool (SDK floor) [2025]"]["cpu_ms_per_call"]
    rows = [
        ("read-chapter server CPU per call vs the no-op tool", "≤ 1.30×",
         lat["read-chapter (typical) [2025]"]["cpu_ms_per_call"] / noop_cpu, lambda x: x <= 1.3),
        ("throughput, 8 connections, 1 worker: read-chapter vs no-op", "≥ 0.75×",
         thr["read-chapter (typical), 1 worker(s)"] / thr["noop tool (SDK floor), 1 worker(s)"], lambda x: x >= 0.75),
        ("throughput, 8 connections, 2 workers: read-chapter vs no-op", "≥ 0.75×",
         thr["read-chapter (typical), 2 worker(s)"] / thr["noop tool (SDK floor), 2 worker(s)"], lambda x: x >= 0.75),
        ("ingest (one big book) vs markdown-it-py rendering alone", "≥ 0.60×",
         ing["book_mb_s"] / ing["markdown_it_mb_s"], lambda x: x >= 0.6),
        ("ingest (generated library) vs markdown-it-py rendering alone", "≥ 0.60×",
         ing["library_mb_s"] / ing["library_markdown_it_mb_s"], lambda x: x >= 0.6),
        ("cold start vs an empty MCPServer", "≤ 1.30×", cold["app_s"] / cold["empty_s"], lambda x: x <= 1.3),
        ("largest widget", "≤ 40 KB",
         max(w["bytes"] for w in r["widgets"].values()) / 1024, lambda x: x <= WIDGET_LIMIT_BYTES / 1024),
    ]  # fmt: skip
    return [{"measure": m, "target": t, "value": round(v, 3), "met": bool(ok(v))} for m, t, v, ok in rows]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    packages = ", ".join(f"{p} {version(p)}" for p in ("mcp", "uvicorn", "sqlalchemy", "markdown-it-py"))
    return (f"{cpu}, {os.cpu_count()} cores, {memory} GiB RAM; Linux {platform.release()}; "
            f"Python {platform.python_version()}; {packages}")  # fmt: skip


def markdown(r: dict[str, Any]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {datetime.date.today().isoformat()}"
        + (" (quick run: fewer rounds and smaller books)" if r["quick"] else "")
        + ".",
        f"Machine: {machine()}.",
        "",
        "Every figure comes from one run on one machine, and targets are ratios between figures of that",
        "run, so they hold on a noisy machine. Latency is per call from a keep-alive stdlib client over",
        "Streamable HTTP (uvicorn, stateless JSON); server CPU is the server process's user+system time",
        f"per call. Each is {r['settings']['rounds']} rounds × {r['settings']['calls']} calls after a warm-up; medians across rounds.",
        "",
        "## Targets",
        "",
        "| measure | target | measured | |",
        "|---|---|---|---|",
    ]
    for t in r["targets"]:
        unit = " KB" if "widget" in t["measure"] else "×"
        lines.append(
            f"| {t['measure']} | {t['target']} | {t['value']:.2f}{unit} | {'PASS' if t['met'] else 'MISS'} |"
        )
    lines += [
        "",
        "## Tool calls (1 worker)",
        "",
        "| call [protocol era] | median ms | p99 ms | server CPU ms/call |",
        "|---|---|---|---|",
    ]
    for name, m in r["latency"].items():
        lines.append(
            f"| {name} | {m['latency_ms_median']:.2f} | {m['latency_ms_p99']:.2f} | {m['cpu_ms_per_call']:.2f} |"
        )
    lines += ["", "## Throughput (8 concurrent connections)", "", "| call | calls/s |", "|---|---|"]
    lines += [f"| {name} | {value:.0f} |" for name, value in r["throughput"].items()]
    ing = r["ingest"]
    lines += [
        "", "## Ingest", "", "| input | Chapterwise MB/s (parse + save) | markdown-it-py alone MB/s |", "|---|---|---|",
        f"| one generated book, {ing['book_mb']:.1f} MB | {ing['book_mb_s']:.2f} | {ing['markdown_it_mb_s']:.2f} |",
        (f"| {ing['library_books']} generated books, {ing['library_mb']:.1f} MB | {ing['library_mb_s']:.2f} | "
         f"{ing['library_markdown_it_mb_s']:.2f} |"),
    ]  # fmt: skip
    cold, mem = r["cold_start"], r["memory"]
    lines += [
        "", "## Start-up and memory", "", "| measure | value |", "|---|---|",
        f"| `chapterwise serve`: process start to first tools/list | {cold['app_s'] * 1000:.0f} ms |",
        f"| empty MCPServer under uvicorn: the same | {cold['empty_s'] * 1000:.0f} ms |",
        f"| `import app.http` (process) | {cold['import_app_s'] * 1000:.0f} ms |",
        f"| `import mcp.server.mcpserver` (process) | {cold['import_mcp_s'] * 1000:.0f} ms |",
        f"| peak RSS, {mem['books']} books, after {mem['calls']} mixed calls | {mem['peak_rss_mib']:.0f} MiB |",
    ]  # fmt: skip
    lines += ["", "## Widgets", "", "| widget | bytes | gzip bytes |", "|---|---|---|"]
    lines += [f"| {name} | {w['bytes']:,} | {w['gzip_bytes']:,} |" for name, w in r["widgets"].items()]
    lines += ["", "Reproduce with `make bench` (a few minutes) or `make bench-quick` (a smoke run under a minute);",
              "raw figures are written to `artifacts/bench/results.json`.", ""]  # fmt: skip
    return "\n".join(lines)
