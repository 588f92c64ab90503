"""Citations shown as their book shows them: "(Harris et al. 2020)", not `[@harris2020]`.

Books that cite keep their references in a BibTeX file beside their pages (`references.bib`,
`book.bib`) and cite them by key, in one of two ways:
- Pandoc's, which bookdown, Quarto and mystmd read: `[@harris2020]`, `[see @harris2020, p. 4;
  @hoyer2017]`, `[-@harris2020]` (the year alone), and `@harris2020` in a sentence ("Harris et al.
  (2020) showed…"); mystmd also cites by DOI, `[@https://doi.org/10.…]`;
- MyST's roles, which Jupyter Book and Sphinx read (sphinxcontrib-bibtex): `` {cite}`a,b` ``,
  `` {cite:p}`a` `` (in parentheses), `` {cite:t}`a` `` (in the sentence), `{cite:year}`,
  `{cite:author}`.
Each becomes the author-year text the work's entry gives (see bibtex.py). Only the `.bib` files
in the book's folder (and its site folder) are read, once, and only when a page cites. A
bracket is read as a citation only when it cites a key the book's files hold, so `[@jest/core]`
in prose about packages stays as written; a MyST role names keys on purpose, so one the files do
not hold shows as its key, and the page's warning names it. Code (fenced and inline) is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from app.errors import ImportProblem
from app.ingest.bibtex import Reference, parse_bibtex
from app.ingest.fences import code_spans, outside_code
from app.ingest.files import BookFolder, Unreadable
from app.ingest.referencelist import has_place, place_lists

_KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
_ROLE = re.compile(r"\{cite(?::([a-z]+))?\}`([^`\n]+)`")
_BRACKET = re.compile(r"\[([^\[\]\n@]*@[^\[\]\n]*)\](?![(\[:])")  # the first `@` fixed: no backtracking
_ITEM = re.compile(rf"\s*(.*?)(-?)@({_KEY}|https?://doi\.org/\S+?|doi:\S+?)\s*(?:,\s*(.*?))?\s*")
_NARRATIVE = re.compile(rf"(?<![\w@\\`\[])@({_KEY})(?:\s\[([^\[\]\n]+)\](?![(\[:]))?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_MARKUP = re.compile(r"([\\`*_\[\]<>])")
_MAX_BIB_FILES = 20
_MAX_BIB_BYTES = 8 * 1024 * 1024
_IN_SENTENCE = frozenset({"t", "ts", "ct", "cts"})


class Bibliography:
    """The works the book's `.bib` files describe, read the first time a page cites."""

    def __init__(self, books: BookFolder, folders: Iterable[Path | None]) -> None:
        self._books = books
        self._folders = list(dict.fromkeys(folder for folder in folders if folder is not None))
        self._works: dict[str, Reference] | None = None
        self.cited: dict[str, None] = {}  # the keys cited so far, in order: a reference list's works

    def works(self) -> dict[str, Reference]:
        if self._works is None:
            self._works = {}
            files = [
                bib for folder in self._folders if folder.is_dir() for bib in sorted(folder.glob("*.bib"))
            ]
            for bib in files[:_MAX_BIB_FILES]:
                try:
                    text = self._books.read_text(bib, limit=_MAX_BIB_BYTES)
                except (Unreadable, ImportProblem):
                    continue  # a reference list that cannot be read: the citations show their keys
                for key, work in parse_bibtex(text).items():
                    self._works.setdefault(key, work)
        return self._works


def expand(body: str, bibliography: Bibliography, *, file: str, warn: Callable[[str], None]) -> str:
    """The page with its citations written out as author and year, outside code, and its reference
    list (`{bibliography}`, Pandoc's refs div) written where it stands (see referencelist.py)."""
    body = _cited(body, bibliography, file=file, warn=warn)
    if has_place(body) and bibliography.works():
        body = place_lists(body, bibliography.works(), bibliography.cited)
    return body


def _cited(body: str, bibliography: Bibliography, *, file: str, warn: Callable[[str], None]) -> str:
    if "@" not in body and "{cite" not in body:
        return body
    if not _ROLE.search(body) and not _BRACKET.search(body) and not _NARRATIVE.search(body):
        return body
    works = bibliography.works()
    if not works and "doi" not in body:
        return body  # no reference list: nothing to cite from, and `@name` may be anything
    lines = body.split("\n")
    unknown: list[str] = []
    cited = bibliography.cited
    for number, line in outside_code(lines):
        if "@" in line or "{cite" in line:
            lines[number] = _line(line, works, unknown, cited)
    if unknown:
        names = ", ".join(f"'{key}'" for key in dict.fromkeys(unknown))
        warn(f"{file}: cites {names}, which no .bib file of the book holds; the reader sees the key instead.")
    return "\n".join(lines)


