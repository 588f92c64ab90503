"""load_book(): what the library learns before parsing (slug and why, digest), and what parse() reports."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import MAX_PAGE_BYTES, PAGE_WORD_BUDGET, find_books, highlight_css, load_book, parse_book
from app.ingest.limits import MAX_ANCHOR
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import write


def noisy_png(size: int, seed: int) -> bytes:
    """A real PNG of about `size` bytes that does not compress (so it stays that big)."""
    pixels, state = bytearray(), seed
    while len(pixels) < size:
        state = (state * 1103515245 + 12345) % 2**31
        pixels += state.to_bytes(4, "big")
    width = 256
    height = len(pixels) // (width * 3) + 1
    pixels = pixels[: width * 3 * height].ljust(width * 3 * height, b"\0")
    rows = b"".join(b"\x00" + pixels[y * width * 3 : (y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )


def test_a_readme_takes_its_slug_from_its_title_and_says_so(tmp_path: Path) -> None:
    source = load_book(
        write(tmp_path / "a" / "README.md", "*[English](README.md)*\n\n# My Book\n\n## One\n\nA.\n")
    )
    assert (source.title, source.slug, source.slug_given) == ("My Book", "my-book", False)
    assert source.slug_reason == "from the title 'My Book'"
    assert source.origin == str((tmp_path / "a" / "README.md").resolve())


def test_two_readmes_of_different_books_propose_different_slugs(tmp_path: Path) -> None:
    first = load_book(write(tmp_path / "a" / "README.md", "# Tides\n\n## One\n\nA.\n"))
    second = load_book(write(tmp_path / "b" / "README.md", "# Currents\n\n## One\n\nB.\n"))
    assert (first.slug, second.slug) == ("tides", "currents")
    assert first.origin != second.origin


def test_a_readme_without_a_title_is_named_by_its_folder_never_readme(tmp_path: Path) -> None:
    source = load_book(write(tmp_path / "sea-shanties" / "README.md", "## One\n\nA.\n"))
    assert source.title == "Sea shanties"
    assert "readme" not in source.slug


def test_a_folder_whose_only_file_is_a_short_readme_is_a_book_of_that_readme(tmp_path: Path) -> None:
    # A README with a few words is only a folder's front door when other files are the book.
    write(tmp_path / "tides" / "README.md", "# Tide tables\n\nSee [the almanac](https://example.org).\n")
    draft = load_book(tmp_path / "tides").parse()
    assert [c.title for c in draft.chapters] == ["Introduction"]
    assert "almanac" in draft.chapters[0].pages[0].html


def test_slug_and_title_given_by_the_caller_win_and_are_checked(tmp_path: Path) -> None:
    path = write(tmp_path / "tides.md", "---\nslug: from-front\n---\n# Tides\n\n## One\n\nA.\n")
    source = load_book(path, slug="my-tides", title="The Tides")
    assert (source.slug, source.slug_given, source.slug_reason, source.title) == (
        "my-tides", True, "as given", "The Tides"
    )  # fmt: skip
    assert load_book(path).slug_reason == "from the front matter"
    with pytest.raises(ImportProblem, match="the slug given 'No Good' may hold only"):
        load_book(path, slug="No Good")


def test_a_folder_is_named_by_its_folder_unless_the_name_only_says_where_books_are_kept(
    tmp_path: Path,
) -> None:
    write(tmp_path / "tides" / "a.md", "# A\n\nText.\n")
    assert load_book(tmp_path / "tides").slug_reason == "from the folder name 'tides'"
    write(tmp_path / "site" / "docs" / "index.md", "# Harbour Guide\n\nWelcome to the harbour, a guide.\n")
    write(tmp_path / "site" / "docs" / "a.md", "# A\n\nText.\n")
    docs = load_book(tmp_path / "site" / "docs")
    assert (docs.slug, docs.slug_reason) == ("harbour-guide", "from the title 'Harbour Guide'")


def test_the_digest_is_known_before_parsing_and_covers_includes_and_pictures(tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(book / "SUMMARY.md", "- [Code](code.md)\n")
    write(book / "code.md", "# Code\n\n```rust\n{{#include main.rs}}\n```\n\n![chart](chart.png)\n")
    write(book / "main.rs", "fn main() {}\n")
    (book / "chart.png").write_bytes(noisy_png(100, 1))
    first = load_book(book).source_hash
    assert load_book(book).source_hash == first
    write(book / "main.rs", "fn main() { println!(); }\n")
    second = load_book(book).source_hash
    assert second != first
    (book / "chart.png").write_bytes(noisy_png(100, 2))
    assert load_book(book).source_hash != second


def test_the_digest_does_not_depend_on_where_the_book_lies(tmp_path: Path) -> None:
    for name in ("here", "there"):
        write(tmp_path / name / "book" / "a.md", "# A\n\nText.\n")
    assert (
        load_book(tmp_path / "here" / "book").source_hash
        == load_book(tmp_path / "there" / "book").source_hash
    )


def test_parse_reports_progress_chapter_by_chapter(tmp_path: Path) -> None:
    source = load_book(write(tmp_path / "b.md", "# B\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n"))
    seen: list[tuple[int, int]] = []
    draft = source.parse(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert draft.source_hash == source.source_hash
    assert (draft.slug, draft.origin, draft.slug_given) == ("b", source.origin, False)


def test_a_stub_named_alone_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match=r"stub.md: has no text to read"):
        load_book(write(tmp_path / "stub.md", "# Only a heading\n")).parse()


def test_a_series_of_books_is_one_book_per_sub_folder_and_its_readme_is_none(tmp_path: Path) -> None:
    write(
        tmp_path / "README.md", "# The series\n\n* [Book one](one/README.md)\n* [Book two](two/README.md)\n"
    )
    write(tmp_path / "preface.md", "# Preface\n\nWhy a series.\n")
    write(tmp_path / "CONTRIBUTING.md", "# Contributing\n")
    for name in ("one", "two"):
        write(tmp_path / name / "README.md", f"# Book {name}\n\n* [Chapter](ch1.md)\n")
        write(tmp_path / name / "ch1.md", "# Chapter\n\nText.\n")
    assert [p.name for p in find_books(tmp_path)] == ["one", "two", "preface.md"]
    assert [load_book(p).title for p in find_books(tmp_path)][:2] == ["Book one", "Book two"]


def test_folders_of_loose_notes_are_parts_of_one_book_not_a_series(tmp_path: Path) -> None:
    write(tmp_path / "Start here.md", "# Start here\n\nHow these notes are kept.\n")
    write(tmp_path / "Help.md", "# Help\n\nWhere to ask.\n")
    for folder in ("Knots", "Sails", "Tides"):
        for note in ("One", "Two"):
            write(tmp_path / folder / f"{note}.md", f"# {folder} {note}\n\nA note on {folder.lower()}.\n")
    assert find_books(tmp_path) == [tmp_path]
    draft = load_book(tmp_path).parse()
    assert {c.part for c in draft.chapters if c.title.startswith("Sails")} == {"Sails"}


def test_a_sites_translations_are_left_out_of_its_book_and_said_so(tmp_path: Path) -> None:
    site = tmp_path / "harbour"
    write(
        site / "index.md",
        "# Harbour Guide\n\nA guide to the harbour, its moorings, its tides and its people.\n",
    )
    write(site / "start" / "moorings.md", "# Moorings\n\nPick up the buoy from downwind.\n")
    write(site / "go" / "leaving.md", "# Leaving\n\nA folder named like a language, and not one.\n")
    write(site / "fr" / "index.md", "# Guide du port\n\nUn guide du port.\n")
    write(site / "fr" / "start" / "moorings.md", "# Mouillages\n\nPrenez la bouée.\n")
    draft = load_book(site).parse()
    assert draft.title == "Harbour Guide"
    assert [c.title for c in draft.chapters] == ["Leaving", "Moorings"]  # no "Mouillages"
    assert any("fr/ hold translations of this book, which were left out" in w for w in draft.warnings)


def test_each_language_of_a_site_with_no_default_at_its_top_is_a_book_that_says_its_language(
    tmp_path: Path,
) -> None:
    for language, title in (("en", "Moorings"), ("fr", "Mouillages")):
        write(tmp_path / "harbour" / language / "index.md", "---\nlayout: home\n---\n")
        write(tmp_path / "harbour" / language / "guide" / "moorings.md", f"# {title}\n\nText.\n")
    books = [load_book(path) for path in find_books(tmp_path / "harbour")]
    assert [(b.title, b.language, b.slug) for b in books] == [
        ("Harbour (en)", "en", "harbour-en"),
        ("Harbour (fr)", "fr", "harbour-fr"),
    ]
    # Languages are books of their own even when their pages have no index page to open with.
    for language in ("de", "it"):
        write(tmp_path / "pier" / language / "one.md", f"# One ({language})\n\nText.\n")
        write(tmp_path / "pier" / language / "two.md", f"# Two ({language})\n\nText.\n")
    assert find_books(tmp_path / "pier") == [tmp_path / "pier" / "de", tmp_path / "pier" / "it"]
    # A folder alone with a name like a language's (`cs`, for computer science) is only a name.
    write(tmp_path / "notes" / "cs" / "graphs.md", "# Graphs\n\nText.\n")
    write(tmp_path / "notes" / "cs" / "trees.md", "# Trees\n\nText.\n")
    alone = load_book(tmp_path / "notes" / "cs")
    assert (alone.title, alone.language) == ("Notes", None)


def test_a_draft_page_is_left_out_of_its_book_as_its_site_leaves_it_out_but_read_on_its_own(
    tmp_path: Path,
) -> None:
    write(tmp_path / "site" / "tides.md", "---\ntitle: Tides\n---\nTwice a day.\n")
    draft_page = write(
        tmp_path / "site" / "storms.md", "+++\ntitle = 'Storms'\ndraft = true\n+++\nNot yet.\n"
    )
    book = load_book(tmp_path / "site").parse()
    assert [c.title for c in book.chapters] == ["Tides"]
    assert book.warnings == (
        f"{draft_page}: its front matter says `draft: true`, so it was left out, as its site leaves it out.",
    )
    assert [c.title for c in load_book(draft_page).parse().chapters] == ["Storms"]


def test_broken_front_matter_in_a_folder_is_a_warning_and_its_page_is_read_without_it(
    tmp_path: Path,
) -> None:
    write(tmp_path / "site" / "01-tides.md", "# Tides\n\nTwice a day.\n")
    broken = write(
        tmp_path / "site" / "02-storms.md", "---\ntitle: Storms\nauthor: : bad\n---\n# Gales\n\nWind.\n"
    )
    book = load_book(tmp_path / "site").parse()
    # The page keeps its text and is titled by its heading, since its front matter could not be read.
    assert [c.title for c in book.chapters] == ["Tides", "Gales"]
    assert "Wind." in book.chapters[1].pages[0].html
    (warning,) = book.warnings
    assert warning.startswith(f"{broken}:3: the front matter is not valid YAML")
    assert warning.endswith(
        "Fix it between the --- lines, or remove it. Until then the page is read without it."
    )
    with pytest.raises(ImportProblem, match="front matter is not valid YAML"):
        load_book(broken)  # on its own, the one file is the whole book: refused, as any bad input is


def test_a_readmes_translations_beside_it_or_in_a_translations_folder_are_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    write(
        repo / "README.md",
        "# Knots\n\nA short guide to knots, for sailors and climbers who want fewer of them. "
        + "Tie, dress, set. " * 10
        + "\n",
    )
    write(repo / "README-fr.md", "# Nœuds\n\nUn petit guide des nœuds.\n")
    write(repo / "README.zh-CN.md", "# 绳结\n\n一本关于绳结的小书。\n")
    write(repo / "bowline.md", "# Bowline\n\nA loop that will not slip.\n")
    write(repo / "setup-go.md", "# Setup for the go board\n\nNot a language, a game.\n")
    write(repo / "translations" / "README-de.md", "# Knoten\n\nEin kleines Buch.\n")
    write(repo / "translations" / "how-to-translate.md", "# Translating\n\nCopy README.md and go.\n")
    book = load_book(repo).parse()
    assert [c.title for c in book.chapters] == ["Introduction", "Bowline", "Setup for the go board"]
    assert book.title == "Knots"
    assert sorted(book.warnings) == [
        (
            f"{repo}: README-fr.md, README.zh-CN.md translate files of this book, so they were left out; "
            "import one on its own to read it in that language."
        ),
        (
            f"{repo}: translations/ hold translations of this book, which were left out; import one of them "
            "on its own to read the book in that language."
        ),
    ]
    assert find_books(repo) == [repo]  # not a series with `translations/` as a book of its own
    assert [c.title for c in load_book(repo / "README-fr.md").parse().chapters] == ["Nœuds"]


def test_a_book_written_only_in_languages_keeps_every_file_as_no_original_is_known(tmp_path: Path) -> None:
    write(tmp_path / "guide" / "guide-fr.md", "# Guide\n\nEn français.\n")
    write(tmp_path / "guide" / "guide-de.md", "# Leitfaden\n\nAuf Deutsch.\n")
    book = load_book(tmp_path / "guide").parse()
    assert [c.title for c in book.chapters] == ["Leitfaden", "Guide"]
    assert book.warnings == ()


def test_a_readme_longer_than_a_page_is_cut_at_its_sections_with_the_folders_other_files_after(
    tmp_path: Path,
) -> None:
    # A primer in its README, with a folder of worked solutions beside it.
    sections = "".join(f"## Topic {n}\n\n{'Words about the topic. ' * 250}\n\n" for n in range(1, 4))
    write(tmp_path / "primer" / "README.md", f"# The Primer\n\nWhy this exists.\n\n{sections}")
    write(tmp_path / "primer" / "solutions" / "one.md", "# Solution one\n\nWorked through.\n")
    book = load_book(tmp_path / "primer").parse()
    assert book.title == "The Primer"
    assert [c.title for c in book.chapters] == [
        "Introduction",
        "Topic 1",
        "Topic 2",
        "Topic 3",
        "Solution one",
    ]


def test_a_meta_json_that_names_only_some_pages_leaves_out_the_rest_and_a_broken_one_changes_nothing(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    for name in ("alpha", "beta", "gamma"):
        write(site / f"{name}.md", f"# {name.title()}\n\nText.\n")
    write(site / "meta.json", '{"pages": ["gamma", "alpha"]}')
    book = load_book(site).parse()
    # Fumadocs shows only what "pages" names, unless it holds "..." for the rest.
    assert [c.title for c in book.chapters] == ["Gamma", "Alpha"]
    assert book.warnings == (
        (
            f'{site / "meta.json"}: its "pages" leave out beta.md, which the site does not show, so '
            'neither does the book; add them, or "..." for every other page, to read them.'
        ),
    )
    write(site / "meta.json", '{"pages": ["gamma", "alpha"')
    book = load_book(site).parse()
    assert [c.title for c in book.chapters] == ["Alpha", "Beta", "Gamma"]
    (warning,) = book.warnings
    assert warning.startswith(f"{site / 'meta.json'}: cannot be read as JSON (")


def test_a_nextra_meta_script_orders_and_titles_its_folder_as_data_and_one_that_computes_is_a_warning(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    for name in ("alpha", "beta", "gamma"):
        write(site / f"{name}.mdx", f"# {name.title()}\n\nText.\n")
    write(
        site / "_meta.ts",
        "import type { MetaRecord } from 'nextra'\n\n"
        "// the sidebar, in order\n"
        "const meta: MetaRecord = {\n  gamma: 'Third letter',\n  alpha: { title: 'First letter' },\n"
        "  beta: { display: 'hidden' },\n}\n\nexport default meta\n",
    )
    book = load_book(site).parse()
    assert [c.title for c in book.chapters] == ["Third letter", "First letter"]
    assert book.warnings == ()
    write(site / "_meta.ts", "export default { ...shared, gamma: 'Third letter' }\n")
    book = load_book(site).parse()
    assert [c.title for c in book.chapters] == ["Alpha", "Beta", "Gamma"]
    (warning,) = book.warnings
    assert warning == (
        f"{site / '_meta.ts'}: cannot be read as data (a spread (`...`) on line 1), so the folder keeps "
        "its usual order."
    )


def test_a_broken_notebook_is_left_out_of_a_folder_and_refused_on_its_own(tmp_path: Path) -> None:
    write(
        tmp_path / "course" / "one.ipynb",
        '{"cells": [{"cell_type": "markdown", "source": "# One\\n\\nText."}]}',
    )
    broken = write(tmp_path / "course" / "two.ipynb", '{"cells": [')
    book = load_book(tmp_path / "course").parse()
    assert [c.title for c in book.chapters] == ["One"]
    assert book.warnings == (
        f"{broken}:1: is not a Jupyter notebook: its JSON breaks at line 1 (Expecting value). It was left out.",
    )
    with pytest.raises(ImportProblem, match=r"two.ipynb:1: is not a Jupyter notebook"):
        load_book(broken)


def test_every_picture_fits_a_page_however_many_a_paragraph_shows(tmp_path: Path) -> None:
    names = [f"p{n}.png" for n in range(4)]
    for seed, name in enumerate(names):
        (tmp_path / name).write_bytes(noisy_png(480 * 1024, seed))
    pictures = " ".join(f"![photo {n}]({name})" for n, name in enumerate(names))
    draft = load_book(write(tmp_path / "album.md", f"# Album\n\n## Photos\n\n{pictures}\n")).parse()
    [chapter] = draft.chapters
    assert draft.warnings == ()
    assert all(len(p.html) + len(p.markdown) <= MAX_PAGE_BYTES for p in chapter.pages)
    assert sum(p.html.count('<img src="data:image/png;base64,') for p in chapter.pages) == 4
    assert len(chapter.pages) >= 3


def test_one_giant_paragraph_is_cut_into_pages_at_sentences() -> None:
    sentence = "The tide came in over the flats and went out again by noon. "
    draft = parse_book([SourceFile("b.md", "## Flats\n\n" + sentence * 20_000 + "\n")], slug="b")
    [chapter] = draft.chapters
    assert len(chapter.pages) >= 100
    assert all(p.words <= PAGE_WORD_BUDGET for p in chapter.pages)
    assert all(len(p.html) + len(p.markdown) <= MAX_PAGE_BYTES for p in chapter.pages)
    assert sum(p.words for p in chapter.pages) == chapter.words == 20_000 * 13  # no word cut in two
    # Cut between sentences, each page's paragraph a block with its own anchor.
    assert all(p.markdown.startswith("The tide came in") for p in chapter.pages)
    anchors = [b.anchor for p in chapter.pages for b in p.blocks]
    assert len(anchors) == len(set(anchors))


def test_the_code_stylesheet_is_committed_as_generated_and_small() -> None:
    committed = (Path(__file__).parents[2] / "widgets" / "_code.css").read_text(encoding="utf-8")
    assert committed == highlight_css()
    assert len(committed.encode()) < 2 * 1024
    assert ':root[data-theme="dark"]{--code-k:' in committed


def test_a_very_long_heading_still_gets_an_anchor_the_library_can_store() -> None:
    heading = "A heading that goes on " * 30
    draft = parse_book([SourceFile("b.md", f"# B\n\n## One\n\n### {heading}\n\nText.\n")], slug="b")
    anchors = [block.anchor for page in draft.chapters[0].pages for block in page.blocks]
    assert anchors[0].startswith("h-a-heading-that-goes-on")
    assert all(len(anchor) <= MAX_ANCHOR for anchor in anchors)


def test_doc_comments_are_coloured_as_comments_not_strings() -> None:
    code = '/// The tide\'s height.\nfn height() -> f32 { 1.0 }\nlet s = "text";\n'
    draft = parse_book([SourceFile("b.md", f"# B\n\n## Code\n\n```rust\n{code}```\n")], slug="b")
    html = draft.chapters[0].pages[0].html
    assert '<span class="c">/// The tide\'s height.\n</span>' in html
    assert '<span class="s">"text"</span>' in html


def test_a_link_to_an_id_given_on_another_page_lands_there_and_an_unknown_one_stays_on_its_page(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "book" / "1-one.md", "# One\n\nSee [the tables](#tide-tables) and [nothing](#nowhere).\n"
    )
    write(tmp_path / "book" / "2-two.md", "# Two\n\nText.\n\n## Reading the tables {#tide-tables}\n\nMore.\n")
    html = load_book(tmp_path / "book").parse().chapters[0].pages[0].html
    assert '<a href="#h-reading-the-tables" data-chapter="2">the tables</a>' in html
    assert '<a href="#">nothing</a>' in html


@pytest.mark.parametrize(
    "block",
    [
        "Title: The Lighthouse Keeper\nAuthor: Ada Quay\nDate: 2026\n",  # MultiMarkdown, as Scrivener writes it
        "% The Lighthouse Keeper\n% Ada Quay\n% 2026\n",  # Pandoc's title block
    ],
    ids=["multimarkdown", "pandoc"],
)
def test_a_writers_metadata_block_names_the_book_and_is_no_chapter(tmp_path: Path, block: str) -> None:
    text = f"{block}\n# Dusk\n\nThe lamp was lit.\n\n# Fog\n\nThe fog came in.\n"
    draft = load_book(write(tmp_path / "manuscript.md", text)).parse()
    assert (draft.title, draft.author) == ("The Lighthouse Keeper", "Ada Quay")
    assert [c.title for c in draft.chapters] == ["Dusk", "Fog"]


def test_a_first_line_that_only_looks_like_metadata_stays_prose(tmp_path: Path) -> None:
    text = "Note: the tide tables are for Dover.\n\n# High water\n\nAt noon.\n\n# Low water\n\nAt six.\n"
    draft = load_book(write(tmp_path / "tides.md", text)).parse()
    assert "the tide tables are for Dover" in draft.chapters[0].pages[0].html


def test_a_task_lists_boxes_show_as_marks_and_only_at_a_list_items_start(tmp_path: Path) -> None:
    text = (
        "# Chores\n\n- [ ] wind the clock\n- [x] oil the hinge\n1. [X] paint the door\n"
        "- [the almanac](https://example.org) is no task\n\n```\n- [ ] in code\n```\n"
    )
    html = load_book(write(tmp_path / "chores.md", text)).parse().chapters[0].pages[0].html
    assert "<li>☐ wind the clock</li>" in html
    assert "<li>☑ oil the hinge</li>" in html
    assert "<li>☑ paint the door</li>" in html
    assert "- [ ] in code" in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(
    "info",
    ['ts title="src/harbour.ts"', "ts title='src/harbour.ts'", '{.ts filename="src/harbour.ts"}'],
    ids=["docusaurus", "single-quoted", "quarto"],
)
def test_a_code_blocks_title_shows_above_it_for_the_reader_and_the_model(tmp_path: Path, info: str) -> None:
    text = f"# Setup\n\nPut this in place:\n\n```{info}\nexport const tide = 6;\n```\n"
    draft = load_book(write(tmp_path / "setup.md", text)).parse()
    page = draft.chapters[0].pages[0]
    assert re.search(
        r'<figure id="[^"]+"><figcaption>src/harbour.ts</figcaption><pre tabindex="0">', page.html
    )
    assert "**src/harbour.ts**\n\n```" in page.markdown


def test_a_code_blocks_title_is_text_never_markup(tmp_path: Path) -> None:
    text = '# Setup\n\n```js title="<img src=x onerror=alert(1)>*_x_*"\nlet a;\n```\n'
    page = load_book(write(tmp_path / "setup.md", text)).parse().chapters[0].pages[0]
    assert "<figcaption>&lt;img src=x onerror=alert(1)&gt;*_x_*</figcaption>" in page.html
    assert "**\\<img src=x onerror=alert(1)>\\*\\_x\\_\\***\n\n```js" in page.markdown


def test_a_code_block_with_no_title_has_no_caption(tmp_path: Path) -> None:
    text = "# Setup\n\n```rust,ignore\nfn main() {}\n```\n\n```js {1} showLineNumbers\nlet a;\n```\n"
    page = load_book(write(tmp_path / "setup.md", text)).parse().chapters[0].pages[0]
    assert "<figure>" not in page.html
    assert "```rust\nfn main() {}\n```" in page.markdown


def test_a_gitbooks_book_json_names_the_book_when_it_has_no_book_toml(tmp_path: Path) -> None:
    book = tmp_path / "harbour-guide"
    write(book / "SUMMARY.md", "# Summary\n\n* [Tides](tides.md)\n* [Knots](knots.md)\n")
    write(book / "tides.md", "# Tides\n\nTwice a day.\n")
    write(book / "knots.md", "# Knots\n\nThe bowline first.\n")
    write(book / "book.json", '{"title": "The Harbour Guide", "author": "Ada Quay", "plugins": ["x"]}')
    draft = load_book(book).parse()
    assert (draft.title, draft.author) == ("The Harbour Guide", "Ada Quay")
    write(book / "book.json", '{"title": "The Harbour Guide",}')
    with pytest.raises(ImportProblem) as raised:
        load_book(book).parse()
    assert "book.json is not valid JSON" in str(raised.value)


def test_a_book_s_own_preprocessor_directive_is_left_out_with_one_warning_a_file() -> None:
    from pathlib import PurePosixPath

    from app.ingest import includes

    text = (
        "".join(f"[{name}]: {{{{#DOCS_URL}}}}/{name}.html\n" for name in ("a", "b", "c", "d"))
        + "\nSee {{#DOCS_URL}} and {{#VERSION}}.\n"
    )
    warnings: list[str] = []
    expanded = includes.expand(
        text, file=PurePosixPath("src/types.md"), read=lambda path: "", warn=warnings.append
    )

    assert "{{#" not in expanded
    assert "[a]: /a.html" in expanded
    reason = (
        "is not a directive of mdBook's own (a preprocessor of the book's fills it in when mdBook "
        "builds the book), so it was left out."
    )
    assert warnings == [
        f"src/types.md, lines 1-4, 6: {{{{#DOCS_URL}}}} {reason}",
        f"src/types.md:6: {{{{#VERSION}}}} {reason}",
    ]


def test_a_gitbook_summary_link_from_its_root_stays_inside_the_book(tmp_path: Path) -> None:
    book = tmp_path / "space"
    write(book / ".gitbook.yaml", "root: ./\n")
    write(book / "SUMMARY.md", "# Summary\n\n* [Ropes](/ropes.md)\n* [Away](/../secret.md)\n")
    write(book / "ropes.md", "# Ropes\n\nThree strands, laid right-handed.\n")
    write(tmp_path / "secret.md", "# Secret\n\nNot part of any book.\n")
    draft = load_book(book).parse()
    assert [c.title for c in draft.chapters] == ["Ropes"]
    assert any("links to '/../secret.md', outside the book folder" in w for w in draft.warnings)


def test_a_book_in_another_markup_is_refused_with_how_to_convert_it(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "conf.py", 'project = "Tides"\n')
    write(tmp_path / "docs" / "index.rst", "Tides\n=====\n\nText.\n")
    with pytest.raises(ImportProblem, match=r"It holds reStructuredText.*pandoc -f rst -t gfm page\.rst"):
        find_books(tmp_path / "docs")
    with pytest.raises(ImportProblem, match=r"It is AsciiDoc.*pandoc -f asciidoc"):
        find_books(write(tmp_path / "book.adoc", "= Tides\n"))
