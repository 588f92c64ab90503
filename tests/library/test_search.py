"""Full-text search in the library, on SQLite and on PostgreSQL: words, variants, phrases, CJK, and consistency."""

from __future__ import annotations

import dataclasses

import pytest

from app.errors import BookNotFound, EmptyQuery, SearchPageNotFound
from app.library import COUNT_LIMIT, HITS_PER_PAGE, Library
from app.search import parse_query, snippet
from tests.drafts import book

# Sentences from the Chinese sample book (content/slow-reading-zh.md).
TRAIN = "有一次出差，火车在山里晚点了四个小时。车厢里没有信号，我只带了一本薄薄的散文集。"
SUBWAY = "直到有一年，我每天要坐五十分钟的地铁上班。早高峰的车厢里挤得转不开身。"


TIDES = book(
    "tides",
    ("Low water", ["The sea goes out and leaves the rocks bare.", "Crabs wait under the weed for the tide."]),
    (
        "High water",
        [
            "The tides come back twice a day, tides upon tides.",
            "At high water the café by the harbour floods.",
        ],
    ),
    ("Slack water", ["For a while nothing moves: water high and still."]),
)
SLOW = book("slow", ("火车", [TRAIN]), ("地铁", [SUBWAY]), title="慢读小记")


def found(library: Library, query: str, **options: object) -> list[tuple[str, int, str]]:
    view = library.search(query, **options)  # type: ignore[arg-type]
    return [(hit.book, hit.chapter, hit.citation) for hit in view.hits]


@pytest.fixture
def shelf(library: Library) -> Library:
    library.save_books([TIDES, SLOW])
    return library


def test_a_word_finds_its_passages_best_first(shelf: Library) -> None:
    # "tides" three times in one passage outranks a single "tide".
    assert found(shelf, "tides") == [("tides", 2, "2.1"), ("tides", 1, "1.2")]


def test_simple_variants_case_and_accents_do_not_matter(shelf: Library) -> None:
    assert [c for _, _, c in found(shelf, "TIDE")] == ["2.1", "1.2"]
    assert found(shelf, "cafe") == [("tides", 2, "2.2")]
    assert found(shelf, "CAFÉ") == [("tides", 2, "2.2")]


def test_a_quoted_phrase_matches_only_its_words_in_order(shelf: Library) -> None:
    assert found(shelf, '"high water"') == [("tides", 2, "2.2")]
    assert found(shelf, '"water high"') == [("tides", 3, "3.1")]
    assert {c for _, _, c in found(shelf, "water high")} == {"2.2", "3.1"}


def test_every_word_must_match(shelf: Library) -> None:
    assert found(shelf, "crabs weed") == [("tides", 1, "1.2")]
    assert found(shelf, "crabs harbour") == []


@pytest.mark.parametrize(
    ("query", "chapter"), [("火车", 1), ("晚点", 1), ("晚点了四个", 1), ("地铁", 2), ("上班", 2)]
)
def test_chinese_queries_of_two_characters_or_more_find_their_sentences(
    shelf: Library, query: str, chapter: int
) -> None:
    assert found(shelf, query) == [("slow", chapter, f"{chapter}.1")]


def test_chinese_characters_match_only_side_by_side_and_in_order(shelf: Library) -> None:
    assert found(shelf, "车火") == []
    assert {c for _, _, c in found(shelf, "车厢")} == {"1.1", "2.1"}


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("tide", ["tide", "tides", "Tide-pool"]),  # words that start with it, in any case
        ("mail", ["mail"]),  # not inside e-mail or email's
        ("cafe", ["Café", "CAFÉS"]),  # accents do not matter
        ("t", ["the", "tide", "tides", "Tide-pool"]),  # not the t of don't, a word that starts with d
        ("don", ["don't"]),
    ],
)
def test_a_snippet_marks_whole_words_that_start_with_the_query(query: str, marked: list[str]) -> None:
    text = "E-mail about the mail: 'tide' tides, a Tide-pool, don't. Café, CAFÉS."
    parts = snippet(text, parse_query(query))
    assert "".join(parts) == text
    assert parts[1::2] == marked


def test_snippets_mark_the_hits_and_show_no_index_separators(shelf: Library) -> None:
    [hit] = shelf.search("晚点").hits
    assert "".join(hit.snippet).startswith("有一次出差，火车在山里晚点了")
    assert hit.snippet[1] == "晚点"
    assert "\u200b" not in "".join(hit.snippet)
    [cafe] = shelf.search("cafe").hits
    assert cafe.snippet[1] == "café"


def test_a_search_can_be_limited_to_one_book_by_slug_or_title(shelf: Library) -> None:
    assert found(shelf, "车厢", book="slow") != []
    assert found(shelf, "车厢", book="tides") == []
    view = shelf.search("车厢", book="慢读小记")
    assert (view.book, view.book_title) == ("slow", "慢读小记")
    with pytest.raises(BookNotFound):
        shelf.search("tide", book="moby-dick")


