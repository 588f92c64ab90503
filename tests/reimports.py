"""Generated books re-imported through `chapterwise import`, a new version each round, and the check that none was lost.

A book keeps its shape from version to version (the same chapters, each with the same number of
pages) while its words change, so any chapter or page a reader saw in open-book still exists
after the next import: an error under load is then a real failure, never a page that went away.
Every paragraph opens with its book's version, so a page stitched from two imports shows.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from app.db import make_engine
from app.ingest import load_book
from app.library import Library
from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# Pseudo-words from consonant-vowel syllables: any amount of text, and no real prose in the repository.
_SYLLABLES = [consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou"]
# Every paragraph has this many words, so a chapter splits into pages at the same places in every
# version; a long chapter's 3,000 words make two pages (the budget is 2,500 words a page).
PARAGRAPH_WORDS = 60
PARAGRAPHS = (4, 6, 3)
LONG_CHAPTER_PARAGRAPHS = 50
_VERSION = re.compile(r"Version (\d+)\.")


def slug_of(number: int) -> str:
    return f"load-{number:03d}"


def marker_of(slug: str) -> str:
    """A word that only this book holds, in every version: what readers search for."""
    return "mark" + slug.replace("-", "")


def title_of(number: int, version: int) -> str:
    return f"Load book {number}, version {version}"


def versions_in(text: str) -> set[int]:
    """The versions a page's paragraphs say they belong to: exactly one on a whole page."""
    return {int(found) for found in _VERSION.findall(text)}


def version_in_title(title: str) -> int:
    return int(title.rsplit(" ", 1)[1])


def book_markdown(number: int, version: int, seed: int) -> str:
    """Book `number` as it reads in `version`: every tenth book has a long, two-page middle chapter."""
    rng = random.Random(seed * 1_000_003 + number * 1_009 + version)
    slug = slug_of(number)

    def words(n: int) -> str:
        return " ".join("".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) for _ in range(n))

    def paragraph() -> str:
        # "Version 7." and the marker are three of the paragraph's words.
        return f"Version {version}. {words(PARAGRAPH_WORDS - 3).capitalize()} {marker_of(slug)}."

    sizes = list(PARAGRAPHS)
    if number % 10 == 0:
        sizes[1] = LONG_CHAPTER_PARAGRAPHS
    chapters = [
        f"## {words(3).title()}\n\n" + "\n\n".join(paragraph() for _ in range(size)) for size in sizes
    ]
    front = f"---\ntitle: {title_of(number, version)}\nauthor: The Load Test\nlanguage: en\n---\n\n"
    return front + "\n\n".join(chapters) + "\n"


@dataclass(frozen=True, slots=True)
class Imported:
    """What the library must hold for a book after an import: its title and the digest of its source."""

    title: str
    source_hash: str


class Reimporter:
    """Writes `books` generated books into a folder and imports them all with the CLI, a new version each time.

    `expected` is what the last successful import stored; a failed import (or one that did not
    update every book) is recorded in `failures`, in the words the CLI printed.
    """

    def __init__(self, settings: Settings, folder: Path, *, books: int, seed: int = 11) -> None:
        self.settings, self.folder, self.books, self.seed = settings, folder, books, seed
        self.version = 0
        self.rounds = 0  # imports completed since the first one
        self.importing = False
        self.expected: dict[str, Imported] = {}
        self.failures: list[str] = []
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def slugs(self) -> list[str]:
        return [slug_of(number) for number in range(1, self.books + 1)]

    def import_first(self) -> None:
        """The first version, imported before anyone reads (it creates a SQLite library if there is none)."""
        paths, expected = self._write_next()
        done = subprocess.run(
            self._command(paths), cwd=ROOT, env=_environment(), capture_output=True, text=True, check=False
        )
        self._record(done.returncode, done.stdout + done.stderr, expected, "created")
        if self.failures:
            raise RuntimeError(f"the first import failed: {self.failures[0]}")

    async def import_next(self) -> None:
        """Write and import the next version, without blocking the event loop the readers run on."""
        paths, expected = await asyncio.to_thread(self._write_next)
        self.importing = True
        try:
            process = await asyncio.create_subprocess_exec(
                *self._command(paths),
                cwd=ROOT,
                env=_environment(),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            output, _ = await process.communicate()
        finally:
            self.importing = False
        assert process.returncode is not None
        self._record(process.returncode, output.decode(errors="replace"), expected, "updated")
        self.rounds += 1

    async def until(self, stop: asyncio.Event) -> None:
        """Import one version after another until `stop` is set; the import under way then finishes."""
        while not stop.is_set():
            await self.import_next()

    def lost(self) -> list[str]:
        """Books the database does not hold at their last imported version, each with what it holds."""
        library = Library(make_engine(self.settings.db_url))
        try:
            found = {slug: library.stored(slug) for slug in self.expected}
        finally:
            library.close()
        lost = []
        for slug, want in self.expected.items():
            stored = found[slug]
            if stored is None:
                lost.append(f"{slug}: missing from the database")
            elif (stored.title, stored.source_hash) != (want.title, want.source_hash):
                lost.append(f"{slug}: the database holds {stored.title!r}, not {want.title!r}")
        return lost

    def _write_next(self) -> tuple[list[Path], dict[str, Imported]]:
        self.version += 1
        paths, expected = [], {}
        for number, slug in enumerate(self.slugs, 1):
            path = self.folder / f"{slug}.md"
            path.write_text(book_markdown(number, self.version, self.seed), encoding="utf-8")
            paths.append(path)
            expected[slug] = Imported(title_of(number, self.version), load_book(path).source_hash)
        return paths, expected

    def _command(self, paths: list[Path]) -> list[str]:
        # The command a person types: `python -m app --database-url URL import PATH…`.
        where = (
            ["--database-url", self.settings.database_url]
            if self.settings.database_url
            else ["--data-dir", str(self.settings.data_dir)]
        )
        return [sys.executable, "-m", "app", *where, "import", *map(str, paths)]

    def _record(self, code: int, output: str, expected: dict[str, Imported], outcome: str) -> None:
        done = sum(1 for line in output.splitlines() if line.strip().startswith(outcome))
        if code != 0 or done != self.books:
            self.failures.append(
                f"import of version {self.version} exited with {code}, {outcome} {done} of {self.books} "
                f"books: {output.strip()[-500:]}"
            )
            return
        self.expected = expected


def _environment() -> dict[str, str]:
    # The caller's CHAPTERWISE_* variables must not point the import at another library.
    return {name: value for name, value in os.environ.items() if not name.startswith("CHAPTERWISE_")}
