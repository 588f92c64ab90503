"""A Fumadocs project imported whole: its docs folder, as source.config.ts names it, is the book."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import problems, write


def _project(root: Path, config: str) -> None:
    write(root / "source.config.ts", config)
    write(root / "content/docs/seeds.mdx", "# Seeds\n\nSow them thinly, in rows a hand apart.\n")
    write(root / "content/notes/soil.mdx", "# Soil\n\nDig in compost every autumn.\n")
    write(root / "app/page.mdx", "# Home\n\nThe site's own landing page, not a docs page.\n")


def test_the_config_names_the_docs_folder_and_the_rest_of_the_project_is_left_out(tmp_path: Path) -> None:
    _project(tmp_path, "export const docs = defineDocs({ dir: 'content/notes' });\n")
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Soil"]
    assert problems(draft) == []


def test_without_a_dir_the_default_folder_is_read(tmp_path: Path) -> None:
    _project(tmp_path, "export const docs = defineDocs({ docs: { schema: frontmatterSchema } });\n")
    assert [c.title for c in read_book(tmp_path).chapters] == ["Seeds"]


def test_a_dir_outside_the_imported_folder_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "secret/leak.mdx", "# Leak\n\nNot part of the book.\n")
    book = tmp_path / "book"
    _project(book, "export const docs = defineDocs({ dir: '../secret' });\n")
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["Seeds"]
    assert problems(draft) == [
        "its docs folder '../secret' is not a folder inside the imported one, so 'content/docs' was read instead."
    ]
