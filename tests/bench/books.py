"""Deterministic generated books: the same seed always writes the same Markdown."""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = [
    "tide",
    "harbour",
    "lantern",
    "quiet",
    "river",
    "orchard",
    "paper",
    "window",
    "letter",
    "morning",
    "shadow",
    "garden",
    "bridge",
    "signal",
    "thread",
    "compass",
    "meadow",
    "ember",
    "hollow",
    "archive",
    "chapter",
    "reader",
    "margin",
    "journey",
    "silver",
    "winter",
    "spring",
    "summer",
    "autumn",
    "salt",
    "stone",
    "feather",
    "willow",
    "candle",
    "mirror",
    "station",
    "evening",
]


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generate_book(*, title: str, chapters: int, words_per_chapter: int, seed: int) -> str:
    """A Markdown book with front matter, `##` chapters, paragraphs, a list and a code block each."""
    rng = random.Random(seed)
    parts = [f"---\ntitle: {title}\nauthor: Bench Press\n---\n"]
    for number in range(1, chapters + 1):
        parts.append(f"## Chapter {number}: {rng.choice(_WORDS).title()} {rng.choice(_WORDS)}\n")
        written = 0
        while written < words_per_chapter:
            size = rng.randint(40, 120)
            parts.append(paragraph(rng, size) + "\n")
            written += size
            if rng.random() < 0.1:
                parts.append("\n".join(f"- {paragraph(rng, 6)}" for _ in range(4)) + "\n")
            if rng.random() < 0.05:
                parts.append("```python\nfor line in book:\n    print(line)\n```\n")
    return "\n".join(parts)


def write_library(folder: Path, *, books: int, words_per_book: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(books):
        path = folder / f"book-{number:03}.md"
        chapters = 8
        path.write_text(
            generate_book(
                title=f"Generated {number}",
                chapters=chapters,
                words_per_chapter=words_per_book // chapters,
                seed=seed + number,
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths
