"""VitePress's code-snippet imports, resolved in the text before parsing, as mdBook's includes are.

A line `<<< @/snippets/init.js#setup{2,4 ts:line-numbers} [init.ts]` pulls a file's lines in as a
fenced code block. `@/` is VitePress's source folder: the nearest folder above the page, inside
the book, that holds `.vitepress/`, else the book's own folder; any other path is relative to the
page. `#name` picks the lines between `#region name` and `#endregion name` markers (in whatever
comment syntax the file uses); markers never show. The language is the `{…}` part's word, else the
file's extension; line highlights are a site's styling and are dropped; a `[label]` stays in the
fence's info string (```` ```ts [init.ts] ````), where `::: code-group` finds it. A missing file, a
path outside the book or an unknown region is a warning naming the page and line, and the line is
left out: never shown raw, never followed out of the book. Lines inside code fences are code.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.includes import ReadText
from app.ingest.placement import BOOK_ROOT, join

_OPEN = "<<<"
_LINE = re.compile(r"([ \t]*)<<<[ \t]+(\S.*?)[ \t]*")
_LABEL = re.compile(r"(.*?)[ \t]*\[([^\]]*)\]")
_OPTIONS = re.compile(r"(.*?)[ \t]*\{([^{}]*)\}")
_HIGHLIGHTS = re.compile(r"[\d,\s-]*")
_LANGUAGE = re.compile(r"[\w#+.-]+")
# A region marker in any comment syntax: `// #region name`, `<!-- #region name -->`, `# region
# name`, `#pragma region name`, `/* #region name */`, `#Region name`, and their `endregion`s.
_MARKER = re.compile(
    r"\s*(?:(?://|/\*|<!--|--|\(\*)[ \t]*#?|#[ \t]*(?:pragma[ \t]+)?)[ \t]*(end)?region\b[ \t]*([\w*.-]*)"
    r"[ \t]*(?:\*/|-->|\*\))?[ \t]*",
    re.IGNORECASE,
)


def source_root(book: Path, page: PurePosixPath) -> PurePosixPath:
    """The folder `@/` means for a page: the nearest one above it, in the book, holding `.vitepress/`."""
    for folder in page.parents:
        if (book / folder / ".vitepress").is_dir():
            return folder
    return BOOK_ROOT


def expand(
    text: str,
    *,
    file: PurePosixPath,
    root: Callable[[], PurePosixPath],
    read: ReadText,
    warn: Callable[[str], None],
) -> str:
    """The text with every `<<<` line replaced by its code block; `root()` is asked only if one needs it."""
    if _OPEN not in text:
        return text
    lines = text.split("\n")
    found: list[PurePosixPath] = []

    def once() -> PurePosixPath:
        if not found:
            found.append(root())
        return found[0]

    for number, line in outside_code(lines):
        stripped = line.lstrip()
        if not stripped.startswith(_OPEN) or stripped.startswith(_OPEN + "<"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            continue

        def problem(message: str, number: int = number) -> None:
            warn(f"{file}:{number + 1}: {message}")

        indent, written = match.groups()
        lines[number] = _snippet(written, indent, file=file, root=once, read=read, warn=problem)
    return "\n".join(lines)


def _snippet(
    written: str,
    indent: str,
    *,
    file: PurePosixPath,
    root: Callable[[], PurePosixPath],
    read: ReadText,
    warn: Callable[[str], None],
) -> str:
    shown = f"<<< {written}"
    rest, label = written, ""
    labelled = _LABEL.fullmatch(rest)
    if labelled is not None:
        rest, label = labelled.groups()
    rest, language = _options(rest)
    target, _, region = rest.partition("#")
    if target.startswith("@/"):
        path = join(root(), target[2:])
    else:
        path = None if target.startswith("/") else join(file.parent, target)
    if path is None:
        warn(f"{shown} leads outside the book's folder, so it was left out.")
        return ""
    try:
        content = read(path)
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"{shown}: '{path}' {problem}. The line was left out.")
        return ""
    chosen = _region(content.split("\n"), region.strip())
    if chosen is None:
        warn(f"{shown}: '{path}' has no region '{region.strip()}', so it was left out.")
        return ""
    code = "\n".join(chosen)
    language = language or path.suffix.lstrip(".").lower()
    label = label.replace("`", "").strip()
    info = f"{language} [{label}]" if label else language
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    block = [f"{ticks}{info}", *code.split("\n"), ticks] if code else [f"{ticks}{info}", ticks]
    return "\n".join(indent + line if line else line for line in block)


def _options(rest: str) -> tuple[str, str]:
    """The path without its `{…}` part, and the language that part names ("" if none)."""
    options = _OPTIONS.fullmatch(rest)
    if options is None:
        return rest, ""
    rest, inside = options.groups()
    for word in inside.split():
        word = word.split(":", 1)[0]  # `ts:line-numbers`
        if word and not _HIGHLIGHTS.fullmatch(word) and _LANGUAGE.fullmatch(word):
            return rest, word.lower()
    return rest, ""


def _region(lines: list[str], name: str) -> list[str] | None:
    """The file's lines (all, or a region's, dedented) without any marker line; None for no such region."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if not name:
        return [line for line in lines if _MARKER.fullmatch(line) is None]
    open_regions: list[str] = []
    chosen: list[str] = []
    seen = False
    for line in lines:
        marker = _MARKER.fullmatch(line)
        if marker is None:
            if name in open_regions:
                chosen.append(line)
            continue
        ending, marked = marker.groups()
        if not ending:
            open_regions.append(marked)
            seen = seen or marked == name
        elif open_regions:
            # `#endregion` alone (C#'s way) closes the innermost region; a named one, that region.
            at = len(open_regions) - 1
            if marked in open_regions:
                at = len(open_regions) - 1 - open_regions[::-1].index(marked)
            closed = open_regions[at:]
            del open_regions[at:]
            if name in closed:
                break  # the first region of that name is the one meant, as in VitePress
    return textwrap.dedent("\n".join(chosen)).split("\n") if seen else None


# The reading of region markers, for other includes that pick a region (fumadocsincludes.py).
region = _region
