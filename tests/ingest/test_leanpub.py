"""Leanpub manuscripts: what the golden book leanpub-manuscript cannot show on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, read_book
from app.ingest.limits import MAX_FILE_BYTES
from tests.ingest.helpers import markdown_of, problems, write


def test_a_repository_holding_a_manuscript_is_one_book_titled_by_its_readme(tmp_path: Path) -> None:
    book = tmp_path / "tide-tables"
    write(book / "README.md", "# Reading Tide Tables\n\nThe manuscript of a book for Leanpub.\n")
    write(book / "manuscript" / "Book.txt", "one.md\ntwo.md\n")
    write(book / "manuscript" / "one.md", "# High Water\n\nThe sea at its highest.\n")
    write(book / "manuscript" / "two.md", "# Low Water\n\nThe sea at its lowest.\n")
    assert find_books(book) == [book]
    draft = read_book(book)
    assert draft.title == "Reading Tide Tables"
    assert [c.title for c in draft.chapters] == ["High Water", "Low Water"]  # the README is no chapter


def test_the_manuscript_folder_imported_alone_is_named_by_the_folder_that_holds_it(tmp_path: Path) -> None:
    manuscript = tmp_path / "tide-tables" / "manuscript"
    write(manuscript / "Book.txt", "two.txt\none.txt\n")
    write(manuscript / "one.txt", "# High Water\n\nThe sea at its highest.\n")
    write(manuscript / "two.txt", "# Low Water\n\nThe sea at its lowest.\n")
    draft = read_book(manuscript)
    assert draft.title == "Tide tables"
    assert [c.title for c in draft.chapters] == ["Low Water", "High Water"]  # Book.txt's order, .txt read


def test_a_file_book_txt_names_outside_the_book_is_never_read(tmp_path: Path) -> None:
    write(tmp_path / "secret.md", "# Secret\n\nThe harbour master's password.\n")
    manuscript = tmp_path / "book" / "manuscript"
    write(manuscript / "Book.txt", "../../secret.md\nchapter.md\n")
    write(manuscript / "chapter.md", "# Chapter\n\nText.\n")
    draft = read_book(manuscript)
    assert "password" not in markdown_of(draft)
    assert [c.title for c in draft.chapters] == ["Chapter"]
    assert any("secret.md" in problem for problem in problems(draft))


def test_leanpubs_marks_are_read_only_in_a_leanpub_book(tmp_path: Path) -> None:
    text = "# Notes\n\nA line of prose.\n\nW> Not an aside outside a manuscript.\n\n{pagebreak}\n"
    draft = read_book(write(tmp_path / "notes.md", text))
    html = draft.chapters[0].pages[0].html
    assert "W&gt; Not an aside" in html
    assert "{pagebreak}" in html


def test_a_book_txt_that_cannot_be_read_stops_the_import_and_says_why(tmp_path: Path) -> None:
    manuscript = tmp_path / "book" / "manuscript"
    write(manuscript / "chapter.md", "# Chapter\n\nText.\n")
    with (manuscript / "Book.txt").open("wb") as listing:
        listing.truncate(MAX_FILE_BYTES + 1)  # sparse: over the limit without writing 20 MB
    with pytest.raises(ImportProblem, match=r"Book\.txt: is .* over .* one a line"):
        read_book(manuscript)


def test_a_caption_line_titles_the_code_block_under_it(tmp_path: Path) -> None:
    manuscript = tmp_path / "tide-tables" / "manuscript"
    write(manuscript / "Book.txt", "one.md\n")
    text = (
        '# High Water\n\n{caption: "The tide, rising, in code"}\n```python\nrise()\n```\n\n'
        '{caption: \'A "quoted" fall\'}\n```python\nfall()\n```\n\n{caption: "Under a paragraph"}\nNo code here.\n'
    )
    write(manuscript / "one.md", text)
    page = read_book(manuscript).chapters[0].pages[0]
    assert "<figcaption>The tide, rising, in code</figcaption>" in page.html
    assert "<figcaption>A &quot;quoted&quot; fall</figcaption>" in page.html
    assert "Under a paragraph" not in page.html  # a caption of anything but code goes, as before
    assert "**The tide, rising, in code**\n\n```python\nrise()" in page.markdown
