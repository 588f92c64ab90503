"""kramdown's attribute lists, Jekyll's Markdown: `{: .note}`, `{: #id}`, `{:toc}`.

kramdown, the Markdown Jekyll reads, lets an author give a block or a span attributes in braces
that open with a colon. They are no text, and CommonMark shows them as written. Read here, before
parsing, as kramdown reads them (and the way a Jekyll theme styles them):

- a line `{: .note .warning}` gives the paragraph or quote right below it (or, with a blank line
  below, right above it) those classes. Themes show `.note`, `.info`, `.tip`, `.warning`, `.danger`…
  (Just the Docs: `.new`, `.highlight`, `.note-title`…) as callout boxes, so such a block becomes
  the callout GitHub writes as `> [!WARNING]`;
  any other class only styles the block, and the line is dropped;
- `{: #installing}` under a heading is that heading's id: links to `#installing` land on it;
- `* TOC` over `{:toc}` is where kramdown puts the page's table of contents: the reader has its
  own, so both lines go;
- `{:target="_blank"}` after a link or word, a span's attributes, is dropped;
- `{::comment}` … `{:/comment}` is a comment, and is dropped with what it holds.

Lines in code blocks and code spans are examples, and never changed.
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code

_BLOCK = re.compile(r"^[ ]{0,3}\{:(?!:)([^{}\n]*)\}[ \t]*$")
_SPAN = re.compile(r"\{:(?![:/])[^{}\n]*\}")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_TOC_ITEM = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+\S")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}\s")
_COMMENT = re.compile(r"\{::comment\}.*?\{:/(?:comment)?\}", re.DOTALL)
# The classes themes draw as boxes, by the kind of GitHub alert each reads as; the first found wins.
_BOXES = (
    ("CAUTION", ("danger", "error", "caution")),
    ("WARNING", ("warning", "warn")),
    ("IMPORTANT", ("important",)),
    ("TIP", ("tip", "success", "hint")),
    ("NOTE", ("note", "info", "notice", "new", "highlight")),
)
_STARTS_BLOCK = ("#", "<", "```", "~~~", "|", ">")


def kramdown_attributes(text: str) -> str:
    """The text with its attribute lists read as kramdown reads them (see above)."""
    if "{:" not in text:
        return text
    text = _COMMENT.sub("", text) if "{::comment}" in text else text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        found = _BLOCK.match(line)
        if found is None:
            if "{:" in line:
                pieces = _CODE_SPAN.split(line)
                lines[number] = "".join(p if i % 2 else _SPAN.sub("", p) for i, p in enumerate(pieces))
            continue
        words = found.group(1).strip().split()
        lines[number] = ""
        if words[:1] == ["toc"] or found.group(1).replace(" ", "") == "toc":
            if number and _TOC_ITEM.match(lines[number - 1]):
                lines[number - 1] = ""
            continue
        ids = [word[1:] for word in words if word.startswith("#") and len(word) > 1]
        if ids and number and _HEADING.match(lines[number - 1]):
            lines[number - 1] = f"{lines[number - 1].rstrip()} {{#{ids[0]}}}"
            continue
        # Just the Docs' `.note-title` is the `.note` callout whose first line is its title.
        kind = _box([word[1:].lower().removesuffix("-title") for word in words if word.startswith(".")])
        if kind is not None:
            _boxed(lines, number, kind)
    return "\n".join(lines)


def _box(classes: list[str]) -> str | None:
    for kind, names in _BOXES:
        if any(name in classes for name in names):
            return kind
    return None


def _boxed(lines: list[str], number: int, kind: str) -> None:
    """The paragraph below the attribute line (else the one above) as a callout of that kind."""
    if number + 1 < len(lines) and lines[number + 1].strip():
        start, step = number + 1, 1
    elif number and lines[number - 1].strip():
        start, step = number - 1, -1
    else:
        return
    end = start
    while 0 <= end + step < len(lines) and lines[end + step].strip():
        end += step
    first, last = min(start, end), max(start, end)
    if lines[first].lstrip().startswith(">"):  # a quote (Just the Docs' callouts): it opens with the kind
        lines[first] = f"> [!{kind}]\n{lines[first]}"
        return
    if lines[start].lstrip().startswith(_STARTS_BLOCK):
        return  # a heading, table, HTML or code: a class only styles it
    for at in range(first, last + 1):
        lines[at] = "> " + lines[at]
    lines[first] = f"> [!{kind}]\n{lines[first]}"
