"""Quarto books: `_quarto.yml`'s `book:` gives the chapters in order, their parts, and the book's details.

A Quarto book lists its pages under `book: chapters:`, each a file, or a `part:` with chapters of its
own (a part may be named by a title or by a page of its own), then `appendices:`. `book: title`,
`author` and the project's `lang` describe it. `.qmd` pages are Markdown with code chunks
(```` ```{r} ````, read in myst.py) and Pandoc's fenced divs (`::: {.callout-note}`, containers.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder
from app.ingest.jupyterbook import TocWalker, book_metadata, read_yaml
from app.ingest.placement import MARKDOWN_SUFFIXES, Layout, prettify

_NAMES = ("_quarto.yml", "_quarto.yaml")
_CONFIG_BYTES = 1024 * 1024


def quarto_of(folder: Path) -> Path | None:
    """The `_quarto.yml` of a folder that is a Quarto book (one with `book:` chapters), if any."""
    for name in _NAMES:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            with path.open(encoding="utf-8", errors="replace") as file:
                # A website's _quarto.yml has no chapters; a book's lists them. A bounded read: this is
                # only the question whether the folder is a book, asked of folders not yet read.
                if "chapters:" in file.read(_CONFIG_BYTES):
                    return path
    return None


def read_quarto(books: BookFolder, config: Path, warnings: list[str]) -> Layout:
    data = read_yaml(books, config)
    book: dict[str, Any] = data["book"] if isinstance(data.get("book"), dict) else {}
    walker = TocWalker(books, config.parent, config, warnings)
    _walk(walker, book.get("chapters"), part=None)
    _walk(walker, book.get("appendices"), part="Appendices")
    walker.say_what_was_left_out()
    metadata = book_metadata(book.get("title"), book.get("author"), book.get("description"), data.get("lang"))
    return Layout(walker.placed, metadata, site_root=config.parent)


def _walk(walker: TocWalker, entries: Any, *, part: str | None) -> None:
    if not isinstance(entries, list):
        return
    for entry in entries:
        if isinstance(entry, str):
            walker.add(entry, None, part=part, depth=0)
        elif isinstance(entry, dict) and isinstance(entry.get("part"), str):
            named = entry["part"].strip()
            if named.lower().endswith(MARKDOWN_SUFFIXES):  # a part with a page of its own, which opens it
                title = prettify(Path(named).stem)
                walker.add(named, None, part=title, depth=0)
            else:
                title = named
            _walk(walker, entry.get("chapters"), part=title)
        elif isinstance(entry, dict) and isinstance(entry.get("href") or entry.get("file"), str):
            walker.add(entry.get("href") or entry["file"], entry.get("text"), part=part, depth=0)
