"""Writerside's inline elements as Markdown: UI words bold, paths and keys code, links and pictures by name.

`<control>` and `<ui-path>` (`File | New`) are bold, `<emphasis>` italic, `<path>`, `<shortcut>`
and `<code>` code. `<a href="x.topic" anchor="y">` links to the topic of that name wherever it
lies in the topics folder; `<img src="leaf.png">` shows the picture of that name from the images
folder, as Writerside finds both by name alone.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from app.ingest.writerside import WritersideProject
from app.ingest.writersidetags import Element


def inline_markdown(
    element: Element, words: str, *, file: PurePosixPath, project: WritersideProject, xml: bool
) -> str:
    """The element as Markdown; `words` is its content, already read, on one line."""
    name, attributes = element.name, element.attributes
    if name == "img":
        alt = attributes.get("alt", "").replace("]", "")
        src = attributes.get("src", "")
        if "://" not in src and not src.startswith(("data:", "/")):
            src = within(project.images.get(PurePosixPath(src).name), src, file)
        return f"![{alt}]({src})"
    if name == "a":
        return link(words, attributes, file=file, project=project)
    if name in ("control", "ui-path"):
        return f"**{words}**" if words else ""
    if name == "emphasis":
        return f"*{words}*" if words else ""
    if name in ("path", "shortcut", "code"):
        code = html.unescape(words) if xml or name == "code" else words
        ticks = "`" * (max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        return f"{ticks}{pad}{code}{pad}{ticks}" if code else ""
    return words  # `<format>`: a style only


def link(
    words: str, attributes: Mapping[str, str], *, file: PurePosixPath, project: WritersideProject
) -> str:
    href = attributes.get("href", "").strip()
    anchor = attributes.get("anchor", "").strip()
    if "://" not in href and not href.startswith(("mailto:", "#")) and href:
        href = within(project.topics.get(PurePosixPath(href).name), href, file)
    target = href + (f"#{anchor}" if anchor else "")
    return f"[{words or target}](<{target}>)" if target else words


def within(found: PurePosixPath | None, written: str, file: PurePosixPath) -> str:
    """A file the project finds by name, written relative to the chapter's `file`; else as written."""
    if found is None:
        return written
    return posixpath.relpath(found.as_posix(), file.parent.as_posix() or ".")
