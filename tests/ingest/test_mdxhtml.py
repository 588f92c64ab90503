"""In an MDX page, Markdown under a line of HTML block tags is Markdown, as MDX reads it."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from app.ingest.mdxhtml import html_lines_apart
from tests.ingest.helpers import write


def _html(tmp_path: Path, name: str, body: str) -> str:
    draft = read_book(write(tmp_path / name, f"# Bikes\n\n{body}\n"))
    return "".join(page.html for chapter in draft.chapters for page in chapter.pages)


def test_markdown_inside_details_and_a_definition_list_is_read(tmp_path: Path) -> None:
    body = (
        "<details>\n  <summary>Why oil the chain?</summary>\nA dry chain wears [the cogs](https://example.com/cogs)"
        " out.\n\n```sh\noil --drops 1\n```\n</details>\n\n<dl>\n<dt>Spoke</dt>\n<dd>\n- Type: **steel**\n</dd>\n</dl>"
    )
    html = _html(tmp_path, "bikes.mdx", body)
    assert '<a href="https://example.com/cogs">the cogs</a>' in html
    assert "<summary>Why oil the chain?</summary>" in html
    assert "<pre" in html
    assert "```" not in html
    assert "<li>Type: <strong>steel</strong></li>" in html


def test_plain_markdown_files_and_code_are_left_as_commonmark_reads_them(tmp_path: Path) -> None:
    body = "<details>\n<summary>Why?</summary>\nA dry chain wears [the cogs](https://example.com) out.\n</details>"
    assert "[the cogs](https://example.com)" in _html(tmp_path, "bikes.md", body)
    fenced = "```html\n<div>\ntext\n</div>\n```\n"
    assert html_lines_apart(fenced) == fenced


def test_inline_tags_stay_in_their_paragraph() -> None:
    text = "<kbd>Ctrl</kbd>\nthen press C.\n<div>\n**bold**\n</div>\n"
    assert html_lines_apart(text) == "<kbd>Ctrl</kbd>\nthen press C.\n<div>\n\n**bold**\n</div>\n"
