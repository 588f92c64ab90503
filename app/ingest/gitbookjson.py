"""A GitBook (or HonKit) book.json that moves the book: `root`, and `structure`'s file names.

GitBook 3 and HonKit read book.json at the top of a repository; `"root": "./source/"` says the
book lives in that folder, and `"structure": {"summary": "README.md", "readme": "index.md"}` that
its table of contents is README.md there (and its first page index.md). asciidwango/js-primer is
written so: the repository's own README is for contributors, the book is `source/`, and its
contents page is `source/README.md`. Read as a plain folder, the book was the whole repository
(meeting notes, tools) in folder order. This finds the contents file where book.json puts it;
mdbook.py then reads it as any SUMMARY.md. The JSON is read as data, its size bounded, and a path
that leaves the folder, or a file that is a symlink, is not followed.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import BOOK_ROOT, join

_CONFIG_BYTES = 256 * 1024


def gitbook_summary_of(folder: Path) -> Path | None:
    """The contents file book.json names (`root`/`structure.summary`), when it moves it from the
    top's SUMMARY.md and the file is there; else None."""
    config = folder / "book.json"
    if not config.is_file() or config.is_symlink() or config.stat().st_size > _CONFIG_BYTES:
        return None
    try:
        data = json.loads(config.read_text(encoding="utf-8", errors="replace"))
    except ValueError:
        return None  # mdbook.py says what is wrong with it, when it reads the book
    if not isinstance(data, dict):
        return None
    root = data.get("root")
    structure = data.get("structure")
    summary = structure.get("summary") if isinstance(structure, dict) else None
    root_path = join(BOOK_ROOT, root.strip()) if isinstance(root, str) and root.strip() else BOOK_ROOT
    name = summary.strip() if isinstance(summary, str) and summary.strip() else "SUMMARY.md"
    if root_path is None or (root_path == BOOK_ROOT and name == "SUMMARY.md"):
        return None  # outside the folder, or nothing moved: the usual SUMMARY.md is looked for as ever
    path = join(root_path, name)
    if path is None:
        return None
    candidate = folder / path
    if not candidate.is_file() or candidate.is_symlink():
        return None
    if not candidate.resolve().is_relative_to(folder.resolve()):
        return None
    return candidate


def book_details(books: BookFolder, folder: Path) -> dict[str, str]:
    """book.json's `author`, `description` and `language`, for a site that keeps one beside another
    table of contents (a ditto site's sidebar): what the book says of itself. Not JSON: nothing."""
    config = folder / "book.json"
    if not config.is_file() or config.is_symlink():
        return {}
    try:
        data = json.loads(books.read_text(config, limit=_CONFIG_BYTES))
    except (ValueError, Unreadable, ImportProblem):
        return {}
    if not isinstance(data, dict):
        return {}
    found = {key: data.get(key) for key in ("author", "description", "language")}
    return {key: value.strip() for key, value in found.items() if isinstance(value, str) and value.strip()}
