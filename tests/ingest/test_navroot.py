"""A folder of sections whose own navigation file lists them is one book, not a series."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import find_books, read_book
from tests.ingest.helpers import write


def _sections(root: Path) -> None:
    for section, page in (("bread", "sourdough"), ("cakes", "sponge")):
        write(
            root / section / "meta.json", f'{{"title": "{section.title()}", "root": true, "pages": ["..."]}}'
        )
        write(root / section / f"{page}.mdx", f"# {page.title()}\n\nHow to make a {page} at home.\n")
        write(root / section / "index.mdx", "---\ntitle: Overview\nindex: true\n---\n")


def test_a_fumadocs_folder_of_root_sections_is_one_book_in_its_order(tmp_path: Path) -> None:
    _sections(tmp_path)
    write(tmp_path / "meta.json", '{"pages": ["cakes", "bread"]}')
    assert find_books(tmp_path) == [tmp_path]
    draft = read_book(tmp_path)
    assert [(c.part, c.title) for c in draft.chapters] == [("Cakes", "Sponge"), ("Bread", "Sourdough")]


@pytest.mark.parametrize("meta", ['{"$schema": "x", "type": "object"}', "[1, 2]", "{broken"])
def test_a_meta_json_that_is_no_navigation_file_leaves_a_series(tmp_path: Path, meta: str) -> None:
    _sections(tmp_path)
    write(tmp_path / "meta.json", meta)
    assert find_books(tmp_path) == [tmp_path / "bread", tmp_path / "cakes"]


def test_a_nextra_meta_file_at_the_top_makes_one_book(tmp_path: Path) -> None:
    _sections(tmp_path)
    write(tmp_path / "_meta.ts", "export default { cakes: 'Cakes', bread: 'Bread' }\n")
    assert find_books(tmp_path) == [tmp_path]
