"""MDX pages that import another MDX file and show it as a component, resolved before parsing as includes are.

`import Setup from "/snippets/setup.mdx"` then a line `<Setup />` puts that file's text where the
tag stands (Mintlify's snippets, Docusaurus' partials); `<Setup plant="fern" />` fills the
snippet's `{plant}` with `fern`. Mintlify's older `<Snippet file="setup.mdx" />` names a file in
the site's `snippets/` folder. A path starting with `/` is from the site's root, any other from
the page. As with mdBook's includes (includes.py): only files inside the book, at most
MAX_DEPTH deep (so a snippet that imports itself stops), and a missing file is a warning naming
the page and line, its tag left out. Lines inside code fences are code, shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.mdx import without_code
from app.ingest.placement import resolve
from app.ingest.tsaliases import aliased

_IMPORT = re.compile(r"""import\s+([A-Z][\w$]*)\s+from\s+(["'])([^"'\n]+\.mdx?)\2\s*;?""")
_TAG = re.compile(r"""<([A-Z][\w$]*)((?:\s+[A-Za-z_][\w-]*\s*=\s*(?:"[^"\n]*"|'[^'\n]*'))*)\s*/>""")
_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w-]*)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')""")
_SNIPPETS = PurePosixPath("snippets")


def expand(
    text: str,
    *,
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    depth: int = 0,
) -> str:
    """The text with each imported MDX file's tag replaced by its text; `file` is the page's path in the book."""
    if "import" not in text and "<Snippet" not in text:
        return text
    lines = text.split("\n")
    imported = {
        found.group(1): found.group(3)
        for _, line in outside_code(lines)
        if line.startswith("import") and (found := _IMPORT.fullmatch(line.strip()))
    }
    if not imported and "<Snippet" not in text:
        return text
    for number, line in outside_code(lines):
        tag = _TAG.fullmatch(line.strip()) if "/>" in line else None
        if tag is None:
            continue
        name, attributes = tag.group(1), dict(_values(tag.group(2)))
        if name in imported:
            written = imported[name]
        elif name == "Snippet" and "file" in attributes:
            written = "/" + str(_SNIPPETS / attributes.pop("file").lstrip("/"))
        else:
            continue
        where = f"{file}:{number + 1}"
        included = _included(
            written, attributes, file=file, site_root=site_root, read=read, warn=warn, depth=depth
        )
        if included is None:
            warn(f"{where}: <{name} /> shows '{written}', {_problem(written, file, site_root, depth)}")
            lines[number] = ""
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines[number] = "\n".join(indent + part if part.strip() else part for part in included.split("\n"))
    return "\n".join(lines)


def _included(
    written: str,
    values: dict[str, str],
    *,
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
    depth: int,
) -> str | None:
    # `@en/setup.mdx`: a name the project's tsconfig.json gives a folder (tsaliases.py).
    path = aliased(written, file, read) or resolve(file, written, site_root)
    if path is None or depth >= MAX_DEPTH:
        return None
    try:
        text = without_front_matter(read(path))
    except Exception:  # noqa: BLE001 - _problem() says what was wrong, in words for the author
        return None
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    text = expand(text.strip("\n"), file=path, site_root=site_root, read=read, warn=warn, depth=depth + 1)
    return without_code(text).strip("\n")  # the snippet's own imports, not the page's, leave with it


def _problem(written: str, file: PurePosixPath, site_root: PurePosixPath, depth: int) -> str:
    if resolve(file, written, site_root) is None:
        return "which is outside the book's folder, so it was left out."
    if depth >= MAX_DEPTH:
        return f"nested more than {MAX_DEPTH} deep (does a snippet import itself?), so it was left out."
    return "which is not in the book's folder (or cannot be read); add the file or fix the path. It was left out."


def _values(written: str) -> list[tuple[str, str]]:
    return [
        (m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTRIBUTE.finditer(written)
    ]