def _line(line: str, works: dict[str, Reference], unknown: list[str], cited: dict[str, None]) -> str:
    spans = code_spans(line)
    in_code = covered(spans)
    changes: list[tuple[int, int, str]] = []
    for found in _ROLE.finditer(line):
        if in_code(found.start()):
            continue  # a role written as code, to show how to write one
        keys = [key.strip() for key in found.group(2).split(",") if key.strip()]
        changes.append((found.start(), found.end(), _role(found.group(1) or "", keys, works, unknown)))
        cited.update((key, None) for key in keys if key in works)
    in_code_or_role = covered(spans + [(start, end) for start, end, _ in changes])
    for found in _BRACKET.finditer(line):
        if not in_code_or_role(found.start()):
            text = _bracket(found.group(1), works, unknown)
            if text is not None:
                changes.append((found.start(), found.end(), text))
                cited.update((key, None) for key in re.findall(rf"@({_KEY})", found.group(1)) if key in works)
    taken_already = covered(spans + [(start, end) for start, end, _ in changes])
    for found in _NARRATIVE.finditer(line):
        work = works.get(found.group(1))
        if work is not None and not taken_already(found.start()):
            cited[found.group(1)] = None
            locator = f", {found.group(2)}" if found.group(2) else ""
            name = _escape(work.authors or found.group(1))
            changes.append((found.start(), found.end(), f"{name} ({_escape(work.year)}{_escape(locator)})"))
    for start, end, text in sorted(changes, reverse=True):
        line = line[:start] + text + line[end:]
    return line


def _role(kind: str, keys: list[str], works: dict[str, Reference], unknown: list[str]) -> str:
    """`{cite:t}` reads in the sentence ("Harris et al. (2020)"), `{cite:p}` and `{cite}` in
    parentheses; `{cite:year}` and `{cite:author}` give only that."""
    cited = []
    for key in keys:
        work = works.get(key)
        if work is None and _doi(key):  # mystmd cites a DOI as a key: a link to the work
            cited.append((_doi_link(key), ""))
        elif work is None:
            unknown.append(key)
            cited.append((_escape(key), ""))
        else:
            cited.append((_escape(work.authors or key), _escape(work.year)))
    if kind in ("year", "yearpar"):
        text = ", ".join(year or name for name, year in cited)
        return f"({text})" if kind == "yearpar" else text
    if kind in ("author", "authorpar"):
        text = ", ".join(name for name, _ in cited)
        return f"({text})" if kind == "authorpar" else text
    if kind in _IN_SENTENCE:
        return ", ".join(f"{name} ({year})" if year else name for name, year in cited)
    return "(" + "; ".join(f"{name} {year}".strip() for name, year in cited) + ")"


def _bracket(inside: str, works: dict[str, Reference], unknown: list[str]) -> str | None:
    """`see @a, p. 4; -@b` as "(see A 2020, p. 4; 2019)", or None when it cites nothing the book holds."""
    items = [_ITEM.fullmatch(part) for part in inside.split(";")]
    if not all(items) or not any(item and (item.group(3) in works or _doi(item.group(3))) for item in items):
        return None
    shown = []
    for item in items:
        assert item is not None  # checked above
        prefix, bare, key, locator = item.group(1).strip(), item.group(2), item.group(3), item.group(4)
        work = works.get(key)
        if _doi(key):
            name = _doi_link(key)
        elif work is None:
            unknown.append(key)
            name = _escape(key)
        else:
            name = _escape(work.year) if bare else f"{_escape(work.authors or key)} {_escape(work.year)}"
        words = " ".join(part for part in (_escape(prefix), name) if part)
        shown.append(words + (f", {_escape(locator)}" if locator else ""))
    return "(" + "; ".join(shown) + ")"


def _doi(key: str) -> str:
    for start in ("https://doi.org/", "http://doi.org/", "doi:", ""):
        if key.startswith(start) and _DOI.fullmatch(key[len(start) :]):
            return key[len(start) :]
    return ""


def _doi_link(key: str) -> str:
    doi = _doi(key)
    return f"[doi:{_escape(doi)}](https://doi.org/{quote(doi, safe='/:;.-_')})"


def covered(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position falls in one of the spans: sorted once, then each question in log time,
    so that a line of 50,000 code spans and citations is not read 50,000 times over."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]

    def inside(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and position < merged[index][1]

    return inside


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)
