"""Jekyll sites: _config.yml names the book and leaves paths out; Just the Docs nests pages by parent."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, read_book
from tests.ingest.helpers import write

CONFIG = """title: Tide Tables
description: Reading the sea's timetable
author:
  name: Ada Quay
lang: en-GB
remote_theme: just-the-docs/just-the-docs
exclude:
  - drafts/
  - "*.notes.md"
"""


def page(folder: Path, name: str, title: str, extra: str = "") -> None:
    write(folder / name, f"---\ntitle: {title}\n{extra}---\n\n# {title}\n\nAbout {title.lower()}.\n")


def test_a_jekyll_site_is_named_by_its_config_and_leaves_out_what_it_excludes(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(site / "_config.yml", CONFIG)
    write(
        site / "index.md",
        "---\ntitle: Home\nnav_order: 1\n---\n\n# Home\n\n"
        + "How to read a tide table, page by page, from the harbour wall. " * 5
        + "\n",
    )
    page(site, "reading.md", "Reading", "nav_order: 2\n")
    page(site, "drafts/soon.md", "Soon")
    page(site, "harbour.notes.md", "Scratch")
    page(site, "404.md", "Page not found")
    assert find_books(tmp_path) == [site]
    draft = read_book(site)
    assert (draft.title, draft.author, draft.description) == (
        "Tide Tables",
        "Ada Quay",
        "Reading the sea's timetable",
    )
    assert [c.title for c in draft.chapters] == ["Home", "Reading"]


def test_pages_nest_under_the_page_their_parent_names_as_just_the_docs_shows_them(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(site / "_config.yml", CONFIG)
    page(site, "a-guides.md", "Guides", "nav_order: 1\n")
    page(site, "b-ports.md", "Ports", "nav_order: 2\n")
    page(site, "c-tides.md", "Tides", "parent: Guides\nnav_order: 1\n")
    page(site, "d-neap.md", "Neap tides", "parent: Tides\ngrand_parent: Guides\n")
    page(site, "e-tides.md", "Tides", "parent: Ports\nnav_order: 2\n")  # a second page titled Tides
    page(site, "f-spring.md", "Spring tides", "parent: Tides\ngrand_parent: Ports\n")
    page(site, "g-moon.md", "Moon", "parent: Guides\nnav_order: 2\n")
    draft = read_book(site)
    assert [(c.depth, c.title) for c in draft.chapters] == [
        (0, "Guides"),
        (1, "Tides"),
        (2, "Neap tides"),
        (1, "Moon"),
        (0, "Ports"),
        (1, "Tides"),
        (2, "Spring tides"),
    ]


def test_parents_that_name_each_other_leave_both_pages_where_they_were(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(site / "_config.yml", CONFIG)
    page(site, "a.md", "Ebb", "parent: Flood\n")
    page(site, "b.md", "Flood", "parent: Ebb\n")
    page(site, "c.md", "Slack", "parent: Nowhere\n")
    draft = read_book(site)
    assert [(c.depth, c.title) for c in draft.chapters] == [(0, "Ebb"), (0, "Flood"), (0, "Slack")]


def test_a_config_yml_of_another_tool_makes_no_jekyll_site(tmp_path: Path) -> None:
    site = tmp_path / "notes"
    write(site / "_config.yml", "title: Not Jekyll's\nexclude:\n  - b.md\n")
    page(site, "a.md", "First")
    page(site, "b.md", "Second")
    draft = read_book(site)
    assert [c.title for c in draft.chapters] == ["First", "Second"]
    assert draft.title != "Not Jekyll's"


def test_a_broken_config_stops_the_import_and_names_the_file(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(site / "_config.yml", "title: [unclosed\nremote_theme: x\n")
    page(site, "a.md", "First")
    with pytest.raises(ImportProblem) as raised:
        read_book(site)
    assert "_config.yml" in str(raised.value)
    assert "not valid YAML" in str(raised.value)
