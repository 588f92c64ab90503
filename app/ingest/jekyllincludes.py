"""Jekyll's includes of Markdown: `{% include note.md %}` and `{% include_relative parts/intro.md %}`.

Jekyll puts an included file's text into the page before it reads the page's Markdown: one in
`_includes/` with `include`, one beside the page with `include_relative`, each with its parameters
filled in where it says `{{ include.name }}`. An included `.md` file is part of the page's text, so
it is read the same way here. Other includes (`note.html`, a theme's template) are HTML only the
site can fill in, and are dropped with the other template tags (tags.py).

A file that is missing or outside the book is a warning naming the line, and the tag goes; includes
within includes go ten deep at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.errors import ImportProblem
from app.ingest.fences import outside_code
from app.ingest.files import Unreadable
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH
from app.ingest.placement import join

ReadText = Callable[[PurePosixPath], str]
Warn = Callable[[str], None]

_INCLUDE = re.compile(r"\{%-?\s*include(_relative)?\s+([\w./-]+\.(?:md|markdown))\b([^%\n]*?)-?%\}")
_PARAMETER = re.compile(r"""\b([\w-]+)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"']+))""")
_USE = re.compile(r"\{\{-?\s*include\.([\w-]+)\s*-?\}\}")


def jekyll_includes(
    text: str, *, file: PurePosixPath, site_root: PurePosixPath, read: ReadText, warn: Warn, depth: int = 0
) -> str:
    """The text with each include of a Markdown file replaced by that file's text (see above)."""
    if "include" not in text or ".m" not in text:
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        if "include" not in line:
            continue

        def include(found: re.Match[str], at: int = number + 1) -> str:
            return _included(found, file, site_root, read, warn, depth, at)

        lines[number] = _INCLUDE.sub(include, line)
    return "\n".join(lines)


def _included(
    found: re.Match[str],
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Warn,
    depth: int,
    line: int,
) -> str:
    relative, written, arguments = found.groups()
    if depth >= MAX_DEPTH:
        warn(
            f"{file}:{line}: includes go more than {MAX_DEPTH} deep (one may include itself); it was left out."
        )
        return ""
    target = join(file.parent if relative else site_root / "_includes", written)
    try:
        if target is None:
            raise Unreadable("outside the book")
        body = without_front_matter(read(target)).strip("\n")
    except (Unreadable, ImportProblem):
        where = f"`{target}`" if target is not None else "the book"
        warn(
            f"{file}:{line}: the included file `{written}` is not in {where}; add it there, or fix the "
            "path. It was left out."
        )
        return ""
    values = {
        m.group(1): m.group(2) or m.group(3) or m.group(4) or "" for m in _PARAMETER.finditer(arguments)
    }
    body = _USE.sub(lambda use: values.get(use.group(1), ""), body)
    return jekyll_includes(body, file=target, site_root=site_root, read=read, warn=warn, depth=depth + 1)
