"""Hugo sites: the site's title and language, from its configuration beside the content folder.

A Hugo site (and a Zola site, whose `zola.toml` names `title` and `default_language`) keeps its pages in `content/` (or `content/<language>/` when it has several
languages) and its settings in `hugo.toml` (or `hugo.yaml`, or the older `config.toml`) in the
folder above. Importing the content folder reads that one file for `title` and `languageCode`,
as mkdocs.yml's `site_name` names an mkdocs book: a Hugo book is named as its site is, not by
its home page's tagline. A site imported whole (its config beside `content/`) is read from its
`content/` folder, as if that had been imported.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.frontmatter import load_yaml
from app.ingest.translations import is_language

# Zola's sites keep the same shape (`content/` beside `zola.toml`, formerly `config.toml`).
_CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "zola.toml",
    "config.toml",
    "config.yaml",
    "config.yml",
)
_CONFIG_BYTES = 1024 * 1024


def hugo_config(root: Path) -> Path | None:
    """The configuration file of the Hugo site whose `content/` (or `content/<language>/`) is root."""
    root = root.absolute()
    if "content" not in (root.name, root.parent.name):
        return None
    site = root.parent if root.name == "content" else root.parent.parent
    # Hugo's configuration directory, `config/_default/hugo.yaml`, when there is no file at the top.
    for folder in (site, site / "config" / "_default"):
        for name in _CONFIG_NAMES:
            path = folder / name
            if path.is_file() and not path.is_symlink():
                return path
    return None


def site_content(root: Path) -> tuple[Path, Path] | None:
    """The `content/` folder of a Hugo or Zola site imported whole (the folder holding its config),
    or its one language's `content/en/` when it holds one folder a language and no pages; and the
    config."""
    content = root / "content"
    config = hugo_config(content) if content.is_dir() and not content.is_symlink() else None
    if config is None:
        return None
    folders = [sub for sub in content.iterdir() if sub.is_dir() and not sub.name.startswith((".", "_"))]
    pages = [page for page in content.iterdir() if page.suffix.lower() == ".md" and page.is_file()]
    named = [page for page in pages if page.stem.lower() not in ("license", "readme")]
    if len(folders) == 1 and not named and is_language(folders[0].name) and not folders[0].is_symlink():
        return folders[0], config  # Hugo's docs: content/en beside a LICENSE.md
    return content, config


def read_hugo(
    books: BookFolder, path: Path, root: Path, warn: Callable[[str], None] | None = None
) -> dict[str, str]:
    """The site's title and language; an ImportProblem naming the file if it cannot be read. One in
    the configuration directory, which only names the book, is passed over with a warning instead."""
    text = BookFolder(path.parent).config_text(path, limit=_CONFIG_BYTES)
    try:
        config = _parse(path, text)
    except ImportProblem as problem:
        if path.parent.name != "_default" or warn is None:
            raise
        warn(f"{problem} The book is named from its pages instead.")
        return {}
    # Importing content/fr reads the French site's own title and language, when it gives them.
    key = root.absolute().name if root.absolute().parent.name == "content" else None
    languages = config.get("languages")
    own = languages.get(key) if key and isinstance(languages, dict) else None
    own = own if isinstance(own, dict) else {}
    found = {
        "title": own.get("title") or config.get("title"),
        "language": own.get("languageCode")
        or (key if own else None)
        or config.get("languageCode")
        or config.get("defaultContentLanguage")
        or config.get("default_language"),  # Zola's
    }
    metadata = {k: v.strip() for k, v in found.items() if isinstance(v, str) and v.strip()}
    books.note(f"{path.name}: {sorted(metadata.items())}")  # a new site title imports the book again
    return metadata


def _parse(path: Path, text: str) -> dict[str, Any]:
    if path.suffix == ".toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ImportProblem(
                str(path), f"{path.name} is not valid TOML ({error}). Fix it, or remove it."
            ) from None
    else:
        data = load_yaml(str(path), text, what=path.name)
    if not isinstance(data, dict):
        raise ImportProblem(str(path), f"{path.name} must be settings, like `title = 'My Docs'`.")
    return data
