"""Golden files: each folder under golden/ holds an input book and the chapters expected from it.

The book is `input.md`, or `README.md` when that is the folder's only Markdown file (a README
imported on its own), or a Hugo site's `content/` folder (imported as a person would, beside the
site's hugo.toml), or else the folder itself. After a deliberate change to ingest, regenerate
with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from app.ingest import BookDraft, read_book

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def summarise(draft: BookDraft) -> dict[str, Any]:
    return {
        "slug": draft.slug,
        "title": draft.title,
        "author": draft.author,
        "language": draft.language,
        "description": draft.description,
        "chapters": [
            {
                "title": c.title,
                "depth": c.depth,
                "label": c.label,
                "part": c.part,
                "words": c.words,
                "minutes": c.minutes,
                "pages": len(c.pages),
                "markdown": "\n\n".join(page.markdown for page in c.pages),
                "html": "".join(page.html for page in c.pages),
            }
            for c in draft.chapters
        ],
        # Each warning without the place it starts with, "path: " or "path:line: ", since the path
        # depends on where the book lies (and so the line number goes too).
        "warnings": [warning.split(": ", 1)[1] for warning in draft.warnings],
    }


def book_path(folder: Path) -> Path:
    if (folder / "input.md").exists():
        return folder / "input.md"
    markdown = list(folder.rglob("*.md"))
    if [p.name for p in markdown] == ["README.md"]:
        return markdown[0]
    if (folder / "hugo.toml").exists() or (folder / "zola.toml").exists():
        return folder / "content"
    return folder


@pytest.mark.parametrize("case", CASES)
def test_ingest_matches_the_golden_file(case: str) -> None:
    folder = GOLDEN / case
    source = book_path(folder)
    actual = summarise(read_book(source))
    expected_file = folder / "expected.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    # Everything is compared, the slug too: it shows which name (file, folder or title) chose it.
    assert actual == expected


@pytest.mark.parametrize("case", CASES)
def test_every_block_has_its_anchor_once_and_no_other_id_appears(case: str) -> None:
    draft = read_book(book_path(GOLDEN / case))
    ids: list[str] = []
    for chapter in draft.chapters:
        for page in chapter.pages:
            on_page = re.findall(r'\bid="([^"]*)"', page.html)
            assert all(re.fullmatch(r"h-[\w-]+|p-[0-9a-f]{8}(-\d+)?", i) for i in on_page), on_page
            for block in page.blocks:
                assert on_page.count(block.anchor) == 1, block
            ids += on_page
    assert len(ids) == len(set(ids)), "an id is used twice in the book"
