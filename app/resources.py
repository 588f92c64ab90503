"""Books and chapters as MCP resources, for hosts that let a person attach a chapter to the conversation.

`chapterwise://books/{book}` is a book's contents and `chapterwise://books/{book}/chapters/{chapter}`
one chapter's whole text, both as Markdown. `resources/list` pages through the library's books
(after the widget), so a host can offer them; search results link to the chapters they found.
"""

from __future__ import annotations

from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, ListResourcesResult, Resource

from app.errors import ChapterwiseError
from app.library import Library
from app.text import plural
from app.tools.base import AppState, book_text, library
from app.tools.errors import for_the_model
from app.tools.search import CHAPTER_URI

BOOK_URI = "chapterwise://books/{book}"
MARKDOWN = "text/markdown"


def add_resources(server: MCPServer[AppState]) -> None:
    """The two resource templates, and the books in resources/list."""
    server.resource(
        BOOK_URI,
        name="book",
        title="A book's contents",
        description="A book's title, author and contents, as Markdown, with each chapter's address.",
        mime_type=MARKDOWN,
    )(book_contents)
    server.resource(
        CHAPTER_URI,
        name="chapter",
        title="A chapter of a book",
        description="One chapter's whole text, as Markdown, every page of it.",
        mime_type=MARKDOWN,
    )(chapter_text)
    server.middleware.append(list_books_as_resources)


async def book_contents(book: str, ctx: Context[AppState, Any]) -> str:
    try:
        view = library(ctx).open_book(book)
    except ChapterwiseError as error:
        raise ResourceError(for_the_model(error)) from error
    lines = [f"# {view.title}", ""]
    if view.author:
        lines += [f"by {view.author}", ""]
    if view.description:
        lines += [view.description, ""]
    lines.append(f"{plural(view.chapters, 'chapter')}, about {view.minutes} min of reading:")
    for entry in view.contents:
        uri = CHAPTER_URI.format(book=view.slug, chapter=entry.number)
        lines.append(f"{'  ' * entry.depth}{entry.number}. [{entry.title}]({uri}) ({entry.minutes} min)")
    return "\n".join(lines)


async def chapter_text(book: str, chapter: str, ctx: Context[AppState, Any]) -> str:
    if not chapter.isdigit() or not 0 < int(chapter) <= 100_000:
        raise ResourceError(f"'{chapter}' is not a chapter number: use {CHAPTER_URI} with a number from 1.")
    try:
        found = library(ctx).chapter_text(book, int(chapter))
    except ChapterwiseError as error:
        raise ResourceError(for_the_model(error)) from error
    # Attached to a conversation, the chapter speaks for itself: the same markers as read-chapter's text.
    return (
        f"# {found.title}\n\nFrom {found.book_title}, chapter {found.chapter}.\n\n{book_text(found.markdown)}"
    )


async def list_books_as_resources(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
    """resources/list: the SDK's own resources (the widget) first, then the books, a page at a time."""
    if ctx.method != "resources/list":
        return await call_next(ctx)
    cursor = (ctx.params or {}).get("cursor")
    if cursor is not None and not (isinstance(cursor, str) and cursor.isdigit() and int(cursor) > 1):
        raise MCPError(
            code=INVALID_PARAMS, message=f"Unknown cursor {cursor!r}: pass the nextCursor of a listing."
        )
    page = int(cursor or 1)
    first = ListResourcesResult.model_validate(await call_next(ctx)) if page == 1 else None
    shelf: Library = ctx.lifespan_context.library
    try:
        view = shelf.list_books(page=page)
    except ChapterwiseError as error:
        message = f"Unknown cursor {cursor!r}: the library has fewer books now. List again from the start."
        raise MCPError(code=INVALID_PARAMS, message=message) from error
    books = [
        Resource(
            uri=BOOK_URI.format(book=card.slug),
            name=card.slug,
            title=card.title,
            description=f"{plural(card.chapters, 'chapter')}"
            + (f", by {card.author}" if card.author else ""),
            mime_type=MARKDOWN,
        )
        for card in view.books
    ]
    return ListResourcesResult(
        resources=[*(first.resources if first else []), *books],
        next_cursor=str(page + 1) if page < view.pages else None,
    )
