"""Wiki links (`[[Note]]`, `![[picture.png]]`, `![[Note]]`), rewritten before parsing into the Markdown they mean.

Obsidian, Foam, Dendron, Quartz and GitHub wikis link pages by name (see wikinames.py). Each form
becomes Markdown the rest of ingest already reads, so links, pictures, the sanitiser and the
model's copy treat it like any other:

- `[[Note]]`, `[[Note|words]]`, `[[Note#Heading]]`, `[[folder/Note]]`, `[[#Heading]]` become links
  to the note's file (and the heading's fragment); a link to a block, `[[Note#^id]]`, lands on the
  note. GitHub wikis write `[[words|Page]]`: when only the right-hand side names a page, it is read so.
- `![[picture.png]]` becomes a picture; `|words` is its description, and a size (`|300`, `|300x200`)
  is dropped, since a page is as wide as the reader's window.
- `![[Note]]` or `![[Note#Heading]]` alone on a line is replaced by that note's text (or that
  heading's section, or `#^id`'s block), front matter left off, as Obsidian shows it; under the
  rules includes keep (see includes.py): nested at most MAX_DEPTH deep, never itself again, never
  from outside the book, and otherwise a warning naming the file and line. Anywhere else it is a link.
- In a vault, a link to a page the book does not have shows its words as plain text: vaults are
  full of links to notes not yet written. The book says how many once (see `WikiLinks.summary`),
  not once a link. Outside a vault such a link is left as written, as is a line holding only
  `[[name]]`: there `[[Prototype]]` is JavaScript's notation and `[[menus]]` TOML's.

Text that only looks like a link is left as written: code, `[[toc]]`, citation numbers (`[[1]]`),
`x[[1]]` indexing, `[[x]](url)`, and anything holding a bracket. Names and words are escaped as they are written out,
so no name can break out of its link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import quote

from app.ingest.anchors import github_slug
from app.ingest.fences import code_spans, outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.notesections import heading_section, marked_block
from app.ingest.pictures import PICTURE_SUFFIXES
from app.ingest.wikinames import VaultNames
from app.text import plural

_OPEN = "[["
_LINK = re.compile(r"(!?)\[\[([^\[\]\n]+)\]\]")
_CITATION = re.compile(r"[\d\s,-]+")  # `[[1]]`, `[[2, 3]]`: reference numbers, as papers write them
_MARKERS = frozenset({"toc", "_toc_"})  # a table of contents goes there (see containers.py)
_SIZE = re.compile(r"\d+(?:x\d+)?")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # CommonMark lets a backslash escape any of these


class WikiLinks:
    """One book's wiki links: the names they use (read once, when a first link needs them), and
    those that named nothing the book has."""

    def __init__(self, names: Callable[[], VaultNames], *, vault: bool, bare_pictures: bool = False) -> None:
        """`vault`: the book is (in) an Obsidian vault, where a link may name a note not yet written.
        Elsewhere `[[Prototype]]` is more likely JavaScript's notation, or TOML's, so a link that names
        nothing is left as written. `bare_pictures`: `[[chart.png]]` shows the picture, as a GitHub
        wiki shows it, where Obsidian links to it."""
        self._make = names
        self._vault = vault
        self._bare_pictures = bare_pictures
        self._names: VaultNames | None = None
        self.missing: list[tuple[str, str]] = []  # (name, "file:line") of each link that found nothing

    @property
    def names(self) -> VaultNames:
        if self._names is None:
            self._names = self._make()
        return self._names

    def expand(
        self,
        text: str,
        *,
        file: PurePosixPath,
        read: ReadText,
        warn: Callable[[str], None],
        page: PurePosixPath | None = None,
        first_line: int = 0,
        within: tuple[tuple[PurePosixPath, str], ...] = (),
    ) -> str:
        """The text of `file` with its wiki links rewritten; what it embeds lands on `page` (the file
        itself unless embedded), whose folder the links are written from. `first_line`: where the
        text starts in its file, for warnings; `within`: the notes (and the part of each, `""` for
        all of it) that embed this text."""
        if _OPEN not in text:
            return text
        page = page or file
        within = within or ((file, ""),)
        lines = text.split("\n")
        for number, line in outside_code(lines):
            if _OPEN not in line:
                continue
            where = f"{file}:{first_line + number + 1}"
            whole = _LINK.fullmatch(line.strip())
            if whole is not None and not whole.group(1) and not self._vault:
                continue  # outside a vault, `[[name]]` alone on a line is as likely TOML's `[[table]]`
            if whole is not None and whole.group(1):
                embedded = self._embed_note(
                    whole.group(2), file=file, page=page, read=read, warn=warn, where=where, within=within
                )
                if embedded is not None:
                    indent = line[: len(line) - len(line.lstrip())]
                    lines[number] = "\n".join(
                        indent + part if part else part for part in embedded.split("\n")
                    )
                    continue
            lines[number] = self._line(line, file=file, page=page, where=where)
        return "\n".join(lines)

    def summary(self, where: str) -> str | None:
        """The one warning for links to pages the book does not have, if there were any."""
        if not self.missing:
            return None
        name, place = self.missing[0]
        count = len(self.missing)
        return (
            f"{where}: {plural(count, 'wiki link')} name{'s' if count == 1 else ''} pages the book does not "
            f"have, e.g. '{name}' in {place}; they show as plain text. Write those notes, or fix the names."
        )

    def _line(self, line: str, *, file: PurePosixPath, page: PurePosixPath, where: str) -> str:
        """The line with each wiki link outside its code spans rewritten (words in code are fine)."""
        code = code_spans(line)

        def rewrite(found: re.Match[str]) -> str:
            if any(start <= found.start() < end or start < found.end() < end for start, end in code):
                return found.group(0)
            return self._rewrite(found, file, page, where)

        return _LINK.sub(rewrite, line)

    def _rewrite(self, found: re.Match[str], file: PurePosixPath, page: PurePosixPath, where: str) -> str:
        text, start, end = found.string, found.start(), found.end()
        inner = found.group(2).replace("\\|", "|")  # in a table, the pipe before the words is escaped
        target, _, words = inner.partition("|")
        if (
            # `df[["a"]]`, `x[[1]]`: indexing in a language, not a link; `\[[`: brackets meant as brackets
            (start > 0 and (text[start - 1] in "[\\_" or text[start - 1].isalnum()))
            or text[end : end + 1] in ("(", "[", "]")
            or target.strip().casefold() in _MARKERS
            or _CITATION.fullmatch(inner)
        ):
            return found.group(0)
        if found.group(1) or (self._bare_pictures and target.strip().lower().endswith(PICTURE_SUFFIXES)):
            return self._picture(target, words, file, page, where, found.group(0))
        return self._link(target, words, file, page, where, found.group(0))

    def _link(
        self, target: str, words: str, file: PurePosixPath, page: PurePosixPath, where: str, written: str
    ) -> str:
        name, _, heading = target.partition("#")
        path = self._find(name, file) if name.strip() else file  # `[[#Heading]]`: the note it is written in
        if path is None and words.strip():
            swapped = words.partition("#")[0]
            if swapped.strip() and (found := self._find(swapped, file)) is not None:
                name, heading, words, path = swapped, words.partition("#")[2], target, found
        heading = next((part.strip() for part in reversed(heading.split("#")) if part.strip()), "")
        shown = words.strip() or _shown(name, heading)
        if path is None:
            return self._missing(target.strip(), shown, where, written)
        href = _href(path, page)
        if heading and not heading.startswith("^"):
            href += "#" + quote(github_slug(heading), safe="")
        return f"[{_escaped(shown)}]({href})"

    def _picture(
        self, target: str, words: str, file: PurePosixPath, page: PurePosixPath, where: str, written: str
    ) -> str:
        name = target.partition("#")[0].strip()
        if not name.lower().endswith(PICTURE_SUFFIXES):
            return self._link(target, words, file, page, where, written)  # a note, a PDF, a sound: a link
        words = words.strip().removeprefix("alt=")  # gollum's `[[chart.png|alt=Tide chart]]`
        described = words if words and not _SIZE.fullmatch(words) else ""
        alt = described or PurePosixPath(name).stem
        path = self.names.file(name, file)
        if path is None:
            return self._missing(name, alt, where, written)
        return f"![{_escaped(alt)}]({_href(path, page)})"

    def _missing(self, name: str, shown: str, where: str, written: str) -> str:
        """What a link that names nothing shows: its words in a vault (counted, for `summary`), else
        the text as written."""
        if not self._vault:
            return written
        self.missing.append((name, where))
        return _escaped(shown)

    def _find(self, name: str, file: PurePosixPath) -> PurePosixPath | None:
        return self.names.note(name, file) or self.names.file(name, file)

    def _embed_note(
        self,
        inner: str,
        *,
        file: PurePosixPath,
        page: PurePosixPath,
        read: ReadText,
        warn: Callable[[str], None],
        where: str,
        within: tuple[tuple[PurePosixPath, str], ...],
    ) -> str | None:
        """The text `![[inner]]` alone on its line shows; None when it is a link (it names no note, or
        the note cannot be shown here, which a warning says)."""
        target = inner.partition("|")[0]
        name, _, fragment = target.partition("#")
        path = self.names.note(name, file) if name.strip() else None
        if path is None:
            return None
        # `#A#B` names heading B under A; B is enough to find it.
        fragment = next((part.strip() for part in reversed(fragment.split("#")) if part.strip()), "")
        shown = (path, fragment.casefold())

        def problem(message: str) -> None:
            warn(f"{where}: embeds '{target.strip()}', {message}; it shows as a link.")

        # A note may show another part of itself, but never the part that holds the embed.
        if shown in within:
            problem("which embeds the note that embeds it")
            return None
        if len(within) > MAX_DEPTH:
            problem(f"more than {MAX_DEPTH} embeds deep")
            return None
        try:
            text = without_front_matter(read(path))
        except Exception as unread:  # noqa: BLE001 - the reader says why, in words for the author
            problem(f"which {unread}")
            return None
        first_line = 0
        if fragment:
            block = fragment.startswith("^")
            chosen = marked_block(text, fragment[1:]) if block else heading_section(text, fragment)
            if chosen is None:
                problem(f"but '{path}' has no {'block' if block else 'heading'} '{fragment}'")
                return None
            text, first_line = chosen
        body = self.expand(
            text, file=path, read=read, warn=warn, page=page, first_line=first_line, within=(*within, shown)
        )
        return body.strip("\n")


def _shown(name: str, heading: str) -> str:
    """The words Obsidian shows for a link with none of its own: `Note`, `Note > Heading`, `Heading`."""
    name = name.strip()
    if PurePosixPath(name).suffix.lower() == ".md":
        name = name[:-3]
    if heading.startswith("^"):  # a block's id is a mark for the link, not words for the reader
        heading = "" if name else heading[1:]
    return f"{name} > {heading}" if name and heading else name or heading


def _href(path: PurePosixPath, page: PurePosixPath) -> str:
    """`path` as a link written in `page`: relative to its folder, every character that could end
    the link or start markup percent-encoded."""
    return quote(posixpath.relpath(path.as_posix(), page.parent.as_posix()), safe="/")


def _escaped(words: str) -> str:
    """Words as Markdown that shows them: code spans kept, every other mark escaped, so that no
    name or description can end its link or start anything else."""
    words = " ".join(words.split())
    out: list[str] = []
    done = 0
    for start, end in code_spans(words):
        out += [_PUNCTUATION.sub(r"\\\1", words[done:start]), words[start:end]]
        done = end
    out.append(_PUNCTUATION.sub(r"\\\1", words[done:]))
    return "".join(out)
