"""VitePress sites: `.vitepress/config.ts` names the site, and its sidebar orders the book's pages.

A VitePress site is a docs folder (the imported folder, or its `docs/`) holding `.vitepress/` with
its config, `config.{js,ts,mjs,mts,cjs}` or a `config/` folder whose `index.ts` is the config
(Pinia's). The config is script and is never run: like VuePress's it is read as data (scripts.py),
`export default defineConfig({ title, themeConfig: { sidebar, nav } })`, and its sidebar has
VuePress's shapes, with VitePress's words: a group's pages are its `items`, and a group's `base`
is the site path its pages' links go under. So the reading is vuepress.py's and vuepresssidebar.py's;
this module finds the config and the two things VitePress does its own way:

- A site in several languages often writes each language's settings in a file of its own and
  spreads the root language's into the config (`locales: { root: { label: 'English', ...enConfig } }`);
  that file's `themeConfig.sidebar` is the book's sidebar, one step away, as VitePress reads it.
- A sidebar title the site computes (`` text: `Migration from v${major - 1}` ``) is not data; it
  is read as no title, and the page is called by its own heading, rather than the whole sidebar
  being passed over for one label.

The pages are the folder holding `.vitepress/`, or the config's `srcDir` inside it (`'src'`);
`public/` in it is served at the site's root (`/logo.png` is public/logo.png).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from app.ingest.files import BookFolder, Unreadable
from app.ingest.placement import Layout, Placed
from app.ingest.scriptobjects import objects_of, top_level
from app.ingest.scripts import tokens
from app.ingest.vuepress import read_vuepress

SITE_FOLDER = ".vitepress"
_SUFFIXES = ("ts", "js", "mts", "mjs", "cts", "cjs")
_CONFIG_BYTES = 1024 * 1024
# `text: `…${x}…`` in a sidebar or navbar: a label only running the config gives.
_COMPUTED_TEXT = re.compile(r"(\btext\s*:\s*)`[^`]*\$\{[^`]*`")
_SHORTHAND = re.compile(r"([{,])\s*(sidebar|nav)\s*(?=[,}])")
_NAMED_IMPORT = r"import\s*\{{[^}}]*\b{name}\b[^}}]*\}}\s*from\s*['\"](\.[^'\"]*)['\"]"


def vitepress_of(folder: Path) -> Path | None:
    """The config of the VitePress site a folder is, or holds as its `docs/` folder; else None."""
    for docs in (folder, folder / "docs"):
        site = docs / SITE_FOLDER
        if not site.is_dir() or site.is_symlink():
            continue
        names = [f"config.{suffix}" for suffix in _SUFFIXES] + [f"config/index.{s}" for s in _SUFFIXES]
        for name in names:
            config = site / name
            if (
                config.is_file()
                and not config.is_symlink()
                and config.resolve().is_relative_to(site.resolve())
            ):
                return config
    return None


def read_vitepress(
    books: BookFolder, config: Path, warnings: list[str], folder_order: Callable[[Path], list[Placed]]
) -> Layout:
    """The site's pages in its sidebar's order; in `folder_order` when it has none to read."""
    site = config.parent if config.parent.name == SITE_FOLDER else config.parent.parent
    script = _readable(books.config_text(config, limit=_CONFIG_BYTES))
    docs = _source_folder(books, site.parent, script, warnings, config)
    if not re.search(r"\bsidebar\s*:", script) and (spread := _root_locale(books, config, script)):
        # Read after the config, as if written in it: both are whole modules, so neither's tokens
        # run into the other's.
        script = f"{script}\n{spread}"
    layout = read_vuepress(
        books, config, warnings, folder_order, script=script, docs=docs, locales=_locales(script)
    )
    return replace(layout, public=docs / "public")


def _readable(script: str) -> str:
    """The config with computed labels read as none (`text: null`), so the rest of it reads as data,
    and `themeConfig: { nav, sidebar }` written short as `nav: nav, sidebar: sidebar`, so the names
    are followed to the objects the file sets them to (Vue's own docs write them so)."""
    return _SHORTHAND.sub(r"\1 \2: \2", _COMPUTED_TEXT.sub(r"\1null", script))


def _root_locale(books: BookFolder, config: Path, script: str) -> str | None:
    """The text of the file whose settings the root locale spreads in (`root: { ...enConfig }`),
    one of the config's own folder, imported by name; None if there is none."""
    name = _root_spread(script)
    found = re.search(_NAMED_IMPORT.format(name=re.escape(name)), script) if name else None
    if found is None:
        return None
    site = config.parent.resolve()
    base = (config.parent / found.group(1)).resolve()
    for candidate in (base, *(base.with_name(f"{base.name}.{suffix}") for suffix in _SUFFIXES)):
        if candidate.is_file() and candidate.is_relative_to(site):
            try:
                return _readable(books.read_text(candidate, limit=_CONFIG_BYTES))
            except Unreadable:
                return None
    return None


def _root_spread(script: str) -> str | None:
    """The name spread into the `root` locale's object (`root: { label: 'English', ...enConfig }`)."""
    found = list(tokens(script))
    for start in objects_of(found, "root"):
        for at in top_level(found, start):
            if found[at].text == "..." and at + 1 < len(found) and found[at + 1].kind == "word":
                return found[at + 1].text
    return None


def _locales(script: str) -> list[str]:
    """The site's other languages' folders (`zh/`), by the keys of its `locales` object: read from
    the tokens, since a locale's settings are often spread in (`zh: { ...zhConfig }`), not data."""
    found = list(tokens(script))
    names: list[str] = []
    for start in objects_of(found, "locales"):
        for at in top_level(found, start):
            key = found[at]
            named = key.kind in ("word", "string") and at + 1 < len(found) and found[at + 1].text == ":"
            if named and key.text != "root" and key.text.strip("/") and key.text not in names:
                names.append(key.text)
    return names


def _source_folder(books: BookFolder, root: Path, script: str, warnings: list[str], config: Path) -> Path:
    """Where the pages are: the config's `srcDir` (`'src'`, Vue's docs), else the site's own folder."""
    found = re.search(r"\bsrcDir\s*:\s*(['\"])([^'\"\n]+)\1", script)
    if found is None:
        return root
    folder = (root / found.group(2)).resolve()
    if folder.is_dir() and folder.is_relative_to(books.root):
        return folder
    warnings.append(
        f"{config}: its srcDir '{found.group(2)}' is not a folder inside the imported one, so the pages "
        "beside .vitepress/ were read instead."
    )
    return root
