"""DocFX's tables of contents (`toc.yml`, `toc.md`) read into Placed files: the reading order of a site."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import front_matter_data, load_yaml
from app.ingest.placement import MARKDOWN_SUFFIXES, Placed, natural_key
from app.ingest.translations import is_language
from app.text import plural

_TOC_NAMES = ("toc.yml", "toc.yaml", "toc.md")
_MAX_DEPTH = 20  # deeper than any real site; a bound on walking a hostile table of contents
_TOC_HEADING = re.compile(r"(#{1,6})[ \t]+(?:\[(.*?)\]\((.*?)\)|(.*?))[ \t#]*")
_PAGE_KEYS = ("href", "topicHref", "uid", "topicUid")
# Generated pages, build output, and Learn's folder of pages only ever included in others.
_SKIPPED = frozenset({"api", "node_modules", "obj", "bin", "includes"})


class TocReader:
    """Walks a site's tocs from the root one, placing each Markdown page once, in order."""

    def __init__(self, books: BookFolder, root: Path, warnings: list[str], *, language: Any = None) -> None:
        self.books, self.root, self.warnings = books, root, warnings
        self.language = language if isinstance(language, str) else ""
        self.placed: list[Placed] = []
        self.seen: set[Path] = set()
        self.not_markdown: dict[str, None] = {}  # an ordered set: each href once
        self.translations: list[Path] = []
        self._uids: dict[str, Path] | None = None
        self._nested_tocs: dict[tuple[Path, str], Path | None] = {}
        self._name_only: set[int] = set()  # ids of the headings that were `name`-only entries

    def site(self, toc: Path) -> str | None:
        """Place the root toc's pages and sections; the name of its first entry, if it has one."""
        entries = self._read(toc)
        names = [_text(entry.get("name")) for entry in entries if isinstance(entry, dict)]
        sections = [
            found for entry in entries if isinstance(entry, dict) and (found := self._nested(toc, entry))
        ]
        self._one_language(sections)
        self._entries(entries, toc, part=None, depth=0, chain=(toc.resolve(),), on_root=True)
        parts = {placed.part for placed in self.placed}
        if len(parts) == 1 and None not in parts:
            # One section is the whole book: its name is only the site's tab, and its headings are the parts.
            self.placed = self._headings_as_parts(self.placed)
        self.placed = _without_empty_headings(self.placed)
        return next((name for name in names if name), None)

    def _one_language(self, sections: list[Path]) -> None:
        """Leave out sections that translate another: sibling folders named for languages, English kept."""
        languages = [toc for toc in sections if is_language(toc.parent.name)]
        if len(languages) < 2:
            return
        by_name = {toc.parent.name.lower(): toc for toc in languages}
        keep = next(
            (toc for name, toc in by_name.items() if name.startswith("en")),
            by_name.get(self.language.lower()) or languages[0],
        )
        self.translations = [toc.parent for toc in languages if toc != keep]

    def _headings_as_parts(self, placed: list[Placed]) -> list[Placed]:
        part: str | None = None
        out: list[Placed] = []
        for item in placed:
            if id(item) in self._name_only and item.depth == 0:
                part = item.title
            elif part is None:
                out.append(replace(item, part=None))
            else:
                out.append(replace(item, part=part, depth=max(item.depth - 1, 0)))
        return out

    def _toc(self, toc: Path, *, part: str | None, depth: int, chain: tuple[Path, ...]) -> None:
        if toc.resolve() in chain or len(chain) > _MAX_DEPTH:
            self.warnings.append(f"{toc}: it lists itself, through the tocs it names; the loop was left out.")
            return
        self._entries(self._read(toc), toc, part=part, depth=depth, chain=(*chain, toc.resolve()))

    def _entries(
        self,
        entries: list[Any],
        toc: Path,
        *,
        part: str | None,
        depth: int,
        chain: tuple[Path, ...],
        on_root: bool = False,
    ) -> None:
        """Entries in order; one with only a name heads those after it (on the root toc, as a part)."""
        under = 0
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            name = _text(entry.get("name"))
            if name and not any(_text(entry.get(key)) for key in _PAGE_KEYS) and not entry.get("items"):
                if on_root:
                    part = name
                else:
                    heading = Placed(toc, name, depth, None, part, role="heading")
                    self._name_only.add(id(heading))
                    self.placed.append(heading)
                    under = 1
                continue
            self._entry(entry, toc, part=part, depth=depth + under, chain=chain, on_root=on_root)

    def _entry(
        self,
        entry: dict[str, Any],
        toc: Path,
        *,
        part: str | None,
        depth: int,
        chain: tuple[Path, ...],
        on_root: bool,
    ) -> None:
        """One entry: its page, then what it holds (a folder's toc, its `items`) a level down.

        On the root toc, an entry naming a folder's toc is a section: a part of the book."""
        if len(chain) > _MAX_DEPTH or depth > _MAX_DEPTH:
            return
        name = _text(entry.get("name"))
        nested = self._nested(toc, entry)
        if nested is not None and nested.parent in self.translations:
            return
        items = entry.get("items") if isinstance(entry.get("items"), list) else []
        if on_root and nested is not None:  # the section's own page keeps its title: the part has the name
            part, depth, name = name or _text(entry.get("href")), -1, ""
        page = self._page(toc, entry, page_href=nested is None)
        if page is not None and page not in self.seen:
            self.seen.add(page)
            self.placed.append(Placed(page, name or None, max(depth, 0), None, part))
        elif (nested is not None or items) and name and depth >= 0:
            self.placed.append(Placed(toc, name, depth, None, part, role="heading"))
        elif depth >= 0 and page is None:
            depth -= 1  # an unnamed group: what it holds stays at this level
        if nested is not None:
            self._toc(nested, part=part, depth=depth + 1, chain=chain)
        if items:
            self._entries(items, toc, part=part, depth=depth + 1, chain=chain)

    def _nested(self, toc: Path, entry: dict[str, Any]) -> Path | None:
        """The toc an entry's `href` names (`guides/`, `guides/toc.yml`), if it names one; asked once."""
        href = _text(entry.get("href"))
        if not href or _external(href):
            return None
        key = (toc, href)
        if key not in self._nested_tocs:
            self._nested_tocs[key] = self._find_toc(toc, href)
        return self._nested_tocs[key]

    def _find_toc(self, toc: Path, href: str) -> Path | None:
        target = toc.parent / unquote(href.split("#", 1)[0].split("?", 1)[0])
        if target.name.lower() in _TOC_NAMES:
            folder = target.parent
        elif href.endswith("/") or target.is_dir():
            folder = target
        else:
            return None
        if folder.name.lower() == "api":
            self.not_markdown[href] = None  # generated from code, as YAML: no chapter to read here
            return None
        if not self._inside(folder, toc, href):
            return None
        found = target if target.name.lower() in _TOC_NAMES else None
        found = found or next((folder / name for name in _TOC_NAMES if (folder / name).is_file()), None)
        if found is None or not found.is_file():
            self.warnings.append(f"{toc}: '{href}' names a folder with no toc.yml; it was left out.")
            return None
        return found

    def _page(self, toc: Path, entry: dict[str, Any], *, page_href: bool) -> Path | None:
        """The Markdown page an entry opens: its `topicHref`, `href` or `uid`/`topicUid`; None if none."""
        uid = _text(entry.get("topicUid")) or _text(entry.get("uid"))
        href = _text(entry.get("topicHref")) or (_text(entry.get("href")) if page_href else "")
        if not href and uid:
            found = self.uids().get(uid)
            if found is None:
                self.warnings.append(
                    f"{toc}: no page's front matter has `uid: {uid}`; the entry was left out."
                )
            return found
        if not href:
            return None
        if _external(href):
            self.not_markdown[href] = None
            return None
        target = toc.parent / unquote(href.split("#", 1)[0].split("?", 1)[0])
        if not self._inside(target, toc, href):
            return None
        if target.suffix.lower() not in MARKDOWN_SUFFIXES:
            self.not_markdown[href] = None
            return None
        if not target.is_file():
            self.warnings.append(
                f"{toc}: names '{href}', which is not in the book's folder; it was left out."
            )
            return None
        return target

    def _inside(self, target: Path, toc: Path, href: str) -> bool:
        try:
            target.resolve().relative_to(self.root.resolve())
        except ValueError:
            self.warnings.append(f"{toc}: '{href}' leads outside the book's folder; it was left out.")
            return False
        return True

    def _read(self, toc: Path) -> list[Any]:
        """A toc's entries: toc.yml's list (or its `items:`), or toc.md's headings as the same shape."""
        try:
            text = self.books.read_text(toc)
        except Unreadable as problem:
            self.warnings.append(f"{toc}: {problem}. It was left out.")
            return []
        if toc.suffix.lower() == ".md":
            return _markdown_toc(text)
        data = load_yaml(str(toc), text, what=toc.name)
        if isinstance(data, dict):
            data = data.get("items")
        return data if isinstance(data, list) else []

    def uids(self) -> dict[str, Path]:
        """Each page's front matter `uid`, which entries and cross-references name pages by."""
        if self._uids is None:
            self._uids = {}
            for page in self.pages():
                try:
                    text = self.books.read_text(page)
                    front = front_matter_data(str(page), text) if text.startswith("---") else {}
                except (Unreadable, ImportProblem):
                    front = {}  # reading it as a chapter, if it is one, says what is wrong
                uid = front.get("uid")
                if isinstance(uid, str) and uid.strip():
                    self._uids.setdefault(uid.strip(), page)
        return self._uids

    def pages(self) -> list[Path]:
        """The site's Markdown pages: not generated ones, hidden ones, or a translation's."""
        found: list[Path] = []
        skipped = {folder.resolve() for folder in self.translations}
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(
                (name for name in subfolders
                 if not name.startswith((".", "_")) and name.lower() not in _SKIPPED
                 and not os.path.islink(os.path.join(folder, name))
                 and Path(folder, name).resolve() not in skipped),
                key=natural_key,
            )  # fmt: skip
            found += sorted(
                (Path(folder, name) for name in files if Path(name).suffix.lower() in MARKDOWN_SUFFIXES),
                key=lambda path: natural_key(path.name),
            )
        return found

    def say_what_was_left_out(self, toc: Path) -> None:
        if self.translations:
            names = ", ".join(f"{folder.relative_to(self.root)}/" for folder in self.translations)
            self.warnings.append(
                f"{toc}: {names} translate this book, so they were left out (the English pages are kept); "
                "import one on its own to read the book in that language."
            )
        if self.not_markdown:
            shown = ", ".join(list(self.not_markdown)[:5]) + (" …" if len(self.not_markdown) > 5 else "")
            self.warnings.append(
                f"{toc}: {plural(len(self.not_markdown), 'entry', 'entries')} name API reference, YAML pages or "
                f"other sites ({shown}), which are not Markdown chapters, so they were left out."
            )
        unlisted = [
            page for page in self.pages() if page not in self.seen and page.resolve() not in self._resolved()
        ]
        if unlisted:
            shown = ", ".join(str(page.relative_to(self.root)) for page in unlisted[:3])
            self.warnings.append(
                f"{toc}: no toc lists {plural(len(unlisted), 'Markdown page')} ({shown}"
                f"{' …' if len(unlisted) > 3 else ''}), so the book leaves them out, as the site's navigation "
                "does; list them in a toc.yml to read them here."
            )

    def _resolved(self) -> set[Path]:
        return {path.resolve() for path in self.seen}


