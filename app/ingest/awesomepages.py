"""mkdocs-awesome-pages-plugin's `.pages` files: a folder's order, titles and visibility, read as that plugin reads them.

An mkdocs site that lists `awesome-pages` among its plugins (and has no `nav` in mkdocs.yml, or one
the plugin fills in) lets each folder say how it shows in the site's navigation, in a YAML file
called `.pages` beside its pages:

    title: Getting started        the folder's title (instead of its name)
    nav:                          its pages and sub-folders in order (`arrange:`, the old name)
      - index.md
      - Installing: install.md    a page with a title of its own
      - ...                       every page not named, in the usual order (`... | glob=…` too)
      - advanced                  a sub-folder
      - Home page: https://…      a link elsewhere: the site's chrome, skipped
    hide: true                    the folder is not in the navigation at all

Without `...`, the plugin shows only what `nav` names, and so does the book. It is the shape
Fumadocs' `meta.json` has, so it is read into the same NavMeta (see navmeta.py). A `.pages` that
is not valid YAML is a warning, and the folder keeps its usual order.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import load_yaml
from app.ingest.navmeta import REST, NavMeta

NAME = ".pages"
_LIMIT = 256 * 1024
_PAGE_SUFFIXES = (".md", ".markdown", ".ipynb")


def awesome_pages(books: BookFolder, path: Path, warn: list[str]) -> NavMeta | None:
    """The folder's `.pages`, as a NavMeta; None (with a warning if it is broken) when it says nothing."""
    try:
        data = load_yaml(str(path), books.read_text(path, limit=_LIMIT), what=NAME)
    except (Unreadable, ImportProblem) as problem:
        warn.append(f"{path}: cannot be read as YAML ({problem}), so the folder keeps its usual order.")
        return None
    if not isinstance(data, dict):
        return None
    entries = data.get("nav", data.get("arrange"))
    names: list[str] = []
    titles: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        title: str | None = None
        if isinstance(entry, dict) and len(entry) == 1:
            [(key, entry)] = entry.items()
            title = str(key).strip()
        if not isinstance(entry, str) or "://" in entry or entry.startswith("mailto:"):
            continue  # a link elsewhere, or a section of its own (its pages keep their folders' order)
        entry = entry.strip()
        if entry == REST or entry.startswith(REST + " "):
            names.append(REST)  # `... | flat`, `... | glob=…`: every page not named goes here
            continue
        name = _name(entry)
        if name:
            names.append(name)
            if title:
                titles[name] = title
    title = data.get("title")
    if not names and not isinstance(title, str) and data.get("hide") is not True:
        return None
    return NavMeta(
        names,
        titles,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        only_named=bool(names) and REST not in names,
        source=NAME,
        hide=data.get("hide") is True,
    )


def _name(entry: str) -> str:
    """A nav entry as NavMeta names it: a page's name less its suffix, a folder's name."""
    path = PurePosixPath(entry.strip("/"))
    if len(path.parts) != 1:
        return ""  # a page in another folder: that folder's `.pages` places it
    return path.stem if path.suffix.lower() in _PAGE_SUFFIXES else path.name
