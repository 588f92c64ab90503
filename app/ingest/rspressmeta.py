"""An Rspress site's sidebar, as its `_meta.json` files build it: one a folder, an array of items.

Rspress builds each sidebar from the folder a navbar link leads into. Its `_meta.json` lists the
folder's items in order: a name (`"introduction"`, with or without its suffix) is a page or a
sub-folder; `{type: "file", name, label}` a page with its sidebar label; `{type: "dir", name,
label}` a sub-folder, nested under its label; `{type: "dir-section-header", name, label}` a
sub-folder whose label stands as a section header over its pages; `{type: "section-header",
label}` a header over the items after it, up to the next header or `{type: "divider"}`; and
`{type: "custom-link"}` a link elsewhere, passed over. A folder with no `_meta.json` shows its
pages by name, its sub-folders after them. Names starting with `_` are partials, never pages.
A label may be a key of the site's `i18n.json` (`"gettingStarted"`), shown in the book's language.
Pages a `_meta.json` leaves out are not in the site's sidebar, nor the book; one warning names them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import Placed, prettify
from app.text import plural

SUFFIXES = (".md", ".mdx")
_META = "_meta.json"
_MAX_DEPTH = 12  # deeper than any real docs folder; a bound on walking a hostile one
_MAX_ITEMS = 2000


class MetaWalker:
    """Reads folders into Placed pages by their `_meta.json`, each page once."""

    def __init__(self, books: BookFolder, labels: dict[str, str], warn: list[str]) -> None:
        self.books, self.labels, self.warn = books, labels, warn
        self.placed: list[Placed] = []
        self.seen: set[Path] = set()
        self.missing: list[str] = []
        self.unlisted: list[str] = []

    def folder(self, folder: Path, *, part: str | None, depth: int) -> None:
        """A folder's pages and sub-folders, in its `_meta.json`'s order (else by name)."""
        if depth > _MAX_DEPTH or folder.is_symlink() or not folder.is_dir():
            return
        items = self._meta(folder)
        if items is None:
            self._by_name(folder, part=part, depth=depth)
            return
        under_header = False
        for item in items[:_MAX_ITEMS]:
            kind = item.get("type", "file") if isinstance(item, dict) else "file"
            at = depth + 1 if under_header else depth
            if kind == "divider":
                under_header = False
            elif kind == "section-header":
                self._heading(folder, item.get("label"), part=part, depth=depth)
                under_header = True
            elif kind in ("file", "dir", "dir-section-header"):
                name = item if isinstance(item, str) else item.get("name")
                label = None if isinstance(item, str) else self.label(item.get("label"))
                if isinstance(name, str) and name.strip("./") and "/" not in name.strip("/"):
                    self._item(folder, name.strip("/"), label, part=part, depth=at)
            # custom-link, and anything else: the site's own chrome, or a link elsewhere
        self._left_out(folder)

    def label(self, text: Any) -> str | None:
        """A label as the site shows it: its `i18n.json` text in the book's language, else as written."""
        if not isinstance(text, str) or not text.strip():
            return None
        return self.labels.get(text.strip(), text.strip())

    def _item(self, folder: Path, name: str, label: str | None, *, part: str | None, depth: int) -> None:
        sub = folder / name
        if sub.is_dir() and not sub.is_symlink():
            # A folder's index page is the page its sidebar group opens, so it stands over the rest.
            index = next((sub / f"index{s}" for s in SUFFIXES if _is_page(sub / f"index{s}")), None)
            if index is not None and index not in self.seen:
                self.seen.add(index)
                self.placed.append(Placed(index, label, depth, None, part))
            else:
                self._heading(folder, label or prettify(name), part=part, depth=depth)
            self.folder(sub, part=part, depth=depth + 1)
            return
        page = next((p for p in (sub, *(folder / f"{name}{s}" for s in SUFFIXES)) if _is_page(p)), None)
        if page is None:
            # Named by its folder, which is in the book, and the name as written: the name itself may
            # be a symlink to elsewhere, which is never resolved to be shown.
            self.missing.append(f"{self.books.name(folder)}/{name}")
        elif page not in self.seen:
            self.seen.add(page)
            self.placed.append(Placed(page, label, depth, None, part))

    def _heading(self, folder: Path, label: Any, *, part: str | None, depth: int) -> None:
        title = self.label(label)
        if title:
            self.placed.append(Placed(folder / _META, title, depth, None, part, role="heading"))

    def _by_name(self, folder: Path, *, part: str | None, depth: int) -> None:
        entries = sorted(folder.iterdir(), key=lambda entry: (entry.stem != "index", entry.name))
        for entry in entries:
            if _is_page(entry) and entry not in self.seen:
                self.seen.add(entry)
                self.placed.append(Placed(entry, None, depth, None, part))
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith((".", "_")):
                self._heading(folder, prettify(entry.name), part=part, depth=depth)
                self.folder(entry, part=part, depth=depth + 1)

    def _meta(self, folder: Path) -> list[Any] | None:
        path = folder / _META
        if not path.is_file():
            return None
        try:
            data = json.loads(self.books.read_text(path, limit=256 * 1024))
        except (Unreadable, ValueError) as problem:
            self.warn.append(
                f"{path}: cannot be read as JSON ({problem}), so the folder keeps its usual order."
            )
            return None
        if not isinstance(data, list):
            self.warn.append(f"{path}: is not a list of sidebar items, so the folder keeps its usual order.")
            return None
        return data

    def _left_out(self, folder: Path) -> None:
        for entry in sorted(folder.iterdir()):
            if _is_page(entry) and entry not in self.seen:
                self.unlisted.append(self.books.name(entry))

    def say_what_was_left_out(self, where: Path) -> None:
        if self.missing:
            it = "it was" if len(self.missing) == 1 else "they were"
            self.warn.append(
                f"{where}: its _meta.json files name {plural(len(self.missing), 'page')} the site does not "
                f"have ({_shown(self.missing)}), so {it} left out. Fix the name, or add the page."
            )
        if self.unlisted:
            them = "it" if len(self.unlisted) == 1 else "them"
            self.warn.append(
                f"{where}: its _meta.json files leave out {plural(len(self.unlisted), 'page')} "
                f"({_shown(self.unlisted)}), which the site's sidebar does not show, and neither does the "
                f"book. Add {them} to read {them} here."
            )


def _shown(names: list[str]) -> str:
    return ", ".join(names[:5]) + (" …" if len(names) > 5 else "")


def _is_page(path: Path) -> bool:
    return (
        path.suffix.lower() in SUFFIXES
        and not path.name.startswith("_")
        and path.is_file()
        and not path.is_symlink()
    )
