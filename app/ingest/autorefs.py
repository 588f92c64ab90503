"""mkdocs-autorefs' links by name (`[BaseModel][pydantic.BaseModel]`), read as a reader can follow them.

A site with mkdocstrings links to its API by an object's name, and to any heading of the site by
its anchor, with Markdown's reference-link syntax and no definition under it:

    A [`ValidationError`][pydantic_core.ValidationError] is raised…   (an API object: text only)
    See [the config section][model-config].                          (a heading: a link to it)
    The [pydantic.BaseModel][] class…                                 (the name is its own title)

The site's build resolves them; CommonMark, finding no `[pydantic.BaseModel]: …` definition, shows
the brackets as written. The API pages are made from the project's code, which the book does not
hold, so a dotted name (or one with `:`) keeps only its words; any other name is a heading's anchor,
and becomes `[words](#anchor)`: a link to the heading on the same page, or to one anywhere in the
book that has an id of its own (links.py); otherwise its words. A label the page does define stays
a normal reference link. Code blocks and code spans are left as written.
"""

from __future__ import annotations

import re

from app.ingest.fences import code_spans, outside_code

_LINK = re.compile(r"(?<![!\\\]])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[([^\[\]\n]*)\]")
_DEFINITION = re.compile(r" {0,3}\[([^\]\n]+)\]:")
_ANCHOR = re.compile(r"[\w-]+")


def autoref_links(text: str) -> str:
    """The text with every reference link whose label the page does not define read as autorefs does."""
    if "][" not in text:
        return text
    lines = text.split("\n")
    outside = list(outside_code(lines))
    defined = {_label(found.group(1)) for _, line in outside if (found := _DEFINITION.match(line))}
    for number, line in outside:
        if "][" in line:
            lines[number] = _line(line, defined)
    return "\n".join(lines)


def _line(line: str, defined: set[str]) -> str:
    spans = code_spans(line)

    def replace(found: re.Match[str]) -> str:
        if any(start < found.start() < end for start, end in spans):
            return found.group(0)
        words, name = found.group(1), found.group(2) or found.group(1).strip("`")
        if _label(found.group(2) or found.group(1)) in defined:
            return found.group(0)
        if "." in name or ":" in name or not _ANCHOR.fullmatch(name):
            return words
        return f"[{words}](#{name})"

    return _LINK.sub(replace, line)


def _label(text: str) -> str:
    """A reference label as CommonMark matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()
