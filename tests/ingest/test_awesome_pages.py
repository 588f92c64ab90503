"""mkdocs-awesome-pages-plugin's `.pages`: order, titles, `...`, `hide`, and broken files."""

from __future__ import annotations

from pathlib import Path

from app.ingest import load_book
from tests.ingest.helpers import write

CONFIG = "site_name: Bicycles\nplugins:\n  - awesome-pages\n"


def _site(root: Path, pages: str, sub: str = "") -> None:
    write(root / "mkdocs.yml", CONFIG)
    for name in ("brakes", "chain", "gears", "saddle", "security", "tyres"):
        write(root / "docs" / "repair" / f"{name}.md", f"# {name.title()}\n\nAbout {name}.\n")
    write(root / "docs" / "repair" / ".pages", pages)
    if sub:
        write(root / "docs" / "repair" / "tools" / "spanner.md", "# Spanner\n\nTurn it.\n")
        write(root / "docs" / "repair" / "tools" / ".pages", sub)


def _titles(root: Path) -> list[str]:
    return [chapter.title for chapter in load_book(root).parse().chapters]


def test_nav_orders_and_titles_the_pages_and_rest_goes_where_dots_stand(tmp_path: Path) -> None:
    _site(tmp_path, "title: Repairs\nnav:\n  - tyres.md\n  - Stopping: brakes.md\n  - ...\n  - chain.md\n")

    source = load_book(tmp_path)

    assert [chapter.title for chapter in source.parse().chapters] == [
        "Tyres",
        "Stopping",
        "Gears",
        "Saddle",
        "Chain",
    ]
    assert {file.part for file in source.files if file.part} == {"Repairs"}


def test_without_dots_only_what_nav_names_is_read_with_a_warning(tmp_path: Path) -> None:
    _site(tmp_path, "arrange:\n  - security.md\n  - gears.md\n  - Shop: https://example.com/shop\n")

    draft = load_book(tmp_path).parse()

    assert [chapter.title for chapter in draft.chapters] == ["Security", "Gears"]
    [warning] = [w for w in draft.warnings if ".pages" in w]
    assert "its nav leave out brakes.md, chain.md, saddle.md, tyres.md" in warning


def test_a_hidden_folder_is_left_out_with_a_warning(tmp_path: Path) -> None:
    _site(tmp_path, "nav:\n  - ...\n", sub="hide: true\n")

    draft = load_book(tmp_path).parse()

    assert "Spanner" not in [chapter.title for chapter in draft.chapters]
    assert any("hide: true" in warning and "tools" in warning for warning in draft.warnings)


def test_a_broken_pages_file_keeps_the_usual_order_and_says_why(tmp_path: Path) -> None:
    _site(tmp_path, "nav: [tyres.md\n")

    draft = load_book(tmp_path).parse()

    assert [chapter.title for chapter in draft.chapters][:2] == ["Brakes", "Chain"]
    assert any("repair/.pages: cannot be read as YAML" in warning for warning in draft.warnings)


def test_a_pages_file_that_is_not_a_mapping_changes_nothing(tmp_path: Path) -> None:
    _site(tmp_path, "- tyres.md\n- brakes.md\n")

    assert _titles(tmp_path)[:2] == ["Brakes", "Chain"]
