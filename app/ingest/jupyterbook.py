"""Jupyter Book and MyST project folders: their table of contents gives the order, their config the details.

A Jupyter Book (1.x) keeps its order in `_toc.yml` (`root`, then `parts` with a `caption` each, or
`chapters`, each with nested `sections`) and its title and author in `_config.yml`. A MyST project
(Jupyter Book 2) keeps both in `myst.yml`, under `project:` (`toc` entries with `file`, `children`
and `pattern`). Entries name files with or without their suffix. Notebooks are read (see
notebooks.py); reStructuredText is not Markdown, and is left out, with one warning that lists it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.frontmatter import load_yaml
from app.ingest.mystsubs import config_substitutions
from app.ingest.placement import MARKDOWN_SUFFIXES, Layout, Placed
from app.text import plural

_TOC_NAMES = ("_toc.yml", "_toc.yaml")
_MYST_NAMES = ("myst.yml", "myst.yaml")
_CONFIG_NAMES = ("_config.yml", "_config.yaml")
_CONFIG_BYTES = 1024 * 1024
_NOT_READ = (".rst",)  # what else a Jupyter Book's (or a Quarto book's) entries may name
_JB_KEYS = {"children": "sections", "pattern": "glob"}  # _toc.yml's names for what myst.yml calls these
_MAX_DEPTH = 20  # deeper than any real book; a bound on walking a hostile table of contents


def toc_of(folder: Path) -> Path | None:
    """The `_toc.yml` or `myst.yml` that makes a folder a Jupyter Book or MyST project, if any."""
    for name in (*_TOC_NAMES, *_MYST_NAMES):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            return path
    return None


def read_jupyter_book(books: BookFolder, toc: Path, warnings: list[str]) -> Layout:
    root = toc.parent
    data = read_yaml(books, toc)
    walker = TocWalker(books, root, toc, warnings)
    if toc.name in _MYST_NAMES:
        project = _table(data, "project")
        walker.entries(project.get("toc"), part=None, depth=0, children="children", pattern="pattern")
        metadata = book_metadata(
            project.get("title"), project.get("authors"), project.get("description"), None
        )
    else:
        walker.jb_book(data)
        settings: dict[str, Any] = {}
        config = next((root / name for name in _CONFIG_NAMES if (root / name).is_file()), None)
        settings = read_yaml(books, config) if config is not None else settings
        sphinx_config = _table(_table(settings, "sphinx"), "config")
        metadata = book_metadata(
            settings.get("title"),
            settings.get("author"),
            settings.get("description"),
            sphinx_config.get("language"),
        )
    walker.say_what_was_left_out()
    if not walker.placed and toc.name in _TOC_NAMES:
        raise ImportProblem(
            str(toc), "names no Markdown files. Add entries like `- file: intro` under `chapters:`."
        )
    substitutions = config_substitutions(_table(settings, "parse")) if toc.name not in _MYST_NAMES else {}
    # `{tableofcontents}` lists the pages below it: the reader's own contents list them already.
    carried = frozenset({"tableofcontents"})
    return Layout(walker.placed, metadata, site_root=root, substitutions=substitutions, carried_out=carried)


class TocWalker:
    """Reads the entries of a table of contents into Placed files, remembering what it could not read.

    quarto.py walks a Quarto book's chapters with it too.
    """

    def __init__(self, books: BookFolder, root: Path, toc: Path, warnings: list[str]) -> None:
        self.books, self.root, self.toc, self.warnings = books, root, toc, warnings
        self.placed: list[Placed] = []
        self.seen: set[Path] = set()
        self.not_markdown: list[str] = []

    def jb_book(self, data: dict[str, Any]) -> None:
        """`_toc.yml`: its root file, then `parts` (each a part named by its caption) or `chapters`/`sections`."""
        root_file = data.get("root")
        if isinstance(root_file, str):
            self.add(root_file, None, part=None, depth=0, intro=True)
        parts = data.get("parts")
        if isinstance(parts, list):
            for part in parts:
                if isinstance(part, dict):
                    caption = part.get("caption")
                    name = str(caption).strip() if isinstance(caption, str | int | float) else None
                    self.entries(part.get("chapters"), part=name or None, depth=0, **_JB_KEYS)
        self.entries(data.get("chapters") or data.get("sections"), part=None, depth=0, **_JB_KEYS)

    def entries(self, entries: Any, *, part: str | None, depth: int, children: str, pattern: str) -> None:
        """Entries in order: a `file`, or the files a pattern matches, then their `children` a level down.

        A titled entry at the top with children and no file (as `myst.yml` writes a section) is a part.
        """
        if not isinstance(entries, list) or depth > _MAX_DEPTH:
            return
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            title = entry.get("title") if isinstance(entry.get("title"), str) else None
            nested = entry.get(children)
            if isinstance(entry.get("file"), str):
                self.add(entry["file"], title, part=part, depth=depth)
            elif isinstance(entry.get(pattern), str):
                self.glob(entry[pattern], part=part, depth=depth)
            elif title and isinstance(nested, list) and part is None and depth == 0:
                self.entries(nested, part=title.strip(), depth=0, children=children, pattern=pattern)
                continue
            self.entries(nested, part=part, depth=depth + 1, children=children, pattern=pattern)

    def add(
        self,
        name: str,
        title: str | None,
        *,
        part: str | None,
        depth: int,
        intro: bool = False,
        where: str | None = None,
    ) -> Path | None:
        """Place the file an entry names; the file, if it was not placed before. `where` is the place
        a missing file's warning names (`file:line`), the table of contents if not given."""
        path = self._find(name, where or str(self.toc))
        if path is None or path in self.seen:
            return None
        self.seen.add(path)
        self.placed.append(
            Placed(path, title.strip() if title else None, depth, None, part, "intro" if intro else "chapter")
        )
        return path

    def glob(self, pattern: str, *, part: str | None, depth: int) -> list[Path]:
        """Place the Markdown files a pattern matches, in sorted order; those not placed before."""
        if pattern.startswith("/") or ".." in Path(pattern).parts:
            self.warnings.append(
                f"{self.toc}: the pattern '{pattern}' leaves the book's folder; it was left out."
            )
            return []
        matches = sorted(p for p in self.root.glob(pattern) if p.suffix.lower() in MARKDOWN_SUFFIXES)
        added = (self.add(str(path.relative_to(self.root)), None, part=part, depth=depth) for path in matches)
        return [path for path in added if path is not None]

    def _find(self, name: str, where: str) -> Path | None:
        """The Markdown file an entry names, tried with the suffixes Jupyter Book tries; None if it has none.

        Whether the file may be read (inside the book, a regular file) is checked when it is read.
        """
        base = self.root / name
        given = base.suffix.lower() in (*MARKDOWN_SUFFIXES, *_NOT_READ)
        for candidate in (
            [base] if given else [base.with_name(base.name + s) for s in (*MARKDOWN_SUFFIXES, *_NOT_READ)]
        ):
            if not candidate.is_file():
                continue
            if candidate.suffix.lower() in MARKDOWN_SUFFIXES:
                return candidate
            self.not_markdown.append(candidate.name)
            return None
        self.warnings.append(f"{where}: names '{name}', which is not in the book's folder; it was left out.")
        return None

    def say_what_was_left_out(self) -> None:
        if self.not_markdown:
            shown = ", ".join(self.not_markdown[:5]) + (" …" if len(self.not_markdown) > 5 else "")
            self.warnings.append(
                f"{self.toc}: Chapterwise reads Markdown only, so it left out "
                f"{plural(len(self.not_markdown), 'reStructuredText file')} ({shown}). "
                "Save them as Markdown (pandoc can) to read them here."
            )


def read_yaml(books: BookFolder, path: Path) -> dict[str, Any]:
    text = books.config_text(path, limit=_CONFIG_BYTES)
    data = load_yaml(str(path), text, what=path.name)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportProblem(str(path), f"{path.name} must be `key: value` lines, like `root: intro`.")
    return data


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def book_metadata(title: Any, author: Any, description: Any, language: Any) -> dict[str, str]:
    if isinstance(author, list):  # myst.yml: a list of names, or of {name: …}
        names = [a.get("name") if isinstance(a, dict) else a for a in author]
        author = ", ".join(str(n) for n in names if isinstance(n, str) and n.strip())
    found = {"title": title, "author": author, "description": description, "language": language}
    return {key: value.strip() for key, value in found.items() if isinstance(value, str) and value.strip()}
