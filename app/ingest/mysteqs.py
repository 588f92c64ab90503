"""Numbered equations in MyST pages: `{eq}` references read "(2)", as Sphinx shows them.

Sphinx numbers each page's labelled equations in order, (1), (2)…, showing the number at the
equation's right and in every `` {eq}`label` `` reference to it. A label is given by a `{math}`
directive's `:label:` option (or `label:` in its `---` block), or by `(label)` after a `$$`
block's closing dollars. Without this a reader met the label itself, "to evaluate np_polynom",
for an equation that showed no name. Here each labelled equation's last line ends with `\\tag{n}`
(TeX's way to number an equation, shown with the math) and each reference to a label on the same page reads
"(n)". A reference to another page's equation keeps its label's words (mystroles.py), as the
number would be that page's. Code is left alone.
"""

from __future__ import annotations

import re

from app.ingest.citations import covered
from app.ingest.fences import code_spans, outside_code

_EQ = re.compile(r"\{eq\}`([^`\n]+)`")
_LABEL = re.compile(r"[ \t]*(?::label:|label:)[ \t]*(\S+)[ \t]*")
_DOLLAR_LABEL = re.compile(r"([^$\n]*\$\$)[ \t]*\(([\w:.-]+)\)[ \t]*")
_MATH_LINES = 200  # how far a `:::{math}` may run to its closing colons
_MAX_OPTIONS = 20  # option lines a `{math}` directive may have before its formula


def number_equations(body: str) -> str:
    """The page with its labelled equations tagged (n) and its `{eq}` references reading "(n)"."""
    if "{eq}`" not in body or ("label" not in body and "$$" not in body):
        return body
    lines = body.split("\n")
    numbers: dict[str, int] = {}
    opened = -1  # the line a ``` fence opened on, while one is open (outside_code skips its inside)
    for number, line in outside_code(lines, with_fences=True):
        stripped = line.strip()
        if opened >= 0:  # the fence that closes the one opened
            if _is_math(lines[opened]):
                _label(lines, opened, number, numbers)
            opened = -1
        elif stripped.startswith(("```", "~~~")):
            opened = number
        elif stripped.startswith(":::") and _is_math(line):
            closing = next(
                (
                    n
                    for n in range(number + 1, min(len(lines), number + _MATH_LINES))
                    if lines[n].strip() == stripped[: len(stripped) - len(stripped.lstrip(":"))]
                ),
                -1,
            )
            if closing > 0:
                _label(lines, number, closing, numbers)
        elif (found := _DOLLAR_LABEL.fullmatch(line)) and found.group(2) not in numbers:
            numbers[found.group(2)] = len(numbers) + 1
            # On the closing line itself, so that every later line keeps its number for warnings.
            lines[number] = f"{found.group(1)[:-2]} \\tag{{{numbers[found.group(2)]}}} $$"
    if not numbers:
        return body
    for number, line in outside_code(lines):
        if "{eq}`" in line:
            lines[number] = _references(line, numbers)
    return "\n".join(lines)


def _is_math(line: str) -> bool:
    return line.strip().lstrip("`~:").startswith("{math}")


def _label(lines: list[str], start: int, end: int, numbers: dict[str, int]) -> None:
    """Number a `{math}` directive's label, and tag the last line of its formula."""
    for index in range(start + 1, min(end, start + 1 + _MAX_OPTIONS)):
        found = _LABEL.fullmatch(lines[index])
        if found and found.group(1) not in numbers and end - 1 > index:
            numbers[found.group(1)] = len(numbers) + 1
            lines[end - 1] = lines[end - 1] + f" \\tag{{{numbers[found.group(1)]}}}"
            return


def _references(line: str, numbers: dict[str, int]) -> str:
    in_code = covered(code_spans(line))
    pieces: list[str] = []
    done = 0
    for found in _EQ.finditer(line):
        label = found.group(1).strip()
        if label not in numbers or in_code(found.start()):
            continue
        pieces += [line[done : found.start()], f"({numbers[label]})"]
        done = found.end()
    return "".join(pieces) + line[done:]
