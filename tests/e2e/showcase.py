"""The showcase book (tests/e2e/showcase-book), imported beside the samples, and servers that hold it.

Each server has a library of its own: reading saves progress, and a screenshot must show only
what its own test did.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.db import make_engine
from app.ingest import read_book
from app.ingest.summary import read_summary
from app.library import Library
from tests.conftest import library_copy
from tests.serving import chapterwise

BOOK = Path(__file__).parent / "showcase-book"
# Filler for the chapters SUMMARY.md lists without a file: the contents need their number, not their words.
FILLER = (
    "This chapter is kept short in the showcase edition: it says what the step is for, no more.",
    "Measure before you cut, write the numbers down, and check them against the tide table.",
    "Nothing in this step is hard, but every later part of the clock leans on it, so take it slowly.",
)


@dataclass(frozen=True)
class Showcase:
    """The showcase book as imported: its slug and its chapters' titles in reading order."""

    template: Path  # a library holding the sample books and this one
    slug: str
    chapters: tuple[str, ...]

    def number(self, title: str) -> int:
        return self.chapters.index(title) + 1


@pytest.fixture(scope="module")
def showcase(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Showcase:
    """The book with its filler written, imported into a copy of the samples' library."""
    folder = tmp_path_factory.mktemp("showcase")
    book = shutil.copytree(BOOK, folder / "the-tide-clock")
    summary = (book / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    for index, entry in enumerate(read_summary(summary)):
        chapter = book / "src" / (entry.target or "")
        if entry.target and not chapter.exists():
            text = f"{FILLER[index % 3]}\n\n{FILLER[(index + 1) % 3]}"
            chapter.parent.mkdir(parents=True, exist_ok=True)  # git keeps no empty folders
            chapter.write_text(f"# {entry.title}\n\n{text}\n", encoding="utf-8")
    draft = read_book(book)
    assert draft.warnings == ()  # every include and picture was found
    template = shutil.copy(samples_template, folder / "chapterwise.db")
    library = Library(make_engine(f"sqlite:///{template}"))
    library.save_books([draft])
    library.close()  # checkpoints the WAL into the file, so one copy is complete
    return Showcase(template, draft.slug, tuple(chapter.title for chapter in draft.chapters))


@pytest.fixture(scope="module")
def samples_url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample books alone, never read: the library, book and reader the README shows."""
    with chapterwise(library_copy(samples_template, tmp_path_factory.mktemp("readme")), "--dev") as url:
        yield url


@pytest.fixture(scope="module")
def showcase_url(showcase: Showcase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The samples and the showcase book, for views whose screenshots show no reading state."""
    with chapterwise(library_copy(showcase.template, tmp_path_factory.mktemp("views")), "--dev") as url:
        yield url


@pytest.fixture(scope="module")
def reading_url(showcase: Showcase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same, for the test that reads on and highlights, starting from a book nobody has opened."""
    with chapterwise(library_copy(showcase.template, tmp_path_factory.mktemp("reading")), "--dev") as url:
        yield url
