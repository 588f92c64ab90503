"""app/ingest/README.md maps every ingest module: a new one is listed there, a removed one goes."""

from __future__ import annotations

import re
from pathlib import Path

INGEST = Path(__file__).resolve().parents[2] / "app" / "ingest"


def test_the_ingest_map_lists_every_module_and_only_those() -> None:
    listed = set(
        re.findall(r"^- \[(\w+)\.py\]\(\1\.py\): \S", (INGEST / "README.md").read_text(), re.MULTILINE)
    )
    modules = {path.stem for path in INGEST.glob("*.py")}
    assert modules - listed == set(), "add these to app/ingest/README.md, under their family"
    assert listed - modules == set(), "these are gone: take them out of app/ingest/README.md"
