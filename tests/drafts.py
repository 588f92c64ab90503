"""Books built by hand, passage by passage, for tests that need exact passages rather than parsed Markdown."""

from __future__ import annotations

import hashlib

from app.ingest.draft import BlockDraft, BookDraft, ChapterDraft, PageDraft


def book(slug: str, *chapters: tuple[str, list[str]], title: str | None = None) -> BookDraft:
    """A book whose every paragraph is a passage, one page a chapter."""
    drafted = []
    for chapter_title, paragraphs in chapters:
        blocks = tuple(
            BlockDraft(anchor=f"p-{hashlib.sha256(text.encode()).hexdigest()[:8]}", text=text)
            for text in paragraphs
        )
        page = PageDraft(
            html="".join(f'<p id="{b.anchor}">{b.text}</p>' for b in blocks),
            markdown="\n\n".join(paragraphs),
            words=sum(len(p.split()) for p in paragraphs),
            blocks=blocks,
        )
        drafted.append(ChapterDraft(title=chapter_title, words=page.words, minutes=1, pages=(page,)))
    return BookDraft(
        slug=slug,
        title=title or slug.title(),
        author=None,
        language=None,
        description=None,
        chapters=tuple(drafted),
        source_hash=hashlib.sha256(repr(chapters).encode()).hexdigest(),
    )
