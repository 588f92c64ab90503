"""A big README's opening, before its first chapter: a language bar, a banner line, a logo, badges.

GitHub shows a README as one page: a row of links to its translations, a line such as "Help
translate this guide!", the `# Title`, a logo, and then the first `## Section`. Cut into chapters,
what comes before the first `##` becomes a preface. When that is only pictures (a logo, a row of
badges) it is a chapter a reader opens to find no words in; the pictures belong atop the first
chapter, as they sit above it on GitHub. And a README read as a folder's introduction drops the
chrome above its title exactly as a README read alone does (titles.leading_title), so the language
bar, whose links lead to the translations left out of the book, does not open the book.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from app.ingest.rawhtml import html_text
from app.ingest.titles import TITLE_TOKENS, is_banner, is_chrome, top_blocks

# An HTML picture, whose description html_text() would give as its words.
_PICTURE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def is_bare(tokens: list[Token]) -> bool:
    """Whether the tokens show pictures, rules or links at most, and not one word of text.

    A picture's description and a badge's words are not the README's text: they are what GitHub
    shows instead of a missing picture.
    """
    for token in tokens:
        if token.type in ("fence", "code_block", "math_block") and token.content.strip():
            return False
        if token.type == "html_block" and html_text(_PICTURE.sub("", token.content)).strip():
            return False
        if token.type != "inline":
            continue
        for child in token.children or ():
            if child.type in ("text", "code_inline", "math_inline") and child.content.strip():
                return False
            if child.type == "html_inline" and html_text(_PICTURE.sub("", child.content)).strip():
                return False
    return True


def opening_title(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The `# Title` heading and what follows it, when only page chrome or short banner lines (a
    language bar, "Help translate this guide!") come before it; else None."""
    index = 0
    for block in top_blocks(tokens):
        if block[0].type == "heading_open":
            if block[0].tag != "h1":
                return None
            return tokens[index : index + TITLE_TOKENS], tokens[index + TITLE_TOKENS :]
        if not (is_chrome(block) or is_banner(block)):
            return None
        index += len(block)
    return None
