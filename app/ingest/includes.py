r"""mdBook's `{{#…}}` directives, resolved as mdBook resolves them: in the text, before Markdown is parsed.

`{{#include path}}` (with `:anchor`, `:10:20`, `:10:` or `::20`) and `{{#rustdoc_include …}}` pull
in another file's lines, relative to the file that holds the directive, inside code fences as
well as on their own lines; `ANCHOR: name` / `ANCHOR_END: name` marker lines never show.
`{{#playground path}}` becomes a Rust code block, `{{#title …}}` only names a browser tab and is
dropped, and any other directive is dropped with a warning. A file that is missing or outside the
book is a warning naming the file and line, and its directive is dropped: never shown raw, never
followed out of the book. `\{{#…}}` is the escaped form and shows as written, minus the backslash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from app.ingest.placement import join

# Where a directive's file comes from: given its path inside the book, its text, or Unreadable.
ReadText = Callable[[PurePosixPath], str]

# mdBook's own limit on includes within includes; MyST's includes and docsify's embeds keep it too.
MAX_DEPTH = 10
_OPEN = "{{#"
_KNOWN = frozenset(("title", "include", "rustdoc_include", "playground"))


@dataclass(frozen=True, slots=True)
class _Directive:
    start: int  # where `{{#` is in the text
    end: int  # just past the closing `}}`
    name: str
    argument: str


def expand(
    text: str, *, file: PurePosixPath, read: ReadText, warn: Callable[[str], None], depth: int = 0
) -> str:
    """The text with every directive replaced; `file` is the text's own path inside the book."""
    if _OPEN not in text:
        return text
    out: list[str] = []
    done = 0
    # A book's own preprocessor (PyO3's `{{#PYO3_DOCS_URL}}`, say) can fill a directive in hundreds
    # of times: its author needs to hear once per file which lines lost it, not once a line.
    unknown: dict[str, dict[int, None]] = {}
    for directive in _directives(text):
        escaped = directive.start > 0 and text[directive.start - 1] == "\\"
        out.append(text[done : directive.start - 1 if escaped else directive.start])
        done = directive.end
        if escaped:
            out.append(text[directive.start : directive.end])
            continue
        line = text.count("\n", 0, directive.start) + 1
        if directive.name not in _KNOWN:
            unknown.setdefault(directive.name, {})[line] = None  # a dict keeps lines in order, once each
            continue

        def problem(message: str, line: int = line) -> None:
            warn(f"{file}:{line}: {message}")

        out.append(_replacement(directive, file=file, read=read, warn=problem, depth=depth))
    out.append(text[done:])
    for name, found in unknown.items():
        lines = list(found)
        where = f"{file}:{lines[0]}" if len(lines) == 1 else f"{file}, lines {_spans(lines)}"
        warn(
            f"{where}: {{{{#{name}}}}} is not a directive of mdBook's own (a preprocessor of the book's "
            "fills it in when mdBook builds the book), so it was left out."
        )
    return "".join(out)


def _spans(lines: list[int]) -> str:
    """'3, 7-9, 12' for lines 3, 7, 8, 9 and 12."""
    spans: list[list[int]] = []
    for line in lines:
        if spans and line <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], line)
        else:
            spans.append([line, line])
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in spans)


def _directives(text: str) -> list[_Directive]:
    """Each `{{#name argument}}` on one line, found by plain searching so any input costs linear time."""
    found: list[_Directive] = []
    position = text.find(_OPEN)
    while position >= 0:
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        close = text.find("}}", position + len(_OPEN), line_end)
        if close < 0:  # no directive closes on this line: go on from the next one
            position = text.find(_OPEN, line_end)
            continue
        body = text[position + len(_OPEN) : close].strip()
        name, _, argument = body.partition(" ")
        if name:
            found.append(_Directive(position, close + 2, name.strip(), argument.strip()))
        position = text.find(_OPEN, close + 2)
    return found


def _replacement(
    directive: _Directive, *, file: PurePosixPath, read: ReadText, warn: Callable[[str], None], depth: int
) -> str:
    name = directive.name
    if name == "title":
        return ""  # it names the browser tab of mdBook's HTML page; a chapter has its own title
    words = directive.argument.split()
    if not words:
        warn(f"{{{{#{name}}}}} names no file, so it was left out.")
        return ""
    target, _, selection = words[0].partition(":")
    path = None if target.startswith("/") else join(file.parent, target)
    if path is None:
        warn(f"{{{{#{name} {words[0]}}}}} leads outside the book's folder, so it was left out.")
        return ""
    if depth >= MAX_DEPTH:
        warn(f"{{{{#{name} {words[0]}}}}} is nested more than {MAX_DEPTH} deep, so it was left out.")
        return ""
    try:
        content = read(path)
    except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
        warn(f"{{{{#{name} {words[0]}}}}}: '{path}' {problem}. The directive was left out.")
        return ""
    chosen = _select(content.split("\n"), selection)
    if chosen is None:
        warn(f"{{{{#{name} {words[0]}}}}}: '{path}' has no anchor '{selection}', so it was left out.")
        return ""
    included = "\n".join(chosen)
    included = expand(included, file=path, read=read, warn=warn, depth=depth + 1)
    if name == "playground":
        attributes = "".join("," + word for word in words[1:])
        return f"```rust{attributes}\n{included}\n```"
    return included


def _select(lines: list[str], selection: str) -> list[str] | None:
    """The lines a selection names: all, an anchor's, or a 1-based range like `10:20`, `10:` or `::20`."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if not selection:
        return [line for line in lines if not _marker(line)]
    numbers = selection.split(":")
    if all(part.strip().isdigit() or not part.strip() for part in numbers) and len(numbers) <= 2:
        first = int(numbers[0]) if numbers[0].strip() else 1
        last = first if len(numbers) == 1 else int(numbers[1]) if numbers[1].strip() else len(lines)
        return [line for line in lines[max(first, 1) - 1 : last] if not _marker(line)]
    return _anchored(lines, selection.strip())


def _anchored(lines: list[str], anchor: str) -> list[str] | None:
    inside = False
    seen = False
    chosen: list[str] = []
    for line in lines:
        marker = _marker(line)
        if marker == ("ANCHOR", anchor):
            inside = seen = True
        elif marker == ("ANCHOR_END", anchor):
            inside = False
        elif inside and marker is None:
            chosen.append(line)
    return chosen if seen else None


def _marker(line: str) -> tuple[str, str] | None:
    """("ANCHOR", name) or ("ANCHOR_END", name) for a marker line, whatever comment syntax wraps it."""
    at = line.find("ANCHOR")
    if at < 0:
        return None
    rest = line[at:]
    kind = "ANCHOR_END" if rest.startswith("ANCHOR_END") else "ANCHOR"
    after = rest[len(kind) :].lstrip()
    if not after.startswith(":"):
        return None
    name = after[1:].strip().split()
    return (kind, name[0].rstrip("*/->").strip()) if name else None
