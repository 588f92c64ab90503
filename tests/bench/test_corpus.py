"""The search benchmark's generated library: the same bytes every run, both languages, and queries that find what they should."""

from __future__ import annotations

from app.settings import Settings
from tests.bench import corpus
from tests.conftest import open_library

TINY = corpus.Corpus(books=8, book_bytes=6000, chapters=2)


def test_a_book_is_generated_byte_for_byte_the_same_every_time() -> None:
    assert corpus.book_markdown(5, TINY) == corpus.book_markdown(5, TINY)
    assert corpus.book_markdown(5, TINY) != corpus.book_markdown(6, TINY)


def test_every_fourth_book_is_chinese_and_the_others_english() -> None:
    chinese, _ = corpus.book_markdown(3, TINY)
    english, _ = corpus.book_markdown(4, TINY)
    assert sum("\u4e00" <= char <= "\u9fff" for char in chinese) > len(chinese) / 2
    assert english.isascii()


def test_a_book_comes_out_near_the_size_asked_for() -> None:
    markdown, chapters = corpus.book_markdown(0, TINY)
    assert TINY.book_bytes <= len(markdown.encode()) <= TINY.book_bytes * 1.2
    assert len(chapters) == TINY.chapters


def test_phrases_and_chinese_pairs_are_found_in_the_library_they_came_from(settings: Settings) -> None:
    # On SQLite, which the benchmark measures.
    library = open_library(settings)
    library.save_books([draft for draft, _ in corpus.drafts(TINY, range(TINY.books))])
    queries = corpus.queries(TINY, per_kind=10)
    assert all(len(chosen) == len(set(chosen)) == 10 for chosen in queries.values())
    for kind in ("phrase", "two Chinese characters"):
        assert all(library.search(query).total > 0 for query in queries[kind]), kind
    library.close()
