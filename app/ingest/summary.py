"""SUMMARY.md, an mdBook's table of contents, read as mdBook reads it: parsed as Markdown, not by regex.

Parsing keeps the cases a line-based reading gets wrong: entries inside `<!-- … -->` are
comments, not chapters; nesting gives numbered sub-chapters ("4.2"); `# Part` headings start
parts; links before the first list (a foreword) and after the last one are unnumbered.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.ingest.guard import tame
from app.ingest.text import inline_text

_PARSER = MarkdownIt("commonmark", {"html": True})
_LONGEST_ENTRY = 2000


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a table of contents: a chapter, or (with no target) a draft chapter."""

    title: str  # plain text
    target: str | None  # the link as written; None for a draft chapter `[Title]()`
    line: int  # 1-based, in the table of contents file
    depth: int = 0
    label: str | None = None  # "4.2" for numbered chapters
    part: str | None = None


def read_summary(text: str) -> list[Entry]:
    """Every chapter entry of a SUMMARY.md, in order."""
    # No entry is thousands of characters long; such lines are left out before parsing.
    lines = ["" if len(line) > _LONGEST_ENTRY else line for line in text.split("\n")]
    tokens = _PARSER.parse(tame("\n".join(lines))[0])
    entries: list[Entry] = []
    part: str | None = None
    numbers: list[int] = []  # the numbering of the list item being read, one number a level
    last_top = 0  # the last top-level number given, which the next list continues from
    depth = -1  # nesting of lists: -1 outside any list
    titled = False  # the first `# Summary` heading titles the file, not a part
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and depth < 0:
            heading = inline_text(tokens[index + 1]).strip()
            if titled or token.tag != "h1":
                part = heading or None
            titled = True
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 0:
                numbers = [last_top]
            elif len(numbers) <= depth:
                numbers.append(0)  # a comment between items may end a list: the next one goes on counting
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            if depth == 0:
                last_top = numbers[0]
            depth -= 1
        elif token.type == "list_item_open":
            numbers[depth] += 1
            del numbers[depth + 1 :]  # a new item starts its sub-chapters from 1
        # An entry's text: in a paragraph (level 1), or in a list item's paragraph, two levels
        # deeper for each list (list, item) and one for the paragraph.
        elif token.type == "inline" and token.level == (1 if depth < 0 else 2 * depth + 3):
            links = links_in(token)
            if not links:
                continue
            titled = True
            first = (token.map or [0])[0] + 1
            if depth < 0:
                # Prefix or suffix chapters: unnumbered, at the top, in no part. Links on lines
                # that follow each other make one paragraph, and each is a chapter of its own.
                entries += [
                    Entry(title, target, first + lines, 0, None, None) for title, target, lines in links
                ]
            else:
                title, target, _ = links[0]
                label = ".".join(str(n) for n in numbers[: depth + 1])
                entries.append(Entry(title, target, first, depth, label, part))
    return entries


def links_in(token: Token) -> list[tuple[str, str | None, int]]:
    """The links in an inline token: each one's title, its target, and the lines before it in the token."""
    found: list[tuple[str, str | None, int]] = []
    children = token.children or []
    breaks = 0
    for index, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            breaks += 1
        if child.type != "link_open":
            continue
        inside: list[Token] = []
        for later in children[index + 1 :]:
            if later.type == "link_close":
                break
            inside.append(later)
        href = str(child.attrGet("href") or "").strip()
        title = inline_text(Token("inline", "", 0, children=inside)).strip()
        found.append((title, href or None, breaks))
    return found
