"""Pathological runs of markup characters, shortened before the Markdown parser sees them.

markdown-it-py is linear on every input, but its inline rules cost tens of microseconds for each
`[`, `*` or `<` they try: a line of 200,000 `[` (which no book needs) takes seconds to parse, and
a hostile book can hold thousands of such lines. Runs that long are cut to a few characters and
an ellipsis, outside code fences, and the import says which lines it shortened. Every search here
is a plain scan, so the guard itself is linear.
"""

from __future__ import annotations

import re
import string

# ASCII punctuation, which markdown-it's inline rules stop at and try to parse, and blanks, which
# its block parser counts one by one. The lookbehind makes a match start only where a run starts,
# so a search never rescans the inside of a run: linear time, even on runs just under the limit.
_CHARS = "[" + re.escape(string.punctuation) + r"\t ]"
_RUN = re.compile(rf"(?<!{_CHARS}){_CHARS}{{256,}}")
_MARK = str.maketrans(dict.fromkeys(string.punctuation + " \t", "\x01"))
_MARKED_RUN = "\x01" * 256
# Lines whose long runs are Markdown's own: a table's delimiter row, a rule, a heading's underline.
_STRUCTURE = (frozenset("|:- \t"), frozenset("-= \t"), frozenset("* \t"), frozenset("_ \t"))
_KEEP = 16
_FENCES = ("```", "~~~")


def tame(text: str) -> tuple[str, list[int]]:
    """The text with each run of 256+ markup characters shortened, and the (1-based) lines changed."""
    if not _has_long_run(text):  # the common case, at the speed of a string search
        return text, []
    lines = text.split("\n")
    changed: list[int] = []
    fence = ""
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]).strip():
                fence = ""
            continue
        if len(line) - len(stripped) < 4 and stripped.startswith(_FENCES):
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
            continue
        if len(line) >= 256 and _RUN.search(line) and not _structure(line):
            lines[number] = _RUN.sub(_shortened, line)
            changed.append(number + 1)
    return "\n".join(lines), changed


def _has_long_run(text: str) -> bool:
    # str.translate is quickest on ASCII text but takes a slow path for any other, where searching
    # for a run itself is several times faster (a Markdown book in Rust's repository: 0.33 s -> 0.04 s).
    if text.isascii():
        return _MARKED_RUN in text.translate(_MARK)
    return _RUN.search(text) is not None


def _structure(line: str) -> bool:
    used = set(line)
    return any(used <= allowed for allowed in _STRUCTURE)


def _shortened(match: re.Match[str]) -> str:
    run = match.group()
    if not run.strip(" \t"):
        return " "  # a run of blanks says nothing a single space does not
    return run[:_KEEP].strip("\\") + "…"
