"""bookdown books (R Markdown): `_bookdown.yml`'s `rmd_files` gives the chapters in order, index.Rmd the details.

A folder is a bookdown book when it holds `_bookdown.yml`, or an `index.Rmd` whose front matter
says `site: bookdown::bookdown_site`. `rmd_files` lists the files in order (a list, or one list per
output format, of which the HTML one is read); without it, the order is bookdown's own: the
folder's `.Rmd` files by name, `index.Rmd` first, those starting with `_` left out. Files pulled
into a chapter by a child chunk (knitchildren.py) are never chapters of their own. What the
files say inside (parts, numbers, cross-references) is read in bookdownchapters.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import split_front_matter
from app.ingest.jupyterbook import book_metadata, read_yaml
from app.ingest.knitchildren import child_names
from app.ingest.placement import Layout, Placed

_CONFIG_NAMES = ("_bookdown.yml", "_bookdown.yaml")
_INDEX = "index.Rmd"
_SITE = "bookdown::bookdown_site"
_HEAD_BYTES = 4096
# Of `rmd_files`' formats, the one a reader on the web sees; bookdown's own names for it.
_HTML_FORMATS = ("html", "gitbook", "bs4_book")


def bookdown_of(folder: Path) -> Path | None:
    """The `_bookdown.yml` (else the `index.Rmd`) that makes a folder a bookdown book, if any."""
    for name in _CONFIG_NAMES:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            return path
    index = _index_of(folder)
    if index is not None and not index.is_symlink():
        with index.open(encoding="utf-8", errors="replace") as file:
            # A bounded read: this only asks whether the folder is a book, of folders not yet read.
            head = file.read(_HEAD_BYTES)
        if head.startswith("---") and _SITE in head:
            return index
    return None


def read_bookdown(books: BookFolder, found: Path, warnings: list[str]) -> Layout:
    folder = found.parent
    config = read_yaml(books, found) if found.name in _CONFIG_NAMES else {}
    listed = _listed(config.get("rmd_files"))
    if listed is None:
        names = sorted(
            (
                p.name
                for p in folder.iterdir()
                if p.suffix.lower() == ".rmd" and not p.name.startswith(("_", "."))
            ),
            key=lambda name: (name.lower() != _INDEX.lower(), name),
        )
    else:
        names = listed
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        warnings.append(
            f"{found}: rmd_files names files the folder does not hold ({shown}), so they were left out. "
            "Add them, or take them off the list."
        )
    paths = [folder / name for name in dict.fromkeys(names) if name not in missing]
    children = _children(books, paths)
    placed = [Placed(path) for path in paths if path.resolve() not in children]
    return Layout(placed, _metadata(books, folder), site_root=folder, dialect="bookdown")


def _listed(value: Any) -> list[str] | None:
    """`rmd_files` as a list of file names: as written, or the HTML format's list of a mapping."""
    if isinstance(value, dict) and value:
        chosen = next((value[key] for key in _HTML_FORMATS if key in value), next(iter(value.values())))
        return _listed(chosen) if not isinstance(chosen, dict) else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def _children(books: BookFolder, paths: list[Path]) -> set[Path]:
    """The files any chapter pulls in as a child document, resolved."""
    found: set[Path] = set()
    for path in paths:
        try:
            text = books.read_text(path)
        except Unreadable:
            continue  # reading it as a chapter says why
        own = path.resolve()
        found.update(child for name in child_names(text) if (child := (path.parent / name).resolve()) != own)
    return found


def _metadata(books: BookFolder, folder: Path) -> dict[str, str]:
    """The book's title, author, description and language, from index.Rmd's front matter."""
    index = _index_of(folder)
    if index is None:
        return {}
    try:
        front = split_front_matter(str(index), books.read_text(index))[0]
    except (Unreadable, ImportProblem):
        return {}  # reading index.Rmd as a chapter says what is wrong with it
    return book_metadata(front.get("title"), front.get("author"), front.get("description"), front.get("lang"))


def _index_of(folder: Path) -> Path | None:
    return next((p for p in (folder / _INDEX, folder / "index.rmd") if p.is_file()), None)
