"""DocFX's and Microsoft Learn's block marks, rewritten in the text before parsing into what they mean.

A tab group (`# [Windows](#tab/windows)` headings, each over its tab's text, ended by `---` or a
heading as high that is no tab) becomes mkdocs' `=== "Windows"` sections, which dialects.py reads
as labelled sections. `:::image source="x.png" alt-text="…":::` becomes a picture, `[!Video url]`
a link to the video. `[!div class="…"]` (a button's styling), `:::moniker range="…"`, `:::zone
pivot="…"`, `:::row:::`, `:::column:::` and their `-end` lines only shape a site's page, so they are
dropped and their text kept: every version and pivot shows. Any other `:::name …:::` line is
dropped with one warning. An alert written above its quote (`[!NOTE]` then `> text`) joins it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import outside_code

_TAB = re.compile(r"(#{1,6})[ \t]+\[([^\]]+)\]\(#tab/[^)]*\)[ \t]*")
_HEADING = re.compile(r"(#{1,6})[ \t]")
# Learn's marks start with exactly three colons and the name (`:::image`); a Pandoc div or a
# VitePress container leaves a space (`::: tip`) or uses more colons (`:::: warning ::::`).
_LEARN = re.compile(r"[ \t]*:::([a-z][\w-]*)(.*?)[ \t]*", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([\w-]+)=\"([^\"]*)\"")
_LAYOUT = ("moniker", "zone", "row", "column")  # Learn's page layout: the text inside stays
_DIV = re.compile(r"([ \t]*>?[ \t]*)\[!div(?:[ \t][^\]]*)?\][ \t]*", re.IGNORECASE)
_VIDEO = re.compile(r"\[!video[ \t]+<?([^\]\s>]+)>?[ \t]*\]", re.IGNORECASE)
_LONE_ALERT = re.compile(r"[ \t]*\[![A-Za-z]+\][ \t]*")
_XREF_DEFINITION = re.compile(r"^([ \t]*\[[^\]\n]+\]:[ \t]*xref:)[ \t]+", re.MULTILINE)  # `[X]: xref: Uid`


def docfx_marks(text: str, *, file: PurePosixPath, warn: Callable[[str], None]) -> str:
    """The text with DocFX's and Learn's marks rewritten; `warn` hears of the marks left out."""
    if "xref: " in text:
        text = _XREF_DEFINITION.sub(r"\1", text)
    if "#tab/" not in text and ":::" not in text and "[!" not in text:
        return text
    lines = text.split("\n")
    unknown: list[int] = []
    quoted = False  # whether a dropped `> [!div]` line's quote should end: its lines are the button
    for number, line in outside_code(lines):
        if quoted and line.lstrip().startswith(">"):
            lines[number] = line.lstrip()[1:].lstrip()
            continue
        quoted = False
        if ":::" in line and (learn := _LEARN.fullmatch(line)) is not None and _is_learn(learn):
            lines[number] = _learn(learn, unknown, number)
        elif "[!" in line:
            if (div := _DIV.fullmatch(line)) is not None:
                lines[number], quoted = "", ">" in div.group(1)
            elif "[!video" in line.lower():
                lines[number] = _VIDEO.sub(lambda found: f"[Video]({found.group(1)})", line).lstrip(" \t>")
            elif (
                _LONE_ALERT.fullmatch(line)
                and number + 1 < len(lines)
                and lines[number + 1].lstrip()[:1] == ">"
            ):
                lines[number] = "> " + line.strip()
    if unknown:
        warn(
            f"{file}:{unknown[0] + 1}: Microsoft Learn's `:::` marks that Chapterwise does not know were left out "
            f"({len(unknown)} in all); their pages read without them."
        )
    return "\n".join(_tabs(lines)) if "#tab/" in text else "\n".join(lines)


def _is_learn(found: re.Match[str]) -> bool:
    """Whether a `:::` line is Learn's (`:::image …:::`, `:::moniker-end`), not a container's (`::: tip`)."""
    name = found.group(1).lower()
    closed = found.group(2).endswith(":::") and ('="' in found.group(2) or found.group(2) == ":::")
    return closed or name.split("-")[0] in _LAYOUT or name == "image-end"


def _learn(found: re.Match[str], unknown: list[int], number: int) -> str:
    name, rest = found.group(1).lower(), found.group(2)
    if name == "image":
        attributes = {key.lower(): value for key, value in _ATTRIBUTE.findall(rest)}
        source = attributes.get("source", "").replace(" ", "%20")
        alt = attributes.get("alt-text", "").replace("[", "(").replace("]", ")")
        return f"![{alt}]({source})" if source else ""
    if name == "image-end" or name.split("-")[0] in _LAYOUT:
        return ""
    if name != "code":  # :::code is an include, read by docfxincludes.py
        unknown.append(number)
        return ""
    return found.group(0)


def _tabs(lines: list[str]) -> list[str]:
    """Tab groups as `=== "Label"` sections, their text indented under them."""
    code = set(range(len(lines))) - {number for number, _ in outside_code(lines)}
    out: list[str] = []
    level = 0  # the open group's heading level; 0 when none is open
    for number, line in enumerate(lines):
        if number not in code:
            tab = _TAB.fullmatch(line.strip())
            if tab is not None and (not level or len(tab.group(1)) == level):
                level = len(tab.group(1))
                label = tab.group(2).replace('"', "'")
                out.append(f'=== "{label}"')
                continue
            if level and line.strip() == "---":
                level = 0
                out.append("")
                continue
            heading = _HEADING.match(line.strip())
            if level and heading is not None and len(heading.group(1)) <= level and not line.startswith(" "):
                level = 0
        out.append(("    " + line if line.strip() else "") if level else line)
    return out
