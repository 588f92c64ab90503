"""mkdocstrings' `::: package.module` blocks in an mkdocs site: the name each documents, not raw syntax.

A Python project's mkdocs site writes its API reference as lines such as

    ::: httpx.Client
        options:
          members: [get, post]

which mkdocstrings fills, when the site is built, with documentation it reads from the project's
code. A book holds none of that (and Chapterwise never runs a project's code), so each block,
options and all, becomes a line naming what it documents: "API reference: `httpx.Client`". The
page keeps its place and its words around it, and the import says once per page how many there
were. Lines inside code blocks are examples, and stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.text import plural

# `::: identifier` alone on its line; mkdocstrings' identifiers are dotted paths (`a.b.C`), and some
# handlers take `path/to/file.py` or `module:object`.
# `::: name`, or `## ::: name`: a heading holding the block sets the level of its headings.
_BLOCK = re.compile(r"([ \t]*(?:#{1,6}[ \t]+)?):::[ \t]+([\w][\w.:/-]*)[ \t]*")


def api_names(text: str, *, file: PurePosixPath, warn: Callable[[str], None]) -> str:
    """The text with each mkdocstrings block replaced by a line naming what it documents."""
    if ":::" not in text:
        return text
    lines = text.split("\n")
    blocks: list[tuple[int, int, str, str]] = []  # first line, past its options, indent, identifier
    skip_to = 0
    for number, line in outside_code(lines):
        if number < skip_to:
            continue
        found = _BLOCK.fullmatch(line)
        if found is None:
            continue
        lead = found.group(1)
        indent = len(lead[: len(lead) - len(lead.lstrip(" \t"))].expandtabs(4))
        end = number + 1
        # Its YAML options: the lines below it indented further, up to a blank or shallower line.
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) > indent:
            end += 1
        blocks.append((number, end, found.group(1), found.group(2)))
        skip_to = end
    if not blocks:
        return text
    for first, end, spaces, identifier in reversed(blocks):
        # As many lines as the block had, so the lines after it keep their numbers for warnings.
        lines[first:end] = [f"{spaces}API reference: `{identifier}`", *[""] * (end - first - 1)]
    names = ", ".join(f"`{identifier}`" for *_, identifier in blocks[:3])
    more = ", …" if len(blocks) > 3 else ""
    warn(
        f"{file}: {plural(len(blocks), 'mkdocstrings block')} ({names}{more}) document code the site "
        "reads from the project's source when it is built; the book shows the name each documents."
    )
    return "\n".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
