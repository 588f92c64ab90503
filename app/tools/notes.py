"""Reading state: where the reader is, what they highlighted and bookmarked, and how spoiler-safe help should be.

The writes are tools only the widget calls (`_meta.ui.visibility: ["app"]`): the model never
moves the reader's place or edits their notes. It reads the notes with read-notes.

The writes are plain `def`s, which the SDK runs in a worker thread. A write may have to wait for
another writer (on SQLite, for up to 5 seconds while an import commits); on the event loop that
wait would stall every other call this worker serves, reads included.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from app.export import notes_markdown
from app.schema import MAX_ANCHOR, MAX_NOTE, MAX_QUOTE
from app.text import plural
from app.tools.base import (
    ADDS,
    CONTEXT_META_KEY,
    DELETES,
    LARGEST_NUMBER,
    MARKDOWN_META_KEY,
    WRITES,
    AppState,
    BookRef,
    book_text,
    reading,
    result,
    tool,
)
from app.tools.errors import worded_for_the_model
from app.views import BookmarkEntry, HighlightEntry, NotesView, ReadingProgress

Number = Annotated[int, Field(ge=1, le=LARGEST_NUMBER)]
Anchor = Annotated[
    str, Field(min_length=1, max_length=MAX_ANCHOR, description="The passage's anchor (its element id).")
]
Colour = Literal["yellow", "green", "blue", "pink"]
APP_ONLY: tuple[Literal["model", "app"], ...] = ("app",)


class Setting(BaseModel):
    spoiler_safe: bool


@tool(
    "save-progress",
    title="Save the reader's place",
    invoking="Saving your place…",
    invoked="Place saved",
    annotations=WRITES,
    visibility=APP_ONLY,
)
def save_progress(
    ctx: Context[AppState, Any], book: BookRef, chapter: Number, page: Number = 1, at: Anchor | None = None
) -> Annotated[CallToolResult, ReadingProgress]:
    """Remember where the reader is in a book (chapter, page, passage): the widget calls this as they read."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        saved = shelf.save_progress(who, book, chapter, page, at)
    return result(f"Saved: chapter {saved.chapter}, page {saved.page} ({saved.percent}% read).", saved)


@tool(
    "save-highlight",
    title="Highlight a passage",
    invoking="Highlighting…",
    invoked="Highlighted",
    annotations=ADDS,
    visibility=APP_ONLY,
)
def save_highlight(
    ctx: Context[AppState, Any],
    book: BookRef,
    chapter: Number,
    at: Anchor,
    quote: Annotated[str, Field(min_length=1, max_length=MAX_QUOTE, description="The words highlighted.")],
    colour: Colour = "yellow",
    note: Annotated[str | None, Field(max_length=MAX_NOTE, description="The reader's note, if any.")] = None,
    id: Annotated[int | None, Field(ge=1, description="Change this highlight instead of making one.")] = None,
) -> Annotated[CallToolResult, HighlightEntry]:
    """Highlight a passage the reader selected, with a colour and an optional note (or change one)."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        saved = shelf.save_highlight(who, book, chapter, at, quote, colour, note, id)
    return result(f"Highlighted in chapter {saved.chapter}: “{saved.quote[:80]}”.", saved)


@tool(
    "delete-highlight",
    title="Delete a highlight",
    invoking="Deleting the highlight…",
    invoked="Highlight deleted",
    annotations=DELETES,
    visibility=APP_ONLY,
)
def delete_highlight(ctx: Context[AppState, Any], id: Number) -> Annotated[CallToolResult, HighlightEntry]:
    """Delete one of the reader's highlights, and its note: the widget calls this when they ask it to."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        gone = shelf.delete_highlight(who, id)
    return result(f"Deleted the highlight in chapter {gone.chapter}.", gone)


@tool(
    "save-bookmark",
    title="Bookmark a page",
    invoking="Bookmarking…",
    invoked="Bookmarked",
    annotations=WRITES,
    visibility=APP_ONLY,
)
def save_bookmark(
    ctx: Context[AppState, Any], book: BookRef, chapter: Number, page: Number = 1
) -> Annotated[CallToolResult, BookmarkEntry]:
    """Bookmark a page of a chapter (bookmarking it again changes nothing)."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        saved = shelf.save_bookmark(who, book, chapter, page)
    return result(f"Bookmarked chapter {saved.chapter}, page {saved.page}.", saved)


@tool(
    "delete-bookmark",
    title="Remove a bookmark",
    invoking="Removing the bookmark…",
    invoked="Bookmark removed",
    annotations=DELETES,
    visibility=APP_ONLY,
)
def delete_bookmark(ctx: Context[AppState, Any], id: Number) -> Annotated[CallToolResult, BookmarkEntry]:
    """Remove one of the reader's bookmarks: the widget calls this when they take a bookmark off."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        gone = shelf.delete_bookmark(who, id)
    return result(f"Removed the bookmark at chapter {gone.chapter}, page {gone.page}.", gone)


@tool(
    "save-settings",
    title="Save the reader's settings",
    invoking="Saving…",
    invoked="Saved",
    annotations=WRITES,
    visibility=APP_ONLY,
)
def save_settings(
    ctx: Context[AppState, Any],
    spoiler_safe: Annotated[bool, Field(description="Keep help to what the reader has read so far.")],
) -> Annotated[CallToolResult, Setting]:
    """Turn spoiler-safe help on or off for the reader (non-fiction readers may not care)."""
    with worded_for_the_model():
        shelf, who = reading(ctx)
        saved = shelf.save_spoiler_safe(who, spoiler_safe)
    said = "on: help keeps to what you have read" if saved else "off"
    return result(f"Spoiler-safe help is {said}.", Setting(spoiler_safe=saved))


@tool("read-notes", title="Read the reader's notes", invoking="Gathering your notes…", invoked="Notes ready")
async def read_notes(
    ctx: Context[AppState, Any],
    book: Annotated[
        BookRef | None, Field(description="Only this book (slug or exact title); all books if left out.")
    ] = None,
    chapter: Annotated[Number | None, Field(description="Only this chapter of the book.")] = None,
) -> Annotated[CallToolResult, NotesView]:
    """The reader's highlights (with their notes and citations) and bookmarks, as Markdown.

    Use it for "export my notes on chapter 3", "what did I highlight?" or "quiz me on my
    highlights". Quote the passages with their citations, as [¶ 3.12].
    """
    with worded_for_the_model():
        shelf, who = reading(ctx)
        view = shelf.notes(who, book, chapter if book else None)
    counted = f"{plural(len(view.highlights), 'highlight')} and {plural(len(view.bookmarks), 'bookmark')}"
    markdown = notes_markdown(view)
    in_book = f" in the book '{view.book}'" if view.book else ""
    on_screen = f"The user is looking at their {counted}{in_book}."
    # The quotes are the book's words, and the notes the reader's: content to use, never instructions.
    # The widget gets the same Markdown, to save as a file where the host can.
    return result(
        f"The reader's notes ({counted}):\n{book_text(markdown)}",
        view,
        {MARKDOWN_META_KEY: markdown, CONTEXT_META_KEY: on_screen},
    )
