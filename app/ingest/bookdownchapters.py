"""A bookdown book's files cut at their `#` headings into chapters, gathered into parts, numbered as bookdown numbers them.

bookdown makes one book of its files, then one chapter of each `#` heading. `# (PART) Title {-}`
(or `(PART\\*)`, a part bookdown leaves unnumbered) is no chapter: it starts a part holding the
chapters after it; text under it before the next chapter is the part's first page, titled by the
part. `# (APPENDIX) Appendix {-}` starts a part the same way, whose chapters are lettered A, B….
Headings lose `{-}`, `{.unnumbered}` and `{#id}`, each keeping its id (or the one Pandoc would
make it) so a cross-reference can land on it. Chapters and sections are numbered as bookdown
does (1, 1.2, A.1), but not those marked unnumbered or inside an unnumbered chapter; figures,
tables and equations with a label are numbered within their chapter. bookdownrefs.py then
writes the references out.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from app.ingest.bookdownrefs import Label, label_words, write_references
from app.ingest.fences import outside_code
from app.ingest.sourcefile import ChapterFile, SourceFile

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*")
_ATTRIBUTES = re.compile(r"(.*?)[ \t]*\{([^{}]*)\}")
_CLOSING = re.compile(r"[ \t]+#+$")  # `## Title ##`: ATX's optional closing hashes
_PART = re.compile(r"\((PART(?:\\?\*)?|APPENDIX)\)[ \t]*(.*)")
_LABEL = re.compile(r"\(\\#((fig|tab|eq):[\w.:-]+)\)")
_CHUNK = re.compile(r"[ \t]*`{3,}[ \t]*\{r[ \t,]+([\w.-]+)[ \t]*[,}](.*)")
_INLINE_R = re.compile(r"[ \t]*`r [^`]*`[ \t]*")  # knitr writes its output there; only R can say what
_UNNUMBERED = frozenset({"-", ".unnumbered"})
_GRAPHICS = "include_graphics"
_CHUNK_OPEN = re.compile(r"[ \t]*(`{3,})[ \t]*\{r\b([^{}]*)\}[ \t]*")
_PICTURE_CALL = re.compile(r"[ \t]*(?:knitr::)?include_graphics\((.*)\)[ \t]*")
_STRING = re.compile(r""""([^"\n]*)"|'([^'\n]*)'""")
_CAPTION = re.compile(r"""\bfig\.cap[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')""")
_ALT = re.compile(r"""\bfig\.alt[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')""")


@dataclass(slots=True)
class _Book:
    """The numbering as it stands, and every label met so far."""

    labels: dict[str, Label] = field(default_factory=dict)
    part: str | None = None
    appendix: bool = False
    chapters: int = 0
    chapter: str | None = None  # the current chapter's number; None when it is unnumbered
    sections: list[int] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)  # figures, tables and equations so far
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Cut:
    """Where a chapter starts in its file: at a `#` heading, or at a part's heading (`opens` its part)."""

    line: int
    part: str | None
    label: str | None
    opens: bool = False


def bookdown_chapters(files: list[ChapterFile], warnings: list[str]) -> list[ChapterFile]:
    """The book's chapter files, one a chapter, each in its part and numbered, references written out."""
    book = _Book()
    cut = [piece for file in files for piece in _cut(file, book)]
    written = write_references([piece for piece, _ in cut], book.labels, warnings)
    # A part's heading alone (or over a hidden chunk, or index entries) opens no page of its own.
    return [
        piece
        for piece, (_, opens) in zip(written, cut, strict=True)
        if not opens or _says_something(piece.source.text)
    ]


def _cut(file: ChapterFile, book: _Book) -> list[tuple[ChapterFile, bool]]:
    """The file's chapters, each with whether it is a part's opening page."""
    lines = file.source.text.split("\n")
    if _GRAPHICS in file.source.text:
        _chunk_pictures(lines)
    cuts: list[_Cut] = []
    part = book.part
    anchor: str | None = None
    for number, line in outside_code(lines, with_fences=True):
        heading = _HEADING.fullmatch(line)
        if heading is not None:
            level = len(heading.group(1))
            title, words = _attributes(heading.group(2))
            opening = _PART.fullmatch(title) if level == 1 else None
            if opening is not None:
                _start_part(book, opening.group(1), opening.group(2).strip())
                cuts.append(_Cut(number, book.part, None, opens=True))
                lines[number] = f"# {book.part}" if book.part else ""
                continue
            anchor = _number(book, file.name, level, title, words)
            lines[number] = f"{heading.group(1)} {title} {{#{anchor}}}"
            if level == 1:
                cuts.append(_Cut(number, book.part, book.chapter))
            continue
        if "`r " in line and _INLINE_R.fullmatch(line):
            lines[number] = ""
            continue
        if "(\\#" in line:
            for found in _LABEL.finditer(line):
                _count(book, found.group(1), file.name, anchor)
        if "fig.cap" in line and (chunk := _CHUNK.match(line)):
            _count(book, f"fig:{chunk.group(1)}", file.name, anchor)
    if not cuts:
        text = "\n".join(lines)
        return (
            [(replace(file, source=SourceFile(file.source.path, text), part=part), False)]
            if text.strip()
            else []
        )
    pieces: list[tuple[ChapterFile, bool]] = []
    for index, cut in enumerate(cuts):
        start = 0 if index == 0 else cut.line
        end = cuts[index + 1].line if index + 1 < len(cuts) else len(lines)
        # Text under a part's heading, before its first chapter, is the part's opening page, titled by it.
        text = "\n" * start + "\n".join(lines[start:end])
        source = SourceFile(file.source.path, text)
        pieces.append((replace(file, source=source, front={}, label=cut.label, part=cut.part), cut.opens))
    return pieces


