"""The tools: each validates nothing the schema already does, asks the library once, and shapes the result.

A result has three parts for three audiences (see ../shared/docs/apps-contract.md):
`content` is text for the model, `structuredContent` small facts for model and widget,
and `_meta` the widget-only bulk such as rendered HTML.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent
from pydantic import Field

from app.errors import NotFound
from app.library import BOOKS_PER_PAGE, Library
from app.views import BookView, ChapterView, LibraryView

HTML_META_KEY = "chapterwise/html"

BookRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="The book's slug from list-books (e.g. 'chapterwise-guide'); an exact title also works.",
    ),
]


@contextmanager
def _teaching_errors() -> Iterator[None]:
    # ToolError becomes an isError result whose text the model reads and can act on; any other
    # exception would reach the model as a generic failure with the explanation withheld.
    try:
        yield
    except NotFound as error:
        raise ToolError(str(error)) from error


def _result(text: str, structured: Any, meta: dict[str, Any] | None = None) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=structured.model_dump(mode="json"),
        _meta=meta,
    )


def list_books(library: Library) -> Callable[..., Annotated[CallToolResult, LibraryView]]:
    def list_books(
        query: Annotated[
            str | None,
            Field(
                max_length=200,
                description="Only books whose title, author or slug contains this text (any case).",
            ),
        ] = None,
        page: Annotated[
            int, Field(ge=1, description=f"Which page of the list, 1-based: {BOOKS_PER_PAGE} books a page.")
        ] = 1,
    ) -> Annotated[CallToolResult, LibraryView]:
        """Show the books in the reader's library, with author, chapters and reading time.

        Use it when the user asks what they can read, or names a book you cannot find: pass
        `query` to search titles and authors. Each book's `slug` is what open-book and
        read-chapter take as `book`.
        """
        with _teaching_errors():
            view = library.browse(query, page)
        return _result(_describe_shelf(view), view)

    return list_books


def _describe_shelf(view: LibraryView) -> str:
    if not view.books and view.query:
        return (
            f"No book in the library has '{view.query}' in its title, author or slug. "
            "Call list-books without `query` to see every book."
        )
    if not view.books:
        return "The library is empty. Import a book with `chapterwise import PATH` and ask again."
    which = (
        f"{view.total} book(s) match '{view.query}'"
        if view.query
        else f"The library has {view.total} book(s)"
    )
    lines = [
        f"- {b.title} (book: '{b.slug}'): {b.chapters} chapters, about {b.minutes} min" for b in view.books
    ]
    text = f"{which}; open one with open-book:\n" + "\n".join(lines)
    if view.pages > 1:
        first = (view.page - 1) * BOOKS_PER_PAGE + 1
        text += f"\n\n[Books {first} to {first + len(view.books) - 1}, page {view.page} of {view.pages}."
        text += f" Call list-books with page={view.page + 1} for more.]" if view.page < view.pages else "]"
    return text


def open_book(library: Library) -> Callable[..., Annotated[CallToolResult, BookView]]:
    def open_book(book: BookRef) -> Annotated[CallToolResult, BookView]:
        """Open a book: its cover and table of contents, with each chapter's reading time.

        Use it when the user wants to start or browse a book ("open the sample book").
        The widget lets them pick a chapter; you can also call read-chapter directly.
        """
        with _teaching_errors():
            view = library.open_book(book)
        byline = f" by {view.author}" if view.author else ""
        lines = [f"{e.number}. {e.title} ({e.minutes} min)" for e in view.contents]
        text = (
            f"{view.title}{byline}: {view.chapters} chapters, about {view.minutes} min of reading.\n"
            + (f"{view.description}\n" if view.description else "")
            + "\nContents:\n"
            + "\n".join(lines)
            + f"\n\nRead a chapter with read-chapter(book='{view.slug}', chapter=N)."
        )
        return _result(text, view)

    return open_book


def read_chapter(library: Library) -> Callable[..., Awaitable[Annotated[CallToolResult, ChapterView]]]:
    # The reader's hot path is one indexed SQLite read (~50 µs; WAL means readers never wait for an
    # import), so it runs on the event loop. As a plain `def` the SDK would hop to a worker thread,
    # which costs more CPU than the read itself and makes concurrent calls contend for the GIL.
    # The other tools, which do more work per call, stay plain `def`s.
    async def read_chapter(
        book: BookRef,
        chapter: Annotated[int, Field(ge=1, description="The chapter number, 1-based (see open-book).")] = 1,
        page: Annotated[
            int, Field(ge=1, description="For long chapters: which page, 1-based. Most chapters have one.")
        ] = 1,
    ) -> Annotated[CallToolResult, ChapterView]:
        """Read one chapter of a book, shown in the reader; you receive the chapter's full text.

        Use it to show a chapter, and to ground summaries and explanations in the actual text.
        Long chapters come in pages: when the text says the chapter goes on, ask for the next page.
        """
        with _teaching_errors():
            found = library.open_chapter(book, chapter, page=page)
        view = found.view
        where = f"Chapter {view.chapter} of {view.chapters}"
        if view.pages > 1:
            where += f", page {view.page} of {view.pages}"
        text = f"{view.book_title} — {where}: {view.title}\n\n{found.text}"
        if view.page < view.pages:
            text += f"\n\n[The chapter goes on: call read-chapter with page={view.page + 1}.]"
        return _result(text, view, {HTML_META_KEY: found.html})

    return read_chapter
