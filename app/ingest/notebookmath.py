"""Display math in a notebook's Markdown cell, where Jupyter finds it: on its own lines, mid-paragraph.

Jupyter hands a Markdown cell's `$$ … $$` to MathJax wherever it stands, so notebooks often write
display math straight under a line of prose, with no blank line between:

    A straight-line fit is a model of the form:
    $$
    y = ax + b
    $$
    where $a$ is the slope.

To a Markdown parser those lines are one paragraph, and a `$$` block cannot break into a paragraph,
so the reader would see the dollars and the TeX as words. Here such a block is given a blank line
on each side, which makes it the display math its notebook shows, and the prose around it stays
the paragraphs it was. Only lines outside code fences are looked at, and only a block that starts
a line with `$$` and ends one with `$$`; `$$` inside a sentence is left to the inline rules.
"""

from __future__ import annotations

_MATH_LINES = 200  # a display block longer than this is not one Jupyter shows as such either


def display_math_blocks(source: str) -> str:
    """The cell's Markdown, with each display-math block set off by blank lines."""
    if "$$" not in source:
        return source
    lines = source.split("\n")
    ends = _closing_lines(lines)
    out: list[str] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _fence_after(line.strip(), fence)
        end = -1 if fence or _indented(line) else _block_end(lines, index, ends)
        if end < 0:
            out.append(line)
            index += 1
            continue
        if out and out[-1].strip():
            out.append("")
        out += lines[index : end + 1]
        if end + 1 < len(lines) and lines[end + 1].strip():
            out.append("")
        index = end + 1
    return "\n".join(out)


def _closing_lines(lines: list[str]) -> list[int]:
    """For each line, the first line after it that ends with `$$` before a blank line, or -1:
    worked out once, from the end, so that a cell of a thousand unclosed `$$` costs no more."""
    ends = [-1] * len(lines)
    following = -1
    for index in range(len(lines) - 1, -1, -1):
        ends[index] = following
        stripped = lines[index].strip()
        following = -1 if not stripped else index if stripped.endswith("$$") else following
    return ends


def _block_end(lines: list[str], start: int, ends: list[int]) -> int:
    """The line that closes a display block opened on `start`, or -1 when none opens there."""
    first = lines[start].strip()
    if not first.startswith("$$"):
        return -1
    if len(first) > 4 and first.endswith("$$"):
        return start  # `$$ y = ax + b $$` on one line
    # A blank line ends a paragraph, and with it the math Jupyter would find.
    return ends[start] if ends[start] - start <= _MATH_LINES else -1


def _fence_after(stripped: str, fence: str) -> str:
    """The code fence open after this line: "" outside one, else its marker (``` or ~~~ …)."""
    marker = stripped[:3]
    if marker not in ("```", "~~~"):
        return fence
    run = len(stripped) - len(stripped.lstrip(marker[0]))
    if not fence:
        return marker[0] * run
    closes = run >= len(fence) and stripped[0] == fence[0] and not stripped[run:].strip()
    return "" if closes else fence


def _indented(line: str) -> bool:
    # Four spaces would make the set-off block indented code; such a line is left as it is.
    return len(line) - len(line.lstrip(" ")) >= 4 or line.startswith("\t")
