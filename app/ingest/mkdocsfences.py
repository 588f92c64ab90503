"""Material for MkDocs' code blocks, as a reader of the site sees them: in the text, before parsing.

Three things in an mkdocs page's fences read wrongly as plain Markdown:

- A fence whose info is an attribute list, ```` ```{.python .annotate title="app.py"} ````
  (pymdownx.superfences' form): its first class is its language, the rest dress it. It becomes
  ```` ```python title="app.py" ````, so the code is coloured and titled as on the site.
- An annotation marker closing a comment, `# (1)!`: Material draws a numbered button there that
  opens note 1 of the list after the block, and the `!` tells it to hide the comment sign. The
  reader sees `# (1)`, the number matching that list's.
- An empty custom fence, ```` ```{.textual path="docs/examples/app.py"} ````: a superfences
  formatter fills it when the site is built, by running the program it names (Textual's
  screenshots). Chapterwise never runs code, so the empty block goes (with a content tab,
  `=== "Output"`, that held only it), and the page is warned about once.
- A terminal session in a `<div class="termy">` (the FastAPI family's docs: typer, SQLModel):
  the site's termynal script plays the block's text as HTML, so the colours Rich printed are
  written into it as `<font color="…">`, `<b>` and `&apos;`. The reader gets the text they colour,
  as the site shows it, without the tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import PurePosixPath

_OPENING = re.compile(r"([ \t]*)(`{3,}|~{3,})[ \t]*(.*)")
# `{.python .annotate #id title="x" linenums="1"}`: classes, ids and key=value pairs.
_BRACED = re.compile(r"\{([^{}]*)\}[ \t]*")
_CLASS = re.compile(r"(?<![\w\"'=])\.([\w+-]+)")
_SETTING = re.compile(r"""([\w-]+)=("[^"]*"|'[^']*'|[^\s"'}]+)""")
_MARKER = re.compile(r"((?:#|//|--|;|/\*|<!--|%)[ \t]*)\((\d+)\)!")
_TAB = re.compile(r"([ \t]*)===[+!]?[ \t]+\".*\"[ \t]*")
_KEPT_SETTINGS = ("title",)
_TERMY = re.compile(r"""[ \t]*<div\b[^>]*\bclass=["'][^"']*\btermy\b[^"']*["'][^>]*>[ \t]*""")
# The tags Rich's terminal colours are written with; any other `<…>` in a session is its text.
_COLOUR_TAG = re.compile(r"</?(?:font|b|i|u|strong|em|span)\b[^<>]*>")


def code_blocks(text: str, *, file: PurePosixPath, warn: Callable[[str], None]) -> str:
    """The page's text with its fences read as Material reads them (see the module's docstring)."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    dropped: dict[str, None] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _OPENING.fullmatch(line) if ("`" in line or "~" in line) else None
        if opening is None:
            out.append(line)
            index += 1
            continue
        indent, fence, info = opening.groups()
        end = _closing(lines, index + 1, indent, fence)
        body = lines[index + 1 : end]
        braced = _BRACED.fullmatch(info) if "{" in info else None
        classes = _CLASS.findall(braced.group(1)) if braced else []
        if braced and classes and _generated(braced.group(1), body) and end < len(lines):
            dropped[classes[0]] = None
            _drop_lone_tab(out, indent, lines, end + 1)
            out.extend([""] * (end - index + 1))  # blank lines keep the page's line numbers
            index = end + 1
            continue
        if braced:
            info = _plain_info(braced.group(1), classes)
        out.append(f"{indent}{fence}{info}")
        if _in_termy(out):
            body = [
                html.unescape(_COLOUR_TAG.sub("", row)) if ("<" in row or "&" in row) else row for row in body
            ]
        out.extend(_MARKER.sub(r"\1(\2)", row) if ")!" in row else row for row in body)
        if end < len(lines):
            out.append(lines[end])
        index = end + 1
    if dropped:
        names = ", ".join(f"{{.{name}}}" for name in dropped)
        warn(
            f"{file}: code blocks the site fills in by running a program when it is built ({names}) were "
            "left out: Chapterwise never runs code. Show the output as text or a picture if readers need it."
        )
    return "\n".join(out)


def _in_termy(out: list[str]) -> bool:
    """Whether the fence just opened (the last line of `out`) is the first thing in a termy div."""
    previous = next((out[n] for n in range(len(out) - 2, max(len(out) - 6, -1), -1) if out[n].strip()), "")
    return "termy" in previous and _TERMY.fullmatch(previous) is not None


def _generated(braced: str, body: list[str]) -> bool:
    """An empty block with settings for its formatter (`path=…`): the build fills it, by running something."""
    return not any(row.strip() for row in body) and any(
        key not in _KEPT_SETTINGS for key, _ in _SETTING.findall(braced)
    )


def _closing(lines: list[str], start: int, indent: str, fence: str) -> int:
    """The index of the line closing the fence that opened before `start`, or len(lines)."""
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            return index
    return len(lines)


def _plain_info(braced: str, classes: list[str]) -> str:
    """`{.python .annotate title="a.py"}` as `python title="a.py"`: language, then what a reader sees."""
    settings = [f"{key}={value}" for key, value in _SETTING.findall(braced) if key in _KEPT_SETTINGS]
    return " ".join([classes[0], *settings]) if classes else " ".join(settings)


def _drop_lone_tab(out: list[str], indent: str, lines: list[str], after: int) -> None:
    """Blank the `=== "Output"` line before a dropped block when the tab held nothing else."""
    previous = next((n for n in range(len(out) - 1, -1, -1) if out[n].strip()), None)
    if previous is None:
        return
    tab = _TAB.fullmatch(out[previous])
    if tab is None or len(tab.group(1)) >= len(indent.expandtabs(4)):
        return
    following = next((row for row in lines[after:] if row.strip()), "")
    if len(following) - len(following.lstrip()) <= len(tab.group(1)):
        out[previous] = ""
