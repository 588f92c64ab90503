"""mkdocs-literate-nav's SUMMARY.md: the nav as a Markdown list, its folders, and its bad input."""

from __future__ import annotations

import time
from pathlib import Path

from app.ingest import load_book
from tests.ingest.helpers import write

CONFIG = (
    "site_name: Bread\nplugins:\n  - search\n  - literate-nav:\n      nav_file: NAV.md\nnav:\n  - flour.md\n"
)


def _page(root: Path, name: str) -> None:
    write(root / "docs" / name, f"# {Path(name).stem.title()}\n\nAbout {name}.\n")


def test_the_list_is_the_nav_with_sections_folders_and_titles(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    for name in (
        "flour.md",
        "water.md",
        "rise/index.md",
        "rise/proof.md",
        "bake/b.md",
        "bake/a.md",
        "salt.md",
    ):
        _page(tmp_path, name)
    write(
        tmp_path / "docs" / "NAV.md",
        "* [Water first](water.md)\n* [Rising](rise/index.md)\n    * [Proofing](rise/proof.md)\n"
        "* Seasoning\n    * [Salt](./salt.md)\n* [Baking](bake/)\n* [Shop](https://example.com)\n",
    )

    source = load_book(tmp_path)

    assert [(file.title, file.part) for file in source.files] == [
        ("Water first", None),
        ("Rising", "Rising"),
        ("Proofing", "Rising"),
        ("Salt", "Seasoning"),
        (None, "Baking"),
        (None, "Baking"),
    ]
    assert [file.name.name for file in source.files][-2:] == ["a.md", "b.md"]
    assert "flour" not in {file.name.stem for file in source.files}  # mkdocs.yml's nav gives way


def test_a_page_the_list_names_but_the_folder_lacks_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    _page(tmp_path, "water.md")
    write(tmp_path / "docs" / "NAV.md", "- [Water](water.md)\n- [Gone](gone.md)\n")

    source = load_book(tmp_path)

    assert [file.name.name for file in source.files] == ["water.md"]
    assert any("NAV.md: the nav names 'gone.md'" in warning for warning in source.warnings)


def test_without_the_plugin_or_the_file_mkdocs_yml_nav_is_read(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: Bread\nnav:\n  - flour.md\n")
    _page(tmp_path, "flour.md")
    _page(tmp_path, "water.md")
    write(tmp_path / "docs" / "SUMMARY.md", "- [Water](water.md)\n")

    assert [file.name.name for file in load_book(tmp_path).files] == ["flour.md"]


def test_a_symlinked_nav_file_is_never_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tmp_path / "outside.md", "- [Water](water.md)\n")
    write(site / "mkdocs.yml", "site_name: Bread\nplugins:\n  - literate-nav\nnav:\n  - flour.md\n")
    _page(site, "flour.md")
    _page(site, "water.md")
    (site / "docs" / "SUMMARY.md").symlink_to(tmp_path / "outside.md")

    assert [file.name.name for file in load_book(site).files] == ["flour.md"]


def test_a_deeply_nested_list_costs_little(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    _page(tmp_path, "water.md")
    deep = "".join(" " * (2 * n) + "- [Water](water.md)\n" for n in range(5_000))
    write(tmp_path / "docs" / "NAV.md", deep)

    started = time.monotonic()
    source = load_book(tmp_path)

    assert time.monotonic() - started < 5
    assert [file.name.name for file in source.files] == ["water.md"]  # one page, however often named


def test_a_folder_link_out_of_the_docs_folder_is_never_listed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tmp_path / "private" / "diary.md", "# Diary\n\nSecret.\n")
    write(site / "mkdocs.yml", CONFIG)
    _page(site, "water.md")
    write(site / "docs" / "NAV.md", "- [Water](water.md)\n- [Out](../../private/)\n")

    source = load_book(site)

    assert [file.name.name for file in source.files] == ["water.md"]
    assert not any("diary" in warning for warning in source.warnings)
    assert any("outside the docs folder" in warning for warning in source.warnings)
