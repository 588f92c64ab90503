"""A Nextra project imported whole: its content/ folder, else its app/ pages, is the book."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from tests.ingest.helpers import write

PACKAGE = '{"name": "tide-docs", "dependencies": {"next": "15", "nextra": "4", "nextra-theme-docs": "4"}}'


def _project(root: Path, package: str = PACKAGE) -> None:
    write(root / "package.json", package)
    write(root / "next.config.mjs", "import nextra from 'nextra'\nexport default nextra({})({})\n")
    write(root / "components/box.mdx", "# A component's partial\n\nNot a page.\n")
    write(root / "README.md", "# tide-docs\n\nRun `pnpm dev` to preview.\n")


def test_the_content_folder_is_the_book(tmp_path: Path) -> None:
    _project(tmp_path)
    write(tmp_path / "content/_meta.ts", "export default { neaps: 'Neap tides', springs: <b>Springs</b> }\n")
    write(tmp_path / "content/springs.mdx", "# Spring tides\n\nThe biggest range, at new and full moon.\n")
    write(tmp_path / "content/neaps.mdx", "# Neaps\n\nThe smallest range, at the quarter moons.\n")
    assert find_books(tmp_path) == [tmp_path]
    assert [c.title for c in read_book(tmp_path).chapters] == ["Neap tides", "Spring tides"]


def test_without_content_the_app_folders_pages_are_the_book(tmp_path: Path) -> None:
    _project(tmp_path)
    write(tmp_path / "app/layout.tsx", "export default function Layout() { return null }\n")
    write(tmp_path / "app/_components/note.mdx", "# A private component\n\nNot a page.\n")
    write(
        tmp_path / "app/docs/page.mdx", "# Tides\n\nWhy the sea comes and goes twice a day, more or less.\n"
    )
    write(tmp_path / "app/docs/moon/page.mdx", "# The moon\n\nIt pulls the water towards it.\n")
    titles = [c.title for c in read_book(tmp_path).chapters]
    assert titles == ["Tides", "The moon"]


def test_a_next_project_without_nextra_is_read_as_a_folder(tmp_path: Path) -> None:
    _project(tmp_path, '{"name": "shop", "dependencies": {"next": "15"}}')
    write(tmp_path / "content/about.mdx", "# About\n\nA shop.\n")
    titles = {c.title for c in read_book(tmp_path).chapters}
    assert "A component's partial" in titles  # not a Nextra site: its other folders are read too
