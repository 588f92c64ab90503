"""Writerside projects: includes and code from files stay inside the book, and never loop."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from tests.ingest.helpers import write

CONFIG = '<ihp version="2.0"><topics dir="topics"/><snippets src="code"/><instance src="b.tree"/></ihp>'


def project(folder: Path, *topics: str) -> None:
    write(folder / "writerside.cfg", CONFIG)
    entries = "".join(f'<toc-element topic="{name}"/>' for name in topics)
    write(folder / "b.tree", f'<instance-profile id="b" name="Harbour Notes">{entries}</instance-profile>')


def test_a_writerside_folder_inside_a_repository_makes_the_repository_one_book(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    project(repo / "Writerside", "tides.md")
    write(repo / "Writerside" / "topics" / "tides.md", "# Tides\n\nTwice a day the water climbs the wall.\n")
    write(repo / "examples" / "README.md", "# Example code\n\nNot a chapter.\n")

    assert find_books(repo) == [repo]
    draft = read_book(repo)
    assert draft.title == "Harbour Notes"
    assert [chapter.title for chapter in draft.chapters] == ["Tides"]


def test_code_and_includes_that_lead_outside_the_book_are_left_out_with_a_warning(tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(tmp_path / "secret.txt", "the harbour master's password\n")
    (book / "code").mkdir(parents=True)
    (book / "code" / "linked.txt").symlink_to(tmp_path / "secret.txt")
    project(book, "tides.md")
    write(
        book / "topics" / "tides.md",
        "# Tides\n\nThe water climbs the wall.\n\n"
        '<code-block lang="text" src="../../secret.txt"/>\n\n'
        '<code-block lang="text" src="linked.txt"/>\n\n'
        '```text\n```\n{src="../../secret.txt"}\n\n'
        '<include from="../../secret.txt" element-id="x"/>\n',
    )

    draft = read_book(book)
    text = draft.chapters[0].pages[0].markdown + draft.chapters[0].pages[0].html
    assert "password" not in text
    assert "src=" not in text
    assert "include" not in text
    code_warnings = [w for w in draft.warnings if "tides.md:" in w]
    assert len(code_warnings) == 4
    assert any("outside the book" in w for w in code_warnings)


def test_includes_that_include_each_other_stop_with_a_warning(tmp_path: Path) -> None:
    book = tmp_path / "book"
    project(book, "tides.md")
    write(
        book / "topics" / "tides.md",
        '# Tides\n\nThe water climbs the wall.\n\n<include from="parts.md" element-id="ebb"/>\n',
    )
    write(
        book / "topics" / "parts.md",
        '<snippet id="ebb">\nThe ebb runs out.\n\n<include from="parts.md" element-id="flood"/>\n</snippet>\n\n'
        '<snippet id="flood">\nThe flood comes in.\n\n<include from="parts.md" element-id="ebb"/>\n</snippet>\n',
    )

    draft = read_book(book)
    markdown = draft.chapters[0].pages[0].markdown
    assert markdown.count("The ebb runs out.") == 1
    assert markdown.count("The flood comes in.") == 1
    assert any("includes itself" in warning for warning in draft.warnings)


def test_an_inline_tag_left_open_ends_at_the_paragraph_and_keeps_the_rest_of_the_topic(
    tmp_path: Path,
) -> None:
    book = tmp_path / "book"
    project(book, "tides.md")
    write(
        book / "topics" / "tides.md",
        "# Tides\n\nPress <control>Start\n\n## Low water\n\nThe mud flats show.\n",
    )

    draft = read_book(book)
    html = draft.chapters[0].pages[0].html
    assert "<strong>Start</strong>" in html
    assert "Low water</h2>" in html
