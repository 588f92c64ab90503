"""Emoji shortcodes (`:rocket:`, `:white_check_mark:`), shown as the emoji they stand for.

GitHub draws `:name:` as an emoji in a README, and so do mkdocs sites with pymdownx.emoji and most
other renderers; READMEs and awesome lists put them in headings (`## :trident: Chapters`) and
lists, and docs in tables (`:x:` / `:white_check_mark:`). Left as text, a reader sees
`:notebook_with_decorative_cover:` in the contents. The names are the `emoji` package's: Unicode's
own (`:thumbs_up:`) and GitHub's aliases (`:thumbsup:`, `:+1:`), kept up to date by its authors
rather than by a table here. A name it does not know is left as written, as GitHub leaves it, and
code spans and blocks are never touched: `:root:` in CSS stays `:root:`.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it.token import Token

from app.ingest.anchors import github_slug
from app.ingest.text import inline_text

# Between colons, not inside a word, a time (10:30:00) or an address (http://x:8080:).
_SHORTCODE = re.compile(r"(?<![\w:/]):([a-z0-9+-][a-z0-9_+-]{0,60}):(?![\w/])")


def emoji(name: str) -> str | None:
    """The emoji for `:name:`, or None when there is none (then the text stays)."""
    return _names().get(name)


@cache
def _names() -> dict[str, str]:
    """Every shortcode name the `emoji` package knows, read once, and only by a book that has one."""
    import emoji as package  # its tables take a tenth of a second to load: not at start-up

    names: dict[str, str] = {}
    for character, data in package.EMOJI_DATA.items():
        for written in [data.get("en", ""), *data.get("alias", [])]:
            names.setdefault(written.strip(":"), character)
    return names


def show_emoji(tokens: list[Token]) -> None:
    """Each shortcode in the prose (headings, paragraphs, link text) becomes its emoji.

    GitHub makes a heading's anchor from its text as written, shortcode names and all: a README's
    `[Contents](#anger-table-of-contents)` points at `## :anger: Table of Contents`. That anchor is
    kept as the heading's own id, so such links still find it once the name is an emoji.
    """
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children or ":" not in token.content:
            continue
        written = inline_text(token)
        changed = False
        for child in token.children:
            if child.type == "text" and child.content.count(":") > 1:
                shown = _SHORTCODE.sub(_replaced, child.content)
                changed = changed or shown != child.content
                child.content = shown
        opening = tokens[index - 1] if index else None
        if (
            changed
            and opening is not None
            and opening.type == "heading_open"
            and not opening.meta.get("explicit_id")
        ):
            opening.meta = {**opening.meta, "explicit_id": github_slug(written)}


def _replaced(match: re.Match[str]) -> str:
    return emoji(match.group(1)) or match.group(0)
