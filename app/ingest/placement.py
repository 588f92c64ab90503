"""Where each file of a book goes: the shape every layout (mdBook, mkdocs, folder) is read into."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from app.ingest.jekylllinks import JekyllLinks
    from app.ingest.logseqpages import LogseqGraph
    from app.ingest.mkdocsincludes import Includes
    from app.ingest.mkdocsmacros import Macros
    from app.ingest.mkdocssnippets import Snippets
    from app.ingest.writerside import WritersideProject

# The book's own folder, as a path inside the book.
BOOK_ROOT = PurePosixPath()
# What ingest reads as a page: Markdown; MDX; Quarto's and R Markdown's pages, Markdown with code
# chunks (see myst.py); and Jupyter notebooks, read as the Markdown they show (see notebooks.py).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".qmd", ".rmd", ".ipynb")
# The id a Notion export ends each page's file and folder name with: a space and 32 hex digits.
PAGE_ID = re.compile(r" [0-9a-f]{32}$")


@dataclass(frozen=True, slots=True)
class Placed:
    """One Markdown file of a book, in reading order, with its place in the book's tree."""

    path: Path
    title: str | None = None  # from a table of contents (SUMMARY.md, mkdocs nav); None: from the file
    depth: int = 0
    label: str | None = None
    part: str | None = None
    # "chapter": always a chapter. "intro": a folder's README/index, a chapter only if it has prose
    # of its own (not just links to the others); it may also name the book. "heading": a contents entry
    # with sub-chapters but no page (mdBook's draft `[Title]()`, or a missing file); it keeps them
    # together under its title, as a page listing them.
    role: Literal["chapter", "intro", "heading"] = "chapter"


@dataclass(frozen=True, slots=True)
class Layout:
    """A book's files in order, and what its own configuration says about it."""

    files: list[Placed]
    metadata: dict[str, str]  # from book.toml or mkdocs.yml: title, author, language, description
    # Whether every file must be readable: a table of contents names its chapters on purpose, so a
    # missing one stops the import; a folder's stray unreadable file is only left out.
    strict: bool = False
    # Where paths starting with `/` are found: an mdBook's src folder, an mkdocs docs folder.
    site_root: Path | None = None
    # The folder a site serves at its root besides its pages (VuePress's .vuepress/public, Astro's
    # public/): a picture the site's root lacks is looked for there.
    public: Path | None = None
    # MyST directives the layout carried out itself (a Sphinx site's toctrees are its order), so
    # pages that hold them are not warned about as leaving them out.
    carried_out: frozenset[str] = frozenset()
    # The site generator whose reading of the Markdown differs from everyone's, or "" (see parse()).
    dialect: str = ""
    # A Logseq graph's pages by name and blocks by id, which its pages' text needs (see logseqtext.py).
    graph: LogseqGraph | None = None
    # A DocFX site's pages by the `uid` their front matter gives them, as its cross-references name
    # them (see xrefs.py): book-relative paths.
    uids: Mapping[str, PurePosixPath] = field(default_factory=dict)
    # A Writerside project's folders and variables, which its topics' text needs (see writersidetext.py).
    writerside: WritersideProject | None = None
    # An mkdocs site's `--8<--` snippet settings, when it uses them (see mkdocssnippets.py).
    snippets: Snippets | None = None
    # An mkdocs site's `{! … !}` / `{* … *}` include settings, when it uses them (see mkdocsincludes.py).
    mkdocs_includes: Includes | None = None
    # An mkdocs site's mkdocs-macros data: `extra:` values and include folders (see mkdocsmacros.py).
    mkdocs_macros: Macros | None = None
    # MyST substitutions the book defines for every page (`{{ key }}`, see mystsubs.py).
    substitutions: Mapping[str, str] = field(default_factory=dict)
    # A Jekyll site's pages by the addresses it serves them at, for its links (see jekylllinks.py).
    jekyll: JekyllLinks | None = None


def without_page_id(name: str) -> str:
    """A name less the page id a Notion export ends it with: 'Knots 9f8e…' -> 'Knots' (see notion.py)."""
    return PAGE_ID.sub("", name) if len(name) > 33 else name


def prettify(name: str) -> str:
    """A title from a file or folder name: '02-getting_started' -> 'Getting started'."""
    words = re.sub(r"^[\d\s._-]+", "", without_page_id(name)).replace("_", " ").replace("-", " ").strip()
    chosen = words or name
    return chosen[:1].upper() + chosen[1:]


def natural_key(name: str) -> list[tuple[int, int | str]]:
    """Sorts as a person would: 2-intro.md before 10-end.md."""
    return [(0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", name)]


def join(folder: PurePosixPath, path: str) -> PurePosixPath | None:
    """`folder/path` inside the book, `..` resolved; None when it climbs out of the book."""
    parts = list(folder.parts)
    for part in PurePosixPath(path).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", "/"):
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def resolve(file: PurePosixPath, written: str, site_root: PurePosixPath) -> PurePosixPath | None:
    """Where a path written in `file` points inside the book: relative to the file, or, when it
    starts with `/`, to the site's root (an mdBook's src folder, an mkdocs docs folder), as a
    generated site would serve it."""
    if written.startswith("/"):
        return join(site_root, written.lstrip("/")) if not written.startswith("//") else None
    return join(file.parent, written)


# Deeper than any notes app nests its folders; a bound on walking a hostile one.
MAX_NOTE_DEPTH = 20


def is_page(path: Path) -> bool:
    """A Markdown file a notes app shows as a page (a vault's note, a Notion page): not a hidden one."""
    return path.suffix.lower() in MARKDOWN_SUFFIXES and not path.name.startswith(".") and path.is_file()


def holds_pages(folder: Path, depth: int = 0) -> bool:
    """Whether a folder holds a page, itself or in a sub-folder (never a hidden or symlinked one)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return any(is_page(entry) for entry in entries) or (
        depth < MAX_NOTE_DEPTH
        and any(
            entry.is_dir()
            and not entry.is_symlink()
            and not entry.name.startswith(".")
            and holds_pages(entry, depth + 1)
            for entry in entries
        )
    )
