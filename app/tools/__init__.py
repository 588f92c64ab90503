"""The tools the model (and the widget) can call, each declared once with the metadata hosts read beside it.

A tool validates nothing its schema already does, asks the library once, and shapes the result's
three parts (app/tools/base.py). The library raises errors that carry data; app/tools/errors.py
words them for the model.
"""

from app.tools.books import list_books, open_book, read_chapter
from app.tools.notes import (
    delete_bookmark,
    delete_highlight,
    read_notes,
    save_bookmark,
    save_highlight,
    save_progress,
    save_settings,
)
from app.tools.search import search

__all__ = [
    "delete_bookmark",
    "delete_highlight",
    "list_books",
    "open_book",
    "read_chapter",
    "read_notes",
    "save_bookmark",
    "save_highlight",
    "save_progress",
    "save_settings",
    "search",
]
