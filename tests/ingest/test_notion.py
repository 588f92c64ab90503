"""Notion exports: what the golden book notion-export cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from tests.ingest.helpers import problems, write

# Page ids as Notion writes them: 32 hex digits after a space.
A, B, C, D = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", "a" * 32, "b" * 32


def test_an_export_of_a_page_and_its_folder_is_one_book_not_a_series(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Pond Life {A}.md", "# Pond Life\n\nWhat lives in the garden pond.\n")
    write(export / f"Pond Life {A}" / f"Frogs {B}.md", "# Frogs\n\nThey arrive in March.\n")
    write(export / f"Pond Life {A}" / f"Newts {C}.md", "# Newts\n\nShy, and out at night.\n")
    assert find_books(export) == [export]
    draft = read_book(export)
    assert draft.title == "Pond Life"
    assert [(c.title, c.depth) for c in draft.chapters] == [("Pond Life", 0), ("Frogs", 0), ("Newts", 0)]


def test_a_page_folder_imported_on_its_own_is_named_without_its_id(tmp_path: Path) -> None:
    folder = tmp_path / f"Pond Life {A}"
    write(folder / f"Frogs {B}.md", "# Frogs\n\nThey arrive in March.\n")
    write(folder / f"Newts {C}.md", "# Newts\n\nShy, and out at night.\n")
    draft = read_book(folder)
    assert (draft.title, draft.slug) == ("Pond Life", "pond-life")
    assert [c.title for c in draft.chapters] == ["Frogs", "Newts"]  # neither names the book


def test_pages_are_in_title_order_whatever_their_ids(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Knots advanced {C}.md", "# Knots advanced\n\nThe bowline on a bight.\n")
    write(export / f"Knots {D}.md", "# Knots\n\nThe reef knot.\n")  # "Knots b…" sorts after "Knots a…"
    assert [c.title for c in read_book(export).chapters] == ["Knots", "Knots advanced"]


def test_a_page_exported_on_its_own_reads_its_callouts_as_boxes(tmp_path: Path) -> None:
    page = write(
        tmp_path / f"Pond Life {A}.md",
        "# Pond Life\n\nText.\n\n<aside>\n💡 Top the pond up with **rain water**.\n\n</aside>\n",
    )
    draft = read_book(page)
    html = draft.chapters[0].pages[0].html
    assert '<div class="callout callout-box"' in html
    assert "<p>💡 Top the pond up with <strong>rain water</strong>.</p>" in html
    assert draft.slug == "pond-life"


def test_a_callout_inside_a_callout_is_a_box_inside_a_box(tmp_path: Path) -> None:
    text = (
        "# Pond Life\n\n<aside>\n💡 Outer words.\n\n<aside>\n🚩 Inner words.\n\n</aside>\n\n"
        "After the inner box.\n\n</aside>\n\nAfter both.\n"
    )
    html = read_book(write(tmp_path / f"Pond Life {A}.md", text)).chapters[0].pages[0].html
    outer, inner = html.index("callout-box"), html.rindex("callout-box")
    assert outer < html.index("Outer words") < inner < html.index("Inner words")
    between = html[html.index("Inner words") : html.index("After the inner box")]
    after = html[html.index("After the inner box") : html.index("After both")]
    assert between.count("</div>") == 1  # the inner box closes before the words after it
    assert after.count("</div>") == 1


def test_an_aside_written_in_code_stays_code(tmp_path: Path) -> None:
    text = "# Pond Life\n\n```\n<aside>\nA sidebar.\n</aside>\n```\n"
    html = read_book(write(tmp_path / f"Pond Life {A}.md", text)).chapters[0].pages[0].html
    assert "callout" not in html
    assert "&lt;aside&gt;" in html


def test_only_a_database_rows_lines_under_its_title_are_its_properties(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Visits {A}.csv", "Name,Season\nHeron,Winter\n")
    write(export / f"Visits {A}" / f"Heron {B}.md", "# Heron\n\nSeason: Winter\n\nIt took three fish.\n")
    write(export / f"Notes {C}.md", "# Notes\n\nRule one: never net the tadpoles.\n")
    chapters = {c.title: c.pages[0].html for c in read_book(export).chapters}
    assert "><strong>Season:</strong> Winter</p>" in chapters["Heron"]
    assert ">Rule one: never net the tadpoles.</p>" in chapters["Notes"]


def test_an_export_of_a_database_alone_is_its_rows_under_its_name(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Visits {A}.csv", "Name\nHeron\n")
    write(export / f"Visits {A}" / f"Heron {B}.md", "# Heron\n\nIt took three fish.\n")
    write(export / f"Visits {A}" / f"Otter {C}.md", "# Otter\n\nOnly its tracks.\n")
    assert find_books(export) == [export]
    chapters = read_book(export).chapters
    assert [(c.title, c.depth) for c in chapters] == [("Visits", 0), ("Heron", 1), ("Otter", 1)]


def test_lines_that_are_markdown_are_no_properties(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Visits {A}.csv", "Name\nHeron\n")
    write(export / f"Visits {A}" / f"Heron {B}.md", "# Heron\n\n- Fish: three\n- Frogs: one\n")
    html = read_book(export).chapters[1].pages[0].html
    assert "<li>Fish: three</li>" in html
    assert "<strong>" not in html


def test_the_tables_of_every_database_are_named_in_one_warning(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write(export / f"Pond Life {A}.md", "# Pond Life\n\nWhat lives in the pond.\n")
    write(export / f"Pond Life {A}" / f"Visits {B}.csv", "Name\nHeron\n")
    write(export / f"Pond Life {A}" / f"Visits {B}_all.csv", "Name\nHeron\n")
    write(export / f"Pond Life {A}" / f"Visits {B}" / f"Heron {C}.md", "# Heron\n\nIt took three fish.\n")
    write(export / f"Pond Life {A}" / f"Plants {D}.csv", "Name\nIris\n")
    draft = read_book(export)
    assert [problem for problem in problems(draft) if "table" in problem] == [
        (
            "the tables of 2 Notion databases ('Plants', 'Visits') were not read, only their rows' pages. "
            "To read a table here, copy it into a page as a table and export again."
        )
    ]
    assert [(c.title, c.depth) for c in draft.chapters] == [("Pond Life", 0), ("Visits", 0), ("Heron", 1)]


def test_a_to_do_reads_as_a_ticked_or_empty_box(tmp_path: Path) -> None:
    text = "# Pond Life\n\n- [ ] Net the leaves\n- [x] Fix the pump\n\n```\n- [ ] as written in code\n```\n"
    html = read_book(write(tmp_path / f"Pond Life {A}.md", text)).chapters[0].pages[0].html
    assert "<li>☐ Net the leaves</li>" in html
    assert "<li>☑ Fix the pump</li>" in html
    assert "- [ ] as written in code" in html
