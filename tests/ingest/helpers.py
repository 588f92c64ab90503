"""What the ingest tests share: writing a book's files, and reading back what a draft says."""

from __future__ import annotations

import re
from pathlib import Path

from app.ingest.draft import BookDraft


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def markdown_of(draft: BookDraft) -> str:
    """The model's Markdown of the whole book, without the blocks' `[¶ 1.2]` marks."""
    text = "\n\n".join(page.markdown for chapter in draft.chapters for page in chapter.pages)
    return re.sub(r"\s*\[¶ [\d.]+\]", "", text)


def problems(draft: BookDraft) -> list[str]:
    """The draft's warnings without the place each starts with (which depends on where the book lies)."""
    return [warning.split(": ", 1)[1] for warning in draft.warnings]
