"""Leanpub manuscripts: `Book.txt` lists the files in order, and Leanpub's marks read as Leanpub shows them.

A Leanpub book keeps its text in a `manuscript/` folder. `Book.txt` names one file a line (`.md`,
`.markua` or `.txt`, all Markdown), and Leanpub joins them into one book: a file that starts with
`#` opens a chapter, and one that starts lower (`## Hints`) goes on with the chapter before it,
so here it is that chapter's sub-chapter. A part is a file's leading `-# Title` (Leanpub Flavoured
Markdown) or a `# Title` under a `{class: part}` line (Markua). Pictures are named from the
`resources/` folder (Markua) or the manuscript folder (`images/…`), never from the chapter's own.

The files' own marks, rewritten here before parsing (see leanpub_text):
- attribute lines, alone on their line: `{id: intro}` names the next heading's id; `{class: warning}`
  colours the aside under it; print settings (`{pagebreak}`, `{width: 60%}`, `{frontmatter}`,
  `{caption: …}`) go;
- blurbs: `{blurb, class: warning}` … `{/blurb}` and `{aside}` … `{/aside}` become callouts;
- asides: lines starting `W> ` (warning), `T> ` (tip), `I> ` (information), `E> ` (error),
  `Q> ` (question), `D> ` (discussion), `X> ` (exercise), `A> ` (an aside, titled by its first
  heading if it starts with one), and `B> `, `C> `, `G> ` (plain boxes) become callouts too;
- index entries `{i: "term"}` go: they are for the printed book's index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from app.errors import ImportProblem
from app.ingest.fences import outside_code
from app.ingest.files import BookFolder, Unreadable
from app.ingest.passes import with_title
from app.ingest.placement import Layout, Placed, prettify
from app.ingest.text import inline_text
from app.text import plural

LISTING = "Book.txt"
MANUSCRIPT = "manuscript"
_RESOURCES = "resources"
_ATTRIBUTES = re.compile(r"\{([^{}\n]*)\}")
_SETTING = re.compile(r"""([\w-]+)\s*[:=]\s*(?:"([^"]*)"|'([^']*)'|([^,]*))""")  # `key: value` in one
_ASIDE = re.compile(r"([ABCDEGIQTWX])>(?: |$)")
_PART = re.compile(r"-#[ \t]+(.*\S)")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*$")
_INDEX_ENTRY = re.compile(r"""\{i:[ \t]*(?:"[^"\n]*"|[^{}\n]*)\}""")
# A picture's path, unless it is a web address, a fragment or already from the root.
_PICTURE = re.compile(r"(!\[[^\]\n]*\]\(<?)(?![a-zA-Z][\w+.-]*:|/|#)")
_HEADINGS = MarkdownIt("commonmark", {"html": False})

# Each aside's letter, and each blurb's class: the callout kind and, where the kind's own name would
# say less than Leanpub's, a title. "box" is a plain box with no title.
_ASIDES = {
    "A": ("note", "Aside"), "B": ("box", ""), "C": ("box", ""), "D": ("note", "Discussion"),
    "E": ("danger", "Error"), "G": ("box", ""), "I": ("info", ""), "Q": ("question", ""),
    "T": ("tip", ""), "W": ("warning", ""), "X": ("example", "Exercise"),
}  # fmt: skip
_CLASSES = {
    "aside": "A", "blurb": "B", "center": "C", "discussion": "D", "error": "E", "generic": "G",
    "information": "I", "info": "I", "question": "Q", "tip": "T", "warning": "W", "exercise": "X",
}  # fmt: skip


def leanpub_of(folder: Path) -> Path | None:
    """The manuscript folder of a Leanpub book: the folder itself or its `manuscript/`, holding Book.txt."""
    for manuscript in (folder, folder / MANUSCRIPT):
        listing = manuscript / LISTING
        if listing.is_file() and not listing.is_symlink():
            return manuscript
    return None


