"""The reader's state on the shelf, on SQLite and PostgreSQL: which book leads, which cards show progress, and its cost."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.ingest.draft import BookDraft
from app.library import BOOKS_PER_PAGE, Library
from tests.drafts import book

ANNE, BEN = "host:anne", "host:ben"
# More books than one page holds, titled so that the slug order is the title order.
SLUGS = [f"book-{n:02d}" for n in range(BOOKS_PER_PAGE + 6)]
FIRST, ON_PAGE_ONE, ON_PAGE_TWO = SLUGS[0], SLUGS[3], SLUGS[-1]


@pytest.fixture
def shelf(library: Library) -> Library:
    library.save_books([book(slug, ("One", [f"The first words of {slug}."])) for slug in SLUGS])
    return library


@contextmanager
def statements(library: Library) -> Iterator[list[str]]:
    """The SQL statements the library sends while the block runs."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(library.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(library.engine, "before_cursor_execute", record)


def test_the_book_read_last_leads_the_first_page_even_from_a_later_page(shelf: Library) -> None:
    shelf.save_progress(ANNE, ON_PAGE_ONE, 1, 1)
    shelf.save_progress(ANNE, ON_PAGE_TWO, 1, 1)
    first = shelf.list_books(reader=ANNE)
    assert first.continue_reading is not None
    assert first.continue_reading.slug == ON_PAGE_TWO
    assert first.continue_reading.progress is not None
    assert ON_PAGE_TWO not in [card.slug for card in first.books]
    assert len(first.books) == BOOKS_PER_PAGE
    begun = {card.slug for card in first.books if card.progress is not None}
    assert begun == {ON_PAGE_ONE}


def test_reading_an_earlier_book_again_puts_it_back_in_the_lead(shelf: Library) -> None:
    shelf.save_progress(ANNE, ON_PAGE_TWO, 1, 1)
    shelf.save_progress(ANNE, ON_PAGE_ONE, 1, 1)
    lead = shelf.list_books(reader=ANNE).continue_reading
    assert lead is not None
    assert lead.slug == ON_PAGE_ONE


def test_only_the_first_page_of_the_whole_library_leads_with_a_book(shelf: Library) -> None:
    shelf.save_progress(ANNE, ON_PAGE_TWO, 1, 1)
    second = shelf.list_books(page=2, reader=ANNE)
    assert second.continue_reading is None
    assert [card.progress is not None for card in second.books if card.slug == ON_PAGE_TWO] == [True]
    assert shelf.list_books("book-2", reader=ANNE).continue_reading is None


def test_another_readers_progress_shows_on_no_card_of_theirs(shelf: Library) -> None:
    shelf.save_progress(ANNE, FIRST, 1, 1)
    shelf.save_progress(BEN, ON_PAGE_ONE, 1, 1)
    view = shelf.list_books(reader=BEN)
    assert view.continue_reading is not None
    assert view.continue_reading.slug == ON_PAGE_ONE
    assert {card.slug for card in view.books if card.progress is not None} == {ON_PAGE_ONE}


def test_a_reader_who_has_saved_nothing_costs_the_reading_calls_no_statement_of_their_own(
    shelf: Library,
) -> None:
    with statements(shelf) as sent:
        shelf.list_books(reader=ANNE)
        shelf.open_book(FIRST, reader=ANNE)
        shelf.read_chapter(FIRST, 1, reader=ANNE)
    assert len(sent) == 3


def test_a_reader_with_progress_costs_the_shelf_one_more_statement(shelf: Library) -> None:
    shelf.save_progress(ANNE, ON_PAGE_ONE, 1, 1)
    shelf.save_progress(ANNE, ON_PAGE_TWO, 1, 1)
    with statements(shelf) as sent:
        view = shelf.list_books(reader=ANNE)
    assert view.continue_reading is not None
    assert len(sent) == 2


def test_a_reader_with_marks_costs_opening_a_book_two_more_statements(shelf: Library) -> None:
    shelf.save_progress(ANNE, FIRST, 1, 1)
    shelf.save_bookmark(ANNE, FIRST, 1, 1)
    with statements(shelf) as sent:
        view = shelf.open_book(FIRST, reader=ANNE)
    assert view.progress is not None
    assert (view.highlights, len(view.bookmarks)) == (0, 1)
    # The book with its contents; the setting, place and highlight count; the bookmarks.
    assert len(sent) == 3


def labelled(draft: BookDraft, *labels: str | None) -> BookDraft:
    chapters = tuple(
        dataclasses.replace(c, label=label) for c, label in zip(draft.chapters, labels, strict=True)
    )
    return dataclasses.replace(draft, chapters=chapters)


def test_the_lead_book_names_the_chapter_to_go_on_with_as_the_book_numbers_it(library: Library) -> None:
    plain = book("plain", ("One", ["A."]), ("Two", ["B."]), ("Three", ["C."]))
    numbered = labelled(
        book("numbered", ("Preface", ["P."]), ("Ways", ["W."]), ("Paths", ["X."])), None, "1", "1.1"
    )
    library.save_books([plain, numbered])
    named = {}
    for slug, chapter in (("plain", 3), ("numbered", 3), ("numbered", 1)):
        library.save_progress(ANNE, slug, chapter, 1)
        lead = library.list_books(reader=ANNE).continue_reading
        assert lead is not None
        assert lead.progress is not None
        named[slug, chapter] = lead.progress.label
    # A preface has no number in a book that numbers its chapters: "chapter 1" would contradict it.
    assert named == {("plain", 3): "3", ("numbered", 3): "1.1", ("numbered", 1): None}
