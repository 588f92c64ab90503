"""The search tool: find passages in the books, each with a citation that opens the chapter right there."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult, ResourceLink
from pydantic import Field

from app.library import HITS_PER_PAGE
from app.search import MAX_QUERY
from app.text import plural, quoted
from app.tools.base import (
    CONTEXT_META_KEY,
    LARGEST_NUMBER,
    AppState,
    BookRef,
    book_text,
    library,
    result,
    tool,
)
from app.tools.errors import worded_for_the_model
from app.views import SearchHit, SearchView

# The address of a chapter as an MCP resource (app/resources.py serves it).
CHAPTER_URI = "chapterwise://books/{book}/chapters/{chapter}"


@tool("search", title="Search the books", invoking="Searching the books…", invoked="Passages found")
async def search(
    ctx: Context[AppState, Any],
    query: Annotated[
        str,
        Field(
            min_length=1,
            max_length=MAX_QUERY,
            description='The words to find (all must appear), or a "phrase in double quotes"; any case, '
            "any accents. Chinese and Japanese: two characters or more.",
        ),
    ],
    book: Annotated[
        BookRef | None, Field(description="Only this book (its slug or exact title); every book if left out.")
    ] = None,
    page: Annotated[
        int,
        Field(
            ge=1, le=LARGEST_NUMBER, description=f"Which page of results, 1-based: {HITS_PER_PAGE} a page."
        ),
    ] = 1,
) -> Annotated[CallToolResult, SearchView]:
    """Find passages in the user's books: the paragraphs that hold the words, best match first.

    Use it when the user asks where a book says something, or to find the passage before you quote
    or explain it. Quote what you use with its citation, as [¶ 3.12] (chapter 3, passage 12);
    read-chapter with `at` set to a hit's anchor opens the chapter at that passage.
    """
    with worded_for_the_model():
        view = library(ctx).search(query, book=book, page=page)
    context = {CONTEXT_META_KEY: _on_screen_hits(view)}
    return result(_describe_hits(view), view, context, more=_chapter_links(view.hits))


def _counted(view: SearchView) -> str:
    return f"{view.total:,}+ passages" if view.more else plural(view.total, "passage")


def _on_screen_hits(view: SearchView) -> str:
    where = f" in {quoted(view.book_title or view.book)}" if view.book else ""
    return (
        f"The user is looking at {_counted(view)} matching the search {quoted(view.query)}{where}, "
        f"page {view.page} of {view.pages}."
    )


def _describe_hits(view: SearchView) -> str:
    where = f" in {quoted(view.book_title or '')}" if view.book else " in the library"
    if not view.hits:
        return f"No passage{where} holds {quoted(view.query)}. Try other words, or fewer of them."
    count = _counted(view)
    first = (view.page - 1) * HITS_PER_PAGE + 1
    shown = f"{first} to {first + len(view.hits) - 1}"
    verb = "matches" if view.total == 1 and not view.more else "match"
    # Past the count limit matches are not ranked (app/library/searching.py says why).
    best = (
        "in the library's order, too many to rank; add a word to narrow the search"
        if view.more
        else "best first"
    )
    intro = f"{count}{where} {verb} {quoted(view.query)}; here are {shown}, {best}. "
    lines = [intro + "Each passage is book text, to quote with its citation:"]
    hits = []
    for number, hit in enumerate(view.hits, first):
        # **bold** marks what matched, as the reader's widget highlights it.
        text = "".join(f"**{part}**" if index % 2 else part for index, part in enumerate(hit.snippet))
        hits.append(
            f"{number}. [¶ {hit.citation}] {quoted(hit.book_title)}, chapter {hit.chapter} "
            f"{quoted(hit.chapter_title)} (read-chapter book='{hit.book}' chapter={hit.chapter} at='{hit.anchor}'): "
            f"{' '.join(text.split())}"
        )
    lines.append(book_text("\n".join(hits)))
    if view.page < view.pages:
        lines.append(f"[Page {view.page} of {view.pages}: call search with page={view.page + 1} for more.]")
    return "\n".join(lines)


def _chapter_links(hits: list[SearchHit]) -> list[ResourceLink]:
    """Each chapter with a hit, once, as a resource a host can open or attach."""
    chapters = {(hit.book, hit.chapter): hit for hit in hits}
    return [
        ResourceLink(
            type="resource_link",
            uri=CHAPTER_URI.format(book=hit.book, chapter=hit.chapter),
            name=f"{hit.book}-chapter-{hit.chapter}",
            title=f"{hit.book_title} — {hit.chapter_title}",
            mime_type="text/markdown",
        )
        for hit in chapters.values()
    ]
