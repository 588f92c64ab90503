"""DocFX's includes, resolved in the text before parsing, as mdBook's are (see includes.py).

`[!INCLUDE [title](path.md)]` (any case; on a line of its own or inside one) is replaced by that
file's Markdown, less its front matter. `[!code-csharp[title](path.cs)]` on a line of its own, and
Microsoft Learn's `:::code language="cs" source="path.cs" range="3-5" id="name":::`, become fenced
code blocks: the language is the `code-<lang>` name (or `language=`), else the file's extension.
`#L2-L5`, `#L7`, `?range=2-5,10`, `?start=2&end=5` pick lines; `#name`, `?name=name` and `id=` pick
a region, the lines between `#region name` and `#endregion` or between `<name>` and `</name>`
tags, in whatever comment syntax the file uses; markers never show. Paths are relative to the
file, or to the book's folder when they start with `/` or `~/`. A missing file, a path outside
the book, an include of itself or one nested too deep is a warning naming the file and line, and
the include is left out: never shown raw, never followed out of the book.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote

from app.ingest.fences import outside_code
from app.ingest.frontmatter import without_front_matter
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.placement import BOOK_ROOT, join

_INCLUDE = re.compile(r"\[!include\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)\]", re.IGNORECASE)
_CODE = re.compile(
    r"([ \t>]*)\[!code(?:-([\w#+.-]+))?\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)\][ \t]*",
    re.IGNORECASE,
)
_LEARN_CODE = re.compile(r"([ \t>]*):::[ \t]*code[ \t]+(.*?):::[ \t]*", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([\w-]+)=\"([^\"]*)\"")
_LINES = re.compile(r"L(\d+)(?:-L(\d+))?")
# `#region name`, `#Region "name"`, `// #region name`, and `<name>` / `</name>` tags, in a comment.
_REGION = re.compile(
    r"\s*(?:(?://|'|--|/\*|<!--)\s*)?#(end)?region\b[ \t]*\"?([^\"\n]*?)\"?[ \t]*(?:\*/|-->)?\s*",
    re.IGNORECASE,
)
_TAG = re.compile(r"\s*(?://|'|--|/\*|<!--|\#|REM|;)\s*<(/?)([\w.-]+)>\s*(?:\*/|-->)?\s*", re.IGNORECASE)
# Languages as fences name them, for the extensions code files carry; any other is used as it is.
_LANGUAGES = {"cs": "csharp", "vb": "vb", "fs": "fsharp", "js": "javascript", "ts": "typescript", "py": "python",
              "ps1": "powershell", "yml": "yaml", "csproj": "xml", "props": "xml", "sh": "bash", "md": "markdown",
              "razor": "razor", "cshtml": "razor", "xaml": "xml", "config": "xml"}  # fmt: skip

Warn = Callable[[str], None]


def expand(
    text: str,
    *,
    file: PurePosixPath,
    read: ReadText,
    warn: Warn,
    site_root: PurePosixPath = BOOK_ROOT,
    chain: tuple[PurePosixPath, ...] = (),
) -> str:
    """The text with every DocFX include replaced; `file` is the text's own path inside the book."""
    if "[!" not in text and ":::" not in text:
        return text
    lower = text.lower()
    if "[!include" not in lower and "[!code" not in lower and ":::code" not in lower.replace("::: ", ":::"):
        return text
    lines = text.split("\n")
    chain = (*chain, file)
    for number, line in outside_code(lines):

        def problem(message: str, number: int = number) -> None:
            warn(f"{file}:{number + 1}: {message}")

        code = _CODE.fullmatch(line) or _LEARN_CODE.fullmatch(line)
        if code is not None:
            lines[number] = _code_block(code, file=file, site_root=site_root, read=read, warn=problem)
        elif "[!" in line:
            whole = _INCLUDE.fullmatch(line.strip()) is not None

            def included(found: re.Match[str], whole: bool = whole, problem: Warn = problem) -> str:
                content = _included(found.group(1), file, site_root, read, problem, chain, warn)
                return content if whole else " ".join(content.split())

            lines[number] = _INCLUDE.sub(included, line)
    return "\n".join(lines)


