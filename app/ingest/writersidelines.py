"""Writerside's line-level marks in a Markdown topic: attribute lists, pictures by name, and `%variables%`.

`{id="x"}` after a heading is its anchor; `{src="…" include-lines="…"}` after an empty fence
fills it with code from a file (see writersidecode.py); `{style="note"}` after a quote makes it a
callout; any other attribute list (`{width="500"}`, `{collapsible="true"}`) is dropped, its
line too when it stands alone, even where a quoted value runs on over several lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.includes import ReadText
from app.ingest.writerside import WritersideProject
from app.ingest.writersidecode import code_lines, fence
from app.ingest.writersideinline import within

Warn = Callable[[str], None]
_ATTRIBUTES = r"\{\s*(?:[\w-]+\s*=\s*(?:\"[^\"]*\"|[\w.%-]+)\s*)+\}"
_ATTRIBUTE_LINE = re.compile(rf"[ \t>]*({_ATTRIBUTES})[ \t]*")
_OPENING = re.compile(r"[ \t>]*\{[\w-]+\s*=")
_TRAILING = re.compile(rf"[ \t]*({_ATTRIBUTES})[ \t]*$")
_PAIR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|([\w.%-]+))")
_VARIABLE = re.compile(r"%([A-Za-z_][\w-]*)%")
_MD_IMAGE = re.compile(r"(!\[[^\]\n]*\]\()([^)\s]+)")
_CALLOUTS = {"note": "NOTE", "tip": "TIP", "warning": "WARNING"}


def pictures_by_name(text: str, *, file: PurePosixPath, project: WritersideProject) -> str:
    """`![…](leaf.png)` naming a picture of the images folder, written relative to the topic."""
    if "![" not in text:
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        if "![" in line:

            def found(match: re.Match[str]) -> str:
                src = match.group(2)
                if "/" in src:  # a path, not a name: the folder it names is meant
                    return match.group(0)
                return match.group(1) + within(project.images.get(src), src, file)

            lines[number] = _MD_IMAGE.sub(found, line)
    return "\n".join(lines)


def attribute_lines(
    text: str, *, source: PurePosixPath, project: WritersideProject, read: ReadText, warn: Warn
) -> str:
    """`{…}` attribute lists read and dropped: `{src}` fills the fence above, `{style}` makes a quote a callout."""
    if "{" not in text:
        return text
    lines = text.split("\n")
    dropped: set[int] = set()
    for number, line in outside_code(lines):
        if number in dropped:
            continue
        if _OPENING.match(line) and not line.rstrip().endswith("}"):
            # A list whose quoted value runs on to the next lines (`collapsed-title="…⏎…"}`).
            end = next(
                (
                    at
                    for at in range(number + 1, min(number + 6, len(lines)))
                    if lines[at].rstrip().endswith("}")
                ),
                None,
            )
            if end is not None:
                line = " ".join(lines[number : end + 1])
                dropped.update(range(number + 1, end + 1))
        whole = _ATTRIBUTE_LINE.fullmatch(line)
        if whole is not None:
            attributes = {key: first or second for key, first, second in _PAIR.findall(whole.group(1))}
            dropped.add(number)
            if attributes.get("src"):
                _fill_fence(lines, number, attributes, source=source, project=project, read=read, warn=warn)
            elif attributes.get("style") in _CALLOUTS:
                _callout(lines, number, _CALLOUTS[attributes["style"]])
            continue
        trailing = _TRAILING.search(line) if line.rstrip().endswith("}") else None
        if trailing is not None and "=" in trailing.group(1):
            anchor = re.search(r"\bid\s*=\s*\"([^\"]+)\"", trailing.group(1))
            heading = line.lstrip().startswith("#")
            lines[number] = line[: trailing.start()] + (
                f" {{#{anchor.group(1)}}}" if anchor and heading else ""
            )
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def _fill_fence(
    lines: list[str],
    number: int,
    attributes: dict[str, str],
    *,
    source: PurePosixPath,
    project: WritersideProject,
    read: ReadText,
    warn: Warn,
) -> None:
    """The fence just above the attribute line, its code taken from the file `src` names."""
    close = number - 1
    while close >= 0 and not lines[close].strip():
        close -= 1
    mark = lines[close].strip() if close >= 0 else ""
    if not mark or mark[0] not in "`~" or mark.strip(mark[0]):
        return
    opening = next((at for at in range(close - 1, -1, -1) if lines[at].strip().startswith(mark)), None)
    if opening is None:
        return
    found = code_lines(
        attributes,
        project=project,
        read=read,
        warn=lambda message: warn(f"{source}:{number + 1}: {message}"),
    )
    indent = lines[opening][: len(lines[opening]) - len(lines[opening].lstrip())]
    if found is None:
        lines[opening : close + 1] = [""] * (close + 1 - opening)
        return
    language = lines[opening].strip().lstrip("`~").strip()
    block = fence(found, language).split("\n")
    lines[opening] = "\n".join(indent + line for line in block)
    lines[opening + 1 : close + 1] = [""] * (close - opening)


def _callout(lines: list[str], number: int, kind: str) -> None:
    """The quote just above `{style="note"}` made a GitHub alert, which the parser reads as a callout."""
    first = number - 1
    while first >= 0 and not lines[first].strip():
        first -= 1
    if first < 0 or not lines[first].lstrip().startswith(">"):
        return
    while first > 0 and lines[first - 1].strip():  # a quote's lazy lines, without `>`, are in it too
        first -= 1
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    lines[first] = f"{indent}> [!{kind}]\n{lines[first]}"


def substituted(text: str, variables: Mapping[str, str], unknown: set[str]) -> str:
    """`%name%` replaced by its value; an unknown one kept in code (`%PATH%` is a shell's), else dropped."""
    if "%" not in text:
        return text
    lines = text.split("\n")
    prose = {number for number, _ in outside_code(lines)}

    def value(found: re.Match[str], in_code: bool) -> str:
        name = found.group(1)
        if name in variables:
            return variables[name]
        if in_code:
            return found.group(0)
        unknown.add(name)
        return ""

    for number, line in enumerate(lines):
        if "%" in line:
            in_code = number not in prose
            lines[number] = _VARIABLE.sub(partial(value, in_code=in_code), line)
    return "\n".join(lines)
