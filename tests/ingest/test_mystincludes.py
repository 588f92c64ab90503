"""MyST's `{include}` and `{literalinclude}`: another file's text or code, only from inside the book."""

from __future__ import annotations

from pathlib import Path

from app.ingest import parse_book, read_book
from app.ingest.draft import BookDraft
from app.ingest.mystincludes import expand
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import markdown_of, problems, write

SCRIPT = 'def kindle():\n    """Light it."""\n    return "flame"\n\n\nclass Smoker:\n    pass\n'


def html_of(draft: BookDraft) -> str:
    return "".join(page.html for chapter in draft.chapters for page in chapter.pages)


def test_text_without_an_include_comes_back_as_it_was() -> None:
    text = "# Notes\n\n```{note}\nA plain note.\n```\n"

    def never(path: object) -> str:
        raise AssertionError("nothing should be read")

    assert expand(text, file=Path("a.md"), site_root=Path(), read=never, warn=print) is text  # type: ignore[arg-type]


def test_a_file_outside_the_book_is_never_read_whether_by_dots_or_by_a_symlink(tmp_path: Path) -> None:
    write(tmp_path / "secret.md", "The hive key is under the third stone.\n")
    write(
        tmp_path / "book" / "notes.md",
        "# Notes\n\nBefore.\n\n```{include} ../secret.md\n```\n\n```{literalinclude} key.txt\n```\n\nAfter.\n",
    )
    (tmp_path / "book" / "key.txt").symlink_to(tmp_path / "secret.md")
    draft = read_book(tmp_path / "book")
    assert "third stone" not in markdown_of(draft) + html_of(draft)
    assert markdown_of(draft) == "Before.\n\nAfter."
    assert problems(draft)[0] == "{include} ../secret.md leads outside the book's folder, so it was left out."
    assert problems(draft)[1].startswith("{literalinclude} key.txt: 'key.txt' is outside the book's folder")
    assert draft.warnings[1].startswith("notes.md:8: ")


def test_an_include_that_includes_itself_stops_at_the_depth_limit_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "book" / "loop.md", "# Loop\n\nRound again.\n\n```{include} loop.md\n```\n")
    draft = read_book(tmp_path / "book")
    assert markdown_of(draft).count("Round again.") == 11
    assert problems(draft) == ["{include} loop.md is nested more than 10 deep, so it was left out."]


def test_a_literal_or_code_include_is_a_code_block_not_markdown(tmp_path: Path) -> None:
    write(tmp_path / "book" / "hive.md", "# Hive\n\n```{include} frames.txt\n:literal:\n```\n\n"
          ":::{include} kindle.py\n:code: python\n:start-line: 1\n:end-line: 3\n:::\n")  # fmt: skip
    write(tmp_path / "book" / "frames.txt", "# not a heading\n*not emphasis*\n")
    write(tmp_path / "book" / "kindle.py", SCRIPT)
    draft = read_book(tmp_path / "book")
    assert markdown_of(draft) == (
        '```\n# not a heading\n*not emphasis*\n```\n\n```python\n    """Light it."""\n    return "flame"\n```'
    )


def test_a_pyobject_is_not_picked_out_so_the_whole_file_shows_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "book" / "hive.md", "# Hive\n\n```{literalinclude} kindle.py\n:pyobject: Smoker\n```\n")
    write(tmp_path / "book" / "kindle.py", SCRIPT)
    draft = read_book(tmp_path / "book")
    assert markdown_of(draft) == "```py\n" + SCRIPT + "```"
    assert problems(draft) == [
        (
            "{literalinclude} kindle.py: picking `:pyobject: Smoker` out needs Python's parser, which ingest "
            "does not run, so the whole file is shown."
        )
    ]


def test_a_selection_that_finds_nothing_leaves_the_directive_out_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "book" / "hive.md", "# Hive\n\nOne.\n\n```{literalinclude} kindle.py\n:start-at: queen\n```\n\n"
          "```{literalinclude} kindle.py\n:lines: two\n```\n")  # fmt: skip
    write(tmp_path / "book" / "kindle.py", SCRIPT)
    draft = read_book(tmp_path / "book")
    assert markdown_of(draft) == "One."
    assert problems(draft) == [
        "{literalinclude} kindle.py: 'kindle.py' has no line holding 'queen' to start at, so it was left out.",
        (
            "{literalinclude} kindle.py: 'kindle.py' has `:lines: two`, which is not line numbers like 2-5,8, "
            "so it was left out."
        ),
    ]


def test_relative_docs_make_links_with_the_prefix_lead_from_the_page(tmp_path: Path) -> None:
    write(tmp_path / "book" / "docs" / "news" / "changes.md",
          "# Changes\n\n```{include} ../../CHANGES.md\n:relative-docs: docs/\n```\n")  # fmt: skip
    write(tmp_path / "book" / "docs" / "guide.md", "# Guide\n\nThe guide.\n")
    write(
        tmp_path / "book" / "CHANGES.md",
        "Read [the guide](docs/guide.md) and [the site](https://example.org).\n",
    )
    draft = read_book(tmp_path / "book")
    changes = next(chapter for chapter in draft.chapters if chapter.title == "Changes")
    guide = next(number for number, chapter in enumerate(draft.chapters, 1) if chapter.title == "Guide")
    assert f'<a href="#" data-chapter="{guide}">the guide</a>' in changes.pages[0].html
    assert '<a href="https://example.org">the site</a>' in changes.pages[0].html


def test_an_include_in_a_book_given_as_text_is_a_warning_not_raw_text() -> None:
    book = parse_book([SourceFile("a.md", "# A\n\nText.\n\n```{include} b.md\n```\n")], slug="a")
    assert "include" not in html_of(book)
    assert problems(book) == [
        "{include} b.md: 'b.md' cannot be read: this book was given as text, not files. The directive was left out."
    ]


def test_included_html_goes_through_the_same_sanitiser(tmp_path: Path) -> None:
    write(tmp_path / "book" / "page.md", "# Page\n\n```{include} part.txt\n```\n")
    write(tmp_path / "book" / "part.txt",
          '<img src="x" onerror="alert(1)">\n\n<script>alert(2)</script>\n\nKind <b>words</b>.\n')  # fmt: skip
    html = html_of(read_book(tmp_path / "book"))
    assert "alert" not in html
    assert "onerror" not in html
    assert "<b>words</b>" in html


def test_a_code_block_caption_titles_the_code() -> None:
    book = parse_book(
        [SourceFile("a.md", "# A\n\n```{code-block} sh\n:caption: Start the timer\nrun\n```\n")], slug="a"
    )
    assert '"><figcaption>Start the timer</figcaption><pre tabindex="0"><code>run\n' in html_of(book)
    assert markdown_of(book) == "**Start the timer**\n\n```sh\nrun\n```"


def test_a_role_whose_closing_backtick_was_forgotten_still_reads_as_its_words() -> None:
    text = "# A\n\n(queen)=\n## The queen\n\n- See {ref}`the queen's cell <queen>\n- And more.\n"
    book = parse_book([SourceFile("a.md", text)], slug="a")
    assert "{ref}" not in html_of(book)
    assert "- See [the queen's cell](#" in markdown_of(book)


def test_an_attribute_list_with_a_quoted_value_holding_spaces_leaves_the_prose() -> None:
    text = '# A\n\nVisit <https://example.org>{.button title="the club site"} today.\n'
    book = parse_book([SourceFile("a.md", text)], slug="a")
    assert markdown_of(book) == "Visit https://example.org today."
