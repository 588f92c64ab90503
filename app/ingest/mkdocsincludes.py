"""mkdocs' include extensions, `{! … !}` and `{* … *}`, resolved as the site resolves them: in the text, before parsing.

Sites that list `mdx_include` (or the older `markdown_include.include`) in mkdocs.yml's
`markdown_extensions` pull another file's text in where a `{! path !}` stands, anywhere in the page,
code fences included (that is how they show a source file as code):

    {! docs_src/app.py !}             the whole file (`{!+ … !}`, `{!- … !}`, `{!> … !}` the same)
    {! docs_src/app.py[ln:3-8] !}     lines 3 to 8 (`3-`, `-8`, several ranges with commas)
    \\{! … !}                          the escaped form, shown as written less its backslash

The FastAPI family's docs (typer, SQLModel) also list `markdown_include_variants`, whose line
`{* docs_src/app.py ln[3:8] hl[4] *}` stands for a whole code block of that file: the lines `ln[…]`
picks (`ln[0]`: the whole file, which the site folds away), with a comment where lines are left out,
as the site writes it. `hl[…]` only tints lines, and a reader loses nothing without it.

Paths are looked up from the extension's `base_path` (the folder holding mkdocs.yml unless it says
otherwise), then from the page's own folder, and never outside the book. A missing file, a web
address (Chapterwise never downloads) or a file that includes itself is a warning naming the page
and line, and the directive is left out: never shown raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.mkdocs import listed
from app.ingest.placement import BOOK_ROOT, join

_PLAIN_NAMES = ("mdx_include", "markdown_include.include", "markdown_include")
_VARIANTS_NAME = "markdown_include_variants"
# `{! path !}`: an optional recursion mark (`+`, `-`; FastAPI's pages also write `>`), the path,
# an optional `| encoding`, and an optional `[ln:…]` slice.
_PLAIN = re.compile(r"(\\?)\{!([+\->]?)([^!|\n\[\]]*)(?:\[ln:([0-9,\- \t]*)\][ \t]*)?(?:\|[^!\n]*)?!\}")
_VARIANTS = re.compile(r"([ \t]*)\{\*[ \t]*(\S+)((?:[ \t]+[a-z]+\[[^\]\n]*\])*)[ \t]*\*\}[ \t]*")
_OPTION = re.compile(r"([a-z]+)\[([^\]\n]*)\]")
# A code block's language, and the comment it writes its "lines left out" notes in, by suffix.
_LANGUAGES = {
    ".py": ("python", "#"),
    ".toml": ("toml", "#"),
    ".sh": ("bash", "#"),
    ".yml": ("yaml", "#"),
    ".yaml": ("yaml", "#"),
    ".js": ("javascript", "//"),
    ".ts": ("typescript", "//"),
    ".json": ("json", "//"),
    ".sql": ("sql", "--"),
}


@dataclass(frozen=True, slots=True)
class Includes:
    """Which of the extensions the site uses, and where their paths start."""

    base: PurePosixPath  # `base_path`, inside the book
    plain: bool  # `{! … !}`
    variants: bool  # `{* … *}`


def includes_of(config: dict[str, Any], *, warn: list[str], where: str) -> Includes | None:
    """The extensions' settings from mkdocs.yml as data; None when the site uses neither."""
    items = listed(config, "markdown_extensions")
    plain = next((items[name] or {} for name in _PLAIN_NAMES if name in items), None)
    variants = _VARIANTS_NAME in items
    if plain is None and not variants:
        return None
    written = plain.get("base_path", ".") if isinstance(plain, dict) else "."
    base: PurePosixPath | None = BOOK_ROOT
    if isinstance(written, str) and any(part != "." for part in PurePosixPath(written.strip()).parts):
        base = None if written.startswith("/") else join(BOOK_ROOT, written)
    if base is None:
        warn.append(
            f"{where}: the include extension's base_path '{written}' is outside the book; paths start at its folder."
        )
        base = BOOK_ROOT
    # The variants extension writes `{! … !}` lines for mdx_include to fill, so it implies them.
    return Includes(base, plain=plain is not None or variants, variants=variants)


def expand(
    text: str, *, file: PurePosixPath, includes: Includes, read: ReadText, warn: Callable[[str], None]
) -> str:
    """The page's text with every `{! … !}` and `{* … *}` replaced by what it names."""
    if "{" not in text:
        return text
    out: list[str] = []
    # Line by line, so each warning names the line of the page as its author wrote it.
    for number, line in enumerate(text.split("\n"), 1):
        found = _VARIANTS.fullmatch(line) if includes.variants and "{*" in line else None
        if found is not None:
            out.extend(_variants(found, file, includes, read, warn, number=number))
        elif includes.plain and "{!" in line:
            out.append(_plain(line, file, includes, read, warn, seen=(file,), first=number))
        else:
            out.append(line)
    return "\n".join(out)


