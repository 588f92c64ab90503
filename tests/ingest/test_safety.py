"""Hostile or broken books on disk: nothing outside the book is read, nothing hangs, and each problem is one line."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, load_book, parse_book, read_book
from app.ingest.frontmatter import split_front_matter
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import write


def everything(draft: object) -> str:
    """All the text a book draft would store, to search for what must not be there."""
    return repr(draft)


def test_symlinks_to_system_files_are_left_out_of_a_folder_with_a_warning(tmp_path: Path) -> None:
    book = tmp_path / "b"
    write(book / "01.md", "# One\n\nThe only real chapter.\n")
    (book / "02.md").symlink_to("/etc/passwd")
    (book / "03.md").symlink_to("/proc/self/environ")
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["One"]
    assert "root:" not in everything(draft)
    assert "PATH=" not in everything(draft)
    warned = [w for w in draft.warnings if "02.md" in w or "03.md" in w]
    assert len(warned) == 2
    assert all("outside the book's folder" in w for w in warned)


def test_symlinks_that_loop_are_left_out_with_a_warning_never_a_crash(tmp_path: Path) -> None:
    book = tmp_path / "b"
    write(book / "SUMMARY.md", "# Summary\n\n- [One](01.md)\n- [Two](02.md)\n")
    write(book / "01.md", "# One\n\n![A bird](bird.jpg)\n\n{{#include part.md}}\n")
    for name in ("02.md", "bird.jpg", "part.md"):
        (book / name).symlink_to(name)  # each leads to itself
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["One"]
    looped = [w for w in draft.warnings if "loop" in w]
    assert len(looped) == 3
    assert all(any(name in w for name in ("02.md", "bird.jpg", "part.md")) for w in looped)


def test_a_site_whose_settings_name_a_looping_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "retype.yml", "input: docs\n")
    write(site / "README.md", "# Harbour\n\nText.\n")
    (site / "docs").symlink_to("docs")  # the folder its settings name leads to itself
    with pytest.raises(ImportProblem, match=r"could not be read \(.*docs.*\)\. Replace a symbolic link"):
        load_book(site)


def test_a_symlinked_sub_folder_is_not_another_book(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write(tmp_path / "shelf" / name / "README.md", f"# Book {name}\n")
        write(tmp_path / "shelf" / name / "a.md", "# A\n\nText.\n")
    (tmp_path / "shelf" / "three").symlink_to(tmp_path / "shelf" / "one")
    (tmp_path / "shelf" / "elsewhere").symlink_to("/etc")
    assert [p.name for p in find_books(tmp_path / "shelf")] == ["one", "two"]


def test_a_summary_chapter_that_links_out_of_the_book_is_never_read_and_said_so(tmp_path: Path) -> None:
    write(tmp_path / "secret.md", "# Secret\n\nThe password is swordfish.\n")
    write(tmp_path / "book" / "SUMMARY.md", "- [Tides](tides.md)\n- [In](in.md)\n")
    write(tmp_path / "book" / "tides.md", "# Tides\n\nTwice a day.\n")
    (tmp_path / "book" / "in.md").symlink_to(tmp_path / "secret.md")
    draft = read_book(tmp_path / "book")
    assert [c.title for c in draft.chapters] == ["Tides"]
    assert "swordfish" not in everything(draft)
    [warning] = draft.warnings
    assert warning.endswith("SUMMARY.md:2: links to 'in.md', outside the book folder, so it was left out. "
                            "Link only to files inside it.")  # fmt: skip
    # With no chapter of its own left, there is no book, and the first reason says why.
    write(tmp_path / "book" / "SUMMARY.md", "- [In](in.md)\n")
    with pytest.raises(ImportProblem, match=r"SUMMARY.md:1: links to 'in.md', outside the book folder"):
        read_book(tmp_path / "book")


def test_an_include_through_a_symlink_out_of_the_book_is_never_followed(tmp_path: Path) -> None:
    write(tmp_path / "secret.rs", "let password = 1;\n")
    write(tmp_path / "book" / "SUMMARY.md", "- [Code](code.md)\n")
    write(tmp_path / "book" / "code.md", "# Code\n\n```rust\n{{#include link.rs}}\n```\n\nAfter.\n")
    (tmp_path / "book" / "link.rs").symlink_to(tmp_path / "secret.rs")
    draft = read_book(tmp_path / "book")
    assert "password" not in everything(draft)
    [warning] = draft.warnings
    assert warning.startswith("code.md:4: {{#include link.rs}}: 'link.rs' is outside the book's folder")


def test_a_fifo_in_a_folder_is_never_opened_and_a_fifo_named_alone_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "book" / "01.md", "# One\n\nText.\n")
    os.mkfifo(tmp_path / "book" / "02.md")
    found: list[object] = []
    # If the FIFO were opened for reading, the import would block forever: run it aside and
    # wait on it with a bound, rather than hang the suite.
    worker = threading.Thread(target=lambda: found.append(read_book(tmp_path / "book")), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "reading the book blocked on a FIFO"
    [draft] = found
    assert "02.md: is not a regular file" in " ".join(draft.warnings)  # type: ignore[attr-defined]
    with pytest.raises(ImportProblem) as problem:
        load_book(tmp_path / "book" / "02.md")
    assert "\n" not in str(problem.value)
    assert "is not a regular file" in str(problem.value)


def test_a_markdown_symlink_to_dev_zero_is_one_line_not_a_read_forever(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    started = time.monotonic()
    with pytest.raises(ImportProblem) as problem:
        load_book(tmp_path / "zero.md")
    assert time.monotonic() - started < 5
    assert str(problem.value).startswith(f"{tmp_path / 'zero.md'}: ")
    assert "\n" not in str(problem.value)


def test_book_toml_whose_book_is_not_a_table_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "book.toml", 'book = "x"\n')
    write(tmp_path / "src" / "SUMMARY.md", "- [A](a.md)\n")
    write(tmp_path / "src" / "a.md", "# A\n\nText.\n")
    with pytest.raises(ImportProblem, match=r"book.toml: \[book\] must be a table"):
        read_book(tmp_path)


def test_a_summary_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "SUMMARY.md").write_bytes(b"# Summary\n\n- [Caf\xe9](a.md)\n")
    write(tmp_path / "a.md", "# A\n\nText.\n")
    with pytest.raises(ImportProblem) as problem:
        read_book(tmp_path)
    assert problem.value.line == 3
    assert str(problem.value).startswith(f"{tmp_path / 'SUMMARY.md'}:3: the file is not UTF-8")


def test_a_yaml_alias_bomb_in_front_matter_is_refused_at_once() -> None:
    bomb = (
        "---\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "title: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "---\n# Bomb\n"
    )
    started = time.monotonic()
    with pytest.raises(ImportProblem, match="anchor or alias"):
        split_front_matter("bomb.md", bomb)
    assert time.monotonic() - started < 1


def test_a_front_matter_value_must_be_one_value_not_a_structure() -> None:
    with pytest.raises(ImportProblem, match="`title` must be a single value"):
        split_front_matter("b.md", "---\ntitle: [a, b]\n---\n# B\n")


def test_unknown_yaml_tags_and_other_keys_do_not_stop_an_import() -> None:
    front, _ = split_front_matter(
        "b.md", "---\ntitle: Tides\nicon: !!python/name:os.system\ntags: [a, b]\n---\n"
    )
    assert front == {"title": "Tides"}


def test_huge_metadata_is_cut_to_its_limit_with_a_warning() -> None:
    markdown = (
        f"---\ntitle: {'T' * 2_000_000}\nauthor: {'A' * 400}\ndescription: {'word ' * 1000}\n"
        f"language: {'x' * 50}\n---\n## One\n\nText.\n"
    )
    draft = parse_book([SourceFile("big.md", markdown)], slug="big")
    assert len(draft.title) == 300
    assert len(draft.author or "") == 300
    assert len(draft.description or "") <= 2000
    assert len(draft.language or "") == 35
    cut = [w for w in draft.warnings if "it was cut to" in w]
    assert [w.split(": the ")[1].split(" is ")[0] for w in cut] == [
        "title",
        "author",
        "language",
        "description",
    ]


@pytest.mark.parametrize(
    "line",
    [
        " " * 200_000 + "x",
        "[" * 200_000,
        "*" * 200_000 + "x",
        "x" + "`" * 200_000,
        "{{" * 100_000,
        "![" * 100_000,
        "<" * 200_000,
        "a" + "_" * 200_000,
    ],
    ids=["spaces", "brackets", "stars", "backticks", "braces", "image-openers", "angles", "underscores"],
)
def test_a_pathological_line_costs_milliseconds_in_a_chapter_and_in_a_summary(
    tmp_path: Path, line: str
) -> None:
    write(tmp_path / "one" / "b.md", f"## One\n\nText.\n\n{line}\n")
    write(tmp_path / "two" / "SUMMARY.md", f"# Summary\n\n- [A](a.md)\n{line}\n")
    write(tmp_path / "two" / "a.md", "# A\n\nText.\n")
    started = time.perf_counter()
    one = read_book(tmp_path / "one" / "b.md")
    two = read_book(tmp_path / "two")
    elapsed = time.perf_counter() - started
    # Two whole imports, files read and pages rendered: well under a second on any machine here
    # (markdown-it alone took seconds on the longest of these before they were shortened).
    assert elapsed < 1.0, f"{elapsed:.2f}s"
    assert [c.title for c in two.chapters] == ["A"]
    assert one.chapters[0].words >= 1
