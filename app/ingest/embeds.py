"""docsify's embeds, resolved in the text before parsing, as mdBook's includes are (see includes.py).

A line holding only `[text](path ':include')` is replaced by that file: a Markdown file (`.md`, or
`:type=markdown`) by its text, front matter taken off and its own embeds resolved; any other file
(or `:type=code`) by a code block in the language its extension names, or the word written after
the options (`':include :type=code text'`). `:fragment=name` keeps the lines between two marker
lines holding `/// [name]` or `### [name]`; the markers never show. The path is the page's
folder's, else the site's own (docsify's default), and never outside the book. A web address is
not fetched, and pages, frames and media docsify would draw in a frame (`.html`, `.mp4`) cannot be
drawn here: those stay links, quietly. A missing file, one outside the book or an unknown
fragment is a warning naming the page and line, and the link stays a link. Lines in code fences
are code, shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote

from app.ingest.fences import outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.placement import BOOK_ROOT, join

_SIGN = ":include"
_LINK = re.compile(r"""([ \t]*)\[[^\]\n]*\]\([ \t]*<?([^\s<>()]+)>?[ \t]+(['"])([^'"\n]*)\3[ \t]*\)[ \t]*""")
_MARKDOWN = (".md", ".markdown")
_DRAWN = (".html", ".htm", ".mp3", ".mp4", ".ogg", ".webm")  # docsify shows these in a frame or a player


def expand(
    text: str, *, file: PurePosixPath, read: ReadText, warn: Callable[[str], None], depth: int = 0
) -> str:
    """The text with each embed line replaced by what it embeds; `file` is the text's path in the book."""
    if _SIGN not in text:
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        if _SIGN not in line:
            continue
        link = _LINK.fullmatch(line)
        if link is None or _SIGN not in link.group(4).split():
            continue
        indent, target, _, options = link.groups()
        if "://" in target or target.startswith(("//", "mailto:")):
            continue  # a web address is not fetched: the link leads there

        def problem(message: str, number: int = number, target: str = target) -> None:
            warn(f"{file}:{number + 1}: embeds '{target}', {message}")

        embedded = _embed(
            target, options.split(), file=file, read=read, warn=warn, problem=problem, depth=depth
        )
        if embedded is not None:
            lines[number] = "\n".join(indent + part if part else part for part in embedded.split("\n"))
    return "\n".join(lines)


def _embed(
    target: str,
    options: list[str],
    *,
    file: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    problem: Callable[[str], None],
    depth: int,
) -> str | None:
    """What the embed shows, or None when it stays a link; `problem` says why, naming the embed's line."""
    settings = dict(word[1:].partition("=")[::2] for word in options if word.startswith(":"))
    written = unquote(target.split("#", 1)[0].split("?", 1)[0])
    suffix = PurePosixPath(written).suffix.lower()
    kind = settings.get("type") or (
        "markdown" if suffix in _MARKDOWN else "frame" if suffix in _DRAWN else "code"
    )
    if kind not in ("markdown", "code"):
        return None  # a frame, a video or a sound: the link opens it
    places = (
        [join(BOOK_ROOT, written.lstrip("/"))] if written.startswith("/") else [join(file.parent, written)]
    )
    if not written.startswith("/") and file.parent != BOOK_ROOT:
        places.append(join(BOOK_ROOT, written))  # docsify's own default: paths from the site's folder
    found = [place for place in places if place is not None]
    if not found:
        problem("which leads outside the book's folder, so it stays a link.")
        return None
    if depth >= MAX_DEPTH:
        problem(f"more than {MAX_DEPTH} embeds deep, so it stays a link.")
        return None
    content: str | None = None
    path = found[0]
    first_problem = ""
    for place in found:
        try:
            content, path = read(place), place
            break
        except Exception as unread:  # noqa: BLE001 - the reader says why, in words for the author
            first_problem = first_problem or str(unread)
    if content is None:
        problem(f"which {first_problem}. It stays a link.")
        return None
    name = settings.get("fragment", "")
    if name:
        chosen = _fragment(content, name)
        if chosen is None:
            problem(
                f"which has no fragment '{name}' (between lines marked `/// [{name}]`), so it stays a link."
            )
            return None
        content = chosen
    if kind == "markdown":
        # Only the text is shown, so broken front matter costs nothing; its lines stay blank, so the
        # lines warnings name within it are still the file's.
        body = expand(without_front_matter(content), file=path, read=read, warn=warn, depth=depth + 1)
        return body.strip("\n")
    language = next((word for word in options if not word.startswith(":") and "=" not in word), "")
    language = language or path.suffix.lstrip(".").lower()
    code = content.rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{code}\n{ticks}" if code else f"{ticks}{language}\n{ticks}"


def _fragment(content: str, name: str) -> str | None:
    """The lines between the first two lines marked `/// [name]` or `### [name]`; None if none is marked."""
    marker = re.compile(rf"(?:///|###)[ \t]*\[{re.escape(name)}\]")
    lines = content.split("\n")
    marked = [index for index, line in enumerate(lines) if marker.search(line)]
    if not marked:
        return None
    end = marked[1] if len(marked) > 1 else len(lines)
    return "\n".join(lines[marked[0] + 1 : end])
