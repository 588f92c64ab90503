"""The library: saving is idempotent and atomic; reading raises errors that carry what does exist."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy.exc import IntegrityError

from app.errors import AmbiguousBook, BookNotFound, ChapterNotFound, PageNotFound, ShelfPageNotFound, Shelved
from app.ingest import PAGE_WORD_BUDGET, BookDraft, SourceFile, parse_book
from app.library import BOOKS_PER_PAGE, Library


def draft(slug: str, markdown: str) -> BookDraft:
    return parse_book([SourceFile(path=f"{slug}.md", text=markdown)], slug=slug)


TIDES = """---
title: Tides
author: A. Shore
---
## Low water
The sea goes out and leaves the rocks bare.

## High water
The sea comes back.

## Slack water
For a while nothing moves.
"""


def test_importing_the_same_book_twice_changes_nothing_the_second_time(library: Library) -> None:
    first = library.save_books([draft("tides", TIDES)])
    second = library.save_books([draft("tides", TIDES)])
    assert [s.outcome for s in first] == ["created"]
    assert [s.outcome for s in second] == ["unchanged"]
    assert [b.slug for b in library.all_books()] == ["tides"]


def test_importing_changed_content_updates_the_book_in_place_under_the_same_slug(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    changed = TIDES.replace("## Slack water\nFor a while nothing moves.\n", "")
    [saved] = library.save_books([draft("tides", changed)])
    assert saved.outcome == "updated"
    book = library.open_book("tides")
    assert [entry.title for entry in book.contents] == ["Low water", "High water"]
    assert book.chapters == 2
    with pytest.raises(ChapterNotFound):
        library.read_chapter("tides", 3)


def test_a_failure_midway_through_an_import_leaves_the_library_as_it_was(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    before = library.open_book("tides")
    good = draft("rivers", "## Source\nSprings.\n## Mouth\nThe sea.\n")
    updated = draft("tides", TIDES + "\n## Spring tide\nThe largest range.\n")
    # A chapter without a title violates NOT NULL when it reaches the database: a real
    # mid-transaction failure after the first book of the batch has already been written.
    broken_chapter = dataclasses.replace(updated.chapters[0], title=None)  # type: ignore[arg-type]
    broken = dataclasses.replace(updated, chapters=(broken_chapter, *updated.chapters[1:]))
    with pytest.raises(IntegrityError):
        library.save_books([good, broken])
    assert [b.slug for b in library.all_books()] == ["tides"]
    assert library.open_book("tides") == before


def test_removing_a_book_removes_its_chapters_and_pages(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    removed = library.remove_book("tides")
    assert removed.title == "Tides"
    assert library.all_books() == []
    with pytest.raises(BookNotFound):
        library.read_chapter("tides", 1)


def test_books_are_found_by_slug_or_by_exact_title(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    assert library.open_book("tides").title == "Tides"
    assert library.open_book("TIDES").slug == "tides"


def test_a_title_shared_by_two_books_is_ambiguous_and_lists_their_slugs(library: Library) -> None:
    library.save_books([draft("tides", TIDES), draft("tides-2", TIDES)])
    with pytest.raises(AmbiguousBook) as raised:
        library.open_book("Tides")
    assert (raised.value.ref, raised.value.slugs) == ("Tides", ["tides", "tides-2"])


def test_an_unknown_book_carries_the_books_that_exist(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    with pytest.raises(BookNotFound) as raised:
        library.open_book("moby-dick")
    error = raised.value
    assert (error.ref, error.known, error.total) == ("moby-dick", [Shelved("tides", "Tides")], 1)


def test_an_unknown_book_in_a_large_library_names_a_few_and_counts_all(library: Library) -> None:
    shelf(library, 12)
    with pytest.raises(BookNotFound) as raised:
        library.read_chapter("moby-dick", 1)
    assert len(raised.value.known) == 8
    assert raised.value.total == 14


def test_an_unknown_book_in_an_empty_library_says_there_are_none(library: Library) -> None:
    with pytest.raises(BookNotFound) as raised:
        library.open_book("anything")
    assert (raised.value.known, raised.value.total) == ([], 0)


def test_reading_past_the_last_chapter_carries_how_many_there_are(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    with pytest.raises(ChapterNotFound) as raised:
        library.read_chapter("tides", 4)
    assert (raised.value.book, raised.value.chapter, raised.value.chapters) == ("tides", 4, 3)


def test_a_chapter_asked_for_by_title_is_read_from_the_book_with_that_title(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    assert library.read_chapter("tides", 2).view.title == library.read_chapter("Tides", 2).view.title


def test_a_chapter_knows_its_neighbours_and_its_place_in_the_book(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    middle = library.read_chapter("tides", 2)
    assert (middle.view.chapter, middle.view.chapters) == (2, 3)
    assert (middle.view.previous_title, middle.view.next_title) == ("Low water", "Slack water")
    assert "The sea comes back." in middle.markdown
    assert re.search(r'<p id="p-[0-9a-f]{8}">The sea comes back\.</p>', middle.html)  # blocks carry anchors
    first = library.read_chapter("tides", 1)
    assert first.view.previous_title is None


def test_a_chapter_says_whether_its_book_numbers_its_chapters(library: Library) -> None:
    """A preface in a numbered book has no number to show; in a book that numbers none, each shows its count."""
    tides, plain = draft("tides", TIDES), draft("numbered", TIDES)
    labels = (None, "1", "2")  # a preface, then chapters 1 and 2 as the book numbers them
    labelled = tuple(
        dataclasses.replace(c, label=label) for c, label in zip(plain.chapters, labels, strict=True)
    )
    library.save_books([tides, dataclasses.replace(plain, chapters=labelled)])
    preface, first = (library.read_chapter("numbered", n).view for n in (1, 2))
    assert (preface.numbered, preface.label) == (True, None)
    assert (first.numbered, first.label) == (True, "1")
    assert library.read_chapter("tides", 1).view.numbered is False
    # Numbering is the book's: a new version that drops it is read as a book that numbers none.
    library.save_books([dataclasses.replace(plain, source_hash="changed")])
    assert library.read_chapter("numbered", 1).view.numbered is False


def test_a_long_chapter_is_served_page_by_page(library: Library) -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} " + "word " * 200 for n in range(PAGE_WORD_BUDGET // 100))
    library.save_books([draft("long", f"## Very long\n{paragraphs}\n## Short\nEnd.\n")])
    first = library.read_chapter("long", 1)
    assert first.view.pages >= 2
    last = library.read_chapter("long", 1, page=first.view.pages)
    assert last.view.page == first.view.pages
    assert first.markdown != last.markdown
    with pytest.raises(PageNotFound) as raised:
        library.read_chapter("long", 1, page=99)
    assert (raised.value.page, raised.value.pages) == (99, first.view.pages)


def test_the_library_lists_books_by_title_with_their_chapter_counts(library: Library) -> None:
    library.save_books([draft("tides", TIDES), draft("apples", "# Apples\n## One\nA.\n## Two\nB.\n")])
    books = library.all_books()
    assert [(b.title, b.chapters) for b in books] == [("Apples", 2), ("Tides", 3)]
    assert books[1].author == "A. Shore"


def shelf(library: Library, count: int) -> None:
    # Titles sort as "Book 00", "Book 01", …; two books share the title "Twin", told apart by slug.
    drafts = [draft(f"book-{n:02}", f"# Book {n:02}\n## One\nText.\n") for n in range(count)]
    drafts += [draft(slug, "# Twin\n## One\nText.\n") for slug in ("twin-b", "twin-a")]
    library.save_books(drafts)


def test_browsing_pages_through_the_whole_library_without_overlap_or_gaps(library: Library) -> None:
    shelf(library, BOOKS_PER_PAGE + 5)
    first, second = library.list_books(page=1), library.list_books(page=2)
    assert (first.total, first.pages, len(first.books)) == (BOOKS_PER_PAGE + 7, 2, BOOKS_PER_PAGE)
    assert (second.page, len(second.books)) == (2, 7)
    slugs = [b.slug for b in first.books + second.books]
    assert slugs == [b.slug for b in library.all_books()]
    assert slugs[-2:] == ["twin-a", "twin-b"]  # equal titles keep one order, by slug
    with pytest.raises(ShelfPageNotFound) as raised:
        library.list_books(page=3)
    error = raised.value
    assert (error.page, error.pages, error.total, error.per_page) == (
        3,
        2,
        BOOKS_PER_PAGE + 7,
        BOOKS_PER_PAGE,
    )


def test_browsing_with_a_query_finds_books_by_title_author_or_slug_in_any_case(library: Library) -> None:
    shelf(library, 3)
    library.save_books([draft("tides", TIDES), draft("percent", "# 100% Cotton\n## One\nA.\n")])
    assert [b.slug for b in library.list_books("TWIN").books] == ["twin-a", "twin-b"]
    assert [b.slug for b in library.list_books("shore").books] == ["tides"]  # the author
    assert [b.slug for b in library.list_books("book-01").books] == ["book-01"]
    # A LIKE wildcard in the query is matched as itself.
    assert [b.slug for b in library.list_books("0%").books] == ["percent"]
    assert [b.slug for b in library.list_books("_").books] == []
    nothing = library.list_books("moby")
    assert (nothing.books, nothing.total, nothing.pages, nothing.query) == ([], 0, 1, "moby")
    assert library.list_books("   ").query is None  # a blank query is no query


def test_an_empty_library_browses_as_one_empty_page(library: Library) -> None:
    view = library.list_books()
    assert (view.books, view.total, view.page, view.pages) == ([], 0, 1, 1)


def test_asking_past_the_last_page_of_a_search_carries_the_search(library: Library) -> None:
    library.save_books([draft("tides", TIDES)])
    with pytest.raises(ShelfPageNotFound) as raised:
        library.list_books("tide", page=2)
    assert (raised.value.total, raised.value.pages, raised.value.query) == (1, 1, "tide")
