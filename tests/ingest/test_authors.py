"""An author given as data in front matter (`{name: …}`, a list): the names, never a refused book."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import read_book
from app.ingest.authors import author_text
from tests.ingest.helpers import write


@pytest.mark.parametrize(
    ("front", "author"),
    [
        ("author:\n  name: The Bakery Team\n  link: https://example.com", "The Bakery Team"),
        ("author: [Ana, Ben]", "Ana; Ben"),
        ("author:\n  - name: Ana\n  - title: Ben\n  - link: only-a-link", "Ana; Ben"),
        ("author: {link: https://example.com}", None),
        ("author: [1, 2]", None),
    ],
)
def test_an_author_written_as_data_gives_its_names(tmp_path: Path, front: str, author: str | None) -> None:
    write(tmp_path / "README.md", f"---\ntitle: Bread\n{front}\n---\n\nFlour, water, salt and time.\n")
    draft = read_book(tmp_path / "README.md")
    assert draft.title == "Bread"
    assert draft.author == author


def test_a_long_list_of_authors_is_cut_to_a_byline() -> None:
    assert author_text([f"Baker {n}" for n in range(500)]) == "; ".join(f"Baker {n}" for n in range(20))


def test_other_keys_that_are_not_single_values_still_say_so(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "---\ntitle: [Bread, Cake]\n---\n\nFlour, water, salt and time.\n")
    with pytest.raises(ImportProblem, match="must be a single value"):
        read_book(tmp_path / "README.md")
