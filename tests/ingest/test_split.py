"""Splitting into chapters and pages, and the problems ingest reports with their file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import PAGE_WORD_BUDGET, SourceFile, find_books, parse_book, read_book


def book(markdown: str) -> list[str]:
    return [c.title for c in parse_book([SourceFile("b.md", markdown)], slug="b").chapters]


def test_setext_headings_start_chapters_too() -> None:
    assert book("Low water\n---------\n\nOut.\n\nHigh water\n----------\n\nIn.\n") == [
        "Low water",
        "High water",
    ]


def test_a_closing_heading_with_nothing_under_it_neither_makes_a_chapter_nor_hides_the_title(
    tmp_path: Path,
) -> None:
    # A style guide written as a code joke: `# Guide() {` on top, `# };` at the very end.
    guide = tmp_path / "guide.md"
    guide.write_text("# Kettle Guide() {\n\n## Filling\n\nCold water.\n\n## Boiling\n\nWait.\n\n# };\n")
    draft = read_book(guide)
    assert draft.title == "Kettle Guide() {"
    assert [c.title for c in draft.chapters] == ["Filling", "Boiling"]
    assert draft.warnings == ()
    # Two `#` headings with text under each are still chapters, as before.
    assert book("# Filling\n\nCold water.\n\n# Boiling\n\nWait.\n") == ["Filling", "Boiling"]


def test_a_files_first_section_heading_does_not_title_it_unless_it_shares_a_word_with_its_name(
    tmp_path: Path,
) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    # Each lesson opens with the same section heading; the file's name is what tells them apart.
    (lessons / "01_problem_solving.md").write_text("### Introduction\n\nWhy.\n\n### Plan\n\nHow.\n")
    (lessons / "02_dual_boot.md").write_text(
        "### Guide: Dual-boot two systems\n\nIntro.\n\n### Step 1\n\nGo.\n"
    )
    (lessons / "03_notes.md").write_text("## Tidal notes\n\nHigh.\n\n### Low water\n\nLow.\n")
    assert [c.title for c in read_book(lessons).chapters] == [
        "Problem solving",
        "Guide: Dual-boot two systems",
        "Tidal notes",
    ]


def test_heading_markup_is_reduced_to_plain_text_titles() -> None:
    assert book("## The *quiet* `tide`\n\nText.\n") == ["The quiet tide"]


def test_a_long_chapter_is_paged_between_blocks_and_keeps_every_word() -> None:
    paragraph = "Waves fold over the sand and draw back again. " * 30
    items = "\n".join(f"- item {n} of a long list that must stay whole" for n in range(150))
    markdown = (
        "## Long\n\n" + "\n\n".join([paragraph] * 6) + "\n\n" + items + "\n\n" + "\n\n".join([paragraph] * 6)
    )
    [chapter] = parse_book([SourceFile("b.md", markdown)], slug="b").chapters
    assert len(chapter.pages) >= 2
    assert sum(page.words for page in chapter.pages) == chapter.words
    holding_the_list = [page for page in chapter.pages if "<ul" in page.html]
    assert len(holding_the_list) == 1
    assert holding_the_list[0].html.count("<li>") == 150
    for page in chapter.pages:
        assert page.words <= PAGE_WORD_BUDGET


def test_a_list_longer_than_a_page_is_cut_between_items_and_keeps_its_numbering() -> None:
    items = "\n".join(f"{n}. item {n} of a list far longer than one page can hold" for n in range(1, 401))
    [chapter] = parse_book([SourceFile("b.md", f"## Long list\n\n{items}\n")], slug="b").chapters
    assert len(chapter.pages) >= 2
    assert all(page.words <= PAGE_WORD_BUDGET for page in chapter.pages)
    html = "".join(page.html for page in chapter.pages)
    assert html.count("<li>") == 400
    second = chapter.pages[1]
    first_number = int(re.search(r"<ol[^>]* start=\"(\d+)\"", second.html)[1])  # type: ignore[index]
    assert first_number == chapter.pages[0].html.count("<li>") + 1
    assert second.markdown.startswith(f"{first_number}. item {first_number} ")


def test_an_html_table_longer_than_a_page_stays_whole_with_its_tags_over_several_lines() -> None:
    # As GitBook's editor writes tables: a cell's tag opened on one line and closed on the next.
    rows = "".join(
        f'    <tr>\n      <td>setting-{n}</td>\n      <td\n      style="text-align:left">'
        f"{'a value that is described at length ' * 3}</td>\n    </tr>\n"
        for n in range(300)
    )
    markdown = f"## Settings\n\n<table>\n  <tbody>\n{rows}  </tbody>\n</table>\n"
    [chapter] = parse_book([SourceFile("b.md", markdown)], slug="b").chapters
    html = "".join(page.html for page in chapter.pages)
    assert chapter.words > PAGE_WORD_BUDGET
    assert "&lt;" not in html
    assert html.count("<table>") == 1
    assert html.count("<td>") == 600


def test_a_short_chapter_is_one_page_whose_block_carries_its_anchor() -> None:
    [chapter] = parse_book([SourceFile("b.md", "## Short\n\nA few words.\n")], slug="b").chapters
    [page] = chapter.pages
    [block] = page.blocks
    assert block.text == "A few words."
    assert page.html == f'<p id="{block.anchor}">A few words.</p>\n'
    # The model's copy ends each passage with its citation: chapter 1, passage 1.
    assert page.markdown == "A few words. [¶ 1.1]"


def test_the_same_content_always_hashes_the_same_and_changed_content_does_not() -> None:
    first = parse_book([SourceFile("b.md", "## A\n\nText.\n")], slug="b")
    again = parse_book([SourceFile("elsewhere/b.md", "## A\n\nText.\n")], slug="b")
    changed = parse_book([SourceFile("b.md", "## A\n\nText!\n")], slug="b")
    assert first.source_hash == again.source_hash
    assert first.source_hash != changed.source_hash


def test_a_chinese_file_name_gets_an_ascii_slug(tmp_path: Path) -> None:
    path = tmp_path / "慢读.md"
    path.write_text("## 一\n\n读书。\n", encoding="utf-8")
    slug = read_book(path).slug
    assert slug.startswith("book-")
    assert slug.isascii()
    assert read_book(path).slug == slug


def test_a_front_matter_slug_wins_and_must_be_well_formed() -> None:
    assert parse_book([SourceFile("b.md", "---\nslug: my-book\n---\n## A\nB\n")], slug="b").slug == "my-book"
    with pytest.raises(ImportProblem, match="slug 'My Book!' may hold only"):
        parse_book([SourceFile("b.md", "---\nslug: My Book!\n---\n## A\nB\n")], slug="b")


def test_broken_front_matter_names_the_line_of_the_problem() -> None:
    with pytest.raises(ImportProblem) as problem:
        parse_book([SourceFile("b.md", "---\ntitle: ok\nauthor: : bad\n---\n## A\nB\n")], slug="b")
    assert problem.value.line == 3
    assert str(problem.value).startswith("b.md:3: the front matter is not valid YAML")


def test_front_matter_that_is_not_key_value_pairs_is_refused() -> None:
    with pytest.raises(ImportProblem, match="must be `key: value` lines"):
        parse_book([SourceFile("b.md", "---\n- just\n- a list\n---\n## A\nB\n")], slug="b")


def test_a_non_utf8_file_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(b"## Fine\n\nStill fine.\n\nCaf\xe9\n")
    with pytest.raises(ImportProblem) as problem:
        read_book(path)
    assert problem.value.line == 5


def test_a_summary_may_not_reach_outside_the_book(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "SUMMARY.md").write_text("# Summary\n\n- [Out](../secret.md)\n", encoding="utf-8")
    with pytest.raises(
        ImportProblem, match=r"SUMMARY.md:3: links to '../secret.md', outside the book folder"
    ):
        read_book(tmp_path / "book")


def test_a_folder_of_books_is_a_series_and_its_readme_is_not_a_book(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text(f"# Book {name}\n", encoding="utf-8")
        (tmp_path / name / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("About this folder.\n", encoding="utf-8")
    (tmp_path / "loose.md").write_text("## Loose\n\nText.\n", encoding="utf-8")
    assert [p.name for p in find_books(tmp_path)] == ["one", "two", "loose.md"]


def test_a_folder_with_more_chapters_than_sub_folders_is_one_book_whose_sub_folders_are_parts(
    tmp_path: Path,
) -> None:
    for name in ("intro.md", "usage.md", "faq.md"):
        (tmp_path / name).write_text(f"# {name[:-3].title()}\n\nText.\n", encoding="utf-8")
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "first.md").write_text("# First guide\n\nText.\n", encoding="utf-8")
    (tmp_path / "guides" / "second.md").write_text("# Second guide\n\nText.\n", encoding="utf-8")
    assert find_books(tmp_path) == [tmp_path]
    draft = read_book(tmp_path)
    assert [(c.title, c.part) for c in draft.chapters] == [
        ("Faq", None),
        ("Intro", None),
        ("Usage", None),
        ("First guide", "Guides"),
        ("Second guide", "Guides"),
    ]


def test_a_file_that_is_not_markdown_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"notes.txt: not a Markdown file"):
        find_books(path)


def notes_of(html: str) -> dict[str, str]:
    """Each footnote on a page, by its number: the id its marks link to."""
    return {
        number: anchor
        for anchor, number in re.findall(r'<li id="(p-[0-9a-f]{8}(?:-\d+)?)" value="(\d+)">', html)
    }


def marks_of(html: str) -> list[tuple[str, str]]:
    """Each footnote mark on a page: (the number it shows, the id it links to)."""
    return [
        (n, a)
        for a, n in re.findall(r'<sup class="footnote-ref"><a href="#([^"]+)">\[(\d+)\]</a></sup>', html)
    ]


def test_each_chapter_carries_the_footnotes_it_cites_numbered_from_one() -> None:
    markdown = (
        "## Tides\n\nThe moon pulls[^moon] and the sun helps[^sun].\n\n"
        "## Shores\n\nSand moves[^sun], then moves again[^sun].\n\n"
        "## Calm\n\nNo notes here.\n\n"
        "[^moon]: About 27 days a lap.\n[^sun]: Less than half as strongly.\n"
    )
    tides, shores, calm = [c.pages[0] for c in parse_book([SourceFile("b.md", markdown)], slug="b").chapters]
    assert set(notes_of(tides.html)) == {"1", "2"}
    assert "About 27 days" in tides.html
    assert "Less than half" in tides.html
    # The sun's note is the second in the file but the first in its chapter: it is [1] there,
    # and both marks link to the one copy on that page.
    notes = notes_of(shores.html)
    assert list(notes) == ["1"]
    assert "About 27 days" not in shores.html
    assert marks_of(shores.html) == [("1", notes["1"]), ("1", notes["1"])]
    assert "footnote" not in calm.html
    # The model reads the notes too, under the numbers the marks show.
    assert shores.markdown == (
        "Sand moves[^1], then moves again[^1]. [¶ 2.1]\n\n[^1]: Less than half as strongly. [¶ 2.2]"
    )


def test_a_paged_chapter_puts_each_note_on_the_page_that_cites_it() -> None:
    paragraph = "Waves fold over the sand and draw back again. " * 30
    body = "\n\n".join([paragraph] * 12)
    markdown = f"## Long\n\nFirst[^a].\n\n{body}\n\nLast[^b].\n\n[^a]: Early note.\n[^b]: Late note.\n"
    [chapter] = parse_book([SourceFile("b.md", markdown)], slug="b").chapters
    first, *_, last = chapter.pages
    assert "Early note" in first.html
    assert "Late note" not in first.html
    assert "Late note" in last.html
    assert "Early note" not in last.html
    # Numbered through the chapter, so the last page's only note is [2], and its mark links to it.
    assert list(notes_of(last.html)) == ["2"]
    assert marks_of(last.html) == [("2", notes_of(last.html)["2"])]
    # Passages count on through the chapter's pages: the last page's marks carry on from the first's.
    passages = sum(len(page.blocks) for page in chapter.pages)
    assert last.markdown.endswith(f"Last[^2]. [¶ 1.{passages - 1}]\n\n[^2]: Late note. [¶ 1.{passages}]")


def test_a_footnote_mark_in_a_chapter_heading_stays_out_of_the_title() -> None:
    assert book("## Tides[^a]\n\nText.\n\n[^a]: A note.\n") == ["Tides"]


def test_the_model_can_cite_a_code_block_or_a_table_without_breaking_it() -> None:
    markdown = "## Listing\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n"
    [chapter] = parse_book([SourceFile("c.md", markdown)], slug="c").chapters
    [page] = chapter.pages
    # A mark after a closing fence or a table row would change them: it goes on a line of its own.
    assert "```rust\nfn main() {}\n```\n\n[¶ 1.1]" in page.markdown
    assert "| 1 | 2 |\n\n[¶ 1.2]" in page.markdown
    assert page.markdown.endswith("- two [¶ 1.3]")


def test_an_inline_note_is_numbered_and_kept_in_its_own_chapter() -> None:
    markdown = (
        "## One\n\nA claim.[^a]\n\n[^a]: First note.\n\n## Two\n\nMore^[A note written inline.] text.\n"
    )
    one, two = [c.pages[0] for c in parse_book([SourceFile("b.md", markdown)], slug="b").chapters]
    assert "First note" in one.html
    assert "A note written inline" not in one.html
    # The inline note is chapter two's only note: it is [1] there, and its mark links to it.
    notes = notes_of(two.html)
    assert list(notes) == ["1"]
    assert "A note written inline" in two.html
    assert marks_of(two.html) == [("1", notes["1"])]
    assert two.markdown == "More[^1] text. [¶ 2.1]\n\n[^1]: A note written inline. [¶ 2.2]"
