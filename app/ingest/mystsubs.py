"""MyST substitutions: `{{ key }}` in a page replaced by the Markdown its book or page defines for it.

MyST-Parser's `substitution` extension (which Jupyter Book turns on) lets a book name a piece of
Markdown once and use it anywhere: `{{RTD}} is a web service…`. The names are defined
- for a page, in its front matter under `myst: substitutions:` (or, as older books write it, a
  top-level `substitutions:`);
- for a whole Jupyter Book, in `_config.yml` under `parse: myst_substitutions:`;
- for a Sphinx site, in conf.py's `myst_substitutions = {…}`, read as a literal and never run.
A page's own names win over the book's. Without this a reader met `{{RTD}}` dropped as a template
tag: " is a web service…", a sentence with a hole where the name was.

As MyST does, code is left alone (fenced code and inline code spans, where `{{ key }}` is an
example), a reference alone on its line is replaced by the value's lines as blocks (a `{note}`,
a picture), one inside a sentence by the value on one line, and values may use one another.
Only a plain name is replaced: a Jinja expression (`{{ key | upper }}`) or an unknown name is left
for the template-tag pass, which drops it and says so. Values are bounded in depth and size, so a
book defining names by each other cannot make a page grow without end.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

from app.errors import ImportProblem
from app.ingest.frontmatter import front_matter_data

_REFERENCE = re.compile(r"\{\{[ \t]*([A-Za-z_][\w-]*)[ \t]*\}\}")
_BACKTICKS = re.compile(r"`+")
_OPTION = re.compile(r":[\w-]+:(?:\s|$)")
_ASSIGNMENT = re.compile(r"^[ \t]*myst_substitutions[ \t]*=[ \t]*", re.MULTILINE)
_DEPTH = 5  # how deep values may use one another; MyST refuses a name that uses itself
_MAX_VALUE = 20_000  # characters of one resolved value: a paragraph, a directive, not a chapter
_MAX_GROWTH = 1024 * 1024  # characters substitutions may add to one page
_CODE_DIRECTIVES = frozenset({"code", "code-block", "code-cell", "sourcecode", "literalinclude"})


def config_substitutions(parse: Any) -> dict[str, str]:
    """A Jupyter Book `_config.yml`'s `parse:` table's `myst_substitutions`, as text."""
    table = parse.get("myst_substitutions") if isinstance(parse, dict) else None
    return _texts(table)


def conf_substitutions(text: str) -> dict[str, str]:
    """conf.py's `myst_substitutions = {…}`: each entry whose key and value are literals (a computed
    one, `datetime.now()…` or `__version__`, only Python could work out, and nothing is run)."""
    found: dict[str, str] = {}
    for match in _ASSIGNMENT.finditer(text):  # the last assignment is the one Sphinx would see
        source = _literal_source(text, match.end())
        try:
            tree = ast.parse(source, mode="eval") if source else None
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            tree = None
        if tree is not None and isinstance(tree.body, ast.Dict):
            found = _texts(dict(_literals(tree.body)))
    return found


def _literals(table: ast.Dict) -> Iterator[tuple[Any, Any]]:
    for key, value in zip(table.keys, table.values, strict=True):
        try:
            yield ast.literal_eval(key) if key is not None else None, ast.literal_eval(value)
        except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
            continue


def expand_page(
    body: str, text: str, book: Mapping[str, str], *, file: str, warn: Callable[[str], None]
) -> str:
    """The page's body with its substitutions made: the book's names, and its front matter's over them."""
    if "{{" not in body:
        return body
    try:
        front = front_matter_data(file, text)
    except ImportProblem:
        front = {}  # the page's broken front matter is warned about where it is read
    return expand(body, {**book, **page_substitutions(front)}, file=file, warn=warn)


def page_substitutions(front: Mapping[str, Any]) -> dict[str, str]:
    myst = front.get("myst")
    given = myst.get("substitutions") if isinstance(myst, dict) else None
    return _texts(given if given is not None else front.get("substitutions"))


