"""Notion exports: what makes a folder one, and the order its pages are read in.

Notion's "Export → Markdown & CSV" writes each page as `Title <id>.md`, the id a space and 32
hex digits, and the page's sub-pages (and its pictures) in a folder beside it of the same name
less `.md`. A folder most of whose Markdown files are named so is an export, and an export is one
book: a page is a chapter and its sub-pages are its sub-chapters, a level down, as deep as they
nest. Each level is in natural title order, since the export does not keep Notion's own. When the
export holds a single page at the top (the usual "export this page and its sub-pages"), that page
opens the book and names it, and its sub-pages are the book's chapters.

A database is exported as a table, `Name <id>.csv` (and `Name <id>_all.csv`), beside a folder of
its rows' pages. The rows are read, under an entry titled by the database's name, which links to
the table land on; the tables themselves are not, and one warning says so. How a page's own text
reads (its callouts, a row's properties) is notiontext.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import (
    MAX_NOTE_DEPTH,
    PAGE_ID,
    Layout,
    Placed,
    holds_pages,
    is_page,
    natural_key,
    without_page_id,
)
from app.ingest.text import inline_text
from app.text import plural

_ALL_ROWS = "_all"  # `Name <id>_all.csv`: the same table, with every row rather than the view's
_HEADINGS = MarkdownIt("commonmark", {"html": False})


def notion_of(folder: Path) -> Path | None:
    """The folder itself if it is a Notion export: most of its Markdown files are named `Title <id>.md`,
    or it has none but holds a database (`Name <id>.csv`, beside the folder of its rows)."""
    entries = list(folder.iterdir())
    pages = [entry.stem for entry in entries if is_page(entry)]
    named = sum(1 for stem in pages if is_page_name(stem))
    if not pages:
        return folder if any(_is_table(entry) for entry in entries) else None
    return folder if named and named * 2 >= len(pages) else None


def is_page_name(stem: str) -> bool:
    """Whether a file or folder name (less its suffix) ends in a Notion page id."""
    return PAGE_ID.search(stem) is not None


def read_notion(books: BookFolder, root: Path, warnings: list[str]) -> Layout:
    """The export's pages, each followed by its sub-pages a level down, in title order at each level."""
    tables: list[str] = []
    top = _entries(root)
    pages = [entry for entry in top if entry.is_file()]
    placed: list[Placed] = []
    metadata: dict[str, str] = {}
    if len(pages) == 1 and not is_page_name(root.name):
        # One page at the top of the export opens the book and names it, and its sub-pages and
        # databases are its chapters. It is a chapter even if it only links to them: what else it
        # holds (a callout, a picture) is the author's.
        home = pages[0]
        placed.append(Placed(home, depth=0))
        if title := _title(books, home):
            metadata["title"] = title
        folder = home.with_suffix("")
        top = [entry for entry in top if entry != home and entry != folder]
        if folder.is_dir() and not folder.is_symlink():
            top = sorted(top + _entries(folder), key=_order)
            tables.extend(_tables(folder))
    tables.extend(_tables(root))
    placed += _walk(books, top, 0, tables)
    if tables:
        names = sorted((without_page_id(name) for name in tables), key=natural_key)
        shown = ", ".join(f"'{name}'" for name in names[:3]) + (
            f" and {len(names) - 3} more" if len(names) > 3 else ""
        )
        one = len(names) == 1
        warnings.append(
            f"{root}: the {'table' if one else 'tables'} of {plural(len(names), 'Notion database')} ({shown}) "
            f"{'was' if one else 'were'} not read, only {'its' if one else 'their'} rows' pages. To read a table "
            "here, copy it into a page as a table and export again."
        )
    return Layout(placed, metadata, site_root=root, dialect="notion")


def _title(books: BookFolder, page: Path) -> str | None:
    """A page's title: its first line, `# Title`, as Notion writes every page, in plain text."""
    try:
        first = books.read_text(page).lstrip().split("\n", 1)[0]
    except Unreadable:
        return None  # reading it as a chapter says why
    tokens = _HEADINGS.parse(first) if first.startswith("# ") else []
    return inline_text(tokens[1]).strip() or None if len(tokens) > 1 else None


def _walk(books: BookFolder, entries: list[Path], depth: int, tables: list[str]) -> Iterator[Placed]:
    """Each page, then its sub-pages a level down; each database's entry, then its rows. The
    names of the tables met on the way are added to `tables`."""
    for entry in entries:
        if entry.is_file():
            folder = entry.with_suffix("")
            yield Placed(entry, depth=depth)
        else:
            folder = entry
            table = _table_of(folder)
            books.note(f"Notion database: {books.name(table or folder)}")  # the entry is no file read
            # The entry stands for the table, so links to the table land on it.
            yield Placed(table or folder, without_page_id(folder.name), depth=depth, role="heading")
        if folder.is_dir() and not folder.is_symlink() and depth < MAX_NOTE_DEPTH:
            tables.extend(_tables(folder))
            yield from _walk(books, _entries(folder), depth + 1, tables)


def _entries(folder: Path) -> list[Path]:
    """A folder's pages, and the folders no page stands beside (a database's rows), in title order."""
    try:
        found = list(folder.iterdir())
    except OSError:
        return []
    pages = [entry for entry in found if is_page(entry)]
    stems = {page.with_suffix("") for page in pages}
    folders = [
        entry
        for entry in found
        if entry.is_dir() and not entry.is_symlink() and entry not in stems and holds_pages(entry)
    ]
    return sorted(pages + folders, key=_order)


def _order(entry: Path) -> list[tuple[int, int | str]]:
    return natural_key(without_page_id(entry.stem if entry.is_file() else entry.name))


def _tables(folder: Path) -> list[str]:
    """The names of the database tables a folder holds, each once (less `.csv` and `_all`)."""
    try:
        return sorted(
            {
                entry.stem.removesuffix(_ALL_ROWS)
                for entry in folder.iterdir()
                if entry.suffix.lower() == ".csv"
            }
        )
    except OSError:
        return []


def _is_table(entry: Path) -> bool:
    return (
        entry.suffix.lower() == ".csv"
        and is_page_name(entry.stem.removesuffix(_ALL_ROWS))
        and entry.with_name(entry.stem.removesuffix(_ALL_ROWS)).is_dir()
    )


def _table_of(folder: Path) -> Path | None:
    """The table a database's folder of rows stands beside, if it is one."""
    tables = (folder.with_name(folder.name + suffix) for suffix in (".csv", _ALL_ROWS + ".csv"))
    return next((table for table in tables if table.is_file()), None)


def is_row(page: Path) -> bool:
    """Whether a page is a database's row: its folder stands beside the database's table."""
    return _table_of(page.parent) is not None