def _says_something(text: str) -> bool:
    """Whether a part's opening page holds a line of prose below its heading (code blocks do not count)."""
    lines = text.split("\n")
    prose = (line for _, line in outside_code(lines) if line.strip() and not line.startswith("#"))
    return next(prose, None) is not None


def _chunk_pictures(lines: list[str]) -> None:
    """A chunk that only calls `knitr::include_graphics("path")` becomes the picture it shows, captioned
    by its `fig.cap` (or described by its `fig.alt`) and keeping its label; its other lines are blanked,
    so line numbers stay."""
    chunks: list[tuple[int, int, re.Match[str]]] = []
    for number, line in outside_code(lines, with_fences=True):
        header = _CHUNK_OPEN.fullmatch(line)
        if header is not None:
            ticks = header.group(1)
            close = next((n for n in range(number + 1, len(lines)) if lines[n].strip() == ticks), None)
            if close is not None:
                chunks.append((number, close, header))
    for start, close, header in chunks:
        body = lines[start + 1 : close]
        # Options may sit in `#|` lines rather than the header, in R's own `key = value` form too.
        options = " ".join(line[2:] for line in body if line.startswith("#|"))
        calls = [_PICTURE_CALL.fullmatch(line) for line in body if line.strip() and not line.startswith("#|")]
        if not calls or None in calls:
            continue
        paths = [a or b for call in calls if call for a, b in _STRING.findall(call.group(1))]
        caption = _CAPTION.search(f"{header.group(2)} {options}")
        alt = _ALT.search(f"{header.group(2)} {options}")  # a description, for a picture with no caption
        found = caption or alt
        words = (found.group(1) or found.group(2)) if found else ""
        chunk = _CHUNK.match(lines[start])
        if caption and chunk:
            words += f" (\\#fig:{chunk.group(1)})"
        words = words.replace("[", "\\[").replace("]", "\\]")
        lines[start : close + 1] = [
            " ".join(f"![{words}](<{path}>)" for path in paths),
            *[""] * (close - start),
        ]


def _attributes(title: str) -> tuple[str, list[str]]:
    """A heading's words, and the words of its `{#id .class -}` attributes, if it ends with them."""
    found = _ATTRIBUTES.fullmatch(title)
    if found is not None:
        words = found.group(2).split()
        if words and all(w in _UNNUMBERED or w[0] in "#." or "=" in w for w in words):
            return _CLOSING.sub("", found.group(1)), words
    return _CLOSING.sub("", title), []


def _start_part(book: _Book, kind: str, title: str) -> None:
    if kind == "APPENDIX":
        book.appendix, book.chapters = True, 0
    book.part = _attributes(title)[0] or ("Appendix" if kind == "APPENDIX" else None)
    book.chapter, book.sections = None, []


def _number(book: _Book, file: PurePosixPath, level: int, title: str, words: list[str]) -> str:
    """The heading's id; its number (or title, where bookdown gives it none) is what references to it show."""
    numbered = not _UNNUMBERED & set(words)
    if level == 1:
        book.sections, book.counted = [], {}
        book.chapter = None
        if numbered:
            book.chapters += 1
            book.chapter = _letters(book.chapters) if book.appendix else str(book.chapters)
        number = book.chapter
    else:
        depth = level - 1
        book.sections = (book.sections + [0] * depth)[:depth]
        number = None
        if numbered and book.chapter is not None:
            book.sections[-1] += 1
            number = ".".join([book.chapter, *(str(n) for n in book.sections)])
    given = next((w[1:] for w in words if w.startswith("#") and len(w) > 1), None)
    anchor = given or _unique(book, _pandoc_id(title))
    book.ids.add(anchor)
    book.labels.setdefault(anchor, Label(number or title, file, anchor))
    return anchor


def _count(book: _Book, name: str, file: PurePosixPath, anchor: str | None) -> None:
    """A figure's, table's or equation's label: numbered in its chapter, landing on the heading above it."""
    kind = name.split(":", 1)[0]
    book.counted[kind] = book.counted.get(kind, 0) + 1
    words = f"{book.chapter}.{book.counted[kind]}" if book.chapter is not None else label_words(name)
    book.labels.setdefault(name, Label(words, file, anchor))


def _letters(count: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA, as bookdown letters its appendices."""
    letters = ""
    while count > 0:
        count, rest = divmod(count - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _pandoc_id(title: str) -> str:
    """The id Pandoc gives a heading without one: its words, lowercased, joined by hyphens."""
    words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    words = re.sub(r"[^\w\s.-]", "", words.replace("`", "").replace("*", "")).strip().lower()
    words = re.sub(r"\s+", "-", words)
    words = re.sub(r"^[^a-z]+", "", words)
    return words or "section"


def _unique(book: _Book, anchor: str) -> str:
    count, chosen = 0, anchor
    while chosen in book.ids:
        count += 1
        chosen = f"{anchor}-{count}"
    return chosen
