"""Where the bundled folders (widgets/, migrations/, content/) are, in a checkout and in a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """widgets/, migrations/ and content/ sit beside app/ in a checkout and inside it in a wheel."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is missing from the Chapterwise installation; reinstall it")
