"""GitBook's `.gitbook.yaml`: where a GitBook space keeps its pages, its SUMMARY.md and its landing page.

A repository synced with GitBook may say, in `.gitbook.yaml` at its top,

    root: ./docs/
    structure:
      readme: INTRODUCTION.md
      summary: SUMMARY.md

`root` is the folder the space's pages are in, and the other paths are inside it (SUMMARY.md and
README.md when it says nothing). The readme is the space's landing page: the first page, which may
name the book. Links in SUMMARY.md that start with `/` are from that root, as GitBook reads them.
The file is read as data, a few kilobytes at most; one that is not valid YAML is as good as absent,
as GitBook then falls back on the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import BOOK_ROOT, join

CONFIG = ".gitbook.yaml"
_CONFIG_BYTES = 64 * 1024
# Headings a landing page opens with that name the page, not the book.
_PAGE_HEADINGS = frozenset(
    (
        "introduction",
        "intro",
        "welcome",
        "overview",
        "home",
        "readme",
        "preface",
        "about",
        "getting started",
        "table of contents",
        "contents",
        "summary",
        "简介",
        "介绍",
        "前言",
        "首页",
        "概述",
        "目录",
        "はじめに",
        "概要",
    )
)


@dataclass(frozen=True, slots=True)
class GitBookSpace:
    root: Path  # the folder the pages are in
    summary: Path
    readme: Path


def gitbook_space(folder: Path) -> GitBookSpace | None:
    """What `.gitbook.yaml` in `folder` says, with GitBook's defaults; None when there is none."""
    path = folder / CONFIG
    if not path.is_file() or path.is_symlink():
        return None
    with path.open(encoding="utf-8", errors="replace") as file:
        # Zero-width spaces pasted from GitBook's own docs turn up before keys; YAML keeps them.
        text = file.read(_CONFIG_BYTES).replace("\u200b", "").replace("\ufeff", "")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    data = data if isinstance(data, dict) else {}
    root = _inside(BOOK_ROOT, data.get("root"), default=BOOK_ROOT)
    structure = data.get("structure")
    structure = structure if isinstance(structure, dict) else {}
    summary = _inside(root, structure.get("summary"), default=root / "SUMMARY.md")
    readme = _inside(root, structure.get("readme"), default=root / "README.md")
    return GitBookSpace(folder / root, folder / summary, folder / readme)


def _inside(folder: PurePosixPath, written: object, *, default: PurePosixPath) -> PurePosixPath:
    """A path the file gives, inside the repository; the default when it gives none or climbs out."""
    if not isinstance(written, str) or not written.strip():
        return default
    parts = [part for part in PurePosixPath(written.strip().lstrip("/")).parts if part != "."]
    if not parts:
        return folder
    return join(folder, "/".join(parts)) or default


def landing_title(books: BookFolder, readme: Path) -> str | None:
    """The landing page's first heading, when it names more than the page itself."""
    from app.ingest.folders import first_heading  # folders.py finds books through mdbook.py, and so this

    try:
        heading = first_heading(books.read_text(readme))
    except Unreadable:
        return None
    words = " ".join(heading.split()) if heading else ""
    return words if words and words.casefold().rstrip("!.") not in _PAGE_HEADINGS else None
