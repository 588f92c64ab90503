"""The part of a note an Obsidian embed names: a heading's section (`#Heading`) or one block (`#^id`)."""

from __future__ import annotations

import re

from app.ingest.anchors import github_slug
from app.ingest.fences import outside_code

_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")


def heading_section(text: str, heading: str) -> tuple[str, int] | None:
    """The lines from the heading (matched as its link fragment is) to the next heading as important,
    and the 0-based line they start at; None if the text has no such heading."""
    wanted = github_slug(heading)
    lines = text.split("\n")
    start: int | None = None
    level = 0
    for number, line in outside_code(lines):
        found = _HEADING.fullmatch(line)
        if found is None:
            continue
        if start is None:
            if github_slug(found.group(2)) == wanted:
                start, level = number, len(found.group(1))
        elif len(found.group(1)) <= level:
            return "\n".join(lines[start:number]), start
    return ("\n".join(lines[start:]), start) if start is not None else None


def marked_block(text: str, block: str) -> tuple[str, int] | None:
    """The block Obsidian marks `^block` (at the end of its last line, or on the line after it): a
    list item alone, else its paragraph; and the 0-based line it starts at. None if none is marked."""
    marker = re.compile(rf"(?:^|[ \t\])])\^{re.escape(block)}[ \t]*")
    lines = text.split("\n")
    for number, line in outside_code(lines):
        found = marker.search(line)
        if found is None or found.end() != len(line):
            continue
        end = number if not line[: found.start()].strip() else number + 1
        if end == number + 1 and _LIST_ITEM.match(line):
            return line, number
        start = end
        while start > 0 and lines[start - 1].strip():
            start -= 1
        return "\n".join(lines[start:end]), start
    return None
