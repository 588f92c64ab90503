"""mkdocs-macros' variables and includes, filled in as the site fills them: in the text, before parsing.

A site that lists the `macros` plugin renders each page as a Jinja template before Markdown reads
it. What a book can be sure of without running anything is data in mkdocs.yml:

    {{ version }}  {{ extra.version }}      a value under `extra:` (dotted for nested ones)
    {{ config.site_name }}                   a setting of mkdocs.yml
    {% include "shared/notice.md" %}         another file's text: from the plugin's `include_dir`,
                                             else the docs folder; never outside the book

Everything else Jinja can do (loops, conditions, filters, macros written in Python) needs the
plugin itself, so it is left to drop_template_tags (tags.py), which takes it out of the prose with
a warning. `{% raw %}…{% endraw %}` keeps what it holds as written, as Jinja does (its tags go).
A missing include is a warning naming the page and line, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.mkdocs import options_of
from app.ingest.placement import BOOK_ROOT, join

_PLUGIN_NAMES = ("macros", "mkdocs-macros", "mkdocs_macros")
_VARIABLE = re.compile(r"\{\{-?[ \t]*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)[ \t]*-?\}\}")
_INCLUDE = re.compile(r"\{%-?[ \t]*include[ \t]+(\"[^\"\n]+\"|'[^'\n]+')[ \t]*-?%\}")
_RAW_OPEN = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}")
_RAW_CLOSE = re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}")
_CONFIG_KEYS = (
    "site_name",
    "site_description",
    "site_author",
    "site_url",
    "repo_url",
    "repo_name",
    "copyright",
)


@dataclass(frozen=True, slots=True)
class Macros:
    """The values a page can name, and the folders its includes are looked up in, in order."""

    values: dict[str, str]
    folders: tuple[PurePosixPath, ...]


def macros_of(config: dict[str, Any], docs: PurePosixPath) -> Macros | None:
    """The plugin's data from mkdocs.yml; None when the site does not list the plugin."""
    options = options_of(config, "plugins", _PLUGIN_NAMES)
    if options is None:
        return None
    values: dict[str, str] = {}
    extra = config.get("extra")
    if isinstance(extra, dict):
        _flatten(extra, "", values)  # `{{ version }}`
        _flatten(extra, "extra.", values)  # `{{ extra.version }}`
        _flatten(extra, "config.extra.", values)
    for key in _CONFIG_KEYS:
        if isinstance(config.get(key), (str, int, float)):
            values[f"config.{key}"] = str(config[key])
    folders = [docs]
    include_dir = options.get("include_dir") if isinstance(options, dict) else None
    if isinstance(include_dir, str) and not include_dir.startswith("/"):
        inside = join(BOOK_ROOT, include_dir)
        if inside is not None:
            folders.insert(0, inside)
    return Macros(values, tuple(folders))


def _flatten(data: dict[Any, Any], prefix: str, into: dict[str, str], depth: int = 0) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, bool):
            into[name] = "True" if value else "False"  # as Jinja prints Python's booleans
        elif isinstance(value, (str, int, float)):
            into[name] = str(value)
        elif isinstance(value, dict) and depth < 4:
            _flatten(value, name + ".", into, depth + 1)


def expand(
    text: str,
    *,
    file: PurePosixPath,
    macros: Macros,
    read: ReadText,
    warn: Callable[[str], None],
    seen: tuple[PurePosixPath, ...] = (),
) -> str:
    """The page's text with the variables and includes it can fill filled, its raw blocks kept as written."""
    if "{{" not in text and "{%" not in text:
        return text
    seen = seen or (file,)
    out: list[str] = []
    done = lines = 0
    while (opening := _RAW_OPEN.search(text, done)) is not None:
        closing = _RAW_CLOSE.search(text, opening.end())
        if closing is None:
            break  # Jinja would fail the page; the rest is read as if the tag were not there
        out.append(_fill(text[done : opening.start()], file, macros, read, warn, seen, lines))
        out.append(text[opening.end() : closing.start()])
        lines += text.count("\n", done, closing.end())
        done = closing.end()
    out.append(_fill(text[done:], file, macros, read, warn, seen, lines))
    return "".join(out)


def _fill(
    text: str,
    file: PurePosixPath,
    macros: Macros,
    read: ReadText,
    warn: Callable[[str], None],
    seen: tuple[PurePosixPath, ...],
    lines_before: int,
) -> str:
    if "{{" in text:
        text = _VARIABLE.sub(lambda found: macros.values.get(found.group(1), found.group(0)), text)
    if "{%" not in text or "include" not in text:
        return text
    out: list[str] = []
    done = 0
    line = lines_before + 1
    for found in _INCLUDE.finditer(text):
        line += text.count("\n", done, found.start())
        out.append(text[done : found.start()])
        done = found.end()
        written = found.group(1)[1:-1].strip()
        included = _include(written, macros, read)
        why = (
            "is not in the include folder or the docs folder"
            if included is None
            else "includes itself (through the files it includes)"
            if included[0] in seen
            else f"is nested more than {MAX_DEPTH} deep"
            if len(seen) > MAX_DEPTH
            else ""
        )
        if included is None or why:
            warn(f'{file}:{line}: {{% include "{written}" %}} {why}, so it was left out.')
            continue
        place, content = included
        out.append(expand(content, file=place, macros=macros, read=read, warn=warn, seen=(*seen, place)))
    out.append(text[done:])
    return "".join(out)


def _include(written: str, macros: Macros, read: ReadText) -> tuple[PurePosixPath, str] | None:
    """The first folder's file of that name, and its text; None when none has it (or it leads out)."""
    for folder in macros.folders:
        place = join(folder, written) if not written.startswith("/") else None
        if place is None:
            continue
        try:
            return place, read(place).rstrip("\n")
        except Exception:  # noqa: BLE001, S112 - the next folder may have it; the caller warns if none does
            continue
    return None
