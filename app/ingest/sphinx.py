"""Sphinx sites written in MyST Markdown: the root document's toctrees give the order, conf.py the title.

A folder is a Sphinx site when it has `conf.py` and a Markdown root document (`index.md`, or the
`root_doc`/`master_doc` conf.py names). Sphinx orders its site by walking toctrees depth first:
the root document, then each entry of its ```` ```{toctree} ````s, each followed by the entries of
its own toctrees a level down. Entries name documents relative to the one holding the toctree
(`/` from the site's root), with or without their suffix; `:caption:` names a part (in the root
document, as the site's sidebar shows it); `:glob:` entries expand in sorted order; `Title <name>`
titles a chapter; `self` and web addresses are not pages. A document in no toctree is no chapter.

conf.py is Python, and is never run: only `name = "a string"` lines are read, so a computed value
is ignored as if it were not there.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.jupyterbook import TocWalker, book_metadata
from app.ingest.mystsubs import conf_substitutions
from app.ingest.notebooks import is_notebook
from app.ingest.placement import BOOK_ROOT, MARKDOWN_SUFFIXES, Layout, join
from app.text import plural

_CONF = "conf.py"
_CONF_BYTES = 1024 * 1024
_WANTED = ("project", "author", "language", "root_doc", "master_doc")
# The last top-level assignment to a setting decides it, as running the file would.
_ASSIGNMENT = re.compile(rf"^({'|'.join(_WANTED)})[ \t]*=(?!=)[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_STRING = re.compile(
    r"""([rRuU]?(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'))[ \t]*(?:#.*)?"""
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,}|:{3,})[ \t]*(.*)")
_TITLED = re.compile(r"(.+?)\s*<([^<>]*)>", re.DOTALL)  # `Title <name>`, as Sphinx splits it
_MAX_DEPTH = 20  # deeper than any real site; a bound on walking a hostile one
_MAX_FOLDER_DEPTH = 12


def sphinx_of(folder: Path) -> Path | None:
    """The `conf.py` of a folder that is a Sphinx site with a Markdown root document, if any."""
    conf = folder / _CONF
    if not conf.is_file() or conf.is_symlink():
        return None
    # A bounded read: this only asks whether the folder is a book, of folders not yet read.
    with conf.open("rb") as file:
        settings = conf_settings(file.read(_CONF_BYTES).decode("utf-8", errors="replace"))
    return conf if _root_document(folder, settings) is not None else None


def conf_settings(text: str) -> dict[str, str]:
    """conf.py's `project`, `author`, `language`, `root_doc` and `master_doc`, where a string literal
    gives them; a value computed by code is left out, never run."""
    last: dict[str, str] = {}
    for match in _ASSIGNMENT.finditer(text):
        last[match.group(1)] = match.group(2)
    found: dict[str, str] = {}
    for name, value in last.items():
        literal = _STRING.fullmatch(value)
        if literal is not None:
            try:
                parsed = ast.literal_eval(literal.group(1))  # a literal only: nothing in it runs
            except (SyntaxError, ValueError):  # a bad escape, as Python itself would refuse
                continue
            if isinstance(parsed, str) and parsed.strip():
                found[name] = parsed.strip()
    return found


def read_sphinx(books: BookFolder, conf: Path, warnings: list[str]) -> Layout:
    site = conf.parent
    try:
        data = books.read_bytes(conf, limit=_CONF_BYTES)
    except Unreadable as problem:
        raise ImportProblem(str(conf), f"{problem}.") from None
    # Only string settings are looked for, so a stray byte in a comment need not stop the import.
    text = data.decode("utf-8", errors="replace")
    settings = conf_settings(text)
    root = _root_document(site, settings)
    if root is None:  # it was there when the folder was found to be a Sphinx site
        raise ImportProblem(
            str(conf), "names a root page that is not there. Write index.md, or name yours in `root_doc`."
        )
    walker = TocWalker(books, site, root, warnings)
    walker.add(str(root.relative_to(site)), None, part=None, depth=0, intro=True)
    _walk(walker, root, part=None, depth=0)
    walker.say_what_was_left_out()
    _say_what_is_in_no_toctree(walker, root)
    metadata = book_metadata(settings.get("project"), settings.get("author"), None, settings.get("language"))
    return Layout(
        walker.placed,
        metadata,
        site_root=site,
        carried_out=frozenset({"toctree"}),
        substitutions=conf_substitutions(text),  # `myst_substitutions = {…}`, read as a literal
    )