@pytest.mark.parametrize("query", ["tides AND (", '"tides', "NEAR(tides", "tides*:^", "-tides", 'tides OR "'])
def test_operators_and_stray_quotes_are_searched_as_plain_words_never_an_error(
    shelf: Library, query: str
) -> None:
    # Each of these holds the word "tides" (and maybe AND, OR, NEAR as words): never a syntax error.
    hits = shelf.search(query).hits
    assert all(hit.book == "tides" for hit in hits)


@pytest.mark.parametrize("query", ["", "   ", "!!!", '""'])
def test_an_empty_query_is_refused(shelf: Library, query: str) -> None:
    with pytest.raises(EmptyQuery):
        shelf.search(query)


def test_results_come_ten_a_page_and_a_page_past_the_end_is_refused(library: Library) -> None:
    many = book("many", ("All", [f"Paragraph {n} about the moon." for n in range(25)]))
    library.save_books([many])
    first, third = library.search("moon"), library.search("moon", page=3)
    assert (first.total, first.pages, len(first.hits)) == (25, 3, HITS_PER_PAGE)
    assert len(third.hits) == 5
    seen = {hit.anchor for n in (1, 2, 3) for hit in library.search("moon", page=n).hits}
    assert len(seen) == 25
    with pytest.raises(SearchPageNotFound) as raised:
        library.search("moon", page=4)
    assert (raised.value.page, raised.value.pages) == (4, 3)


def test_a_search_with_no_match_is_one_empty_page(shelf: Library) -> None:
    view = shelf.search("whale")
    assert (view.hits, view.total, view.page, view.pages) == ([], 0, 1, 1)


def test_counting_stops_at_the_limit_and_says_there_are_more(library: Library) -> None:
    many = book("many", ("All", [f"Star number {n}." for n in range(COUNT_LIMIT + 5)]))
    library.save_books([many])
    view = library.search("star")
    assert (view.total, view.more) == (COUNT_LIMIT, True)


def test_up_to_the_limit_every_match_is_ranked_and_past_it_they_come_in_reading_order(
    library: Library,
) -> None:
    lines = [f"Star number {n}." for n in range(COUNT_LIMIT)]
    lines[499] = "Star, star, star, star."
    library.save_books([book("many", ("All", lines))])
    ranked = library.search("star")
    assert (ranked.total, ranked.more) == (COUNT_LIMIT, False)
    assert ranked.hits[0].citation == "1.500"
    library.save_books([book("more", ("All", [*lines, "Star number 1000."]))])
    in_order = library.search("star", book="more")
    assert (in_order.total, in_order.more, in_order.pages) == (
        COUNT_LIMIT,
        True,
        COUNT_LIMIT // HITS_PER_PAGE,
    )
    assert [hit.citation for hit in in_order.hits] == [f"1.{n}" for n in range(1, HITS_PER_PAGE + 1)]
    last = library.search("star", book="more", page=in_order.pages)
    assert [hit.citation for hit in last.hits][-1] == f"1.{COUNT_LIMIT}"


def test_searching_one_book_ranks_that_books_matches_only(shelf: Library) -> None:
    shelf.save_books([book("more-tides", ("Tides", ["Tides, tides, tides, tides and tides."]))])
    assert found(shelf, "tides")[0][0] == "more-tides"
    assert found(shelf, "tides", book="tides") == [("tides", 2, "2.1"), ("tides", 1, "1.2")]


def test_the_index_follows_every_update_and_removal(shelf: Library) -> None:
    changed = book("tides", ("Only", ["The whales sing at dusk."]))
    shelf.save_books([dataclasses.replace(changed, source_hash="changed")])
    assert found(shelf, "tide") == []
    assert found(shelf, "whales") == [("tides", 1, "1.1")]
    shelf.remove_book("tides")
    assert found(shelf, "whales") == []
    assert found(shelf, "火车") == [("slow", 1, "1.1")]


def test_a_failed_import_leaves_nothing_findable(shelf: Library) -> None:
    good = book("good", ("One", ["A lighthouse on the point."]))
    broken = book("broken", ("Two", ["A lighthouse keeper."]))
    broken = dataclasses.replace(broken, chapters=(dataclasses.replace(broken.chapters[0], title=None),))  # type: ignore[arg-type]
    with pytest.raises(Exception, match=r"(?i)null"):
        shelf.save_books([good, broken])
    assert found(shelf, "lighthouse") == []


def test_a_citation_opens_the_page_that_holds_the_passage(shelf: Library) -> None:
    assert shelf.read_chapter("tides", 1, at="¶ 2.2").view.chapter == 2
    # The view names the passage by its anchor, whichever way it was asked for.
    second = shelf.search("cafe").hits[0]
    assert shelf.read_chapter("tides", 2, at="2").view.at == second.anchor
    anchor = shelf.search("cafe").hits[0].anchor
    assert shelf.read_chapter("tides", 2, at=anchor).view.page == 1
