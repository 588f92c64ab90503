"""MyST directives a web page shows nothing of: `{index}`, `{raw} <format>`; and `{raw} html`."""

from __future__ import annotations

from pathlib import Path

from app.ingest import load_book
from tests.ingest.helpers import markdown_of, problems, write


def test_index_entries_and_raw_text_for_other_formats_leave_no_hole_to_warn_about(tmp_path: Path) -> None:
    page = write(
        tmp_path / "tides.md",
        "# Tides\n\n```{index} single: tides; spring\n```\n\nSpring tides come at full moon.\n\n"
        "```{raw} jupyter\n<div>notebook header</div>\n```\n\n```{raw} latex\n\\newpage\n```\n",
    )
    book = load_book(page).parse()
    assert markdown_of(book) == "Spring tides come at full moon."
    assert book.warnings == ()


def test_raw_html_is_the_sites_html_sanitised_like_any_other(tmp_path: Path) -> None:
    page = write(
        tmp_path / "tides.md",
        "# Tides\n\n```{raw} html\n<table><tr><td>spring</td><td>5.1 m</td></tr></table>\n"
        '<script src="https://comments.example/embed.js"></script>\n```\n\nAfter.\n\n```{raw}\nno format\n```\n',
    )
    book = load_book(page).parse()
    html = book.chapters[0].pages[0].html
    assert "<td>spring</td><td>5.1 m</td>" in html
    assert "<script" not in html
    assert "embed.js" not in html
    assert "no format" not in html
    assert problems(book) == [
        "MyST directives only a Jupyter Book or Sphinx build can carry out ({raw}) were left out."
    ]


def test_a_jupyter_books_table_of_contents_directive_is_the_readers_contents(tmp_path: Path) -> None:
    write(tmp_path / "book" / "_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: tides\n")
    write(
        tmp_path / "book" / "intro.md",
        "# Sea Notes\n\nNotes kept on a harbour wall over a year of tides, storms and quiet mornings, "
        "with a chapter for each thing the sea taught, and what follows:\n\n```{tableofcontents}\n```\n",
    )
    write(tmp_path / "book" / "tides.md", "# Tides\n\nTwice a day.\n")
    book = load_book(tmp_path / "book").parse()
    assert book.chapters[-1].title == "Tides"
    assert book.warnings == ()
