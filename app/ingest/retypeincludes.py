"""Retype's `{{ include "name" }}`, resolved in the text before parsing, as mdBook's includes are.

The name is a file in the site's `_includes/` folder, else a path from the site's content folder,
`.md` added when it has no suffix: `{{ include "support/contact" }}` is
`_includes/support/contact.md`. An included file may include others, to mdBook's depth limit and
never in a loop. A file that is missing, outside the book, or already being included is a warning
naming the page and line, and its tag is dropped: never shown raw, never followed out of the book.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.placement import join

_TAG = re.compile(r"""\{\{-?[ \t]*include[ \t]+(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*-?\}\}""")
_FOLDER = "_includes"


def expand(
    text: str,
    *,
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    chain: tuple[PurePosixPath, ...] = (),
) -> str:
    """The text with each include replaced by its file's text; `file` is the text's path in the book."""
    if "include" not in text or "{{" not in text:
        return text

    def replace(found: re.Match[str]) -> str:
        name = (found.group(1) if found.group(1) is not None else found.group(2)).strip()
        line = text.count("\n", 0, found.start()) + 1
        where = f'{file}:{line}: {{{{ include "{name}" }}}}'
        if len(chain) >= MAX_DEPTH:
            warn(f"{where} is nested more than {MAX_DEPTH} deep, so it was left out.")
            return ""
        problem = "names no file"
        for path in _candidates(name, site_root):
            if path in chain or path == file:
                warn(f"{where} includes a file that is already being included, so it was left out.")
                return ""
            try:
                included = without_front_matter(read(path))
            except Exception as unreadable:  # noqa: BLE001 - the reader says why, in words for the author
                problem = f"'{path}' {unreadable}"
                continue
            return expand(
                included.rstrip("\n"),
                file=path,
                site_root=site_root,
                read=read,
                warn=warn,
                chain=(*chain, file),
            )
        warn(f"{where}: {problem}. The include was left out; put the file in {_FOLDER}/.")
        return ""

    return _TAG.sub(replace, text)


def _candidates(name: str, site_root: PurePosixPath) -> list[PurePosixPath]:
    """Where a name may be: in `_includes/`, then from the content folder; never outside the book."""
    written = name.lstrip("/")
    if not written:
        return []
    if not PurePosixPath(written).suffix:
        written += ".md"
    found = (join(site_root, f"{_FOLDER}/{written}"), join(site_root, written))
    return [
        path for path in found if path is not None and path.parts[: len(site_root.parts)] == site_root.parts
    ]
