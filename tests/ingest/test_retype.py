"""Retype sites: which folder is the book, a GitBook inside one, includes that fail, and markers kept to Retype."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, read_book
from app.ingest.markdown import parse
from tests.ingest.helpers import markdown_of, problems, write

CONFIG = "input: ./docs\noutput: ./public\nbranding:\n  title: Lighthouse Keeping\n"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "lighthouse"
    write(site / "retype.yml", CONFIG)
    write(site / "README.md", "# The repository\n\nHow to build the docs site, not a page of it.\n")
    write(site / "docs/index.md", "# Lighthouse keeping\n\nWhat a keeper does, night by night.\n")
    write(site / "docs/lamps.md", "---\norder: 5\n---\n\n# Lamps\n\nTrim the wick at dusk.\n")
    write(site / "docs/fog.md", "# Fog\n\nSound the horn every thirty seconds.\n")
    write(site / "public/index.md", "# Generated\n\nThe built site, a copy of the pages.\n")
    return site


def test_a_repository_with_a_retype_yml_is_one_book_of_its_input_folder_never_its_output(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    assert find_books(site) == [site]
    draft = read_book(site)
    assert draft.title == "Lighthouse Keeping"
    assert [c.title for c in draft.chapters] == ["Lighthouse keeping", "Lamps", "Fog"]
    assert "Generated" not in markdown_of(draft)
    assert "repository" not in markdown_of(draft)


def test_importing_the_input_folder_itself_reads_the_site_named_by_the_retype_yml_above_it(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    draft = read_book(site / "docs")
    assert draft.title == "Lighthouse Keeping"
    assert [c.title for c in draft.chapters] == ["Lighthouse keeping", "Lamps", "Fog"]


def test_a_retype_yml_whose_input_lies_outside_the_folder_says_to_import_that_folder(tmp_path: Path) -> None:
    write(tmp_path / "pages/one.md", "# One\n\nText.\n")
    write(tmp_path / "site/retype.yml", "input: ../pages\n")
    write(tmp_path / "site/stray.md", "# Stray\n\nText.\n")
    with pytest.raises(ImportProblem, match="outside the folder being imported; import that folder instead"):
        read_book(tmp_path / "site")


def test_a_gitbook_grown_into_a_retype_site_keeps_its_summary_order_and_takes_retypes_title(
    tmp_path: Path,
) -> None:
    site = tmp_path / "guide"
    write(site / "retype.yml", "input: .\nbranding:\n  title: A Keeper's Guide\n")
    write(
        site / "SUMMARY.md",
        "# Summary\n\n* [Welcome](README.md)\n* [Zebra crossings](zebra.md)\n* [Anchors](anchors.md)\n",
    )
    write(site / "README.md", "# Welcome\n\nStart here, then read on.\n")
    write(site / "zebra.md", "# Zebra crossings\n\nStripes at the harbour road.\n")
    write(site / "anchors.md", "# Anchors\n\nTwo on every boat.\n")
    draft = read_book(site)
    assert draft.title == "A Keeper's Guide"
    assert [c.title for c in draft.chapters] == ["Welcome", "Zebra crossings", "Anchors"]


def test_a_missing_or_looping_include_is_left_out_with_a_warning_naming_the_page_and_line(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "retype.yml", "branding:\n  title: Loops\n")
    write(site / "_includes/again.md", 'Once more.\n\n{{ include "again" }}\n')
    write(site / "page.md", '# Page\n\nBefore.\n\n{{ include "again" }}\n\n{{ include "gone" }}\n')
    draft = read_book(site)
    text = markdown_of(draft)
    assert "Before." in text
    assert "Once more." in text
    assert "include" not in text
    assert problems(draft) == [
        '{{ include "again" }} includes a file that is already being included, so it was left out.',
        (
            "{{ include \"gone\" }}: 'gone.md' does not exist; create it or fix the path. The include was left "
            "out; put the file in _includes/."
        ),
    ]
    assert [w.split(": ", 1)[0] for w in draft.warnings] == ["_includes/again.md:3", "page.md:7"]


def test_a_closing_marker_inside_a_code_fence_leaves_the_callout_open() -> None:
    tokens = parse("!!!tip Shell\n```text\n!!!\n```\nStill inside.\n!!!\n\nAfter.\n", dialect="retype").tokens
    types = [t.type for t in tokens]
    inside = types[types.index("callout_open") : types.index("callout_close")]
    assert "fence" in inside
    assert inside.count("paragraph_open") == 1
    assert tokens[types.index("callout_close") + 2].content == "After."


def test_retype_block_markers_are_read_only_in_retype_sites_so_mkdocs_admonitions_keep_their_meaning() -> (
    None
):
    mkdocs = '!!! note "Heads up"\n    Indented body.\n\nAfter.\n'
    tokens = parse(mkdocs).tokens
    title = tokens[[t.type for t in tokens].index("callout_title_open") + 1].content
    assert title == "Heads up"
    plain = [t.type for t in parse("+++ Not a tab\n\nText.\n").tokens]
    assert "tab_open" not in plain
    assert "tab_open" in [t.type for t in parse("+++ A tab\n\nText.\n+++\n", dialect="retype").tokens]


def test_retype_badges_and_buttons_read_as_their_words_in_any_book_but_code_keeps_them() -> None:
    tokens = parse('Press [!button text="Save"] then [!badge Done]. `[!badge Raw]`\n').tokens
    children = tokens[1].children or []
    assert [(c.type, c.content) for c in children if c.type in ("text", "code_inline")] == [
        ("text", "Press "),
        ("text", "Save"),
        ("text", " then "),
        ("text", "Done"),
        ("text", ". "),
        ("code_inline", "[!badge Raw]"),
    ]
    assert [c.type for c in children].count("strong_open") == 2
