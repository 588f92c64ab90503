"""Ingest speed: import books from disk (includes, sanitising and highlighting on) against markdown-it-py.

The floor is markdown-it-py rendering the same Markdown with the app's parser configuration
(app/ingest/markdown.py: tables, footnotes, raw HTML, admonitions…), since ingest cannot parse
with less; the bare js-default preset is shown beside it. The big book is imported as an mdBook
whose code listings are `{{#include}}`d files; the library as 200 single-file books.
A second figure times re-importing the same, unchanged files: reading them and comparing the
digest load_book() computes with the one stored, as `chapterwise import` does before parsing.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from sqlalchemy import select

from app.db import make_engine, migrate
from app.ingest import SourceFile, load_book
from app.ingest.markdown import PARSER
from app.library import Library
from app.schema import books as books_table
from tests.bench.books import write_library, write_mdbook

_BARE = MarkdownIt("js-default")


def measure(
    big: SourceFile, books: list[tuple[str, SourceFile]], work: Path, *, rounds: int
) -> tuple[dict[str, Any], Path]:
    """MB/s per stage, medians over rounds; also returns the data dir of the last imported library."""
    roots = {
        "big_book": ([write_mdbook(big, work / "sources" / "big-book")], [big.text]),
        "library": (write_library(books, work / "sources" / "library"), [source.text for _, source in books]),
    }
    seconds: dict[str, dict[str, list[float]]] = {name: {} for name in roots}
    for number in range(rounds):
        # Interleaved, so a slow spell of the machine hits floor and app alike.
        for name, (paths, texts) in roots.items():
            spent = {
                "markdown_it": _timed(_render_all, PARSER.render, texts),
                "markdown_it_bare": _timed(_render_all, _BARE.render, texts),
                **_import(paths, work / f"{name}-{number}"),
            }
            for stage, value in spent.items():
                seconds[name].setdefault(stage, []).append(value)
    results: dict[str, Any] = {}
    for name, (paths, texts) in roots.items():
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        stages = {stage: megabytes / statistics.median(values) for stage, values in seconds[name].items()}
        unchanged = statistics.median(
            a / b for a, b in zip(seconds[name]["unchanged"], seconds[name]["import"], strict=True)
        )
        results[name] = {
            "books": len(paths),
            "megabytes": megabytes,
            "mb_per_s": stages,
            "unchanged_ratio": unchanged,
        }
    # The last round's library becomes the library every server in this run reads.
    return results, work / f"library-{rounds - 1}"


def _import(paths: list[Path], data_dir: Path) -> dict[str, float]:
    """Time `chapterwise import`'s steps into a fresh, migrated SQLite file (migrating is not timed)."""
    data_dir.mkdir(parents=True)
    library = Library(make_engine(f"sqlite:///{data_dir / 'chapterwise.db'}", create=True))
    migrate(library.engine)
    drafts: list[Any] = []
    parse = _timed(lambda: drafts.extend(load_book(path).parse() for path in paths))
    save = _timed(lambda: library.save_books(drafts))

    def unchanged() -> None:
        with library.engine.connect() as connection:
            stored = dict(
                connection.execute(select(books_table.c.slug, books_table.c.source_hash)).tuples().all()
            )
        for path in paths:
            source = load_book(path)
            assert stored[source.slug] == source.source_hash, f"{path} looked changed"

    again = _timed(unchanged)
    # Closing every connection checkpoints the WAL into the file the servers open.
    library.close()
    return {"parse": parse, "save": save, "import": parse + save, "unchanged": again}


def _render_all(render: Callable[[str], str], texts: list[str]) -> None:
    for text in texts:
        render(text)


def _timed(work: Callable[..., object], *args: Any) -> float:
    # Collect first, so one stage's garbage is not paid for during the next stage's timing.
    gc.collect()
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started
