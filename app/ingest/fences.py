"""Lines outside code: where the passes that rewrite a file's text before parsing may act.

mdBook's includes, VitePress snippets, docsify's embeds, MyST's targets and the Rust Reference's
rule lines are all found in the text, line by line, before markdown-it sees it; inside a code
block each is code, shown as written. This is the one place that knows where code blocks start
and end for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_FENCES = ("```", "~~~")
_BACKTICKS = re.compile(r"`+")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[^\S\n]+(?=[`~])")  # `- ```js`: a list item opening with code


def outside_code(lines: Sequence[str], *, with_fences: bool = False) -> Iterator[tuple[int, str]]:
    """Each line (and its 0-based number) that is not inside fenced code.

    `with_fences`: the lines that open and close a block count as outside it, for a pass that must
    see that something stood between two lines (a label above a code block names no heading).
    The caller may change `lines[number]` as it goes; each line is read before it is given.
    """
    fence = ""
    column = 0  # where the open fence's marks start
    for number, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            # As CommonMark closes it: a run at least as long, indented less than a code block would be
            # past the opening (`    ````` inside a list-table's item closes nothing).
            if stripped.startswith(fence) and not stripped.strip(fence[0]) and _indent(line) < column + 4:
                fence = ""
                if with_fences:
                    yield number, line
            continue
        if "```" in stripped or "~~~" in stripped:
            stripped = _LIST_ITEM.sub("", stripped, count=1)
        if stripped.startswith(_FENCES):
            fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
            column = len(line.rstrip()) - len(stripped)
            if with_fences:
                yield number, line
            continue
        yield number, line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def code_spans(line: str) -> list[tuple[int, int]]:
    """Where a line's inline code spans are, as (start, end): a run of backticks to the next run as
    long. A pass that rewrites prose within a line leaves these as written."""
    if "`" not in line:
        return []
    runs = list(_BACKTICKS.finditer(line))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        opening = runs[index]
        closing = next(
            (
                later
                for later in range(index + 1, len(runs))
                if len(runs[later].group()) == len(opening.group())
            ),
            None,
        )
        if closing is None:
            index += 1
            continue
        found.append((opening.start(), runs[closing].end()))
        index = closing + 1
    return found
