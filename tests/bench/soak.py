"""Load and soak: readers for a minute against `serve --workers 2` on SQLite and on two PostgreSQL replicas.

Both rows run during a re-import of generated books, changed every round (tests/reimports.py),
driven by tests/load.py. The target is 0 errors and nothing lost; latency on two shared cores is
reported, never judged. `python -m tests.bench --soak-only` (or `python -m tests.bench.soak`) runs
just these rows and puts them into BENCHMARKS.md in place; add --quick for a 10-second smoke run.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

# uvloop comes with uvicorn[standard]; a lighter client loop leaves more of the two cores to the servers.
import uvloop

from app.settings import Settings
from tests.load import run_load
from tests.postgres import PostgresCluster, find_bindir, unprivileged_user
from tests.reimports import Reimporter
from tests.serving import ROOT, chapterwise

TARGET = "0 errors, nothing lost"
HEADING = "## Load and soak"


@dataclass(frozen=True, slots=True)
class Soak:
    readers: int
    seconds: float
    books: int  # re-imported, all of them, round after round


FULL = Soak(readers=50, seconds=60, books=200)
QUICK = Soak(readers=10, seconds=10, books=40)


def measure(quick: bool, command: str) -> dict[str, Any]:
    """Both rows, each a tests/load.py Report as a dict (or why it was skipped)."""
    plan = QUICK if quick else FULL
    # Other work on the machine shares its cores: its load average is part of what the figures mean.
    load_before = _load_average()
    rows = {"sqlite": _on_sqlite(plan), "postgresql": _on_postgresql(plan)}
    return {
        "plan": asdict(plan),
        "command": command,
        "date": datetime.date.today().isoformat(),
        "load_average": [load_before, _load_average()],
        "rows": rows,
    }


def _load_average() -> float:
    """The machine's load average over the last minute: runnable processes, ours and everyone else's."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def _on_sqlite(plan: Soak) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="chapterwise-soak-") as scratch:
        settings = Settings(data_dir=Path(scratch) / "data")
        reimporter = Reimporter(settings, Path(scratch) / "books", books=plan.books)
        reimporter.import_first()  # creates the library, as `chapterwise import` does
        with chapterwise(settings, "--workers", "2") as url:
            return _run([url], reimporter, plan)


def _on_postgresql(plan: Soak) -> dict[str, Any]:
    with _postgresql() as url:
        if url is None:
            return {"skipped": "PostgreSQL is not installed: apt-get install postgresql"}
        with tempfile.TemporaryDirectory(prefix="chapterwise-soak-") as scratch, ExitStack() as replicas:
            settings = Settings(database_url=url)
            reimporter = Reimporter(settings, Path(scratch) / "books", books=plan.books)
            reimporter.import_first()  # migrates the new database, as `chapterwise import` does
            bases = [replicas.enter_context(chapterwise(settings, "--workers", "2")) for _ in range(2)]
            return _run(bases, reimporter, plan)


@contextmanager
def _postgresql() -> Iterator[str | None]:
    """An empty database on a throwaway cluster (tests/postgres.py), or None without PostgreSQL."""
    bindir, run_as = find_bindir(), None
    try:
        run_as = unprivileged_user() if bindir else None
    except pytest.skip.Exception:  # root, and no `postgres` user to run the cluster as
        bindir = None
    if bindir is None:
        yield None
        return
    cluster = PostgresCluster.start(bindir, run_as=run_as)
    try:
        with cluster.database() as url:
            yield url
    finally:
        cluster.stop()


def _run(bases: Sequence[str], reimporter: Reimporter, plan: Soak) -> dict[str, Any]:
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        report = runner.run(run_load(bases, reimporter, readers=plan.readers, seconds=plan.seconds))
    return {"servers": len(bases), **asdict(report)}


def sections(results: dict[str, Any]) -> list[list[str]]:
    """BENCHMARKS.md's "Load and soak" section (none for results measured before it existed)."""
    soak = results.get("soak")
    if not soak:
        return []
    p = soak["plan"]
    labels = {"sqlite": "SQLite: 1 server", "postgresql": "PostgreSQL: 2 replicas"}
    rows, quoted = [], []
    for name, row in soak["rows"].items():
        if "skipped" in row:
            rows.append(f"| {labels[name]}, `--workers 2` each | skipped: {row['skipped']} |" + " |" * 8)
            continue
        met = "PASS" if row["errors"] == 0 and not row["lost"] else "**MISS**"
        rows.append(
            f"| {labels[name]}, `--workers 2` each | {row['calls']:,} | {row['calls_per_s']:.0f} | {row['p50_ms']:,.0f} "
            f"| {row['p99_ms']:,.0f} | {row['client_cpu_ms']:.2f} | {row['import_rounds']} | {row['errors']} "
            f"| {len(row['lost'])} | {met} |"
        )  # fmt: skip
        quoted += [f"- {labels[name]}: {text}" for text in [*row["first_errors"], *row["lost"][:5]]]
    return [[
        f"{HEADING} (target: {TARGET})", "",
        f"Measured by `{soak['command']}` on {soak['date']}. {p['readers']} concurrent readers for {p['seconds']:.0f} s,",
        "each looping list-books → open-book → every page of a chapter → search → save-progress, half of",
        "them in each protocol era, round-robin over the servers, while `chapterwise import` re-imports",
        f"{p['books']} generated books into the same database, every book changed every round. Nothing lost:",
        "afterwards every book is at its last imported version (title and source hash) in the database and",
        "through every server. Each call may take 30 s; latency on two shared cores is reported, not judged.",
        f"The machine's load average was {soak['load_average'][0]:.1f} before the run and {soak['load_average'][1]:.1f} after.", "",
        "| database, servers | calls | calls/s | p50 ms | p99 ms | client CPU ms/call | import rounds | errors | lost | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|", *rows,
        *(["", "What failed or was lost:", *quoted] if quoted else []),
    ]]  # fmt: skip


def main(quick: bool, command: str = "python -m tests.bench --soak-only") -> int:
    """`--soak-only`: measure just these rows; a full run also puts them into BENCHMARKS.md."""
    command += " --quick" if quick else ""
    results = {"soak": measure(quick, command)}
    out = ROOT / "artifacts" / "bench" / ("quick" if quick else "")
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    [section] = sections(results)
    text = "\n".join(section)
    if not quick:
        _replace_section(ROOT / "BENCHMARKS.md", text)
    print(text)
    return 0


def _replace_section(benchmarks: Path, section: str) -> None:
    """The section in place of the last one measured, or before "## Machine" the first time."""
    text = benchmarks.read_text(encoding="utf-8")
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start)
        text = text[:start] + section + ("\n" + text[end:] if end >= 0 else "\n")
    else:
        at = text.index("## Machine")
        text = text[:at] + section + "\n\n" + text[at:]
    benchmarks.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    # The same as `python -m tests.bench --soak-only`, without importing the other benchmarks.
    raise SystemExit(main("--quick" in sys.argv[1:], "python -m tests.bench.soak"))
