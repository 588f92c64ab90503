"""mkdocs' Snippets (pymdown-extensions' `--8<--`), resolved as the site resolves them: in the text, before parsing.

An mkdocs site that lists `pymdownx.snippets` in its `markdown_extensions` pulls other files in:

    --8<-- "CHANGELOG.md"            the whole file, where the line stood (indented as the line is)
    --8<-- "src/app.py:3:8"          lines 3 to 8 (`:3:` from 3 on, `::8` up to 8)
    --8<-- "src/app.py:setup"        the lines between `--8<-- [start:setup]` and `--8<-- [end:setup]`
    --8<--                           a block: each line between two bare markers names a file
    glossary.md
    --8<--

inside code fences too, since that is how a site shows a source file as code. Paths are looked up
in the extension's `base_path` folders (the folder holding mkdocs.yml unless it says otherwise),
in order, and never outside the book; `auto_append` files are added to the end of every page (the
Material for MkDocs docs keep their shared link definitions that way). Section markers never show,
and `;--8<--` is the escaped form, shown less its `;`. A missing file or section, a web address
(Chapterwise never downloads), or a file that includes itself is a warning naming the page and
line, and the line is left out: never shown raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.mkdocs import options_of
from app.ingest.placement import BOOK_ROOT, join

_SCISSORS = "8<-"
# A snippet line: indentation, escaping `;`s, the scissors and, unless it opens or closes a
# block, the quoted path.
_LINE = re.compile(r"([ \t]*)(;*)(-+8<-+)(?:[ \t]+(\"[^\"]+\"|'[^']+'))?[ \t]*")
_SECTION = re.compile(
    r"(.*?)(;*)(-+8<-+[ \t]+)\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\](.*)", re.IGNORECASE
)
_PICK = re.compile(r"(.*?)(?::(\d*)(?::(\d*))?|:([a-z][-_0-9a-z]*))?", re.IGNORECASE)
_EXTENSION = "pymdownx.snippets"
_OUTSIDE = "leads outside the book's folder"


@dataclass(frozen=True, slots=True)
class Snippets:
    """The extension's settings, as paths inside the book."""

    bases: tuple[PurePosixPath, ...]  # where a snippet's path is looked up, in order
    append: tuple[PurePosixPath, ...] = ()  # files added to the end of every page


def snippets_of(config: dict[str, Any], *, read: ReadText, warn: list[str], where: str) -> Snippets | None:
    """The extension's settings from mkdocs.yml as data; None when the site does not use it."""
    options = options_of(config, "markdown_extensions", (_EXTENSION,))
    if options is None:
        return None
    bases: list[PurePosixPath] = []
    for base in _names(options.get("base_path", ["."])):
        inside = _inside(base)
        if inside is None:
            warn.append(f"{where}: snippets' base_path '{base}' is outside the book, so it is not looked in.")
        else:
            bases.append(inside)
    # Each page would otherwise repeat the same warning about a file every page appends.
    append: list[PurePosixPath] = []
    for name in _names(options.get("auto_append", [])):
        found, problem = _find(name, bases, read)
        if found is None:
            warn.append(f"{where}: snippets' auto_append file '{name}' {problem}. Pages go without it.")
        else:
            append.append(found)
    return Snippets(tuple(bases), tuple(append))


def _names(value: Any) -> list[str]:
    """A setting that is one name or a list of them."""
    return (
        [value]
        if isinstance(value, str)
        else [str(item) for item in value]
        if isinstance(value, list)
        else []
    )


def _inside(written: str) -> PurePosixPath | None:
    """A folder mkdocs.yml names, inside the book: '.' is the book's own folder."""
    if written.startswith("/"):
        return None
    if all(part == "." for part in PurePosixPath(written).parts):
        return BOOK_ROOT
    return join(BOOK_ROOT, written)


def _find(
    path: str, bases: tuple[PurePosixPath, ...] | list[PurePosixPath], read: ReadText
) -> tuple[PurePosixPath | None, str]:
    """Where a snippet's path is, in the first base folder that holds it; else None and why not."""
    places = [join(base, path) for base in bases] if not path.startswith("/") else []
    problem = _OUTSIDE
    for place in places:
        if place is None:
            continue
        try:
            read(place)
        except Exception as unread:  # noqa: BLE001 - the reader says why, in words for the author
            if problem == _OUTSIDE:
                problem = f"is not there: '{place}' {unread}"
            continue
        return place, ""
    return None, problem


