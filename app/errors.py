"""The errors Chapterwise raises; every message says what went wrong and what to do next."""

from __future__ import annotations


class ChapterwiseError(Exception):
    """Base class: the message is written for the person (or model) who has to act on it."""


class ImportProblem(ChapterwiseError):
    """A book could not be imported; names the file and, where it helps, the line."""

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class NotFound(ChapterwiseError):
    """A book, chapter or page that does not exist; the message lists what does."""


class BookNotFound(NotFound):
    pass


class ChapterNotFound(NotFound):
    pass


class PageNotFound(NotFound):
    pass


class AmbiguousBook(NotFound):
    """A title matched more than one book."""
