"""The reference list a book's site builds from its citations, written where the site puts it.

A site that cites (see citations.py) also lists the works cited, at a place its author marks:
- Jupyter Book and Sphinx: the ```` ```{bibliography} ```` directive (`:all:` lists every work
  in the `.bib` files, not only the cited ones);
- Pandoc (bookdown, Quarto, mystmd): a `<div id="refs"></div>`, or a `::: {#refs}` div; without
  one, Pandoc puts the list at the end of the document, which in a bookdown or Quarto book is its
  closing page holding only a `# References` heading.
Read as plain Markdown, each was a hole: a warning about a directive, an empty div, or a
"References" chapter with no text, so not a chapter at all. Here the list is written in Markdown,
sorted as author-date styles sort it, each work as "Harris et al. (2020). *Array programming with
NumPy*." It holds the works cited in the pages read so far: the list stands at the end of a book
(or of its page), after what it lists, as it does on the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from app.ingest.bibtex import Reference
from app.ingest.fences import outside_code

_REFS_DIV = re.compile(r"""<div\s+id=["']?refs["']?\s*>\s*</div>""", re.IGNORECASE)
_REFS_FENCE = re.compile(r"^:{3,}\s*\{\s*#refs[^}]*\}\s*$")
_LIST_HEADING = re.compile(r"#\s+(?:References|Bibliography|Works cited)\s*(?:\{[^}]*\})?\s*", re.IGNORECASE)
_INLINE_R = re.compile(r"`r [^`]*`")
_MARKUP = re.compile(r"([\\`*_\[\]<>])")


def has_place(body: str) -> bool:
    """Whether the page may mark a place for a reference list (cheap: most pages are not asked twice)."""
    return "{bibliography}" in body or "refs" in body or _LIST_HEADING.search(body) is not None


def place_lists(body: str, works: Mapping[str, Reference], cited: Mapping[str, None]) -> str:
    """The page with each marked place holding the list of works cited (or all, for `:all:`)."""
    lines = body.split("\n")
    out: list[str] = []
    skip_to = -1
    placed = False
    for number, line in enumerate(lines):
        if number < skip_to:
            continue
        stripped = line.strip()
        directive = _directive_end(lines, number)
        if directive is not None:
            end, everything = directive
            out.append(_listing(works, works if everything else cited))
            skip_to, placed = end + 1, True
        elif _REFS_FENCE.match(stripped):
            end = next(
                (n for n in range(number + 1, len(lines)) if lines[n].strip().startswith(":::")), number
            )
            out.append(_listing(works, cited))
            skip_to, placed = end + 1, True
        elif _REFS_DIV.search(line):
            out.append(_REFS_DIV.sub(lambda _: "\n\n" + _listing(works, cited) + "\n\n", line, count=1))
            placed = True
        else:
            out.append(line)
    if not placed and _only_a_list_heading(lines):
        out.append("\n" + _listing(works, cited))
    return "\n".join(out)


def _directive_end(lines: list[str], start: int) -> tuple[int, bool] | None:
    """Where a `{bibliography}` directive opened on `start` closes, and whether it lists all works."""
    stripped = lines[start].strip()
    run = len(stripped) - len(stripped.lstrip(stripped[:1])) if stripped[:1] in ("`", ":", "~") else 0
    if run < 3 or not stripped[run:].strip().startswith("{bibliography}"):
        return None
    fence = stripped[:run]
    end = next((n for n in range(start + 1, len(lines)) if lines[n].strip() == fence), len(lines) - 1)
    everything = any(lines[n].strip().startswith(":all:") for n in range(start + 1, end))
    return end, everything


def _only_a_list_heading(lines: list[str]) -> bool:
    """A page of nothing but a `# References` heading (and R's inline expressions, which only R runs)."""
    shown = [line.strip() for _, line in outside_code(lines) if _INLINE_R.sub("", line).strip()]
    return len(shown) == 1 and _LIST_HEADING.fullmatch(shown[0]) is not None


def _listing(works: Mapping[str, Reference], keys: Iterable[str]) -> str:
    chosen = [works[key] for key in keys if key in works]
    chosen.sort(key=lambda work: (work.authors.lower(), work.year, work.title.lower()))
    items = []
    for work in chosen:
        title = f" *{_escape(work.title)}*." if work.title else ""
        items.append(f"- {_escape(work.authors or 'Anonymous')} ({_escape(work.year)}).{title}")
    return "\n".join(items)


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)
