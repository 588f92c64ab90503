"""Which heading names a book, found cheaply enough to run before a book is parsed.

A single file's title is its `# Title`, even below a language bar, badges, a logo or a one-line
banner (page chrome, which is left out), provided the file has no other `#` heading with text under the title (then
`#` headings are its chapters). Lines are scanned for `#` headings outside code fences, and only
the head of the file, down to the title, is parsed; so the title (and a slug made from it) is
known before the book is, and parsing later drops exactly that heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it.token import Token

from app.ingest.counting import count_words
from app.ingest.markdown import PARSER
from app.ingest.text import inline_text

# A heading, or a callout's title, is always three tokens: its opening, its inline text, its closing.
TITLE_TOKENS = 3
_FENCES = ("```", "~~~")
# Lines that matter to _h1_lines; everything else is skipped without a Python loop over it.
# The pattern starts with the newline before such a line, not with a multiline `^`: a fixed
# first character is searched for as fast as str.find, where `^` is tested at every character.
_MAYBE = re.compile(r"\n {0,3}(?:#|```|~~~|=)")
_BANNER_WORDS = 12
_TAGLINE_WORDS = 24
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")  # addresses are no words of a tagline


def leading_title(text: str) -> tuple[str, int] | None:
    """The book's title heading in a single file, as (plain text, 0-based line), or None."""
    lines = text.split("\n")
    h1 = _h1_lines(text, lines)
    if not h1:
        return None
    first = h1[0]
    if (
        sum(1 for n, _ in enumerate(h1) if _text_under(lines, h1, n)) > 1
        and _text_under(lines, h1, 0)
        and not _tagline_under(lines, h1)
    ):
        return None  # several `#` headings with text under them: they are chapters
    # A setext title (`Tides` over `=====`) is a heading only with its underline: parse that too.
    head = "\n".join(lines[: first + 2]) + "\n"
    tokens = PARSER.parse(head)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.level == 0:
            above = top_blocks(tokens[:index])
            if not all(is_chrome(block) or is_banner(block) or is_note(block) for block in above):
                return None
            title = inline_text(tokens[index + 1]).strip()
            return (title, (token.map or [first])[0]) if title else None
    return None


def _tagline_under(lines: Sequence[str], h1: Sequence[int]) -> bool:
    """Whether the first `#` heading has only a tagline under it (`# wonderful-sql`, then "Follow me，
    从 0 到 1 掌握 SQL。"), short beside the `#` sections after it: a title, as GitHub shows it, though the
    README writes every heading with `#`. Two short `#` sections alike are two chapters still."""
    under = count_words(_LINK_TARGET.sub("", "\n".join(lines[h1[0] + 1 : h1[1]])))
    if under > _TAGLINE_WORDS:
        return False
    rest = count_words(_LINK_TARGET.sub("", "\n".join(lines[h1[1] :])))
    return rest >= 10 * max(under, 1)


def _text_under(lines: Sequence[str], h1: Sequence[int], n: int) -> bool:
    """Whether the `n`th of the `#` headings at lines `h1` has any text under it before the next.

    A last `# };` closing a style guide that opened with `# Guide() {` has none: it is no chapter,
    and does not make the title above it one either.
    """
    start = h1[n] + 1
    if start < len(lines) and lines[start].strip().startswith("=") and not lines[start].strip().strip("="):
        start += 1  # a setext heading's underline
    end = h1[n + 1] if n + 1 < len(h1) else len(lines)
    return any(line.strip() for line in lines[start:end])


def _h1_lines(text: str, lines: Sequence[str]) -> list[int]:
    """0-based lines of `#` headings (ATX, and `===` setext underlines' text) outside fences.

    Only lines that could matter (found by one regular-expression pass) are looked at in Python.
    """
    found: list[int] = []
    fence = ""
    line_number, position = 0, 0
    # A newline put first lets the pattern find the first line too; each match then starts,
    # in the padded text, at the newline before the line, which is where the line starts in `text`.
    for match in _MAYBE.finditer("\n" + text):
        line_number += text.count("\n", position, match.start())
        position = match.start()
        line = lines[line_number]
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence) :].strip(fence[0]).strip():
                fence = ""
        elif stripped.startswith(_FENCES):
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
        elif stripped == "#" or stripped.startswith(("# ", "#\t")):
            found.append(line_number)
        elif (
            stripped.startswith("=")
            and not stripped.rstrip().strip("=")
            and line_number > 0
            and lines[line_number - 1].strip()
        ):
            found.append(line_number - 1)
        if len(found) > 2:
            break
    return found


def top_blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """Top-level blocks: a paragraph, a whole list, a whole table, a code block, never part of one."""
    blocks: list[list[Token]] = []
    block: list[Token] = []
    depth = 0
    for token in tokens:
        block.append(token)
        depth += token.nesting
        if depth == 0:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def is_chrome(block: Sequence[Token]) -> bool:
    """Page furniture above a title: raw HTML, rules, and lines of nothing but links and pictures."""
    first = block[0].type
    if first in ("html_block", "hr"):
        return True
    if first != "paragraph_open":
        return False
    words = []
    in_link = 0
    for child in block[1].children or ():
        if child.type in ("link_open", "link_close"):
            in_link += child.nesting
        elif child.type == "text":
            if not in_link:
                words.append(child.content)
        elif child.type not in ("link_open", "link_close", "image", "softbreak", "hardbreak", "html_inline",
                                "em_open", "em_close", "strong_open", "strong_close"):  # fmt: skip
            return False
    # Separators such as "|", "·" or "∙" between links, but no words outside them.
    return not any(_is_word(piece) for piece in " ".join(words).split())


def is_note(block: Sequence[Token]) -> bool:
    """A quoted note above a title (a translation's credits, "> This guide has moved"): the title is
    still the title, and the note is kept, as the book's preface."""
    return block[0].type == "blockquote_open"


def is_banner(block: Sequence[Token]) -> bool:
    """A short line above a title ("Help translate this guide!"): page furniture too, not the book's text."""
    if block[0].type != "paragraph_open":
        return False
    # Each Chinese or Japanese character is a word here, as in reading times: a sentence is no banner.
    return count_words(inline_text(block[1])) <= _BANNER_WORDS


def _is_word(piece: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in piece)


def same_title(a: str, b: str) -> bool:
    """Whether two titles say the same, ignoring case, punctuation and spacing."""
    return _folded(a) == _folded(b) and bool(_folded(a))


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
