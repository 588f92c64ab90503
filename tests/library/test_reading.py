"""Reading state in the library, on SQLite and PostgreSQL: progress, highlights, bookmarks, and who sees what."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError

from app.errors import (
    BookNotFound,
    ChapterNotFound,
    NoteNotFound,
    NotesWouldBeLost,
    PageNotFound,
    PassageNotFound,
)
from app.library import Library
from app.schema import readers
from tests.drafts import book

ANNE, BEN = "host:anne", "host:ben"
TIDES = book(
    "tides",
    ("Low water", ["The sea goes out and leaves the rocks bare.", "Crabs wait under the weed for the tide."]),
    ("High water", ["The tides come back twice a day.", "At high water the café floods."]),
    ("Slack water", ["For a while nothing moves."]),
    title="Tides",
)


def anchor(draft: object, chapter: int, passage: int) -> str:
    return TIDES.chapters[chapter - 1].pages[0].blocks[passage - 1].anchor


@pytest.fixture
def shelf(library: Library) -> Library:
    library.save_books([TIDES])
    return library


def test_a_reader_who_has_not_begun_has_no_progress_and_leaves_no_trace(shelf: Library) -> None:
    assert shelf.list_books(reader=ANNE).books[0].progress is None
    assert shelf.list_books(reader=ANNE).continue_reading is None
    assert shelf.open_book("tides", reader=ANNE).progress is None
    assert shelf.read_chapter("tides", 1, reader=ANNE).view.furthest_chapter is None


def test_progress_shows_on_the_shelf_the_cover_and_the_page(shelf: Library) -> None:
    saved = shelf.save_progress(ANNE, "tides", 2, 1, anchor(TIDES, 2, 1))
    assert (saved.chapter, saved.page, saved.furthest_chapter) == (2, 1, 2)
    # Chapter 1 holds 17 of the book's 35 words: the reader's page starts 48% of the way in.
    assert saved.percent == 48
    shelf_view = shelf.list_books(reader=ANNE)
    # The shelf also names the chapter for its Continue button (the book view has the contents).
    assert shelf_view.books[0].progress == saved.model_copy(update={"label": "2"})
    assert shelf_view.continue_reading is not None
    assert shelf_view.continue_reading.slug == "tides"
    assert shelf.open_book("Tides", reader=ANNE).progress == saved
    assert shelf.read_chapter("tides", 3, reader=ANNE).view.furthest_chapter == 2


def test_the_furthest_chapter_only_grows_while_the_place_follows_the_reader(shelf: Library) -> None:
    shelf.save_progress(ANNE, "tides", 3, 1)
    back = shelf.save_progress(ANNE, "tides", 1, 1)
    assert (back.chapter, back.furthest_chapter) == (1, 3)


def test_a_place_past_the_end_is_refused_and_a_stale_anchor_is_dropped(shelf: Library) -> None:
    with pytest.raises(ChapterNotFound):
        shelf.save_progress(ANNE, "tides", 9, 1)
    assert shelf.save_progress(ANNE, "tides", 1, 7).page == 1  # a page past the end is the last page
    shelf.save_progress(ANNE, "tides", 1, 1, "p-00000000")
    assert shelf.open_book("tides", reader=ANNE).progress is not None


def test_a_write_may_name_its_book_by_title_and_a_refused_write_leaves_no_reader_behind(
    shelf: Library,
) -> None:
    with pytest.raises(ChapterNotFound, match=r"^book 'tides' has no chapter 9 \(it has 3\)$"):
        shelf.save_progress(ANNE, "Tides", 9, 1)
    with pytest.raises(BookNotFound, match=r"^no book 'Rivers' \(the library has 1\)$"):
        shelf.save_bookmark(ANNE, "Rivers", 1, 1)
    with pytest.raises(PageNotFound, match=r"^chapter 1 of 'tides' has no page 2 \(it has 1\)$"):
        shelf.save_bookmark(ANNE, "Tides", 1, 2)
    with pytest.raises(PassageNotFound, match=r"^chapter 1 of 'tides' has no passage 'p-"):
        shelf.save_highlight(ANNE, "tides", 1, anchor(TIDES, 2, 1), "The tides", "yellow")
    with shelf.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(readers)) == 0
    assert shelf.save_progress(ANNE, "TIDES", 2, 1).percent == 48
    assert shelf.save_bookmark(ANNE, "Tides", 3, 1).chapter == 3
    assert shelf.save_highlight(ANNE, "Tides", 1, anchor(TIDES, 1, 1), "The sea", "blue").book == "tides"
    assert shelf.notes(ANNE, "tides").bookmarks[0].chapter == 3


def test_two_readers_never_see_each_others_state(shelf: Library) -> None:
    shelf.save_progress(ANNE, "tides", 2, 1)
    mark = shelf.save_highlight(ANNE, "tides", 1, anchor(TIDES, 1, 2), "Crabs wait", "green", "Anne's note")
    page = shelf.save_bookmark(ANNE, "tides", 3, 1)
    shelf.save_spoiler_safe(ANNE, False)
    # Ben reads the same book: none of it is his.
    assert shelf.list_books(reader=BEN).books[0].progress is None
    assert shelf.list_books(reader=BEN).continue_reading is None
    opened = shelf.open_book("tides", reader=BEN)
    assert (opened.progress, opened.highlights, opened.bookmarks, opened.spoiler_safe) == (None, 0, [], True)
    assert shelf.read_chapter("tides", 1, reader=BEN).highlights == []
    assert shelf.read_chapter("tides", 3, reader=BEN).view.bookmark is None
    assert shelf.read_chapter("tides", 3, reader=BEN).view.spoiler_safe is True
    notes = shelf.notes(BEN, "tides")
    assert (notes.highlights, notes.bookmarks) == ([], [])
    # And he can change none of it.
    with pytest.raises(NoteNotFound):
        shelf.save_highlight(BEN, "tides", 1, anchor(TIDES, 1, 2), "Crabs", "pink", highlight=mark.id)
    with pytest.raises(NoteNotFound):
        shelf.delete_highlight(BEN, mark.id)
    with pytest.raises(NoteNotFound):
        shelf.delete_bookmark(BEN, page.id)
    mine = shelf.notes(ANNE, "tides")
    assert [(h.quote, h.colour, h.note) for h in mine.highlights] == [("Crabs wait", "green", "Anne's note")]
    assert [b.id for b in mine.bookmarks] == [page.id]
    assert shelf.open_book("tides", reader=ANNE).spoiler_safe is False


def test_a_highlight_is_shown_on_its_page_with_its_citation_in_the_notes(shelf: Library) -> None:
    saved = shelf.save_highlight(ANNE, "tides", 2, anchor(TIDES, 2, 2), "the café floods", "yellow")
    assert saved.citation == "2.2"
    page = shelf.read_chapter("tides", 2, reader=ANNE)
    assert [h["anchor"] for h in page.highlights] == [anchor(TIDES, 2, 2)]
    assert shelf.read_chapter("tides", 1, reader=ANNE).highlights == []
    assert shelf.open_book("tides", reader=ANNE).highlights == 1


def test_a_highlight_must_name_a_passage_of_its_chapter(shelf: Library) -> None:
    with pytest.raises(PassageNotFound):
        shelf.save_highlight(ANNE, "tides", 1, anchor(TIDES, 2, 1), "The tides", "yellow")


def test_the_database_refuses_an_overlong_quote_or_note_and_an_unknown_colour(shelf: Library) -> None:
    passage = anchor(TIDES, 1, 1)
    for quote, colour, note in (
        ("q" * 2001, "yellow", None),
        ("q", "yellow", "n" * 4001),
        ("q", "mauve", None),
    ):
        with pytest.raises((IntegrityError, DataError)):
            shelf.save_highlight(ANNE, "tides", 1, passage, quote, colour, note)
    assert shelf.notes(ANNE).highlights == []


def test_changing_and_deleting_a_highlight(shelf: Library) -> None:
    first = shelf.save_highlight(ANNE, "tides", 1, anchor(TIDES, 1, 1), "rocks bare", "yellow")
    changed = shelf.save_highlight(
        ANNE, "tides", 1, anchor(TIDES, 1, 1), "rocks bare", "blue", "Low tide.", highlight=first.id
    )
    assert (changed.id, changed.colour, changed.note) == (first.id, "blue", "Low tide.")
    shelf.delete_highlight(ANNE, first.id)
    assert shelf.notes(ANNE).highlights == []


def test_bookmarking_a_page_twice_keeps_one_bookmark(shelf: Library) -> None:
    first = shelf.save_bookmark(ANNE, "tides", 2, 1)
    assert shelf.save_bookmark(ANNE, "tides", 2, 1).id == first.id
    assert shelf.read_chapter("tides", 2, reader=ANNE).view.bookmark == first.id
    assert [b.title for b in shelf.open_book("tides", reader=ANNE).bookmarks] == ["High water"]
    with pytest.raises(PageNotFound):
        shelf.save_bookmark(ANNE, "tides", 2, 5)


def test_reimporting_keeps_highlights_of_unchanged_passages_and_flags_changed_ones(shelf: Library) -> None:
    kept = shelf.save_highlight(ANNE, "tides", 2, anchor(TIDES, 2, 1), "The tides", "yellow")
    lost = shelf.save_highlight(ANNE, "tides", 2, anchor(TIDES, 2, 2), "café floods", "pink", "Note it")
    # A new first chapter moves "High water" to chapter 3, and its second passage is rewritten.
    edited = book(
        "tides",
        ("Foreword", ["A word first."]),
        (
            "Low water",
            ["The sea goes out and leaves the rocks bare.", "Crabs wait under the weed for the tide."],
        ),
        ("High water", ["The tides come back twice a day.", "At high water the harbour floods."]),
        title="Tides",
    )
    shelf.save_books([edited])
    notes = {h.id: h for h in shelf.notes(ANNE, "tides").highlights}
    assert (notes[kept.id].chapter, notes[kept.id].changed, notes[kept.id].citation) == (3, False, "3.1")
    assert (notes[lost.id].changed, notes[lost.id].quote, notes[lost.id].note) == (
        True,
        "café floods",
        "Note it",
    )


def test_removing_a_marked_book_asks_what_to_do_with_the_notes(shelf: Library) -> None:
    shelf.save_highlight(ANNE, "tides", 1, anchor(TIDES, 1, 1), "rocks", "yellow")
    shelf.save_bookmark(BEN, "tides", 1, 1)
    with pytest.raises(NotesWouldBeLost) as raised:
        shelf.remove_book("tides")
    assert (raised.value.highlights, raised.value.bookmarks, raised.value.readers) == (1, 1, 2)
    assert shelf.all_books() != []  # nothing was removed
    shelf.remove_book("tides", keep_notes=True)
    kept = shelf.notes(ANNE).highlights
    assert [(h.book, h.book_title) for h in kept] == [("tides", None)]
    # Imported again, the book has its readers' notes back.
    shelf.save_books([dataclasses.replace(TIDES, source_hash="again")])
    assert shelf.open_book("tides", reader=ANNE).highlights == 1
    assert len(shelf.open_book("tides", reader=BEN).bookmarks) == 1
    shelf.remove_book("tides", keep_notes=False)
    assert shelf.notes(ANNE).highlights == []
    assert shelf.notes(BEN).bookmarks == []


def test_two_widgets_of_one_reader_writing_at_once_lose_nothing(shelf: Library) -> None:
    passages = [(chapter, anchor(TIDES, chapter, 1)) for chapter in (1, 2, 3)]
    with ThreadPoolExecutor(6) as pool:
        places = list(pool.map(lambda c: shelf.save_progress(ANNE, "tides", c, 1), [1, 2, 3, 3, 2, 1]))
        marks = list(
            pool.map(
                lambda p: shelf.save_highlight(ANNE, "tides", p[0], p[1], "words", "yellow"), passages * 2
            )
        )
    assert len(places) == 6
    assert shelf.open_book("tides", reader=ANNE).progress is not None
    assert shelf.open_book("tides", reader=ANNE).progress.furthest_chapter == 3  # type: ignore[union-attr]
    assert len({m.id for m in marks}) == 6
    assert len(shelf.notes(ANNE).highlights) == 6
