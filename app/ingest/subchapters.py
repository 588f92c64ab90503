"""A README's one enormous section, cut at its own headings into sub-chapters.

Awesome lists and cheat-sheet READMEs keep most of their text under a single `##` heading
(`## The Book of Secret Knowledge (Chapters)`, then `#### CLI Tools`, `#### GUI Tools`… with
thousands of links under each). Cut at `##` as any README is, that is one chapter of eight pages a
reader pages through with no way to jump to "Web Tools". A section longer than two pages, with two
or more headings of one level at its top, is cut at the highest of them: the section keeps its text
before the first (or, having none, becomes a page listing its parts), and each part is a
sub-chapter under it. Shorter sections are left whole: a chapter of a page or two reads well.
Only READMEs (and index pages) are cut so: a story's long chapter keeps its scenes together.

Those headings often end in a link back to the contents (`#### CLI Tools [<sup>[TOC]</sup>](#toc)`);
GitHub shows it as a small mark, and it is no part of the sub-chapter's title.
"""

from __future__ import annotations

from markdown_it.token import Token

from app.ingest.counting import count_words
from app.ingest.limits import PAGE_WORD_BUDGET
from app.ingest.rawhtml import html_text
from app.ingest.text import inline_text
from app.ingest.titles import TITLE_TOKENS

_LONG = 2 * PAGE_WORD_BUDGET
_BACK_LINK = 12  # characters: "[TOC]", "↑ top", "back to top"


def parts_of(tokens: list[Token]) -> list[tuple[list[Token], list[Token]]] | None:
    """Each part of a long section: its heading's tokens and the tokens under it; None when the
    section is short, or has no two headings of one level to cut at."""
    if _words(tokens) <= _LONG:
        return None
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    if not headings:
        return None
    top = min(tokens[i].tag for i in headings)
    starts = [i for i in headings if tokens[i].tag == top]
    if len(starts) < 2:
        return None
    ends = [*starts[1:], len(tokens)]
    return [
        (tokens[start : start + TITLE_TOKENS], tokens[start + TITLE_TOKENS : end])
        for start, end in zip(starts, ends, strict=True)
    ]


def _words(tokens: list[Token]) -> int:
    """Every word a reader pages through: prose, raw HTML's text (awesome lists write theirs in
    `<a><b>…</b></a>` lines), and code."""
    total = 0
    for token in tokens:
        if token.type == "inline":
            total += count_words(inline_text(token))
        elif token.type == "html_block":
            total += count_words(html_text(token.content))
        elif token.type in ("fence", "code_block"):
            total += count_words(token.content)
    return total


def lead_of(tokens: list[Token], parts: list[tuple[list[Token], list[Token]]]) -> list[Token]:
    """What the section says before its first part."""
    first = parts[0][0][0]
    return tokens[: next(i for i, t in enumerate(tokens) if t is first)]


def part_title(inline: Token) -> str:
    """A part's heading as a title, without a short link back to an anchor at its end ("[TOC]")."""
    children = list(inline.children or ())
    closing = len(children) - 1
    while closing >= 0 and children[closing].type == "text" and not children[closing].content.strip():
        closing -= 1
    if closing > 0 and children[closing].type == "link_close":
        opening = max(i for i in range(closing) if children[i].type == "link_open")
        href = str(children[opening].attrGet("href") or "")
        words = inline_text(Token("inline", "", 0, children=children[opening + 1 : closing]))
        before = inline_text(Token("inline", "", 0, children=children[:opening]))
        if href.startswith("#") and len(words.strip()) <= _BACK_LINK and before.strip():
            return " ".join(before.split())
    return " ".join(inline_text(inline).split())
