"""Mintlify sites: mint.json's versions, snippets that import snippets, and dark-mode pictures in code."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from app.ingest.darkmode import without_dark_pictures
from tests.ingest.helpers import markdown_of, problems, write

MINT_JSON = """{
  "name": "Tide Tables",
  "versions": ["v2", "v1"],
  "navigation": [
    {"group": "Reading a table", "version": "v2", "pages": ["v2/read", {"group": "Ports", "pages": ["v2/ports/harbour"]}]},
    {"group": "Reading a table", "version": "v1", "pages": ["v1/read"]},
    {"group": "About", "pages": ["about"]}
  ]
}
"""


def _page(folder: Path, name: str, title: str, body: str = "") -> None:
    write(folder / name, f"---\ntitle: {title}\n---\n\n{body or f'The page on {title.lower()}.'}\n")


def test_a_mint_json_site_reads_its_first_version_in_navigation_order_with_nested_groups_a_level_down(
    tmp_path: Path,
) -> None:
    site = tmp_path / "tides"
    write(site / "mint.json", MINT_JSON)
    _page(site, "about.mdx", "About us")
    _page(site, "v2/read.mdx", "Reading the columns")
    _page(site, "v2/ports/harbour.mdx", "The harbour")
    _page(site, "v1/read.mdx", "Reading the old columns")
    assert find_books(tmp_path) == [site]
    draft = read_book(site)
    assert draft.title == "Tide Tables"
    assert [(c.part, c.depth, c.title) for c in draft.chapters] == [
        ("Reading a table", 0, "Reading the columns"),
        ("Reading a table", 0, "Ports"),
        ("Reading a table", 1, "The harbour"),
        ("About", 0, "About us"),
    ]
    assert problems(draft) == [
        "the book is the site's first version; the pages of its other versions (v1) were left out."
    ]


def test_a_snippet_importing_itself_stops_with_a_warning_and_a_missing_one_names_its_page_and_line(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "docs.json", '{"name": "Echo", "navigation": {"pages": ["echo"]}}')
    write(site / "snippets/loop.mdx", 'import Loop from "/snippets/loop.mdx";\n\nAgain.\n\n<Loop />\n')
    write(
        site / "echo.mdx",
        '---\ntitle: Echo\n---\n\nimport Loop from "/snippets/loop.mdx";\nimport Gone from "./gone.mdx";\n\n'
        "<Loop />\n\n<Gone />\n\n```mdx\n<Loop />\n```\n",
    )
    draft = read_book(site)
    text = markdown_of(draft)
    assert text.count("Again.") == 10
    assert "```mdx\n<Loop />\n```" in text
    warnings = problems(draft)
    assert any("nested more than 10 deep" in warning for warning in warnings)
    assert any(
        w.startswith("<Gone /> shows './gone.mdx', which is not in the book's folder") for w in warnings
    )
    assert any(warning.split(": ", 1)[0].endswith("echo.mdx:10") for warning in draft.warnings)


def test_a_dark_mode_picture_inside_a_code_fence_is_shown_as_written() -> None:
    text = '```mdx\n<img className="hidden dark:block" src="/night.png" />\n```\n'
    assert without_dark_pictures(text) == text
    assert (
        without_dark_pictures('<img\n  className="hidden dark:block"\n  src="/n.png"\n/>\nAfter.')
        == "\n\n\n\nAfter."
    )


def test_the_words_after_a_code_blocks_language_title_it_in_a_mintlify_site_only(tmp_path: Path) -> None:
    body = (
        "```json tides.json {2} wrap\n{}\n```\n\n```bash npm\nnpm i tides\n```\n\n"
        '```python Python\nprint()\n```\n\n```js title="read.js"\nread()\n```\n'
    )
    site = tmp_path / "tides"
    write(site / "docs.json", '{"name": "Tides", "navigation": {"pages": ["code"]}}')
    _page(site, "code.mdx", "Code", body)
    html = "".join(page.html for page in read_book(site).chapters[0].pages)
    captions = [part.split("</figcaption>")[0] for part in html.split("<figcaption>")[1:]]
    assert captions == ["tides.json", "npm", "read.js"]  # a title that only repeats the language is none
    plain = tmp_path / "plain"
    write(plain / "code.mdx", "# Code\n\n" + body)
    write(plain / "more.md", "# More\n\nWords.\n")
    assert "<figcaption>npm" not in "".join(p.html for c in read_book(plain).chapters for p in c.pages)
