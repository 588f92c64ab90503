"""A site configured by `mkdocs-*.yml` files and no mkdocs.yml: found as one book, its builds read together."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, load_book
from app.ingest.mkdocs import config_of
from tests.ingest.helpers import markdown_of, write


def _site(root: Path) -> None:
    write(root / "mkdocs-common.yml", "site_name: Tides\nmarkdown_extensions:\n  - pymdownx.snippets\n")
    write(root / "mkdocs-online.yml", "INHERIT: mkdocs-common.yml\nsite_url: https://example.org/\n")
    write(root / "mkdocs-nav.yml", "nav:\n  - index.md\n  - Moon: moon/pull.md\n")
    write(root / "docs" / "index.md", "# Tides\n\nThe sea rises twice a day.\n")
    write(root / "docs" / "moon" / "pull.md", '# The pull\n\n--8<-- "docs/moon/note.txt"\n')
    write(root / "docs" / "moon" / "note.txt", "The moon pulls the water.\n")
    write(root / "docs" / "moon" / "unlisted.md", "# Unlisted\n\nNot in the nav.\n")


def test_the_builds_make_one_book_with_the_nav_of_one_and_the_name_of_another(tmp_path: Path) -> None:
    _site(tmp_path)

    assert find_books(tmp_path) == [tmp_path]
    draft = load_book(tmp_path).parse()

    assert draft.title == "Tides"
    assert [chapter.title for chapter in draft.chapters] == ["Tides", "Moon"]
    assert "The moon pulls the water." in markdown_of(draft)
    assert "Not in the nav." not in markdown_of(draft)


def test_mkdocs_yml_wins_over_its_variants(tmp_path: Path) -> None:
    _site(tmp_path)
    write(tmp_path / "mkdocs.yml", "site_name: Harbour\n")

    assert config_of(tmp_path) == tmp_path / "mkdocs.yml"
    assert load_book(tmp_path).parse().title == "Harbour"


def test_a_symlinked_variant_is_never_read(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "mkdocs-x.yml", "site_name: Stolen\n")
    write(tmp_path / "site" / "docs" / "index.md", "# Tides\n\nWater.\n")
    (tmp_path / "site" / "mkdocs-x.yml").symlink_to(tmp_path / "elsewhere" / "mkdocs-x.yml")

    assert config_of(tmp_path / "site") is None
    assert load_book(tmp_path / "site").parse().title != "Stolen"


def test_a_broken_variant_names_its_file(tmp_path: Path) -> None:
    _site(tmp_path)
    write(tmp_path / "mkdocs-nav.yml", "nav: [unclosed\n")

    with pytest.raises(ImportProblem, match=r"mkdocs-nav\.yml"):
        load_book(tmp_path)
