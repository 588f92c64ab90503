"""R Markdown's child documents, resolved in the text before parsing, as mdBook's includes are (see includes.py).

A chunk such as ```` ```{r child="setup.Rmd"} ```` or ```` ```{r, child = c("a.Rmd", "b.Rmd")} ````
is replaced by the text of the files it names, in order, front matter taken off and their own
child chunks resolved, as knitr does. Paths are the chunk's file's folder's, and never lead out
of the book (a symlink that leads out is refused when read, see files.py). A missing file, one
outside the book, one that pulls itself in, or children nested more than MAX_DEPTH deep are
warnings naming the file and line, and are left out. Chunks inside code fences are code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.placement import join

_SIGN = "child"
_HEADER = re.compile(r"[ \t]*(`{3,})[ \t]*\{r\b([^}\n]*)\}[ \t]*")
_CHILD = re.compile(r"""\bchild\s*=\s*(c\([^)]*\)|"[^"\n]*"|'[^'\n]*')""")
_QUOTED = re.compile(r""""([^"\n]*)"|'([^'\n]*)'""")


def child_names(text: str) -> list[str]:
    """The files a text's child chunks name, as written."""
    if _SIGN not in text or "{r" not in text:
        return []
    lines = text.split("\n")
    return [name for number, _ in _chunks(lines) for name in _names(lines[number])]


def expand(
    text: str,
    *,
    file: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    within: tuple[PurePosixPath, ...] = (),
) -> str:
    """The text with each child chunk replaced by its children's text; `file` is the text's path in the book."""
    if _SIGN not in text or "{r" not in text:  # "child" alone is a common word; a chunk needs both
        return text
    lines = text.split("\n")
    chunks = list(_chunks(lines))
    for number, end in reversed(chunks):  # from the end, so earlier chunks keep their line numbers
        pulled = [
            _child(name, file=file, line=number + 1, read=read, warn=warn, within=(*within, file))
            for name in _names(lines[number])
        ]
        lines[number : end + 1] = ["\n\n".join(text for text in pulled if text)]
    return "\n".join(lines)


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """Each child chunk as (header line, closing line); an unclosed one runs to the end."""
    found: list[tuple[int, int]] = []
    for number, line in outside_code(lines, with_fences=True):
        if _SIGN not in line:
            continue
        header = _HEADER.fullmatch(line)
        if header is None or _CHILD.search(header.group(2)) is None:
            continue
        ticks = header.group(1)
        close = next(
            (
                n
                for n in range(number + 1, len(lines))
                if lines[n].strip().startswith(ticks) and not lines[n].strip().strip("`")
            ),
            len(lines) - 1,
        )
        found.append((number, close))
    return found


def _names(header: str) -> list[str]:
    found = _CHILD.search(header)
    if found is None:
        return []
    return [a or b for a, b in _QUOTED.findall(found.group(1)) if (a or b).strip()]


def _child(
    name: str,
    *,
    file: PurePosixPath,
    line: int,
    read: ReadText,
    warn: Callable[[str], None],
    within: tuple[PurePosixPath, ...],
) -> str:
    def problem(why: str) -> str:
        warn(f"{file}:{line}: the child document '{name}' {why}, so it was left out.")
        return ""

    path = join(file.parent, name)
    if path is None or name.startswith("/"):
        return problem("is outside the book's folder")
    if path in within:
        return problem("pulls itself in")
    if len(within) > MAX_DEPTH:
        return problem(f"is nested more than {MAX_DEPTH} deep")
    try:
        content = read(path)
    except Exception as unread:  # noqa: BLE001 - the reader says why, in words for the author
        return problem(str(unread))
    body = without_front_matter(content).strip("\n")
    return expand(body, file=path, read=read, warn=warn, within=within)
