"""Pictures a page shows only in dark mode, left out, so a light/dark pair shows once.

Docs sites styled with Tailwind (Mintlify's among them) give each screenshot twice: `<img
className="block dark:hidden" …>` for the light theme and `<img className="hidden dark:block" …>`
for the dark one. The reader has one page for both themes, so the light picture stays and the
dark one's tag is taken out of the text before parsing (outside code, which shows them as written).
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code

# An `<img>` tag (over lines, as MDX writes its attributes) whose class hides it until dark mode.
_DARK_ONLY = re.compile(
    r"""<img\b[^<>]*?\bclass(?:Name)?\s*=\s*(["'])(?=[^"']*(?<![\w:-])hidden(?![\w-]))(?=[^"']*\bdark:(?:block|inline|flex)\b)[^"']*\1[^<>]*>"""
)
_MAX_TAG_LINES = 20  # an `<img>` with one attribute a line is never longer


def without_dark_pictures(text: str) -> str:
    """The text less each picture tag its class shows only in dark mode."""
    if "dark:" not in text:
        return text
    lines = text.split("\n")
    for number, line in outside_code(lines):
        if "<img" not in line:
            continue
        end = min(len(lines), number + _MAX_TAG_LINES)
        window = "\n".join(lines[number:end])
        start = window.find("<img")
        found = _DARK_ONLY.match(window, start)
        if found is None:
            continue
        last = number + window.count("\n", 0, found.end())
        # The tag's lines stay as many lines, blank, so later line numbers in warnings stay right.
        lines[number] = window[: found.start()] + window[found.end() :].split("\n", 1)[0]
        lines[number + 1 : last + 1] = [""] * (last - number)
    return "\n".join(lines)
