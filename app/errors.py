"""The errors Chapterwise raises. They carry data (what was asked, what exists); the edges word them.

The library knows nothing of tools or terminals, so its errors hold the facts only.
app/tools/errors.py turns each into a sentence for the model ("Call read-chapter with a chapter from 1 to 8") and
app/cli.py into one for a person at a terminal ("chapterwise list shows the books").
"""

from __future__ import annotations

from dataclasses import dataclass


class ChapterwiseError(Exception):
    """Base class. `str(error)` is a plain description, for logs; the edges write their own."""


class ImportProblem(ChapterwiseError):
    """A book could not be imported: names the file and, where it helps, the line, then what to do."""

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class StorageProblem(ChapterwiseError):
    """The database cannot be used as asked (missing, not migrated, full disk); the message says what to do.

    Unlike the not-found errors, this is about the place the library lives, so the same sentence
    serves a person and the model alike.
    """


@dataclass(frozen=True, slots=True)
class Shelved:
    """A book as an error names it: enough for the model or a person to pick the right one."""

    slug: str
    title: str


class NotFound(ChapterwiseError):
    """Something asked for by reference that does not exist; subclasses say what does."""


class BookNotFound(NotFound):
    def __init__(self, ref: str, known: list[Shelved], total: int) -> None:
        self.ref, self.known, self.total = ref, known, total
        super().__init__(f"no book {ref!r} (the library has {total})")


class AmbiguousBook(NotFound):
    """A title that more than one book has."""

    def __init__(self, ref: str, slugs: list[str]) -> None:
        self.ref, self.slugs = ref, slugs
        super().__init__(f"several books are titled {ref!r}: {', '.join(slugs)}")


class ChapterNotFound(NotFound):
    def __init__(self, book: str, chapter: int, chapters: int) -> None:
        self.book, self.chapter, self.chapters = book, chapter, chapters
        super().__init__(f"book {book!r} has no chapter {chapter} (it has {chapters})")


class PageNotFound(NotFound):
    def __init__(self, book: str, chapter: int, page: int, pages: int) -> None:
        self.book, self.chapter, self.page, self.pages = book, chapter, page, pages
        super().__init__(f"chapter {chapter} of {book!r} has no page {page} (it has {pages})")


class PassageNotFound(NotFound):
    """An anchor (from a citation or a link) that no passage of the chapter has."""

    def __init__(self, book: str, chapter: int, anchor: str) -> None:
        self.book, self.chapter, self.anchor = book, chapter, anchor
        super().__init__(f"chapter {chapter} of {book!r} has no passage {anchor!r}")


class ShelfPageNotFound(NotFound):
    """A page of the library's list past its end."""

    def __init__(self, page: int, pages: int, total: int, per_page: int, query: str | None) -> None:
        self.page, self.pages, self.total, self.per_page, self.query = page, pages, total, per_page, query
        super().__init__(f"the list of books has no page {page} (it has {pages})")


class SearchPageNotFound(NotFound):
    """A page of search results past the last one."""

    def __init__(self, query: str, page: int, pages: int, total: int) -> None:
        self.query, self.page, self.pages, self.total = query, page, pages, total
        super().__init__(f"the search {query!r} has no page {page} of results (it has {pages})")


class EmptyQuery(ChapterwiseError):
    """A search with nothing to search for (blank, or punctuation only)."""

    def __init__(self, query: str) -> None:
        self.query = query
        super().__init__(f"nothing to search for in {query!r}")


class NoteNotFound(NotFound):
    """A highlight or bookmark this reader does not have (it may be someone else's, or deleted)."""

    def __init__(self, kind: str, note_id: int) -> None:
        self.kind, self.note_id = kind, note_id
        super().__init__(f"no {kind} {note_id} for this reader")


class NotesWouldBeLost(ChapterwiseError):
    """Removing a book its readers have marked: the person must say whether their notes go too."""

    def __init__(self, book: str, highlights: int, bookmarks: int, readers: int) -> None:
        self.book, self.highlights, self.bookmarks, self.readers = book, highlights, bookmarks, readers
        super().__init__(
            f"book {book!r} has {highlights} highlights and {bookmarks} bookmarks by {readers} readers"
        )
