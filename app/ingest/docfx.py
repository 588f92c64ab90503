"""DocFX sites: `docfx.json` names the site, its `toc.yml` files give the chapters, their parts and depth.

A DocFX site's root `toc.yml` is its top navigation bar. Each entry is a page (`href: intro.md`) or
a section whose own table of contents is in a folder (`href: guides/` or `guides/toc.yml`); each
section is a part. Within a toc, an entry with only a `name` is a heading over the entries after it
(a part, when the book has one section), and `items:` nest. `uid`/`topicUid` name a page by the
`uid:` in its front matter. Generated API pages (`api/`), YAML pages and other sites' links are not
Markdown and are left out. When sections are one book in several languages (`articles/en/`,
`articles/ja/`), the English one is kept. Pages no toc lists are left out, with one warning: that
is how DocFX's navigation treats them. The older `toc.md` (`# [Title](page.md)`) is read the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import ImportProblem
from app.ingest.docfxtoc import TocReader
from app.ingest.files import BookFolder
from app.ingest.placement import Layout

_CONFIG = "docfx.json"
_TOC_NAMES = ("toc.yml", "toc.yaml", "toc.md")
_CONFIG_BYTES = 1024 * 1024
_TOC_SHAPE = re.compile(r"^[ \t]*-[ \t]+(?:name|href|items|topicHref|topicUid|uid):", re.MULTILINE)
# JSON's strings, then the comments and trailing commas that docfx.json files carry in practice.
_JSON_NOISE = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


def docfx_of(folder: Path) -> Path | None:
    """The root toc of a folder that is a DocFX site (a `docfx.json` beside it, or a toc.yml shaped
    like DocFX's beside Markdown), if any."""
    toc = next((folder / name for name in _TOC_NAMES if (folder / name).is_file()), None)
    if toc is None or toc.is_symlink():
        return None
    if (folder / _CONFIG).is_file():
        return toc
    if toc.suffix == ".md":
        return None  # a plain folder's contents page, read as folders.py reads an index
    with toc.open(encoding="utf-8", errors="replace") as file:
        # A bounded read: this only asks whether the folder is a site, of folders not yet read.
        return toc if _TOC_SHAPE.search(file.read(_CONFIG_BYTES)) else None


def read_docfx(books: BookFolder, toc: Path, warnings: list[str]) -> Layout:
    root = toc.parent
    config = _read_config(books, root / _CONFIG) if (root / _CONFIG).is_file() else {}
    build = _table(config, "build")
    settings = _table(build, "globalMetadata")
    reader = TocReader(books, root, warnings, language=settings.get("_lang"))
    first_name = reader.site(toc)
    reader.say_what_was_left_out(toc)
    if not reader.placed:
        raise ImportProblem(
            str(toc), "lists no Markdown pages. Add entries like `- name: Intro` / `href: intro.md`."
        )
    title = next(
        (value.strip() for value in (settings.get("_appTitle"), settings.get("_appName"), first_name)
         if isinstance(value, str) and value.strip()),
        None,
    )  # fmt: skip
    metadata = {"title": title, "language": settings.get("_lang")}
    found = {
        key: value.strip() for key, value in metadata.items() if isinstance(value, str) and value.strip()
    }
    uids = {uid: PurePosixPath(books.name(page)) for uid, page in reader.uids().items()}
    return Layout(reader.placed, found, site_root=root, dialect="docfx", uids=uids)


def _read_config(books: BookFolder, path: Path) -> dict[str, Any]:
    text = books.config_text(path, limit=_CONFIG_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = json.loads(_JSON_NOISE.sub(lambda m: m.group(1) or "", text))
        except json.JSONDecodeError as error:
            raise ImportProblem(
                str(path),
                f"docfx.json is not valid JSON ({error.msg}). Fix it, or remove it.",
                line=error.lineno,
            ) from None
    return data if isinstance(data, dict) else {}


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}
