"""Zola's internal links: `[Sections](@/documentation/content/section.md#sorting)`.

Zola writes a link to another page of the site as `@/` and the page's path from the site's
`content/` folder, whatever folder the linking page is in; Zola checks at build time that the
page exists. Read as a plain path, `@/…` is no file, and the reader lost every such link. Here,
before the Markdown is read, each becomes the path from the linking page to the target
(`../content/section.md#sorting`), which links.py follows to its chapter.

The `content/` folder is the nearest folder of that name holding the book (an import of
`content/documentation/` is a book inside it), or the book's own `content/` (a site imported
whole); no file outside the book is read for it. A
target outside the imported folder stays as written, and its link goes nowhere, as any link out of
the book does.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

from app.ingest.fences import outside_code

_LINK = re.compile(r"(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)@/([^\s)<>#]*)")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_MAX_UP = 8  # how far above the book a `content/` folder is looked for, by name only


def zola_links(text: str, *, file: PurePosixPath, root: Path) -> str:
    """The page's `@/` links as paths from the page (`file`, inside the book at `root`)."""
    if "@/" not in text:
        return text
    found = _content_place(root)
    inside, below = found if found is not None else (None, PurePosixPath())
    lines = text.split("\n")

    def target(match: re.Match[str]) -> str:
        written = PurePosixPath(match.group(2))
        if inside is None or ".." in written.parts:
            return match.group(0)
        try:
            own = written.relative_to(inside) if inside.parts else written
        except ValueError:
            return match.group(0)  # a page of the site outside the imported folder
        return match.group(1) + posixpath.relpath((below / own).as_posix(), file.parent.as_posix() or ".")

    for number, line in outside_code(lines):
        if "@/" in line:  # `[x](@/a.md)` in backticks is an example, and stays
            pieces = _CODE_SPAN.split(line)
            lines[number] = "".join(p if i % 2 else _LINK.sub(target, p) for i, p in enumerate(pieces))
    return "\n".join(lines)


def _content_place(root: Path) -> tuple[PurePosixPath, PurePosixPath] | None:
    """Where the book's folder is inside the site's `content/` folder (`documentation` for an import
    of content/documentation, `.` for content itself), and where `content/` is inside the book's
    folder (`content` for a site imported whole, else `.`); None when neither holds."""
    root = root.absolute()
    for up in [root, *root.parents][:_MAX_UP]:
        if up.name == "content":
            return PurePosixPath(root.relative_to(up).as_posix()), PurePosixPath()
    if (root / "content").is_dir() and not (root / "content").is_symlink():
        return PurePosixPath(), PurePosixPath("content")
    return None


_TITLE = re.compile(r"^title\s*[:=]", re.MULTILINE)


def titled(text: str | None) -> bool:
    """Whether a page's front matter (YAML or Zola's and Hugo's `+++` TOML) gives it a title: Zola's
    docs have a page `table-of-contents.md`, a page like any other, not a folder's list of links."""
    if text is None or not text.startswith(("---", "+++")):
        return False
    end = text.find(text[:3], 3)
    return end > 0 and _TITLE.search(text, 3, end) is not None