def _variants(
    found: re.Match[str],
    file: PurePosixPath,
    includes: Includes,
    read: ReadText,
    warn: Callable[[str], None],
    *,
    number: int,
) -> list[str]:
    """The code block a `{* … *}` line stands for; [] when its file cannot be read."""
    indent, written, options = found.group(1), found.group(2), dict(_OPTION.findall(found.group(3)))
    place, content = _open(written, file, includes, read, warn, number=number, mark="{* … *}")
    if place is None:
        return []
    language, comment = _LANGUAGES.get(PurePosixPath(written).suffix.lower(), ("", "#"))
    lines = _lines(content)
    picked = _ranges(options.get("ln", "").replace(":", "-"), len(lines))
    shown = _with_gaps(lines, picked, comment) if picked else lines
    fence = "`" * max(3, _longest_backticks(shown) + 1)
    return [indent + row if row else "" for row in (f"{fence}{language}", *shown, fence)]


def _plain(
    text: str,
    file: PurePosixPath,
    includes: Includes,
    read: ReadText,
    warn: Callable[[str], None],
    *,
    seen: tuple[PurePosixPath, ...],
    first: int,
) -> str:
    """Line `first` of `file` with its `{! … !}` replaced, and theirs in turn."""
    out: list[str] = []
    done = 0
    for found in _PLAIN.finditer(text):
        out.append(text[done : found.start()])
        done = found.end()
        if found.group(1):  # `\{!`: about the syntax, shown as written
            out.append(found.group(0)[1:])
            continue
        number = first  # one line at a time
        written = found.group(3).strip()
        if not written:
            out.append(found.group(0))
            continue
        if len(seen) > MAX_DEPTH:
            warn(
                f"{file}:{number}: {{! {written} !}} is nested more than {MAX_DEPTH} deep, so it was left out."
            )
            continue
        place, content = _open(written, file, includes, read, warn, number=number, mark="{! … !}")
        if place is None:
            continue
        if place in seen:
            warn(f"{file}:{number}: {{! {written} !}} includes itself, so it was left out.")
            continue
        lines = _lines(content)
        if found.group(4) is not None:
            picked = _ranges(found.group(4), len(lines))
            lines = [lines[index] for index in picked]
        # A directive alone on its (indented) line hands its indent to every line it brings in.
        indent = text[: found.start()] if not out[:-1] and not text[: found.start()].strip() else ""
        included = "\n".join((indent + row if row and n else row) for n, row in enumerate(lines))
        out.append(
            "\n".join(
                _plain(row, place, includes, read, warn, seen=(*seen, place), first=n) if "{!" in row else row
                for n, row in enumerate(included.split("\n"), 1)
            )
        )
    out.append(text[done:])
    return "".join(out)


def _open(
    written: str,
    file: PurePosixPath,
    includes: Includes,
    read: ReadText,
    warn: Callable[[str], None],
    *,
    number: int,
    mark: str,
) -> tuple[PurePosixPath | None, str]:
    """The file a directive names and its text, or (None, "") with a warning naming the page's line."""
    shown = f"{mark[:2]} {written} {mark[-2:]}"
    if "://" in written:
        warn(
            f"{file}:{number}: {shown} is a web address, which Chapterwise never downloads, so it was left out."
        )
        return None, ""
    places = [] if written.startswith("/") else [join(includes.base, written), join(file.parent, written)]
    inside = [place for place in places if place is not None]
    if not inside:
        warn(f"{file}:{number}: {shown} leads outside the book's folder, so it was left out.")
        return None, ""
    why = ""
    for place in dict.fromkeys(inside):
        try:
            return place, read(place)
        except Exception as unread:  # noqa: BLE001 - the reader says why, in words for the author
            why = why or f"'{place}' {unread}"
    warn(f"{file}:{number}: {shown} is not there ({why}), so it was left out.")
    return None, ""


def _ranges(written: str, count: int) -> list[int]:
    """Zero-based line numbers a `3-8,12-` list picks, in file order; [] for none (`0`: the whole file).

    Ranges are merged before any line is listed, so `1-,1-,1-…` costs no more than one of them.
    """
    spans: list[tuple[int, int]] = []
    for part in written.replace(" ", "").replace("\t", "").split(","):
        if not part or part == "0":
            continue
        start, dash, end = part.partition("-")
        first = int(start) if start.isdigit() else 1
        last = (int(end) if end.isdigit() else count) if dash else first
        if max(first, 1) <= min(last, count):
            spans.append((max(first, 1) - 1, min(last, count)))
    picked: list[int] = []
    for low, high in sorted(spans):
        low = max(low, picked[-1] + 1) if picked else low
        picked.extend(range(low, high))
    return picked


def _with_gaps(lines: list[str], picked: list[int], comment: str) -> list[str]:
    """The picked lines, with the site's note wherever lines were left out between, above or below."""
    shown: list[str] = []
    if picked[0] > 0:
        shown.append(f"{comment} Code above omitted 👆")
    for position, index in enumerate(picked):
        if position and index != picked[position - 1] + 1:
            shown += ["", f"{comment} Code here omitted 👈", ""]
        shown.append(lines[index])
    if picked[-1] < len(lines) - 1:
        shown.append(f"{comment} Code below omitted 👇")
    return shown


def _longest_backticks(lines: list[str]) -> int:
    return max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)


def _lines(content: str) -> list[str]:
    lines = content.split("\n")
    return lines[:-1] if content.endswith("\n") else lines
