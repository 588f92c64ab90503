"""HTML tags in an MDX page end where they stand: the Markdown under them is Markdown, as MDX reads it.

In MDX, `<details>`, `<summary>`, `<dl>`, `<dd>` are JSX like any component, and the lines between
them are Markdown: `<details>` / `<summary>Why?</summary>` / `There are [libraries](…) for it`
shows a link. CommonMark reads the same lines as one HTML block running to the next blank line, so
the Markdown in it would show raw (`[libraries](https://…)`, a code fence's backticks). So in an
MDX page, a line holding only block-level HTML tags (CommonMark's list of them: `details`, `div`,
`dl`, `dd`, `section`, `table`…, or one such element with its words, `<summary>Why?</summary>`) is
given a blank line after it when Markdown follows: the tags stay HTML, and what follows is parsed as
Markdown. Lines inside code fences are code and are left as written; inline tags (`<kbd>`, `<b>`)
are part of their paragraph and are never split from it.
"""

from __future__ import annotations

import re

from markdown_it.common.html_blocks import block_names

from app.ingest.fences import outside_code

_NAMES = "|".join(sorted(block_names, key=len, reverse=True))
_TAG = rf"</?(?:{_NAMES})\b(?:\s[^<>]*)?/?>"
# A line of block tags only, or one block element with its text on the line: `<summary>Why?</summary>`.
_TAG_LINE = re.compile(rf"(?:{_TAG}\s*)+|<({_NAMES})\b[^<>]*>[^<>]*</\1>", re.IGNORECASE)


def html_lines_apart(text: str) -> str:
    """The MDX text with a blank line after each line of block-level HTML tags that Markdown follows."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    after: set[int] = set()
    for number, line in outside_code(lines):
        if number + 1 >= len(lines) or not lines[number + 1].strip():
            continue
        if _TAG_LINE.fullmatch(line.strip()) and not _TAG_LINE.fullmatch(lines[number + 1].strip()):
            after.add(number)
    if not after:
        return text
    return "\n".join(line + ("\n" if number in after else "") for number, line in enumerate(lines))