def read_leanpub(books: BookFolder, manuscript: Path, root: Path, warnings: list[str]) -> Layout:
    """The files Book.txt lists, in its order, with the parts and chapters their leading headings make."""
    listing = manuscript / LISTING
    try:
        names = [line.strip() for line in books.read_text(listing).splitlines() if line.strip()]
    except Unreadable as problem:
        raise ImportProblem(
            str(listing),
            f"{problem}. Book.txt should name the manuscript's files, one a line; fix it and import again.",
        ) from None
    placed: list[Placed] = []
    missing: list[str] = []
    part: str | None = None
    for name in names:
        path = manuscript / name
        if not path.is_file():
            missing.append(name)
            continue
        try:
            leading = _leading(books.read_text(path))
        except Unreadable:
            leading = _Leading(more=True)  # reading it again says why, as for any chapter
        if leading.part is not None:
            part = leading.part
            if not leading.more:
                continue  # a file that only opens its part
        # A file that does not open a chapter goes on with the one before it, as Leanpub joins them.
        opens = leading.level == 1 or (leading.level is None and (not placed or leading.part is not None))
        # A title from here keeps a chapter that is only its heading, over the files that go on with it
        # (book.py lists them on its page); a part's opening words are titled by the part.
        entry = (
            _plain(leading.heading) if leading.only_heading and leading.heading
            else leading.part if leading.level is None else None
        )  # fmt: skip
        placed.append(Placed(path, entry, 0 if opens or not placed else 1, None, part))
    if missing:
        shown = ", ".join(f"'{name}'" for name in missing[:5]) + (" …" if len(missing) > 5 else "")
        warnings.append(
            f"{listing}: names {plural(len(missing), 'file')} the manuscript does not have ({shown}), "
            f"so {'it was' if len(missing) == 1 else 'they were'} left out. Add {'it' if len(missing) == 1 else 'them'}, "
            "or take the line out of Book.txt."
        )
    resources = manuscript / _RESOURCES
    metadata = {"title": title} if (title := _book_title(books, manuscript, root)) else {}
    return Layout(
        placed, metadata, site_root=resources if resources.is_dir() else manuscript, dialect="leanpub"
    )


@dataclass(frozen=True, slots=True)
class _Leading:
    """What a file opens with, read before it is parsed: it decides the file's place in the book."""

    part: str | None = None  # the part the file opens
    level: int | None = None  # the level of its first heading (not a part's), if it has one
    heading: str | None = None  # that heading's words
    more: bool = False  # whether it holds anything beyond its part's heading and attribute lines
    only_heading: bool = False  # whether that first heading is all it holds


def _leading(text: str) -> _Leading:
    part: str | None = None
    is_part = False
    lines = [line.strip() for line in text.splitlines()]
    for number, line in enumerate(lines):
        if not line:
            continue
        if _ATTRIBUTES.fullmatch(line):
            is_part = is_part or _settings(line)[1].get("class", "").lower() == "part"
            continue
        heading = _HEADING.fullmatch(line)
        lfm_part = _PART.fullmatch(line)
        if part is None and lfm_part is not None:
            part = lfm_part.group(1)
            continue
        if part is None and is_part and heading is not None:
            part = heading.group(2)
            continue
        if heading is None:
            return _Leading(part, more=True)
        rest = (rest for rest in lines[number + 1 :] if rest and not _ATTRIBUTES.fullmatch(rest))
        return _Leading(part, len(heading.group(1)), heading.group(2), True, next(rest, None) is None)
    return _Leading(part)


def _plain(words: str) -> str:
    """A heading's words as plain text, as a table of contents gives a title."""
    tokens = _HEADINGS.parse(f"# {words}")
    return inline_text(tokens[1]).strip() if len(tokens) > 1 else words


def _book_title(books: BookFolder, manuscript: Path, root: Path) -> str | None:
    """The book's title: the first heading of the README beside `manuscript/`, when the book was imported
    from there; else the name of the folder holding `manuscript/` (Book.txt names no title)."""
    if manuscript == root / MANUSCRIPT:
        try:
            tokens = _HEADINGS.parse(books.read_text(root / "README.md"))
        except Unreadable:
            tokens = []
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h1":
                return inline_text(tokens[index + 1]).strip() or None
        return prettify(root.name)
    return prettify(manuscript.parent.name) if manuscript.name.lower() == MANUSCRIPT else None


