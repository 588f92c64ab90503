"""The library: every SQL statement Chapterwise runs, behind methods named after what readers do.

Each method is one transaction on SQLAlchemy Core and returns plain view objects (app/views.py);
when something asked for does not exist, it raises an error that carries what does
(app/errors.py), and the tools or the CLI word it for whoever asked. The statements live in the
modules of this package, one concern each; `Library` puts them together.
"""

from __future__ import annotations

from sqlalchemy import Engine

from app.library.books import BOOKS_PER_PAGE, Books
from app.library.imports import Imports, Saved, Stored
from app.library.pages import Pages
from app.library.reading import Reading
from app.library.searching import COUNT_LIMIT, HITS_PER_PAGE, Searching

__all__ = ["BOOKS_PER_PAGE", "COUNT_LIMIT", "HITS_PER_PAGE", "Library", "Saved", "Stored"]


class Library(Books, Pages, Searching, Imports, Reading):
    """Reads and writes books and what readers do in them; each method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Close the pooled connections (the server's lifespan calls this on shutdown)."""
        self.engine.dispose()