def expand(body: str, names: Mapping[str, str], *, file: str, warn: Callable[[str], None]) -> str:
    """The page with each `{{ name }}` the names define replaced, outside code."""
    if "{{" not in body or not names:
        return body
    values = _resolved(names)
    out: list[str] = []
    fences: list[tuple[str, bool]] = []  # the fences open around a line: (marker, whether it is code)
    added = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            _fence(stripped, fences)
            out.append(line)
            continue
        if (fences and fences[-1][1]) or "{{" not in line or added > _MAX_GROWTH:
            out.append(line)
            continue
        whole = _REFERENCE.fullmatch(stripped)
        if whole and whole.group(1) in values:  # a block: the value's lines, indented as the reference was
            indent = line[: len(line) - len(line.lstrip())]
            lines = _refenced(values[whole.group(1)].split("\n"), fences)
            replaced = "\n".join(indent + part if part else part for part in lines)
        else:
            replaced = _inline(line, values)
        added += max(0, len(replaced) - len(line))
        out.append(replaced)
    if added > _MAX_GROWTH:
        warn(
            f"{file}: its substitutions add over {_MAX_GROWTH // 1024} KB to the page, so the rest were left out."
        )
    return "\n".join(out)


def _inline(line: str, values: Mapping[str, str]) -> str:
    """Each reference outside an inline code span replaced by its value, on one line."""
    pieces: list[str] = []
    done = runs = seen = 0
    for match in _REFERENCE.finditer(line):
        # Inside a code span when an odd number of backtick runs come before it on the line.
        runs += len(_BACKTICKS.findall(line, seen, match.start()))
        seen = match.start()
        value = values.get(match.group(1))
        if value is None or runs % 2:
            continue
        one_line = " ".join(part for part in map(str.strip, value.split("\n")) if _inline_part(part))
        pieces += [line[done : match.start()], one_line]
        done = match.end()
    return "".join(pieces) + line[done:]


def _inline_part(line: str) -> bool:
    # A directive's fences and `:option:` lines cannot stand in a sentence or a table's cell; the
    # words inside it can (a `{note}`'s text).
    return bool(line) and not line.startswith(("```", "~~~")) and not _OPTION.match(line)


def _resolved(names: Mapping[str, str]) -> dict[str, str]:
    """Each value with the names it uses filled in, `_DEPTH` levels deep; one grown too big is dropped."""
    values = dict(names)
    for _ in range(_DEPTH):
        changed = False
        for key, value in values.items():
            if "{{" not in value:
                continue
            new = _REFERENCE.sub(partial(_use, values=values, own=key), value)
            if new != value:
                values[key], changed = new[: _MAX_VALUE + 1], True
        if not changed:
            break
    return {key: value for key, value in values.items() if len(value) <= _MAX_VALUE}


def _use(match: re.Match[str], values: Mapping[str, str], own: str) -> str:
    name = match.group(1)
    value = values.get(name)
    # Never itself; never one already too big, so that each pass over the values stays small.
    return value if value is not None and name != own and len(value) <= _MAX_VALUE else match.group(0)


def _texts(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        return {}
    return {
        str(key): str(value)
        for key, value in table.items()
        if isinstance(value, str | int | float) and not isinstance(value, bool)
    }


def _literal_source(text: str, start: int) -> str:
    """The `{…}` starting at `start`, braces balanced (strings are not looked into: a rare miss)."""
    if not text.startswith("{", start):
        return ""
    depth = 0
    for index in range(start, min(len(text), start + _MAX_GROWTH)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start : index + 1]
    return ""


def _refenced(lines: list[str], fences: list[tuple[str, bool]]) -> list[str]:
    """A value's fences written with the other fence character when it is inside a fence of its own
    character: MyST puts the value in after parsing, so its closing ``` must not close the page's."""
    chars = {marker[0] for marker, _ in fences}
    if not chars:
        return lines
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped[:3] in ("```", "~~~") and stripped[0] in chars:
            run = len(stripped) - len(stripped.lstrip(stripped[0]))
            other = "~" if stripped[0] == "`" else "`"
            line = line[: len(line) - len(stripped)] + other * run + stripped[run:]
        out.append(line)
    return out


def _fence(stripped: str, fences: list[tuple[str, bool]]) -> None:
    """A fence line opens a fence or closes the innermost one; a MyST directive's fence is not code."""
    run = len(stripped) - len(stripped.lstrip(stripped[0]))
    info = stripped[run:].strip()
    if fences and not info and stripped[0] == fences[-1][0][0] and run >= len(fences[-1][0]):
        fences.pop()
    elif not fences or not fences[-1][1]:  # in code, a fence line is only code
        directive = info[1:].split("}", 1)[0] if info.startswith("{") else None
        fences.append((stripped[0] * run, directive is None or directive in _CODE_DIRECTIVES))
