"""A reader's notes as Markdown: what read-notes gives the model and `chapterwise export` writes."""

from __future__ import annotations

from itertools import groupby

from app.views import HighlightEntry, NotesView


def notes_markdown(view: NotesView) -> str:
    """Highlights with their notes and citations, book by book and chapter by chapter, then bookmarks."""
    scope = f"“{view.book_title}”" if view.book_title else "every book"
    if view.chapter is not None:
        scope += f", chapter {view.chapter}"
    lines = [f"# Notes on {scope}", ""]
    if not view.highlights and not view.bookmarks:
        return "\n".join([*lines, "No highlights or bookmarks yet."])
    for book, in_book in groupby(view.highlights, key=lambda h: h.book):
        marked = list(in_book)
        if view.book is None:
            lines += [f"## {marked[0].book_title or book} ({book})", ""]
        for chapter, in_chapter in groupby(marked, key=lambda h: h.chapter):
            entries = list(in_chapter)
            title = f" — {entries[0].chapter_title}" if entries[0].chapter_title else ""
            lines += [f"{'###' if view.book is None else '##'} Chapter {chapter}{title}", ""]
            for entry in entries:
                lines += _highlight(entry)
    if view.bookmarks:
        lines += ["## Bookmarks", ""]
        lines += [
            f"- Chapter {b.chapter}, page {b.page}" + (f" — {b.title}" if b.title else "")
            for b in view.bookmarks
        ]
    return "\n".join(lines).rstrip() + "\n"


def _highlight(entry: HighlightEntry) -> list[str]:
    quote = " ".join(entry.quote.split())
    cite = f" [¶ {entry.citation}]" if entry.citation else ""
    lines = [f"> {quote}{cite}", ""]
    if entry.note:
        lines += [f"Note: {entry.note.strip()}", ""]
    if entry.changed:
        lines += ["(This passage has changed since it was highlighted.)", ""]
    return lines