def _without_empty_headings(placed: list[Placed]) -> list[Placed]:
    """The placed files less headings with nothing under them (their pages were all left out)."""
    kept: list[Placed] = []
    for item in reversed(placed):
        if item.role == "heading" and not (
            kept and kept[-1].depth > item.depth and kept[-1].part == item.part
        ):
            continue
        kept.append(item)
    return kept[::-1]


def _markdown_toc(text: str) -> list[dict[str, Any]]:
    """toc.md's headings (`# [Title](page.md)`, `## Sub-heading`) as toc.yml's entries, nested by level."""
    top: list[dict[str, Any]] = []
    open_levels: list[tuple[int, list[dict[str, Any]]]] = [(0, top)]
    for line in text.splitlines():
        found = _TOC_HEADING.fullmatch(line.strip())
        if found is None:
            continue
        level = len(found.group(1))
        entry: dict[str, Any] = {"name": (found.group(2) or found.group(4) or "").strip()}
        if found.group(3):
            entry["href"] = found.group(3).strip()
        while open_levels[-1][0] >= level:
            open_levels.pop()
        open_levels[-1][1].append(entry)
        entry["items"] = []
        open_levels.append((level, entry["items"]))
    return top


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _external(href: str) -> bool:
    return "://" in href or href.startswith(("//", "mailto:", "xref:"))