def expand(
    text: str, *, file: PurePosixPath, snippets: Snippets, read: ReadText, warn: Callable[[str], None]
) -> str:
    """The page's text with every snippet line replaced by what it names, and auto_append added."""
    if _SCISSORS in text:
        text = "\n".join(_expand(text.split("\n"), file, snippets, read, warn, seen=(file,)))
    for appended in snippets.append:
        lines = _lines(read(appended))
        text = "\n\n".join(
            [
                text.rstrip("\n"),
                "\n".join(_expand(lines, appended, snippets, read, warn, seen=(file, appended))),
                "",
            ]
        )
    return text


def _expand(
    lines: list[str],
    file: PurePosixPath,
    snippets: Snippets,
    read: ReadText,
    warn: Callable[[str], None],
    *,
    seen: tuple[PurePosixPath, ...],
) -> list[str]:
    out: list[str] = []
    in_block = False
    for number, line in enumerate(lines, 1):
        found = _LINE.fullmatch(line) if _SCISSORS in line else None
        if found is not None and found.group(2):
            out.append(line.replace(";", "", 1))  # `;--8<--` writes about the syntax
            continue
        if found is not None and found.group(4) is None:
            in_block = not in_block
            continue
        if found is None and not in_block:
            out.append(line)
            continue
        if found is not None:
            if in_block:
                continue  # pymdownx ignores a quoted snippet inside a block
            indent, written = found.group(1), found.group(4)[1:-1].strip()
        else:
            indent = line[: len(line) - len(line.lstrip())]
            written = line.strip()
            if not written:
                out.append("")
                continue
            if written.startswith(";"):
                continue  # a block's line commented out
        included = _snippet(written, file, snippets, read, warn, number=number, seen=seen)
        indent = indent.expandtabs(4)
        out.extend(indent + included_line if included_line else "" for included_line in included)
    return out


def _snippet(
    written: str,
    file: PurePosixPath,
    snippets: Snippets,
    read: ReadText,
    warn: Callable[[str], None],
    *,
    number: int,
    seen: tuple[PurePosixPath, ...],
) -> list[str]:
    """The lines one snippet stands for; [] with a warning naming the page's line when none."""

    def problem(message: str) -> list[str]:
        warn(f'{file}:{number}: --8<-- "{written}" {message}, so it was left out.')
        return []

    picked = _PICK.fullmatch(written)
    path, start, end, section = picked.groups() if picked else (written, None, None, None)
    path = path.strip()
    if path.lower().startswith(("http://", "https://")):
        return problem("is a web address, which Chapterwise never downloads")
    path_found, why = _find(path, snippets.bases, read)
    if path_found is None:
        return problem(why)
    if path_found in seen:
        return problem("includes itself (through the snippets it pulls in)")
    if len(seen) > MAX_DEPTH:
        return problem(f"is nested more than {MAX_DEPTH} deep")
    lines = _lines(read(path_found))
    if section:
        chosen = _section(lines, section)
        if chosen is None:
            return problem(
                f"names a section '{section}' that '{path_found}' does not mark with --8<-- [start:{section}]"
            )
        lines = chosen
    elif start or end:
        lines = lines[max(int(start) - 1, 0) if start else None : int(end) if end else None]
    lines = [line for line in lines if not _SECTION.fullmatch(line)]
    return _expand(lines, path_found, snippets, read, warn, seen=(*seen, path_found))


def _section(lines: list[str], name: str) -> list[str] | None:
    """The lines between `--8<-- [start:name]` and `--8<-- [end:name]`; None when it is not marked."""
    chosen: list[str] = []
    inside = found = False
    for line in lines:
        marker = _SECTION.fullmatch(line)
        if marker is not None and not marker.group(2) and marker.group(5).lower() == name.lower():
            if marker.group(4).lower() == "start":
                inside = found = True
                continue
            if inside:
                break
        if inside and marker is None:
            chosen.append(line)
        elif inside and marker is not None and marker.group(2):
            chosen.append(line.replace(";", "", 1))
    return chosen if found else None


def _lines(content: str) -> list[str]:
    """A file's lines, without the empty one after its last line break."""
    lines = content.split("\n")
    return lines[:-1] if content.endswith("\n") else lines
