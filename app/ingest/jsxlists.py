"""A component given its links as data, read as the list of links it shows.

Showcase and card-grid components take their entries as a JavaScript array in an attribute, not as
Markdown: Starlight's community showcases write `<ShowcaseText entries={[{ href: '…', title: '…',
description: '…' }, …]} />`. That array is the page's content (here, the list of plugins), but as an
expression it is dropped (mdx.py), leaving the reader nothing, or, when it runs long, the tag's
remains. So a self-closing component whose only attribute is such an array, each entry an object
with a link (`href` or `link`) and a title (`title`, `name` or `label`), becomes a Markdown list,
`- [title](href): description`, in place of the tag. The array is read as data (scripts.py), never
run; any entry that is not plain data leaves the tag as it was, for mdx.py to drop.
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code
from app.ingest.scripts import NotData, exported

_START = re.compile(r"<([A-Z][\w.]*)\s+([A-Za-z_][\w-]*)=\{\[\s*$")
_NAME_ALONE = re.compile(r"<[A-Z][\w.]*")
_ONE_LINE = re.compile(r"<([A-Z][\w.]*)\s+([A-Za-z_][\w-]*)=\{(\[.*\])\}\s*/>")
_MOST_LINES = 2000
_SAFE_LINK = re.compile(r"https?://|/|\.{1,2}/|#|[\w-]+(?:/|$)")
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def linked_entries(text: str) -> str:
    """The page with each component listing links as data replaced by a Markdown list of them."""
    if "={[" not in text:
        return text
    lines = text.split("\n")
    skip_to = -1
    for number, line in outside_code(lines):
        if number <= skip_to or not line.lstrip().startswith("<"):
            continue
        found = _component(lines, number)
        if found is None:
            continue
        last, items = found
        indent = line[: len(line) - len(line.lstrip())]
        lines[number] = "\n".join(indent + item for item in items)
        for blank in range(number + 1, last + 1):
            lines[blank] = ""
        skip_to = last
    return "\n".join(lines)


def _component(lines: list[str], number: int) -> tuple[int, list[str]] | None:
    """The line the tag ends on and its list items, when the tag is one this module reads."""
    stripped = lines[number].strip()
    one = _ONE_LINE.fullmatch(stripped)
    if one is not None:
        return _listed(one.group(3), number)
    first = number
    if _START.fullmatch(stripped) is None:
        # The tag's name alone on its line, and the attribute on the next: `<ShowcaseText` / `entries={[`.
        after = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if not _NAME_ALONE.fullmatch(stripped) or _START.fullmatch(f"{stripped} {after}") is None:
            return None
        first = number + 1
    for last in range(first + 1, min(len(lines), number + _MOST_LINES)):
        if lines[last].strip() == "/>" and lines[last - 1].strip() == "]}":
            array = "[" + "\n".join(lines[first + 1 : last - 1])
            return _listed(array + "\n]", last)
        if lines[last].strip().startswith(("<", "```")):
            return None
    return None


def _listed(array: str, last: int) -> tuple[int, list[str]] | None:
    try:
        entries = exported(array)
    except NotData:
        return None
    if not isinstance(entries, list) or not entries:
        return None
    items: list[str] = []
    for entry in entries:
        if not isinstance(entry, dict):
            return None
        link = entry.get("href", entry.get("link"))
        title = next(
            (entry[key] for key in ("title", "name", "label") if isinstance(entry.get(key), str)), None
        )
        if not isinstance(link, str) or title is None:
            return None
        # A web address or a path in the site is a link; anything else (`javascript:`) is only its title.
        usable = _SAFE_LINK.match(link) and not re.search(r"[\s<>\\]", link)
        item = f"- [{_literal(title)}](<{link}>)" if usable else f"- {_literal(title)}"
        description = entry.get("description")
        items.append(
            f"{item}: {_literal(description)}"
            if isinstance(description, str) and description.strip()
            else item
        )
    return last, items


def _literal(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))
