"""HTML blocks marked `markdown` (`<div markdown>`, `<figure markdown="span">`), whose inside is Markdown.

Python-Markdown's md_in_html (Material for MkDocs' card grids and figures), kramdown (Jekyll) and
PHP Markdown Extra read the inside of an HTML block as Markdown when its opening tag carries a
`markdown` attribute:

    <figure markdown="span">
      ![The harbour at dawn](dawn.png){ width="300" }
      <figcaption>Low water, six in the morning</figcaption>
    </figure>

CommonMark reads an HTML block as HTML up to its first blank line, so the picture above would show
as the text `![The harbour…`. This pass, run on the text before parsing, gives such a block's
inside blank lines of its own and takes off the indentation the author added for the HTML's sake,
so the parser reads it as those sites do; the tags stay, around it. `markdown="0"` (or "off")
keeps a block HTML. Lines inside code blocks are code, and never changed.
"""

from __future__ import annotations

import re
import textwrap

from app.ingest.fences import outside_code

# An opening tag alone on its line, with a `markdown` attribute: `<div class="grid" markdown>`.
_OPENING = re.compile(
    r"[ \t]*<([A-Za-z][\w-]*)\b[^<>]*?\smarkdown(?:\s*=\s*([\"']?)([\w-]*)\2)?(?=[\s/>])[^<>]*>[ \t]*"
)
# The sign of one anywhere in a file: most files that say "markdown" say it in prose or a fence's
# language (```markdown), and should cost no more than this search.
_SIGN = re.compile(r"<[A-Za-z][^<>\n]*\smarkdown\b")
_OFF = frozenset(("0", "off", "false"))
# How far the closing tag is looked for; a block longer than this is left as written.
_MAX_LINES = 2000


def markdown_in_html(text: str) -> str:
    """The text with every `markdown` HTML block's inside set apart, to be read as Markdown."""
    if "markdown" not in text or _SIGN.search(text) is None:
        return text
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    outside = dict(outside_code(lines))
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _OPENING.fullmatch(line) if "markdown" in line and number in outside else None
        if opening is None or (opening.group(3) or "").lower() in _OFF:
            number += 1
            continue
        closing = _closing(lines, number, opening.group(1), outside)
        if closing is None:
            number += 1
            continue
        inner = lines[number + 1 : closing]
        inside = markdown_in_html(textwrap.dedent("\n".join(inner)))
        out.extend(lines[done : number + 1])
        # Only the blank lines CommonMark needs: every line added moves the lines after it.
        out.extend([*([""] if inner and inner[0].strip() else []), inside])
        out.extend([*([""] if inner and inner[-1].strip() else []), lines[closing]])
        # The closing tag ends the block: a fence or text right under it is Markdown again.
        out.extend([""] if closing + 1 < len(lines) and lines[closing + 1].strip() else [])
        done = number = closing + 1
    if not out:
        return text
    out.extend(lines[done:])
    return "\n".join(out)


def _closing(lines: list[str], opening: int, tag: str, outside: dict[int, str]) -> int | None:
    """The line that closes the block opened at `opening`: `</tag>` alone, at the same nesting."""
    opens = re.compile(rf"<{re.escape(tag)}\b[^>]*>", re.IGNORECASE)
    closes = re.compile(rf"</{re.escape(tag)}\s*>", re.IGNORECASE)
    depth = 1
    for number in range(opening + 1, min(len(lines), opening + _MAX_LINES)):
        if number not in outside:
            continue
        line = lines[number]
        depth += len(opens.findall(line)) - len(closes.findall(line))
        if depth <= 0:
            return number if closes.fullmatch(line.strip()) else None
    return None
