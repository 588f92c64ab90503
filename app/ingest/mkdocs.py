"""mkdocs folders: mkdocs.yml's site details, its docs folder and, when it has one, its `nav` order."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.frontmatter import load_yaml
from app.ingest.mkdocsconfigs import combined_config, variant_configs
from app.ingest.placement import Placed
from app.ingest.zensical import NAME as ZENSICAL
from app.ingest.zensical import read_zensical, zensical_config_of

_CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_CONFIG_BYTES = 1024 * 1024
_MAX_INHERIT = 3


def config_of(folder: Path) -> Path | None:
    for name in _CONFIG_NAMES:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            return path
    if (zensical := zensical_config_of(folder)) is not None:
        return zensical  # mkdocs' successor's own configuration: see zensical.py
    # No mkdocs.yml, but one file per build (mkdocs-online.yml…): see mkdocsconfigs.py.
    variants = variant_configs(folder)
    return variants[0] if variants else None


def read_config(books: BookFolder, path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, with what it INHERITs (from inside the book) underneath it."""
    if path.name == ZENSICAL:
        return read_zensical(books, path, _CONFIG_BYTES)
    if path.name not in _CONFIG_NAMES:
        return combined_config(books, variant_configs(path.parent), _read_one, _CONFIG_BYTES)
    return _read_one(books, path)


def _read_one(books: BookFolder, path: Path) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for _ in range(_MAX_INHERIT):
        text = books.config_text(path, limit=_CONFIG_BYTES)
        data = load_yaml(str(path), text, what=path.name)
        if not isinstance(data, dict):
            raise ImportProblem(
                str(path), f"{path.name} must be `key: value` lines, like `site_name: My Docs`."
            )
        config = {**data, **config}
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            break
        path = path.parent / parent
    return config


def listed(config: dict[str, Any], key: str) -> dict[str, Any]:
    """mkdocs.yml's `plugins` or `markdown_extensions` as {name: options}: mkdocs takes them as a list
    of names and one-key mappings (`- search`, `- toc: {permalink: true}`), or as one mapping."""
    value = config.get(key)
    if isinstance(value, dict):
        return {str(name): options for name, options in value.items()}
    found: dict[str, Any] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            found[item] = None
        elif isinstance(item, dict):
            found.update({str(name): options for name, options in item.items()})
    return found


def options_of(config: dict[str, Any], key: str, names: tuple[str, ...]) -> dict[str, Any] | None:
    """The settings of the first of `names` the site lists under `key` ({} when it gives none);
    None when it lists none of them."""
    items = listed(config, key)
    name = next((name for name in names if name in items), None)
    if name is None:
        return None
    return items[name] if isinstance(items[name], dict) else {}


def metadata_of(config: dict[str, Any]) -> dict[str, str]:
    found = {
        "title": config.get("site_name"),
        "author": config.get("site_author"),
        "description": config.get("site_description"),
        "language": (config.get("theme") or {}).get("language")
        if isinstance(config.get("theme"), dict)
        else None,
    }
    return {key: value.strip() for key, value in found.items() if isinstance(value, str) and value.strip()}


def docs_folder(root: Path, config: dict[str, Any]) -> Path:
    docs = config.get("docs_dir", "docs")
    return root / (docs if isinstance(docs, str) and docs else "docs")


def nav_files(docs: Path, nav: Any, warn: list[str], where: str) -> list[Placed]:
    """The nav's pages in order: a top-level section is a part, deeper sections nest under it."""
    placed: list[Placed] = []

    def walk(items: Any, part: str | None, depth: int) -> None:
        if not isinstance(items, list):
            return
        for item in items:
            title: str | None = None
            target: Any = item
            if isinstance(item, dict) and len(item) == 1:
                [(title, target)] = item.items()
                title = str(title)
            if isinstance(target, list):
                if part is None and depth == 0:
                    walk(target, title, 0)
                else:
                    walk(target, part, depth + 1)
                continue
            if not isinstance(target, str) or "://" in target or target.startswith("mailto:"):
                continue
            page = unquote(target.split("#", 1)[0])
            if not page.endswith((".md", ".markdown")) or PurePosixPath(page).is_absolute():
                continue
            if (docs / page).is_file():
                placed.append(Placed(docs / page, title, depth, None, part))
            else:
                warn.append(
                    f"{where}: the nav names '{page}', which is not in {docs.name}/; it was left out."
                )

    walk(nav, None, 0)
    return placed
