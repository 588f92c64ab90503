"""Writerside's `<include from="x.md" element-id="y"/>`: the element of that id in another topic.

The file is found by name in the topics folder (no `from`: the topic itself). The element is the
first, however deep, whose `id` is the one named: a `<snippet>` gives its content, any other
element itself; in a Markdown topic a heading marked `{id="y"}` gives its section, and a block
followed by a `{id="y"}` line that block. Only files
of the book are read; an include of an element it is inside, or nested past MAX_DEPTH, stops
with a warning naming the topic and line, as does a file or id that is not there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.writerside import WritersideProject
from app.ingest.writersidelines import attribute_lines
from app.ingest.writersidetags import Element, Node, by_id, parse_elements

Warn = Callable[[str], None]
Chain = tuple[tuple[PurePosixPath, str], ...]


@dataclass(frozen=True, slots=True)
class Included:
    nodes: list[Node]
    path: PurePosixPath  # the file they come from
    xml: bool  # whether that file is an XML topic
    key: tuple[PurePosixPath, str]  # the file and id, for the chain of includes it is read within


def included(
    element: Element,
    *,
    source: PurePosixPath,
    chain: Chain,
    project: WritersideProject,
    read: ReadText,
    warn: Warn,
) -> Included | None:
    """What the include names, still to be read; None, with a warning, when it cannot be had."""
    written = element.attributes.get("from", "").strip()
    wanted = element.attributes.get("element-id", "").strip()
    shown = f'<include from="{written}" element-id="{wanted}">'
    path = project.topics.get(PurePosixPath(written).name) if written else source
    if path is None:
        warn(f"{shown} names a file that is not in the topics folder, so it was left out.")
        return None
    if (path, wanted) in chain:
        warn(f"{shown} includes itself, so it was left out.")
        return None
    if len(chain) >= MAX_DEPTH:
        warn(f"{shown} is nested more than {MAX_DEPTH} deep, so it was left out.")
        return None
    try:
        text = read(path)
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"{shown}: '{path}' {problem}. The include was left out.")
        return None
    xml = path.suffix.lower() == ".topic"

    def lines(text: str) -> str:
        return text if xml else attribute_lines(text, source=path, project=project, read=read, warn=warn)

    found = by_id(parse_elements(lines(text), xml=xml), wanted)
    if found is not None:
        nodes: list[Node] = list(found.children) if found.name == "snippet" else [found]
        return Included(nodes, path, xml, (path, wanted))
    section = None if xml else _section(text, wanted)
    if section is None:
        warn(f"{shown}: '{path}' has no element with that id, so it was left out.")
        return None
    return Included(parse_elements(lines(section), xml=False), path, xml, (path, wanted))


def _section(text: str, wanted: str) -> str | None:
    """A Markdown heading's section (`## Install {id="install"}` to the next heading as high)."""
    lines = text.split("\n")
    marker = re.compile(rf"\{{[^}}]*\bid\s*=\s*\"{re.escape(wanted)}\"[^}}]*\}}\s*$")
    prose = list(outside_code(lines))
    for at, (number, line) in enumerate(prose):
        if line.startswith("#") and marker.search(line):
            level = len(line) - len(line.lstrip("#"))
            end = next(
                (later for later, text_line in prose[at + 1 :]
                 if text_line.startswith("#") and len(text_line) - len(text_line.lstrip("#")) <= level),
                len(lines),
            )  # fmt: skip
            return "\n".join(lines[number:end])
    for number, line in prose:  # `{id="y"}` on a line of its own marks the block above it
        if line.lstrip().startswith("{") and marker.search(line):
            start = number
            while start > 0 and lines[start - 1].strip():
                start -= 1
            return "\n".join(lines[start : number + 1])
    return None
