"""Zensical's zensical.toml read as mkdocs.yml: its [project] table, its dotted extension names."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, load_book
from tests.ingest.helpers import markdown_of, write

TOML = """
[project]
site_name = "Sourdough"
nav = [
  { "Start" = "index.md" },
  { "Reference" = [ { "API" = "api.md" } ] },
  { "Elsewhere" = "https://example.org" },
]

[project.markdown_extensions.admonition]
[project.markdown_extensions.pymdownx.snippets]
base_path = ["."]
"""


def test_a_zensical_site_is_an_mkdocs_site_with_its_nav_snippets_and_api_blocks(tmp_path: Path) -> None:
    write(tmp_path / "zensical.toml", TOML)
    write(tmp_path / "NOTES.md", "Feed it every morning.\n")
    write(tmp_path / "docs" / "index.md", '# Sourdough\n\nA starter.\n\n--8<-- "NOTES.md"\n')
    write(
        tmp_path / "docs" / "api.md",
        "# API\n\nThe loaf module.\n\n## ::: loaf.bake\n    options:\n      x: 1\n",
    )
    write(tmp_path / "docs" / "stray.md", "# Stray\n\nNot in the nav.\n")

    assert find_books(tmp_path) == [tmp_path]
    draft = load_book(tmp_path).parse()
    text = markdown_of(draft)

    assert draft.title == "Sourdough"
    assert [chapter.title for chapter in draft.chapters] == ["Start", "API"]
    assert "Feed it every morning." in text
    assert "## API reference: `loaf.bake`" in text
    assert ":::" not in text
    assert "Not in the nav." not in text


def test_mkdocs_yml_is_read_before_zensical_toml(tmp_path: Path) -> None:
    write(tmp_path / "zensical.toml", TOML)
    write(tmp_path / "mkdocs.yml", "site_name: Rye\n")
    write(tmp_path / "docs" / "index.md", "# Rye\n\nDense and dark.\n")

    assert load_book(tmp_path).parse().title == "Rye"


@pytest.mark.parametrize("text", ["[project\nsite_name = 1\n", "[tool]\nx = 1\n"])
def test_a_broken_zensical_toml_names_itself(tmp_path: Path, text: str) -> None:
    write(tmp_path / "zensical.toml", text)
    write(tmp_path / "docs" / "index.md", "# Rye\n\nDense.\n")

    with pytest.raises(ImportProblem, match=r"zensical\.toml"):
        load_book(tmp_path)
