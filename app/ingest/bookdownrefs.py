r"""bookdown's references, written out in the text as its HTML shows them, before Markdown is parsed.

`\@ref(label)` becomes a link to what the label names, showing its number, or the title of a
heading bookdown leaves unnumbered (bookdownchapters.py knows both); a label the book does not
have shows its words, plain, with one warning for the book. `(\#fig:x)`-style labels leave the
captions and equations they sit in. A paragraph opening `(ref:name)` defines a text reference:
it goes, and `(ref:name)` elsewhere shows its words. `[words](#label)` reaches a heading in any
chapter, as it does in bookdown's one-site book. LaTeX index entries (`\index{…}`, and `\indexc{…}`
as Advanced R writes them) are for a printed index, never text: they go, and a line that held only
them goes too. Code (fenced, or in backticks) is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import quote

from app.ingest.fences import outside_code
from app.ingest.sourcefile import ChapterFile, SourceFile

_REFERENCE = re.compile(r"\\@ref\(([^()\s]+)\)")
_LABEL = re.compile(r"[ \t]?\(\\#(?:fig|tab|eq):[\w.:-]+\)")
_TEXT_REFERENCE = re.compile(r"\(ref:([\w.-]+)\)")
_DEFINITION = re.compile(r" {0,3}\(ref:([\w.-]+)\)[ \t]*(.*)")
_FRAGMENT_LINK = re.compile(r"\]\(#([^()\s]+)\)")
_TICKS = re.compile(r"`+")
_INDEX = "\\index"
_SIGNS = ("\\", "(ref:", "](#")


@dataclass(frozen=True, slots=True)
class Label:
    """What a label names: the words a reference to it shows, and where it sits (its file, the heading above)."""

    words: str
    file: PurePosixPath
    anchor: str | None


def label_words(label: str) -> str:
    """A label as words, for a reference that cannot show a number: `fig:rain-gauge` -> rain gauge."""
    return label.split(":", 1)[-1].replace("-", " ").replace("_", " ")


def write_references(
    files: list[ChapterFile], labels: dict[str, Label], warnings: list[str]
) -> list[ChapterFile]:
    """The files with their references written out; one warning names the labels no part of the book has."""
    texts = [file.source.text.split("\n") for file in files]
    defined: dict[str, str] = {}
    for lines in texts:
        _take_definitions(lines, defined)
    unknown: dict[str, str] = {}  # label -> the first file that names it
    written: list[ChapterFile] = []
    for file, lines in zip(files, texts, strict=True):

        def change(prose: str, file: ChapterFile = file) -> str:
            return _rewrite(prose, here=file, labels=labels, defined=defined, unknown=unknown)

        kept: list[str | None] = list(lines)
        for number, line in outside_code(lines):
            if any(sign in line for sign in _SIGNS):
                changed = _outside_spans(line, change)
                kept[number] = None if line.strip() and not changed.strip() else changed
        text = "\n".join(line for line in kept if line is not None)
        written.append(replace(file, source=SourceFile(file.source.path, text)))
    if unknown:
        names = list(unknown)
        shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        warnings.append(
            f"{next(iter(unknown.values()))}: \\@ref names labels this book does not have ({shown}); each "
            "shows its label's words instead of a number. Give the heading, figure or table that label, "
            "or fix the reference."
        )
    return written


def _take_definitions(lines: list[str], defined: dict[str, str]) -> None:
    """Collect `(ref:name) words` paragraphs into `defined` and blank their lines."""
    previous = ""
    for number, line in outside_code(lines):
        found = _DEFINITION.fullmatch(line) if "(ref:" in line and not previous.strip() else None
        previous = line
        if found is None:
            continue
        words = [found.group(2).strip()]
        lines[number] = ""
        following = number + 1
        while following < len(lines) and lines[following].strip():
            words.append(lines[following].strip())
            lines[following] = ""
            following += 1
        defined.setdefault(found.group(1), " ".join(word for word in words if word))


def _outside_spans(line: str, change: Callable[[str], str]) -> str:
    """The line with `change` made to its prose, and its code spans (`` `x` ``) left as they are."""
    out: list[str] = []
    done = 0
    while (opening := _TICKS.search(line, done)) is not None:
        run = opening.group()
        closing = next((m for m in _TICKS.finditer(line, opening.end()) if m.group() == run), None)
        if closing is None:
            break  # backticks with no partner are text; what follows is prose
        out += [change(line[done : opening.start()]), line[opening.start() : closing.end()]]
        done = closing.end()
    out.append(change(line[done:]))
    return "".join(out)


def _rewrite(
    prose: str,
    *,
    here: ChapterFile,
    labels: dict[str, Label],
    defined: dict[str, str],
    unknown: dict[str, str],
) -> str:
    if "\\" in prose:
        prose = _without_index_entries(prose) if _INDEX in prose else prose
        prose = _LABEL.sub("", prose) if "(\\#" in prose else prose
    if "(ref:" in prose:
        prose = _TEXT_REFERENCE.sub(lambda m: defined.get(m.group(1), label_words(m.group(1))), prose)

    def reference(found: re.Match[str]) -> str:
        name = found.group(1)
        label = labels.get(name)
        if label is None:
            unknown.setdefault(name, here.source.path)
            return label_words(name)
        words = label.words.replace("[", "\\[").replace("]", "\\]")
        return f"[{words}]({_address(label)})"

    if "\\@ref(" in prose:
        prose = _REFERENCE.sub(reference, prose)
    if "](#" in prose:
        prose = _FRAGMENT_LINK.sub(
            lambda m: (
                f"]({_address(labels[m.group(1)])})"
                if m.group(1) in labels and labels[m.group(1)].file != here.name
                else m.group()
            ),
            prose,
        )
    return prose


def _address(label: Label) -> str:
    """A link to where a label sits, from the book's folder (links.py resolves `/…` there)."""
    path = "/" + quote(label.file.as_posix())
    return f"{path}#{label.anchor}" if label.anchor else path


def _without_index_entries(prose: str) -> str:
    r"""`\index{…}` and `\indexc{…}` taken out, braces balanced (`\index{bugs|see {debugging}}`)."""
    out: list[str] = []
    done = 0
    start = prose.find(_INDEX)
    while start >= 0:
        brace = start + len(_INDEX) + (1 if prose.startswith("c", start + len(_INDEX)) else 0)
        end = _closing_brace(prose, brace) if prose.startswith("{", brace) else -1
        if end < 0:
            start = prose.find(_INDEX, brace)
            continue
        out.append(prose[done:start])
        done = end + 1
        start = prose.find(_INDEX, done)
    out.append(prose[done:])
    return "".join(out)


def _closing_brace(text: str, opening: int) -> int:
    """Where the brace opened at `opening` closes, skipping `\\{`-style escapes; -1 if it never does."""
    depth = 0
    position = opening
    while position < len(text):
        character = text[position]
        if character == "\\":
            position += 2
            continue
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return -1
