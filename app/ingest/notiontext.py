"""A Notion page's text as its author saw it in Notion, rewritten before parsing (see notion.py).

- A callout is exported as HTML, `<aside>` and `</aside>` on lines of their own around Markdown
  (its emoji, then its text). Left as HTML, its Markdown would show raw; it becomes a `:::` box,
  read as any other (containers.py), with its emoji first.
- A to-do, a list item starting `[ ]` or `[x]`, is any book's task list (passes.task_boxes).
- A database row's page has its properties as lines of `Key: value` right under its `# Title`.
  Read as prose they run together into one paragraph; each becomes a line of its own, its key in
  bold, as Notion shows them above the page's text.

Line numbers are kept, so what a warning says about a line is still true of the file.
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code

_OPEN, _CLOSE = "<aside>", "</aside>"
_BOX = "::: {.aside}"
# A property's name is words, not Markdown: a line that starts a list, a quote or a heading is prose.
_PROPERTY = re.compile(r"([^\s:#>*_`|\[\]<!\\+-][^:*_`|\[\]<>\\\n]{0,59}): (\S.*)")


def notion_text(text: str, *, row: bool) -> str:
    """The page's Markdown with its callouts as boxes and, if it is a database's
    `row`, its properties as lines of their own."""
    boxes = _OPEN in text
    if not (boxes or row):
        return text
    lines = text.split("\n")
    if boxes:
        for number, line in outside_code(lines):
            stripped = line.strip()
            if stripped in (_OPEN, _CLOSE):
                indent = line[: len(line) - len(line.lstrip())]
                lines[number] = indent + (_BOX if stripped == _OPEN else ":::")
    if row:
        _properties(lines)
    return "\n".join(lines)


def _properties(lines: list[str]) -> None:
    """The `Key: value` lines right under the page's `# Title`, each made a line of its own."""
    title = next((number for number, line in enumerate(lines) if line.strip()), None)
    if title is None or not lines[title].startswith("# "):
        return
    start = title + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    found = [_PROPERTY.fullmatch(lines[number].strip()) for number in range(start, end)]
    properties = [match for match in found if match is not None]
    if not found or len(properties) < len(found):
        return
    for number, match in zip(range(start, end), properties, strict=True):
        # A backslash at a line's end is a line break; the last line needs none.
        lines[number] = f"**{match.group(1).strip()}:** {match.group(2)}" + ("\\" if number < end - 1 else "")