def _root_document(site: Path, settings: dict[str, str]) -> Path | None:
    name = join(BOOK_ROOT, settings.get("root_doc") or settings.get("master_doc") or "index")
    if name is None:  # a root outside the site: not a site Sphinx could build
        return None
    for suffix in MARKDOWN_SUFFIXES:
        path = site / (str(name) + suffix)
        if path.is_file() and not path.is_symlink():
            return path
    return None


@dataclass(frozen=True, slots=True)
class Toctree:
    """One toctree directive: its options, and its entries with the line each is on."""

    options: dict[str, str]
    entries: list[tuple[int, str]]


def toctrees(text: str) -> list[Toctree]:
    """The toctrees at the top level of a MyST document, in order.

    One inside another directive (an example of the syntax shown to the reader) is not the
    site's order; nor is one inside a code fence.
    """
    if "{toctree}" not in text:  # most pages have none; this runs on each page of a site
        return []
    lines = text.splitlines()
    found: list[Toctree] = []
    number = 0
    while number < len(lines):
        opening = _FENCE.fullmatch(lines[number])
        if opening is None:
            number += 1
            continue
        run, info = opening.groups()
        end = _closing(lines, number + 1, run)
        if info.startswith("{toctree}"):
            found.append(_toctree(lines[number + 1 : end], first_line=number + 2))
        number = end + 1
    return found


def _closing(lines: list[str], start: int, run: str) -> int:
    for number in range(start, len(lines)):
        closing = _FENCE.fullmatch(lines[number])
        if closing is not None and not closing.group(2) and closing.group(1).startswith(run):
            return number
    return len(lines)


def _toctree(body: list[str], *, first_line: int) -> Toctree:
    """Options (`:caption: Guides` lines, or `caption: Guides` between `---` lines) then entries."""
    options: dict[str, str] = {}
    start = 0
    if body and body[0].strip() == "---":
        end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), len(body))
        for line in body[1:end]:
            key, _, value = line.partition(":")
            options[key.strip()] = value.strip()
        start = end + 1
    else:
        while start < len(body) and body[start].startswith(":"):
            key, _, value = body[start][1:].partition(":")
            options[key.strip()] = value.strip()
            start += 1
    entries = [(first_line + i, line.strip()) for i, line in enumerate(body) if i >= start and line.strip()]
    return Toctree(options, entries)


def _walk(walker: TocWalker, document: Path, *, part: str | None, depth: int) -> None:
    """The entries of a document's toctrees, each followed by its own entries a level down."""
    if depth > _MAX_DEPTH or is_notebook(document.name):
        return
    try:
        text = walker.books.read_text(document)
    except Unreadable:
        return  # reading it as a chapter says why
    folder = PurePosixPath(document.parent.relative_to(walker.root).as_posix())
    top = document == walker.toc
    for tree in toctrees(text):
        tree_part = (tree.options.get("caption") or None) if top else part
        for line, entry in tree.entries:
            where = f"{document}:{line}"
            titled = _TITLED.fullmatch(entry)
            title, target = (titled.group(1), titled.group(2).strip()) if titled else (None, entry)
            if target == "self" or "://" in target or target.startswith("mailto:"):
                continue
            name = join(BOOK_ROOT if target.startswith("/") else folder, target.lstrip("/"))
            if name is None:
                walker.warnings.append(
                    f"{where}: names '{target}', which is outside the site's folder; it was left out."
                )
                continue
            if "glob" in tree.options and any(c in target for c in "*?["):
                added = walker.glob(str(name), part=tree_part, depth=depth)
            else:
                one = walker.add(str(name), title, part=tree_part, depth=depth, where=where)
                added = [one] if one is not None else []
            for path in added:
                _walk(walker, path, part=tree_part, depth=depth + 1)


def _say_what_is_in_no_toctree(walker: TocWalker, root: Path) -> None:
    left = sorted(
        str(path.relative_to(walker.root)) for path in _pages(walker.root, 0) if path not in walker.seen
    )
    if left:
        shown = ", ".join(left[:5]) + (" …" if len(left) > 5 else "")
        walker.warnings.append(
            f"{root}: {plural(len(left), 'page')} in no toctree ({shown}) "
            f"{'is not a chapter' if len(left) == 1 else 'are not chapters'}, as Sphinx leaves them out of "
            "the site's navigation. Name them in a toctree to read them here."
        )


def _pages(folder: Path, depth: int) -> Iterator[Path]:
    """The site's Markdown pages; not those in `_build`, `_static` or hidden folders, which Sphinx's
    sites keep for other things, nor through symlinked folders."""
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink() or entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.name.startswith("_") and depth < _MAX_FOLDER_DEPTH:
                yield from _pages(entry, depth + 1)
        elif entry.suffix.lower() in MARKDOWN_SUFFIXES:
            yield entry
