"""Fumadocs' `<include>` tag, resolved in an MDX page's text before parsing, as mdBook's includes are.

`<include>./setup.mdx</include>` puts that Markdown file's text where the tag stands; any other
file becomes a code block, its language the file's suffix (or the tag's `lang`), its `meta` (a
code block's `title="lib/source.ts"`) written after the language. The path is relative to the page,
or with `cwd`, to the site's project folder: the nearest folder above the page, in the book, that
holds `source.config.ts` (Fumadocs MDX's config) or `package.json`. `#name` after the path picks
part of the file: a code file's `#region name` … `#endregion` lines (snippets.py reads the
markers), a Markdown file's `<section id="name">` or the heading `name` is the id of, down to the
next heading as high. The tag may be written on one line or across three, its path on the middle one.

As with every include: only files inside the book are read (never through a symlink out of it),
at most MAX_DEPTH deep, so a file that includes itself stops; a missing file, a path outside the
book or an unknown part is a warning naming the page and line, and the tag is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.anchors import github_slug
from app.ingest.fences import outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.placement import BOOK_ROOT, join
from app.ingest.snippets import region

_OPEN = re.compile(r"<include\b((?:\s+[A-Za-z][\w-]*(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*>")
_ONE_LINE = re.compile(rf"{_OPEN.pattern}\s*([^<\n]+?)\s*</include>")
_ATTRIBUTE = re.compile(r"""([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'))?""")
_MARKDOWN = (".md", ".mdx")
_PROJECT_FILES = ("source.config.ts", "source.config.mts", "source.config.js", "package.json")
_SECTION = re.compile(r"""<section\s+id=["']([^"']+)["']\s*>""")
_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*(?:\[#([\w-]+)\])?\s*$")


def expand(
    text: str, *, file: PurePosixPath, read: ReadText, warn: Callable[[str], None], depth: int = 0
) -> str:
    """The page's text with each `<include>` replaced by what it includes (or nothing, with a warning)."""
    if "<include" not in text:
        return text
    lines = text.split("\n")
    skip_to = -1
    for number, line in outside_code(lines):
        if number <= skip_to or "<include" not in line:
            continue
        stripped = line.strip()
        found, last = _tag(lines, number)
        if found is None:
            continue
        attributes, written = found
        skip_to = last
        where = f"{file}:{number + 1}"
        included = _included(written, attributes, file=file, read=read, warn=warn, depth=depth, where=where)
        indent = line[: len(line) - len(stripped)]
        replaced = "\n".join(indent + part if part.strip() else part for part in (included or "").split("\n"))
        lines[number] = replaced
        for blank in range(number + 1, last + 1):
            lines[blank] = ""
    return "\n".join(lines)


def _tag(lines: list[str], number: int) -> tuple[tuple[dict[str, str], str] | None, int]:
    """The tag starting on this line: its attributes and path, and the line it ends on."""
    stripped = lines[number].strip()
    one = _ONE_LINE.fullmatch(stripped)
    if one is not None:
        return (_attributes(one.group(1)), one.group(2)), number
    opened = _OPEN.fullmatch(stripped)
    if opened is not None and number + 2 < len(lines) and lines[number + 2].strip() == "</include>":
        return (_attributes(opened.group(1)), lines[number + 1].strip()), number + 2
    return None, number


def _attributes(written: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) or ""
        for m in _ATTRIBUTE.finditer(written)
    }


def _included(
    written: str,
    attributes: dict[str, str],
    *,
    file: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    depth: int,
    where: str,
) -> str | None:
    target, _, part = written.partition("#")
    base = _project(file, read) if "cwd" in attributes else file.parent
    path = join(base, target) if target and not target.startswith("/") else None
    if path is None or depth >= MAX_DEPTH:
        reason = "nested too deep (does a file include itself?)" if path else "outside the book's folder"
        warn(f"{where}: <include> names '{written}', which is {reason}, so it was left out.")
        return None
    try:
        content = read(path)
    except Exception:  # noqa: BLE001 - the warning says what was wrong, in words for the author
        warn(
            f"{where}: <include> names '{written}', which is not in the book's folder (or cannot be read); add the file or fix the path. It was left out."
        )
        return None
    markdown = path.suffix.lower() in _MARKDOWN and "lang" not in attributes
    chosen = _part(without_front_matter(content) if markdown else content, part, markdown=markdown)
    if chosen is None:
        warn(f"{where}: '{target}' has no part '{part}', so the <include> was left out.")
        return None
    if markdown:
        return expand(chosen.strip("\n"), file=path, read=read, warn=warn, depth=depth + 1)
    lang = attributes.get("lang") or path.suffix.lstrip(".")
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", chosen)), default=0))
    info = " ".join(word for word in (lang, " ".join(attributes.get("meta", "").split())) if word)
    return f"{fence}{info}\n{chosen.rstrip()}\n{fence}"


def _part(text: str, name: str, *, markdown: bool) -> str | None:
    """The whole text, or the part `name` picks (a code region; a Markdown section or heading's)."""
    if not name:
        return text if markdown else "\n".join(region(text.split("\n"), "") or [])
    if not markdown:
        lines = region(text.split("\n"), name)
        return "\n".join(lines) if lines is not None else None
    section = re.search(rf"""<section\s+id=["']{re.escape(name)}["']\s*>(.*?)</section>""", text, re.DOTALL)
    if section is not None:
        return section.group(1)
    lines = text.split("\n")
    for number, line in outside_code(lines):
        heading = _HEADING.fullmatch(line)
        if heading and name in (heading.group(3), github_slug(heading.group(2))):
            level, end = len(heading.group(1)), len(lines)
            for later, after in outside_code(lines[number + 1 :]):
                deeper = _HEADING.fullmatch(after)
                if deeper and len(deeper.group(1)) <= level:
                    end = number + 1 + later
                    break
            return "\n".join(lines[number + 1 : end])
    return None


def _project(file: PurePosixPath, read: ReadText) -> PurePosixPath:
    """The nearest folder above the page, in the book, holding the site's project files; else the book's."""
    for folder in file.parents:
        for name in _PROJECT_FILES:
            try:
                read(folder / name if folder != BOOK_ROOT else PurePosixPath(name))
            except Exception:  # noqa: BLE001, S112 - not there (or unreadable): look further up
                continue
            return folder
    return BOOK_ROOT
