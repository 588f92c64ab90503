"""Rspress sites: what the golden book rspress-site (languages, _nav.json, every _meta.json item) cannot show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ingest import read_book
from tests.ingest.helpers import problems, write

CONFIG = (
    "import { defineConfig } from '@rspress/core';\nexport default defineConfig({ title: 'Tides', %s });\n"
)


def _page(docs: Path, name: str, title: str) -> None:
    write(docs / name, f"# {title}\n\nA few plain words about {title.lower()} for the reader.\n")


def test_without_nav_or_meta_files_each_top_folder_is_a_part_by_name(tmp_path: Path) -> None:
    write(tmp_path / "rspress.config.ts", CONFIG % "root: 'content'")
    docs = tmp_path / "content"
    _page(docs, "tides/springs.md", "Spring tides")
    _page(docs, "tides/index.md", "About tides")
    _page(docs, "harbour/moorings.mdx", "Moorings")
    _page(docs, "harbour/_partial.mdx", "A partial")
    draft = read_book(tmp_path)
    assert [(c.part, c.title) for c in draft.chapters] == [
        ("Harbour", "Moorings"),
        ("Tides", "About tides"),
        ("Tides", "Spring tides"),
    ]
    assert problems(draft) == []


@pytest.mark.parametrize(
    ("meta", "warning"),
    [
        ("{not json", "cannot be read as JSON"),
        ('{"springs": "Spring tides"}', "is not a list of sidebar items"),
    ],
)
def test_a_meta_file_that_is_not_a_list_leaves_the_folder_by_name(
    tmp_path: Path, meta: str, warning: str
) -> None:
    write(tmp_path / "rspress.config.ts", CONFIG % "")
    docs = tmp_path / "docs"
    _page(docs, "tides/springs.md", "Spring tides")
    _page(docs, "tides/neaps.md", "Neap tides")
    write(docs / "tides/_meta.json", meta)
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Neap tides", "Spring tides"]
    assert any(warning in p for p in problems(draft))


def test_meta_names_that_climb_out_or_point_at_symlinks_are_never_read(tmp_path: Path) -> None:
    write(tmp_path / "outside/secret.md", "# Secret\n\nNot part of the book.\n")
    book = tmp_path / "book"
    write(book / "rspress.config.ts", CONFIG % "")
    docs = book / "docs"
    _page(docs, "tides/springs.md", "Spring tides")
    os.symlink(tmp_path / "outside/secret.md", docs / "tides/linked.md")
    os.symlink(tmp_path / "outside", docs / "tides/elsewhere")
    write(docs / "tides/_meta.json", '["../../../outside/secret", "linked", "elsewhere", "springs"]')
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["Spring tides"]
    assert all("Secret" not in page.markdown for chapter in draft.chapters for page in chapter.pages)


def test_a_docs_root_outside_the_book_is_not_followed(tmp_path: Path) -> None:
    _page(tmp_path / "elsewhere", "guide/secret.md", "Secret")
    book = tmp_path / "book"
    write(book / "rspress.config.ts", CONFIG % "root: '../elsewhere'")
    _page(book, "guide/springs.md", "Spring tides")
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["Spring tides"]
    assert problems(draft)[0].startswith("its docs folder '../elsewhere' is not in the imported folder")


def test_a_sidebar_written_in_the_config_is_said_to_be_unread(tmp_path: Path) -> None:
    write(tmp_path / "rspress.config.ts", CONFIG % "themeConfig: { sidebar: { '/guide/': [] } }")
    _page(tmp_path / "docs", "guide/springs.md", "Spring tides")
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Spring tides"]
    assert "its sidebar is written in the config" in problems(draft)[0]


def test_a_nav_link_into_a_missing_folder_or_elsewhere_adds_nothing(tmp_path: Path) -> None:
    write(tmp_path / "rspress.config.ts", CONFIG % "")
    docs = tmp_path / "docs"
    write(
        docs / "_nav.json",
        '[{"text": "Gone", "link": "/gone/"}, {"text": "Up", "link": "/../../etc"}, '
        '{"text": "Web", "link": "https://example.com"}, {"text": "Guide", "link": "/guide/springs"}]',
    )
    _page(docs, "guide/springs.md", "Spring tides")
    draft = read_book(tmp_path)
    assert [(c.part, c.title) for c in draft.chapters] == [("Guide", "Spring tides")]