def _included(
    written: str,
    file: PurePosixPath,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Warn,
    chain: tuple[PurePosixPath, ...],
    warn_within: Warn,
) -> str:
    """`warn` names this include's place; `warn_within` is for the includes of the included file."""
    shown = f"[!INCLUDE]({written})"
    path = _path(unquote(written.split("#", 1)[0].split("?", 1)[0]), file, site_root)
    if path is None:
        warn(f"{shown} leads outside the book's folder, so it was left out.")
        return ""
    if path in chain:
        warn(f"{shown} includes '{path}' within itself, so it was left out.")
        return ""
    if len(chain) > MAX_DEPTH:
        warn(f"{shown} is nested more than {MAX_DEPTH} deep, so it was left out.")
        return ""
    try:
        content = read(path)
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"{shown}: '{path}' {problem}. The include was left out.")
        return ""
    body = without_front_matter(content).strip("\n")
    return expand(body, file=path, read=read, warn=warn_within, site_root=site_root, chain=chain)


def _code_block(
    found: re.Match[str], *, file: PurePosixPath, site_root: PurePosixPath, read: ReadText, warn: Warn
) -> str:
    indent = found.group(1)
    if found.re is _LEARN_CODE:
        attributes = {key.lower(): value for key, value in _ATTRIBUTE.findall(found.group(2))}
        written = attributes.get("source", "")
        language = attributes.get("language", "")
        selection = {"range": attributes.get("range", ""), "name": attributes.get("id", "")}
        target, shown = written, f':::code source="{written}":::'
    else:
        language, written = found.group(2) or "", found.group(3)
        target, _, fragment = written.partition("#")
        target, _, query = target.partition("?")
        selection = {key: values[0] for key, values in parse_qs(query).items()}
        lines = _LINES.fullmatch(fragment)
        if lines is not None:
            selection["range"] = f"{lines.group(1)}-{lines.group(2) or lines.group(1)}"
        elif fragment:
            selection["name"] = fragment
        shown = f"[!code]({written})"
    path = _path(unquote(target), file, site_root) if target else None
    if path is None:
        warn(f"{shown} leads outside the book's folder or names no file, so it was left out.")
        return ""
    try:
        content = read(path)
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"{shown}: '{path}' {problem}. The code was left out.")
        return ""
    chosen = _select(content.split("\n"), selection)
    if chosen is None:
        warn(
            f"{shown}: '{path}' has no region or lines '{selection.get('name') or selection.get('range')}', so it was left out."
        )
        return ""
    extension = path.suffix.lstrip(".").lower()
    language = (language or _LANGUAGES.get(extension, extension)).lower()
    code = "\n".join(chosen)
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    return "\n".join(indent + line for line in (f"{ticks}{language}", *chosen, ticks))


def _path(written: str, file: PurePosixPath, site_root: PurePosixPath) -> PurePosixPath | None:
    if written.startswith("~/"):
        return join(BOOK_ROOT, written[2:])
    if written.startswith("/"):
        return join(site_root, written.lstrip("/")) if not written.startswith("//") else None
    return join(file.parent, written)


def _select(lines: list[str], selection: dict[str, str]) -> list[str] | None:
    """The lines a selection names (all, a region's, or line ranges), dedented."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    name, ranges = selection.get("name", "").strip(), selection.get("range", "").strip()
    if not ranges and (selection.get("start") or selection.get("end")):
        ranges = f"{selection.get('start') or 1}-{selection.get('end') or ''}"
    if name:
        picked = _region(lines, name)
        if picked is None:
            return None
        lines = picked
    if ranges:
        numbered: list[str] = []
        for piece in ranges.split(","):
            first, dash, last = piece.strip().partition("-")
            if not (first.isdigit() or not first) or not (last.isdigit() or not last):
                return None
            start = int(first) if first else 1
            end = (int(last) if last else len(lines)) if dash else start
            numbered += lines[start - 1 : end]
        lines = numbered
    return textwrap.dedent("\n".join(lines)).split("\n")


def _region(lines: list[str], name: str) -> list[str] | None:
    """The lines inside the first region or tag pair of that name; None if the file has none."""
    inside: list[str] = []  # the regions open at this line, innermost last
    chosen: list[str] = []
    seen = False
    for line in lines:
        region, tag = _REGION.fullmatch(line), _TAG.fullmatch(line)
        if region is not None:
            ending, marked = region.group(1), region.group(2).strip()
            if not ending:
                inside.append(marked)
                seen = seen or marked.lower() == name.lower()
            elif inside:
                closed = inside.pop()
                if closed.lower() == name.lower():
                    break
            continue
        if tag is not None:
            ending, marked = tag.groups()
            if not ending:
                inside.append(marked)
                seen = seen or marked.lower() == name.lower()
            elif marked in inside:
                at = len(inside) - 1 - inside[::-1].index(marked)
                closed_names = inside[at:]
                del inside[at:]
                if name.lower() in (closed.lower() for closed in closed_names):
                    break
            continue
        if any(open_name.lower() == name.lower() for open_name in inside):
            chosen.append(line)
    return chosen if seen else None