def leanpub_text(text: str) -> str:
    """A Leanpub file's Markdown with Leanpub's marks rewritten into the Markdown every book uses.

    Line by line outside code, keeping line numbers, except where an aside starts right under
    other text: its callout needs a line of its own there.
    """
    lines = text.split("\n")
    out: list[str] = []
    heading_id: str | None = None
    aside_class: str | None = None
    aside: str | None = None  # the letter of the aside being read
    part_next = False  # a `{class: part}` line makes the next heading a part's
    caption = ""  # a `{caption: …}` line's words, for the code block right under it
    prose = {number for number, _ in outside_code(lines)}
    for number, line in enumerate(lines):
        if caption and line.lstrip().startswith(("```", "~~~")):
            line = with_title(line.rstrip(), caption)
        caption = ""
        if number not in prose:
            out.append(line)
            continue
        stripped = line.strip()
        found = _ASIDE.match(line)
        if found is not None:
            letter, rest = found.group(1), line[found.end() :]
            if aside != letter:
                _open_aside(out, _ASIDES[aside_class or letter], rest)
                aside, aside_class = letter, None
                if _HEADING.fullmatch(rest.strip()):
                    continue  # the aside's title, on its marker's line
            out.append(f"> {rest}" if rest else ">")
            continue
        aside = None
        if _ATTRIBUTES.fullmatch(stripped):
            name, settings = _settings(stripped)
            style = settings.get("class", "").lower()
            heading_id = name[1:] if name.startswith("#") else settings.get("id", heading_id)
            part_next = part_next or style == "part"
            if name.lower() in ("blurb", "aside"):
                kind, title = _ASIDES[_CLASSES.get(style, _CLASSES[name.lower()])]
                out.append("::: {.blurb}" if kind == "box" else f"::: {kind} {title}".rstrip())
            elif name.lower() in ("/blurb", "/aside"):
                out.append(":::")
            else:
                aside_class = _CLASSES.get(style)
                caption = settings.get("caption", "")
                out.append("")
            continue
        aside_class = None
        heading = _HEADING.fullmatch(stripped)
        if _PART.fullmatch(stripped) or (part_next and heading is not None):
            part_next = False
            out.append("")  # read_leanpub made it the file's part
            continue
        if heading_id is not None and heading is not None:
            line = f"{heading.group(1)} {heading.group(2)} {{#{heading_id}}}"
            heading_id = None
        if "{i:" in line:
            line = _INDEX_ENTRY.sub("", line)
        if "](" in line:
            line = _PICTURE.sub(r"\1/", line)
        out.append(line)
    return "\n".join(out)


def _open_aside(out: list[str], style: tuple[str, str], first: str) -> None:
    """The callout marker an aside opens with, titled by its first line if that is a heading.

    The marker takes the place of the line above when that is blank (or was the aside's class
    line), so line numbers hold; a quote just above keeps its blank line, or they would merge.
    """
    kind, title = style
    if heading := _HEADING.fullmatch(first.strip()):
        out.append(f"> [!{kind}] {heading.group(2)}")
        return
    marker = f"> [!{kind}]" + (f" {title}" if title else "")
    if out and not out[-1].strip() and not (len(out) > 1 and out[-2].lstrip().startswith(">")):
        out[-1] = marker
    else:
        out.append(marker)


def _settings(line: str) -> tuple[str, dict[str, str]]:
    """An attribute line's leading bare name (`blurb`, `pagebreak`, or "") and its `key: value` pairs.

    A quoted value may hold commas: `{caption: "Lists, sorted"}`.
    """
    inside = line.strip()[1:-1]
    settings = {
        key.lower(): "".join(values).strip()  # one of the three ways of writing it matched
        for key, *values in _SETTING.findall(inside)
    }
    first = inside.split(",", 1)[0]
    name = "" if ":" in first or "=" in first else first.strip()
    return name, settings
