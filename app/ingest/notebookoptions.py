"""A code cell's `#|` option lines, as Quarto and mystmd read them in a notebook.

Quarto (and mystmd, Jupyter Book 2's engine) let a code cell carry its options as comment lines
at its top, the way a Quarto chunk does: `#| echo: false` hides the code and shows what it made,
`#| output: false` the other way round, `#| include: false` hides both, and `#| tags:
[remove-input]` adds cell tags as the notebook's metadata would. The lines are settings, not code,
so a reader never sees them; a `#|` line further down is code like any other comment.
"""

from __future__ import annotations

import re

_OPTION = re.compile(r"#\|[ \t]*([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*")
_FALSE = frozenset({"false", "no", "off"})
_TAG = re.compile(r"[\w-]+")


def cell_options(source: str) -> tuple[str, set[str]]:
    """The cell's code without its leading `#|` lines, and the tags (`remove-input`…) they amount to."""
    if not source.startswith("#|"):
        return source, set()
    lines = source.split("\n")
    first = next((n for n, line in enumerate(lines) if not line.startswith("#|")), len(lines))
    tags: set[str] = set()
    for line in lines[:first]:
        found = _OPTION.fullmatch(line)
        if found is None:
            continue
        key, value = found.group(1).lower(), found.group(2).strip().strip("'\"").lower()
        if key == "echo" and value in _FALSE:
            tags.add("remove-input")
        elif key == "output" and value in _FALSE:
            tags.add("remove-output")
        elif key == "include" and value in _FALSE:
            tags.add("remove-cell")
        elif key == "tags":
            tags.update(_TAG.findall(value))
    return "\n".join(lines[first:]), tags


def shown_code_cell(options: dict[str, str], code: str) -> str | None:
    """A MyST notebook's ```` ```{code-cell} ````, as Jupyter Book shows it: None when its `:tags:`
    (`[remove-cell]`, `[remove-input]`) hide its code, else the code less its `#|` option lines.
    A Markdown notebook keeps no outputs, so hiding the input leaves nothing to show."""
    code, tags = cell_options(code)
    tags |= set(_TAG.findall(options.get("tags", "")))
    return None if tags & {"remove-cell", "remove-input"} else code
