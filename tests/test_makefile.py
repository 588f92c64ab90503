"""The Makefile: `make help` names every target, and cleaning never touches the library."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(*args: str) -> str:
    return subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_help_lists_every_target_and_the_port_and_host_variables() -> None:
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert phony is not None
    shown = make("help")
    for target in phony.group(1).split():
        assert re.search(rf"^make {re.escape(target)}\b|/ {re.escape(target)}\b", shown, re.MULTILINE), target
    assert "PORT=8001" in shown
    assert "HOST=" in shown


def test_make_clean_never_deletes_the_library() -> None:
    commands = make("-n", "clean")
    assert "rm -rf" in commands
    assert not re.search(r"\bdata\b", commands)
    assert "rm -rf data" in make("-n", "clean-library")
