"""Writerside's code from files: `<code-block src>`, and a Markdown fence followed by `{src="…"}`.

`src` is a path in the project's code-snippets folder (`<snippets src>` in writerside.cfg).
`include-lines="3-5,9"` keeps those lines (counted from 1); `include-symbol="main"` keeps the
declaration of that name (`fun main`, `class Main`…) through the brace that closes it (a Python
`def` through its indented body); several names, comma-separated, keep each. The code
is dedented, as the site shows it. A path outside the book, a missing file or a selection the
file does not have is a warning naming the topic and line, and the code is left out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping

from app.ingest.includes import ReadText
from app.ingest.placement import join
from app.ingest.writerside import WritersideProject

Warn = Callable[[str], None]
_DECLARATION = r"\b(?:fun|class|object|interface|val|var|def|function|void|enum|record|struct|fn)\s+(?:<[^>]*>\s*)?(?:\w+\.)?{}\b"


def code_lines(
    attributes: Mapping[str, str], *, project: WritersideProject, read: ReadText, warn: Warn
) -> list[str] | None:
    """The lines `src` and its selection name; None, with a warning, when they cannot be had."""
    written = attributes.get("src", "").strip()
    if "://" in written:
        warn(f'its code src="{written}" is on the web, which an import does not fetch, so it was left out.')
        return None
    path = (
        join(project.snippets, written.lstrip("/")) if written else None
    )  # `/x` starts at the snippets folder too
    if path is None:
        warn(f'its code src="{written}" leads outside the book\'s folder, so it was left out.')
        return None
    try:
        lines = read(path).split("\n")
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"its code from '{path}' {problem}. The code was left out.")
        return None
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if symbols := attributes.get("include-symbol", "").strip():
        declarations: list[str] = []
        for symbol in (name.strip() for name in symbols.split(",") if name.strip()):
            chosen = _symbol(lines, symbol)
            if chosen is None:
                warn(f"'{path}' declares no '{symbol}' (its include-symbol), so the code was left out.")
                return None
            declarations += ([""] if declarations else []) + textwrap.dedent("\n".join(chosen)).split("\n")
        lines = declarations
    if ranges := attributes.get("include-lines", "").strip():
        chosen = _numbered(lines, ranges)
        if not chosen:
            warn(f"'{path}' has no lines '{ranges}' (its include-lines), so the code was left out.")
            return None
        lines = chosen
    return textwrap.dedent("\n".join(lines)).split("\n")


def fence(lines: list[str], language: str, title: str = "") -> str:
    """A fenced block of the lines, its fence longer than any run of backticks they hold."""
    code = "\n".join(lines)
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    info = language.lower() + (f' title="{title.replace(chr(34), "")}"' if title else "")
    return f"{ticks}{info}\n{code}\n{ticks}"


def _numbered(lines: list[str], ranges: str) -> list[str]:
    chosen: list[str] = []
    for piece in ranges.split(","):
        first, dash, last = piece.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return []
        start = int(first)
        end = (int(last) if last else len(lines)) if dash else start
        chosen += lines[start - 1 : end]
    return chosen


def _symbol(lines: list[str], symbol: str) -> list[str] | None:
    """The declaration of `symbol`, from its line through the brace that closes it (or that line alone)."""
    declaration = re.compile(_DECLARATION.format(re.escape(symbol)))
    for start, line in enumerate(lines):
        if not declaration.search(line):
            continue
        if line.rstrip().endswith(":"):  # Python's `def steep(minutes):`: its body is indented deeper
            indent = len(line) - len(line.lstrip())
            end = start + 1
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
            ):
                end += 1
            return lines[start:end]
        if "{" not in line and not line.rstrip().endswith(("=", "(", ",")):
            return [line]  # `val port = 8080`: a declaration of one line
        depth, opened = 0, False
        for end in range(start, len(lines)):
            depth += lines[end].count("{") - lines[end].count("}")
            opened = opened or "{" in lines[end]
            if opened and depth <= 0:
                return lines[start : end + 1]
        return lines[start:]
    return None
