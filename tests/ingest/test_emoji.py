"""Emoji shortcodes in prose (an mkdocs site's pymdownx.emoji, a README on GitHub): known ones become emoji."""

from __future__ import annotations

from pathlib import Path

from app.ingest import load_book, render_markdown
from tests.ingest.helpers import markdown_of, write


def test_known_shortcodes_become_emoji_in_prose_but_not_in_code(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: Tea\n")
    write(
        tmp_path / "docs" / "index.md",
        "# Tea\n\n:x: Boiling water on green tea. :white_check_mark: Eighty degrees. :pray:\n\n"
        "Unknown :not_an_emoji_name: stays, and so does 10:30:00 and `:x:`.\n",
    )

    text = markdown_of(load_book(tmp_path).parse())

    assert "❌ Boiling water on green tea. ✅ Eighty degrees. 🙏" in text
    assert ":not_an_emoji_name:" in text
    assert "10:30:00" in text
    assert "`:x:`" in text


def test_any_books_shortcodes_become_emoji_as_github_draws_them_but_not_in_code() -> None:
    html = render_markdown("Not tea :x: but :thumbsup: and :+1:, at 10:30:00, and `:x:`.\n")
    assert "Not tea ❌ but 👍 and 👍, at 10:30:00, and <code>:x:</code>." in html
