"""Ingest speed: parse + save a generated book and library, against markdown-it-py rendering alone.

The floor is the app's own markdown-it configuration (render_markdown: the js-default preset plus
footnotes), since ingest cannot render with less; the bare js-default preset is shown beside it.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from app.db import make_engine, migrate
from app.ingest import SourceFile, parse_book, render_markdown
from app.library import Library

_BARE = MarkdownIt("js-default")


def measure(
    big: SourceFile, books: list[tuple[str, SourceFile]], work: Path, *, rounds: int
) -> tuple[dict[str, Any], Path]:
    """MB/s per stage, medians over rounds; also returns the data dir of the last imported library."""
    inputs = {"big_book": [("big-book", big)], "library": books}
    seconds: dict[str, dict[str, list[float]]] = {name: {} for name in inputs}
    for number in range(rounds):
        # Interleaved, so a slow spell of the machine hits floor and app alike.
        for name, sources in inputs.items():
            texts = [source.text for _, source in sources]
            spent = {
                "markdown_it": _timed(_render_all, render_markdown, texts),
                "markdown_it_bare": _timed(_render_all, _BARE.render, texts),
                **_import(sources, work / f"{name}-{number}"),
            }
            for stage, value in spent.items():
                seconds[name].setdefault(stage, []).append(value)
    results: dict[str, Any] = {}
    for name, sources in inputs.items():
        megabytes = sum(len(source.text.encode()) for _, source in sources) / 1e6
        stages = {stage: megabytes / statistics.median(values) for stage, values in seconds[name].items()}
        results[name] = {"books": len(sources), "megabytes": megabytes, "mb_per_s": stages}
    # The last round's library becomes the library every server in this run reads.
    return results, work / f"library-{rounds - 1}"


def _import(sources: list[tuple[str, SourceFile]], data_dir: Path) -> dict[str, float]:
    """Time `chapterwise import`'s two steps into a fresh, migrated SQLite file (migrating is not timed)."""
    data_dir.mkdir(parents=True)
    library = Library(make_engine(f"sqlite:///{data_dir / 'chapterwise.db'}", create=True))
    migrate(library.engine)
    drafts: list[Any] = []
    parse = _timed(lambda: drafts.extend(parse_book([source], slug=slug) for slug, source in sources))
    save = _timed(lambda: library.save_books(drafts))
    # Closing every connection checkpoints the WAL into the file the servers open.
    library.close()
    return {"parse": parse, "save": save, "import": parse + save}


def _render_all(render: Callable[[str], str], texts: list[str]) -> None:
    for text in texts:
        render(text)


def _timed(work: Callable[..., object], *args: Any) -> float:
    # Collect first, so one stage's garbage is not paid for during the next stage's timing.
    gc.collect()
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started
