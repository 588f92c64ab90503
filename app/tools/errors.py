"""Errors worded for the model: what went wrong, and which call would work instead.

The library's errors carry data (app/errors.py); app/cli.py words the same errors for a person.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import ValidationError

from app.errors import (
    AmbiguousBook,
    BookNotFound,
    ChapterNotFound,
    ChapterwiseError,
    EmptyQuery,
    NoteNotFound,
    PageNotFound,
    PassageNotFound,
    SearchPageNotFound,
    ShelfPageNotFound,
)
from app.text import plural, quoted


@contextmanager
def worded_for_the_model() -> Iterator[None]:
    # ToolError becomes an isError result whose text the model reads and can act on; any other
    # exception would reach the model as a generic failure with the explanation withheld.
    try:
        yield
    except ChapterwiseError as error:
        raise ToolError(for_the_model(error)) from error


def for_the_model(error: ChapterwiseError) -> str:
    """What went wrong, and which call would work instead."""
    match error:
        case BookNotFound():
            if not error.total:
                return f"There is no book {quoted(error.ref)}: the library is empty. " + (
                    "The user can add one with `chapterwise import PATH`."
                )
            named = ", ".join(f"'{book.slug}' ({quoted(book.title)})" for book in error.known)
            more = f" and {error.total - len(error.known)} more" if error.total > len(error.known) else ""
            return (
                f"There is no book {quoted(error.ref)} in the library. Books: {named}{more}. "
                "Pass a slug as `book`, or call list-books with a `query` to search."
            )
        case AmbiguousBook():
            slugs = ", ".join(f"'{slug}'" for slug in error.slugs)
            return (
                f"Several books are titled {quoted(error.ref)}: {slugs}. Pass one of these slugs as `book`."
            )
        case ChapterNotFound():
            return (
                f"Book '{error.book}' has no chapter {error.chapter} (it has {plural(error.chapters, 'chapter')}). "
                f"Call read-chapter with a chapter from 1 to {error.chapters}, or open-book to see the contents."
            )
        case PageNotFound():
            return (
                f"Chapter {error.chapter} of '{error.book}' has {plural(error.pages, 'page')}; there is no page "
                f"{error.page}. Call read-chapter with a page from 1 to {error.pages}."
            )
        case PassageNotFound():
            return (
                f"Chapter {error.chapter} of '{error.book}' has no passage {quoted(error.anchor)}. "
                "Call read-chapter without `at` to read the chapter from its start."
            )
        case SearchPageNotFound():
            return (
                f"The search {quoted(error.query)} has {plural(error.total, 'passage')}, ten a page, so there is "
                f"no page {error.page}. Call search with a page from 1 to {error.pages}."
            )
        case EmptyQuery():
            return (
                "There is nothing to search for in `query`. Pass the words to look for, e.g. query='tides', "
                "or a phrase in double quotes, e.g. query='\"high water\"'."
            )
        case NoteNotFound():
            return (
                f"The reader has no {error.kind} {error.note_id}: it was deleted, or is not theirs. "
                "Call read-notes to see the reader's highlights and bookmarks."
            )
        case ShelfPageNotFound():
            which = plural(error.total, "book") + (f" matching {quoted(error.query)}" if error.query else "")
            return (
                f"The library has {which}, {error.per_page} a page, so there is no page {error.page}. "
                f"Call list-books with a page from 1 to {error.pages}."
            )
    return str(error)


def explain_invalid_arguments(tool_name: str, error: ValidationError) -> str:
    """Pydantic's report on bad arguments, as one sentence naming each argument and what it may be."""
    problems = []
    for problem in error.errors(include_url=False):
        argument = ".".join(str(part) for part in problem["loc"]) or "the arguments"
        limits = problem.get("ctx") or {}
        given = repr(problem.get("input"))
        given = given if len(given) <= 40 else given[:37] + "…"
        match problem["type"]:
            case "missing":
                problems.append(f"`{argument}` is required")
            case "greater_than_equal":
                problems.append(f"`{argument}` must be {limits['ge']:,} or more (it was {given})")
            case "less_than_equal":
                problems.append(f"`{argument}` must be {limits['le']:,} or less (it was {given})")
            case "int_parsing" | "int_type" | "int_from_float":
                problems.append(f"`{argument}` must be a whole number (it was {given})")
            case "string_too_short":
                problems.append(f"`{argument}` must not be empty")
            case "string_too_long":
                problems.append(f"`{argument}` may be at most {limits['max_length']} characters long")
            case "string_type":
                problems.append(f"`{argument}` must be a string (it was {given})")
            case _:
                problems.append(f"`{argument}`: {problem['msg']}")
    return f"{tool_name} was called with invalid arguments: {'; '.join(problems)}. Call it again with valid ones."
