"""Logseq's block shapes read as Markdown: `#+BEGIN_…` blocks, and headings held in bullets (see logseqtext.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from app.ingest.fences import outside_code

_CALLOUTS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
_BEGIN = re.compile(r"([^\S\n]*(?:-[^\S\n]+)?)#\+BEGIN_([A-Za-z]+)(?:[^\S\n]+(.*))?", re.IGNORECASE)
_HEADING = re.compile(r"(?:-[^\S\n]+)?(#{1,6}[^\S\n].*)")


def with_code(lines: list[str]) -> Iterator[tuple[int, str, bool]]:
    """Each line, and whether it is in (or opens or closes) fenced code."""
    outside = {number for number, _ in outside_code(lines)}
    for number, line in enumerate(lines):
        yield number, line, number not in outside


def org_blocks(lines: list[str], dropped: Callable[[str, int], None]) -> list[str]:
    """The lines with each `#+BEGIN_…` block as the Markdown it means; `dropped(kind, line)` is told
    of each block only Logseq can show."""
    out: list[str] = []
    number = 0
    code = {n for n, _, inside in with_code(lines) if inside}
    while number < len(lines):
        found = _BEGIN.fullmatch(lines[number]) if number not in code else None
        if found is None:
            out.append(lines[number])
            number += 1
            continue
        prefix, kind, rest = found[1], found[2].upper(), (found[3] or "").strip()
        closing = re.compile(r"[^\S\n]*#\+END_" + re.escape(kind) + r"[^\S\n]*", re.IGNORECASE)
        end = next((n for n in range(number + 1, len(lines)) if closing.fullmatch(lines[n])), len(lines))
        indent = prefix.replace("-", " ")
        inner = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip()
            for line in lines[number + 1 : end]
        ]
        body = _org_body(kind, rest, inner)
        if body is None:
            dropped(kind.lower(), number)
        elif body:
            if out and out[-1].strip() and not prefix.lstrip():
                out.append("")  # two blocks in one bullet: a blank line keeps the second its own
            out += [prefix + body[0], *(indent + line if line else "" for line in body[1:])]
        number = end + 1
    return out


def _org_body(kind: str, rest: str, inner: list[str]) -> list[str] | None:
    """What a `#+BEGIN_kind` block shows, unindented; None when only Logseq can show it."""
    if kind in _CALLOUTS or kind == "PINNED":
        marker = f"[!{kind}]" if kind in _CALLOUTS else f"[!{kind.lower()}]"
        return [f"> {marker}", *(f"> {line}" if line.strip() else ">" for line in inner)]
    if kind == "QUOTE":
        return [f"> {line}" if line.strip() else ">" for line in inner] or [">"]
    if kind in ("EXAMPLE", "SRC"):
        longest = max((len(run) for line in inner for run in re.findall(r"`{3,}", line)), default=0)
        fence = "`" * max(3, longest + 1)
        language = rest.split()[0] if kind == "SRC" and rest else ""
        return [fence + language, *inner, fence]
    if kind in ("QUERY", "EXPORT"):
        return None
    if kind == "COMMENT":
        return []
    return inner or []  # CENTER, VERSE and the like: their text


def headings(lines: list[str]) -> list[str]:
    """A top-level bullet holding only a heading becomes that heading, its children a level up."""
    out: list[str] = []
    unit: str | None = None  # the indent taken off the children of the heading just made
    for _, line, code in with_code(lines):
        top = bool(line.strip()) and not line[:1].isspace()
        if top:
            unit = None
            heading = _HEADING.fullmatch(line) if not code else None
            if heading is not None:
                out.append(heading[1])
                unit = ""
                continue
        if unit == "" and line.strip():
            unit = "\t" if line.startswith("\t") else line[: len(line) - len(line.lstrip())][:2]
        out.append(line[len(unit) :] if unit and line.startswith(unit) else line)
    return out
