"""mkdocs' `--8<--` snippets: where warnings point, when a site does not use them, and the book's edge."""

from __future__ import annotations

from pathlib import Path

from app.ingest import load_book
from tests.ingest.helpers import markdown_of, write

SNIPPETS = "site_name: Jar\nmarkdown_extensions:\n  - pymdownx.snippets\n"


def test_a_snippet_that_reads_nothing_is_a_warning_naming_the_page_and_its_line(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", SNIPPETS)
    write(tmp_path / "notes.md", "Flour, then water.\n")
    write(tmp_path / "docs" / "index.md", '# Jar\n\nIntro.\n\n--8<-- "notes.md"\n\n--8<-- "gone.md"\n')

    draft = load_book(tmp_path).parse()

    assert "Flour, then water." in markdown_of(draft)
    assert "8<" not in markdown_of(draft)
    missing = "'gone.md' does not exist; create it or fix the path, so it was left out."
    assert [warning for warning in draft.warnings if "gone.md" in warning] == [
        f'docs/index.md:7: --8<-- "gone.md" is not there: {missing}'
    ]


def test_a_site_that_does_not_list_the_extension_shows_the_line_as_its_site_does(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: Jar\n")
    write(tmp_path / "notes.md", "Flour, then water.\n")
    write(tmp_path / "docs" / "index.md", '# Jar\n\nIntro.\n\n--8<-- "notes.md"\n')

    draft = load_book(tmp_path).parse()

    assert "Flour, then water." not in markdown_of(draft)
    assert '--8<-- "notes.md"' in markdown_of(draft)


def test_a_snippet_never_reads_through_a_symlink_out_of_the_book(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tmp_path / "secret.txt", "a key nobody should read\n")
    write(site / "mkdocs.yml", SNIPPETS)
    (site / "leak.md").symlink_to(tmp_path / "secret.txt")
    write(
        site / "docs" / "index.md",
        '# Jar\n\nIntro.\n\n```text\n--8<-- "leak.md"\n--8<-- "../secret.txt"\n```\n',
    )

    draft = load_book(site).parse()

    assert "a key nobody" not in markdown_of(draft)
    assert len([warning for warning in draft.warnings if "secret" in warning or "leak" in warning]) == 2
