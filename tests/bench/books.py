"""Deterministic benchmark books: seeded pseudo-English Markdown using every block ingest handles.

random.Random with an integer seed gives the same sequence on every machine and Python 3
version, so every run measures the very same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from app.ingest import SourceFile

# Pseudo-words of 1-4 consonant-vowel syllables: English-like lengths, and no dictionary file to ship.
_SYLLABLES = [consonant + vowel for consonant in "bdfklmnprstv" for vowel in "aeiou"]


@dataclass(frozen=True, slots=True)
class Scale:
    """How much text to generate; --quick shrinks it so the smoke run stays under a minute."""

    big_book_chapters: int  # the one multi-megabyte, single-file book
    library_books: int
    chapters_per_book: tuple[int, int]
    chapter_words: tuple[int, int]  # a typical chapter: always one page (PAGE_WORD_BUDGET is 2,500)
    long_chapter_words: int  # a long chapter: several pages; every tenth library book has one


FULL = Scale(
    big_book_chapters=130,
    library_books=200,
    chapters_per_book=(1, 3),
    chapter_words=(500, 1500),
    long_chapter_words=6000,
)
QUICK = Scale(
    big_book_chapters=24,
    library_books=200,
    chapters_per_book=(1, 2),
    chapter_words=(100, 300),
    long_chapter_words=3000,
)


class Writer:
    """Markdown from one seeded generator; word frequencies follow a Zipf curve, as prose does."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        vocab = {"".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(1, 4))) for _ in range(4000)}
        self.vocab = sorted(vocab)  # sorted first: set order varies between runs, the seed must not
        self.rng.shuffle(self.vocab)
        self.weights = list(accumulate(1 / rank for rank in range(1, len(self.vocab) + 1)))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.weights, k=n)

    def title(self) -> str:
        return " ".join(self.words(self.rng.randint(2, 5))).title()

    def sentence(self) -> str:
        words = self.words(self.rng.randint(6, 22))
        # The inline markup markdown-it must parse: emphasis, code spans, links, footnote references.
        for _ in range(self.rng.randint(0, 2)):
            i, kind = self.rng.randrange(len(words)), self.rng.random()
            if kind < 0.4:
                words[i] = f"*{words[i]}*"
            elif kind < 0.6:
                words[i] = f"**{words[i]}**"
            elif kind < 0.8:
                words[i] = f"`{words[i]}()`"
            elif kind < 0.95:
                words[i] = f"[{words[i]}](https://example.org/{words[i]})"
            else:
                words[i] = f"{words[i]}[^{self.rng.randint(1, 3)}]"
        return " ".join(words).capitalize() + self.rng.choice(".....?!")

    def block(self) -> tuple[str, int]:
        """One Markdown block, and about how many words it holds."""
        roll = self.rng.random()
        if roll < 0.70:
            text = " ".join(self.sentence() for _ in range(self.rng.randint(2, 7)))
        elif roll < 0.80:
            marker = self.rng.choice(["-", "*", "1."])
            text = "\n".join(f"{marker} {self.sentence()}" for _ in range(self.rng.randint(2, 6)))
        elif roll < 0.86:
            names = self.words(12)
            body = "\n".join(
                f"    {a} = {b}({c}, {d})" for a, b, c, d in zip(*[iter(names)] * 4, strict=True)
            )
            text = f"```python\ndef {self.words(1)[0]}():\n{body}\n```"
        elif roll < 0.91:
            text = f"> {self.sentence()} {self.sentence()}"
        elif roll < 0.95:
            rows = ["| " + " | ".join(self.words(3)) + " |" for _ in range(self.rng.randint(2, 5))]
            text = "\n".join([rows[0], "|---|---|---|", *rows[1:]])
        else:
            text = f"### {self.title()}"
        return text, len(text.split())

    def chapter(self, words: int) -> str:
        blocks, total = [f"## {self.title()}"], 0
        while total < words:
            text, n = self.block()
            blocks.append(text)
            total += n
        notes = [f"[^{n}]: {self.sentence()}" for n in (1, 2, 3)]
        return "\n\n".join(blocks + notes) + "\n"

    def book(self, title: str, chapter_words: list[int]) -> str:
        front = f"---\ntitle: {title}\nauthor: {self.title()}\nlanguage: en\n---\n\n"
        return front + "\n".join(self.chapter(n) for n in chapter_words)


def big_book(scale: Scale, seed: int = 1) -> SourceFile:
    """One single-file book of a few megabytes (at full scale); a quarter of its chapters are long."""
    writer = Writer(seed)
    lengths = [
        scale.long_chapter_words if writer.rng.random() < 0.25 else writer.rng.randint(*scale.chapter_words)
        for _ in range(scale.big_book_chapters)
    ]
    return SourceFile("big-book.md", writer.book("The Big Benchmark Book", lengths))


def library(scale: Scale, seed: int = 2) -> list[tuple[str, SourceFile]]:
    """(slug, source) for each library book: a few typical chapters; every tenth adds a long one."""
    writer = Writer(seed)
    books = []
    for n in range(1, scale.library_books + 1):
        lengths = [
            writer.rng.randint(*scale.chapter_words)
            for _ in range(writer.rng.randint(*scale.chapters_per_book))
        ]
        if n % 10 == 0:
            lengths.insert(1, scale.long_chapter_words)
        slug = f"bench-{n:03d}"
        books.append((slug, SourceFile(f"{slug}.md", writer.book(f"{writer.title()} {n}", lengths))))
    return books


def write_mdbook(source: SourceFile, folder: Path) -> Path:
    """The big book as an mdBook on disk: a file a chapter, and each code listing in its own file,
    pulled in by `{{#include}}` as real technical books do. Returns the book's folder."""
    front, _, body = source.text.removeprefix("---\n").partition("\n---\n")
    title = next(line.split(": ", 1)[1] for line in front.splitlines() if line.startswith("title: "))
    src = folder / "src"
    (src / "listings").mkdir(parents=True)
    (folder / "book.toml").write_text(f'[book]\ntitle = "{title}"\n', encoding="utf-8")
    chapters = ["## " + part for part in body.split("\n## ") if part.strip()]
    chapters[0] = chapters[0].removeprefix("## ").lstrip()
    summary = ["# Summary", ""]
    for number, chapter in enumerate(chapters, 1):
        heading = chapter.split("\n", 1)[0].lstrip("# ").strip()
        text = _listings_out(chapter, src / "listings", number)
        (src / f"ch{number:03d}.md").write_text(text, encoding="utf-8")
        summary.append(f"- [{heading}](ch{number:03d}.md)")
    (src / "SUMMARY.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    return folder


def _listings_out(chapter: str, listings: Path, number: int) -> str:
    parts = chapter.split("```python\n")
    out = [parts[0]]
    for index, part in enumerate(parts[1:], 1):
        code, _, rest = part.partition("```")
        name = f"ch{number:03d}-{index:02d}.py"
        (listings / name).write_text(code, encoding="utf-8")
        out.append(f"```python\n{{{{#include listings/{name}}}}}\n```{rest}")
    return "".join(out)


def write_library(books: list[tuple[str, SourceFile]], folder: Path) -> list[Path]:
    """Each library book as its own Markdown file, named by its slug."""
    folder.mkdir(parents=True)
    paths = []
    for slug, source in books:
        path = folder / f"{slug}.md"
        path.write_text(source.text, encoding="utf-8")
        paths.append(path)
    return paths
