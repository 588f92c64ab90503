"""Cold start: process start to the first tools/list, and import time, against an empty MCPServer."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from app.settings import Settings
from tests.bench.servers import EMPTY_SERVER, answers_tools_list, memory_kib
from tests.serving import CHAPTERWISE, ROOT, serving

IMPORTS = {
    "python": "pass",  # the interpreter alone
    "mcp": "import mcp.server.mcpserver",
    "app": "import app.http",
}


# The SDK's modules come from site-packages with their bytecode compiled at install time, while
# a checkout's own modules are compiled when first imported. A user's every start after the first
# finds that bytecode cached; a machine set to write none (PYTHONDONTWRITEBYTECODE) would make
# Chapterwise compile its modules on every start, which no user sees. So bytecode is written.
WRITE_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}


def cold_start(data_dir: Path, *, repeats: int) -> dict[str, Any]:
    """`chapterwise serve` against the empty MCPServer, alternating, medians over repeats.

    One start of each comes first and is not counted: it writes the bytecode and warms the page cache.
    """
    starts: dict[str, list[float]] = {"chapterwise": [], "empty": []}
    memory: dict[str, dict[str, int]] = {}
    library = {**Settings(data_dir=data_dir).to_env(), **WRITE_BYTECODE}
    for number in range(repeats + 1):
        for label, command, env in (
            ("chapterwise", CHAPTERWISE, library),
            ("empty", EMPTY_SERVER, WRITE_BYTECODE),
        ):
            with serving(command, env=env, ready=answers_tools_list) as server:
                if number:
                    starts[label].append(server.started_in)
                memory[label] = memory_kib(server.pid)
    return {
        label: {"seconds": statistics.median(values), "runs": values, **memory[label]}
        for label, values in starts.items()
    }


def import_times(*, repeats: int) -> dict[str, Any]:
    """Wall time of `python -c "import X"` (medians), and what the app imports that the SDK does not."""
    runs: dict[str, list[float]] = {label: [] for label in IMPORTS}
    for _ in range(repeats):  # interleaved, so a slow spell of the machine hits every import alike
        for label, code in IMPORTS.items():
            runs[label].append(_run(code))
    seconds = {label: statistics.median(values) for label, values in runs.items()}
    sdk = set(_self_times(IMPORTS["mcp"]))
    # Self times under -X importtime, summed by top-level package: where the extra import time goes.
    totals: dict[str, list[float]] = {}
    for _ in range(repeats):
        by_package: dict[str, float] = {}
        for module, ms in _self_times(IMPORTS["app"]).items():
            if module not in sdk:
                package = module.split(".")[0]
                by_package[package] = by_package.get(package, 0.0) + ms
        for package, ms in by_package.items():
            totals.setdefault(package, []).append(ms)
    medians = {package: statistics.median(values) for package, values in totals.items()}
    return {
        "seconds": seconds,
        "app_only_ms_by_package": dict(sorted(medians.items(), key=lambda pair: -pair[1])[:8]),
    }


def _run(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={**os.environ, **WRITE_BYTECODE})
    return time.perf_counter() - started


def _self_times(code: str) -> dict[str, float]:
    """Module -> its own import time in ms, from `python -X importtime` (children not included)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **WRITE_BYTECODE},
    )
    times = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, _, name = line.removeprefix("import time:").split("|")
            times[name.strip()] = int(own) / 1000
    return times
