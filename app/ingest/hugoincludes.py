"""Hugo shortcodes whose content is in the book: included pages, glossary terms, version notes.

Hugo's own documentation (and sites built on its pattern) writes shared text once, in a page
under `content/` that is never published (`_common/…`), and shows it on many pages with a
shortcode that renders that page in place. Dropped as unknown shortcodes, these left a reader with
pages that stopped mid-way. Read here, before parsing, as Hugo's `site.GetPage` finds the page:

- `{{% include "/_common/glob-patterns.md" %}}` on a line of its own shows that page's text (less its
  front matter) there: the path is the content folder's when it starts with `/`, else the page's
  own folder's first, then the content folder's; `.md`, `/index.md` and `/_index.md` may be left off;
- `{{% glossary-term "glob pattern" %}}` shows `/quick-reference/glossary/glob-pattern.md`, the
  term's definition, as that shortcode does;
- `{{< new-in 0.140.0 />}}` and `{{< deprecated-in 0.138.0 />}}` are badges: "New in v0.140.0"; with
  text between an opening and a closing one, a note (new) or warning (deprecated) callout.

An included page may include others, to a depth of ten; one that is missing, outside the book
or includes itself is a warning naming the line, and the shortcode goes.
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
from app.ingest.placement import resolve

ReadText = Callable[[PurePosixPath], str]
Warn = Callable[[str], None]

# A page path, quoted or bare; `file="…"` (Geekdoc's include, of a file beside the site) is no page.
_ARGUMENT = r"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'%>/=][^\s%>=]*))"""
_INCLUDE = re.compile(
    r"^[ \t]*\{\{([%<])\s*(include|glossary-term)\s+" + _ARGUMENT + r"\s*/?\s*[%>]\}\}[ \t]*$"
)
_BADGE = re.compile(r"\{\{<\s*(new-in|deprecated-in)\s+v?([\w.-]+)\s*/>\}\}")
_PAIR_OPEN = re.compile(r"^[ \t]*\{\{<\s*(new-in|deprecated-in)\s+v?([\w.-]+)\s*>\}\}[ \t]*$")
_PAIR_CLOSE = re.compile(r"^[ \t]*\{\{<\s*/\s*(new-in|deprecated-in)\s*>\}\}[ \t]*$")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_WORDS = {"new-in": ("New in", "NOTE"), "deprecated-in": ("Deprecated in", "WARNING")}
_HINTS = ("include", "glossary-term", "new-in", "deprecated-in")


def expand(
    text: str, *, file: PurePosixPath, site_root: PurePosixPath, read: ReadText, warn: Warn, depth: int = 0
) -> str:
    """The text with its include shortcodes carried out and version notes written out (see above)."""
    if "{{" not in text or not any(hint in text for hint in _HINTS):
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        found = _INCLUDE.match(line)
        if found is not None:
            written = found.group(3) or found.group(4) or found.group(5) or ""
            if (
                found.group(2) == "glossary-term"
            ):  # urlize, as the shortcode does: "Glob pattern" -> glob-pattern
                written = "/quick-reference/glossary/" + re.sub(r"\s+", "-", written.strip().lower())
            lines[number] = _included(written, file, site_root, read, warn, depth, number + 1)
        elif "-in" in line:
            lines[number] = _notes(line)
    return _callouts("\n".join(lines))


def _included(
    written: str,
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Warn,
    depth: int,
    line: int,
) -> str:
    if depth >= MAX_DEPTH:
        warn(
            f"{file}:{line}: includes go more than {MAX_DEPTH} deep (one may include itself); it was left out."
        )
        return ""
    bases = [written] if written.startswith("/") else [written, "/" + written]
    tried: list[PurePosixPath] = []
    for base in bases:
        place = resolve(file, base, site_root)
        if place is None:
            continue
        options = (
            [place]
            if place.suffix == ".md"
            else [place.with_name(place.name + ".md"), place / "index.md", place / "_index.md"]
        )
        for option in options:
            tried.append(option)
            try:
                text = read(option)
            except (Unreadable, ImportProblem):
                continue
            body = without_front_matter(text).strip("\n")
            return expand(body, file=option, site_root=site_root, read=read, warn=warn, depth=depth + 1)
    where = "is outside the book" if not tried else "was not found"
    warn(
        f"{file}:{line}: the page `{written}` that this shortcode shows {where}; add it inside the book, or fix the path. It was left out."
    )
    return ""


def _notes(line: str) -> str:
    """`{{< new-in 0.140.0 />}}` as the badge's words, outside code spans."""
    pieces = _CODE_SPAN.split(line)
    return "".join(
        piece if at % 2 else _BADGE.sub(lambda m: f"**{_WORDS[m.group(1)][0]} v{m.group(2)}**", piece)
        for at, piece in enumerate(pieces)
    )


def _callouts(text: str) -> str:
    """A version note around text (`{{< deprecated-in 0.138.0 >}}` … `{{< /deprecated-in >}}`) as a callout."""
    if "-in" not in text:
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        opening = _PAIR_OPEN.match(line)
        if opening is None:
            continue
        end = next((at for at in range(number + 1, len(lines)) if _PAIR_CLOSE.match(lines[at])), None)
        if end is None:
            continue
        words, kind = _WORDS[opening.group(1)]
        lines[number] = f"> [!{kind}]\n> {words} v{opening.group(2)}\n>"
        for at in range(number + 1, end):
            lines[at] = f"> {lines[at]}" if lines[at].strip() else ">"
        lines[end] = ""
    return "\n".join(lines)
