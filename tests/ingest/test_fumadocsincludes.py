"""Fumadocs' <include> tag: Markdown inlined, other files as code blocks, parts picked, and bad paths."""

from __future__ import annotations

import os
from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import markdown_of, problems, write


def _book(root: Path, page: str) -> str:
    write(root / "package.json", "{}")
    write(root / "content/docs/bread.mdx", f"# Bread\n\nFlour and water.\n\n{page}\n\nThe end.\n")
    draft = read_book(root)
    # The included files are pages of the folder too; only the page that includes them is looked at.
    return next("\n".join(p.markdown for p in c.pages) for c in draft.chapters if c.title == "Bread")


def test_a_markdown_file_is_inlined_without_its_front_matter(tmp_path: Path) -> None:
    write(
        tmp_path / "content/docs/_salt.mdx", "---\ntitle: Salt\n---\n\nA pinch of salt tightens the dough.\n"
    )
    text = _book(tmp_path, "<include>./_salt.mdx</include>")
    assert "A pinch of salt tightens the dough." in text
    assert "title: Salt" not in text
    assert "include" not in text


def test_a_code_file_is_a_code_block_with_its_language_and_title(tmp_path: Path) -> None:
    write(tmp_path / "lib/oven.ts", "export const heat = 230;\n")
    text = _book(tmp_path, "<include cwd meta='title=\"lib/oven.ts\"'>\n  ./lib/oven.ts\n</include>")
    assert "export const heat = 230;" in text
    assert "lib/oven.ts" in text  # the block's title
    assert "./lib/oven.ts" not in text


def test_a_region_of_code_or_a_section_of_markdown_is_picked(tmp_path: Path) -> None:
    write(tmp_path / "content/docs/knead.ts", "//#region fold\nfold();\n//#endregion\nrest();\n")
    write(
        tmp_path / "content/docs/_steps.mdx",
        "## Shaping [#shape]\n\nRoll it tight.\n\n### Tip\n\nFlour the bench.\n\n## Baking\n\nHot oven.\n",
    )
    text = _book(tmp_path, "<include>./knead.ts#fold</include>\n\n<include>./_steps.mdx#shape</include>")
    assert "fold();" in text
    assert "rest();" not in text
    assert "Roll it tight." in text
    assert "Flour the bench." in text
    assert "Hot oven." not in text


def test_paths_outside_the_book_missing_parts_and_self_includes_are_warnings(tmp_path: Path) -> None:
    write(tmp_path / "secret.txt", "not part of the book\n")
    book = tmp_path / "book"
    write(book / "content/docs/_loop.mdx", "Again.\n\n<include>./_loop.mdx</include>\n")
    os.symlink(tmp_path / "secret.txt", book / "content/docs/linked.txt")
    page = (
        "<include>../../../secret.txt</include>\n\n<include>./linked.txt</include>\n\n"
        "<include>./_loop.mdx</include>\n\n<include>./_loop.mdx#nowhere</include>"
    )
    write(book / "package.json", "{}")
    write(book / "content/docs/bread.mdx", f"# Bread\n\n{page}\n")
    draft = read_book(book)
    text = markdown_of(draft)
    assert "not part of the book" not in text
    assert "<include" not in text
    found = problems(draft)
    assert any("'../../../secret.txt', which is outside the book's folder" in p for p in found)
    assert any("'./linked.txt', which is not in the book's folder" in p for p in found)
    assert any("nested too deep" in p for p in found)
    assert any("has no part 'nowhere'" in p for p in found)


def test_an_include_inside_a_code_fence_is_shown_as_written(tmp_path: Path) -> None:
    write(tmp_path / "content/docs/_salt.mdx", "A pinch of salt.\n")
    text = _book(tmp_path, "```mdx\n<include>./_salt.mdx</include>\n```")
    assert "<include>./_salt.mdx</include>" in text
    assert "A pinch of salt." not in text
