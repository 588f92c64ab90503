"""A component listing its links as data (`entries={[{href, title}]}`) reads as the list of links."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import read_book
from tests.ingest.helpers import markdown_of, write

ENTRIES = """[
\t\t{ href: 'https://example.com/rye', title: 'Rye bread', description: 'Dense and sour.' },
\t\t{ link: 'https://example.com/spelt', name: 'Spelt' },
\t]"""


def _page(tmp_path: Path, tag: str) -> tuple[str, str]:
    path = write(tmp_path / "breads.mdx", f"# Breads\n\nOther bakers' recipes:\n\n{tag}\n\nHappy baking.\n")
    draft = read_book(path)
    return markdown_of(draft), "".join(page.html for chapter in draft.chapters for page in chapter.pages)


@pytest.mark.parametrize(
    "tag",
    [
        f"<ShowcaseText\n\tentries={{{ENTRIES}}}\n/>",
        f"<LinkGrid items={{[\n{ENTRIES[1:-1]}\n]}}\n/>",
        (
            "<LinkGrid items={[{ href: 'https://example.com/rye', title: 'Rye bread', description: 'Dense and sour.' }, "
            "{ link: 'https://example.com/spelt', name: 'Spelt' }]} />"
        ),
    ],
)
def test_the_entries_become_a_list_of_links(tmp_path: Path, tag: str) -> None:
    text, _ = _page(tmp_path, tag)
    assert "- [Rye bread](https://example.com/rye): Dense and sour." in text
    assert "- [Spelt](https://example.com/spelt)" in text
    assert "entries" not in text
    assert "Happy baking." in text


def test_entries_that_are_not_plain_data_leave_the_tag_to_be_dropped(tmp_path: Path) -> None:
    text, _ = _page(tmp_path, "<ShowcaseText entries={[{ href: makeLink('rye'), title: 'Rye' }]} />")
    assert "Rye" not in text
    assert "Happy baking." in text


def test_a_script_link_is_never_a_live_link(tmp_path: Path) -> None:
    text, html = _page(tmp_path, "<ShowcaseText entries={[{ href: 'javascript:alert(1)', title: 'Rye' }]} />")
    assert "javascript:" not in html
    assert "- Rye" in text


def test_a_tag_inside_a_code_fence_is_left_as_written(tmp_path: Path) -> None:
    text, _ = _page(
        tmp_path, "```mdx\n<ShowcaseText entries={[{ href: 'https://example.com', title: 'Rye' }]} />\n```"
    )
    assert "<ShowcaseText entries={[" in text
