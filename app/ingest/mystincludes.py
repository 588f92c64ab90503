"""MyST's `{include}` and `{literalinclude}`, carried out in the text before parsing, as mdBook's includes are.

```` ```{include} ../README.md ```` (or `:::{include}`) puts another file's Markdown where it
stands, read as if written there; with `:literal:` or `:code: lang` it is a code block instead.
`:start-line:`/`:end-line:` slice its lines (from 0, as Python slices), `:start-after:`/
`:end-before:` its text, `:heading-offset: n` pushes its headings n levels down, and
`:relative-images:` and `:relative-docs: prefix` make its picture paths (and its links starting
with the prefix) lead from the page instead of from the included file, as MyST-Parser does.

```` ```{literalinclude} example.py ```` is a code block in its `:language:` (else the file's
extension), titled by its `:caption:`, of the lines `:lines: 2-5,8`, `:start-at:`/`:start-after:`
and `:end-at:`/`:end-before:` pick (as Sphinx picks them), `:dedent:`ed, with `:prepend:`/
`:append:` lines. `:pyobject:` would need Python's parser, so the whole file is shown, with a
warning; line numbers and highlighted lines are a site's styling and are dropped.

Paths are relative to the file that holds the directive, or with a leading `/` to the site's
root, under mdBook's includes' rules (includes.py): only files inside the book, and a missing
file, a path out of the book or a selection that finds nothing is a warning naming the file and
line, and the directive is left out, never shown raw. Directives inside code are code.
"""

from __future__ import annotations

import functools
import posixpath
import re
import textwrap
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.includes import MAX_DEPTH, ReadText
from app.ingest.myst import holds_code
from app.ingest.placement import resolve
from app.ingest.selections import LeftOut, between, pick_lines, text_at, whole_number

_HINT = "include}"  # in both names: text without it costs one substring search
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,}|:{3,})[ \t]*(.*)")
_NAME = re.compile(r"\{([A-Za-z][\w:-]*)\}[ \t]*(.*)")
_OPTION = re.compile(r":([\w-]+):(?:[ \t]+(.*))?")
_HEADING = re.compile(r"( {0,3})(#{1,6})(?=[ \t]|$)")
# A Markdown link's or picture's destination: `[words](here "title")`, `![alt](<a b.png>)`.
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\([ \t]*(<[^<>\n]*>|[^\s()<>]+)")
_SCHEME = re.compile(r"[A-Za-z][\w+.-]*:")
Warn = Callable[[str], None]


def expand(
    text: str, *, file: PurePosixPath, site_root: PurePosixPath, read: ReadText, warn: Warn, depth: int = 0
) -> str:
    """The text with each include carried out; `file` is the text's own path inside the book."""
    if _HINT not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    open_fences: list[tuple[str, bool]] = []  # each fence's marker run, and whether its body is code
    number = 0
    while number < len(lines):
        line = lines[number]
        fence = _FENCE.fullmatch(line)
        number += 1
        if fence is None:
            out.append(line)
            continue
        indent, run, info = fence.groups()
        if open_fences and _closes(run, info, open_fences[-1][0]):
            open_fences.pop()
        elif open_fences and open_fences[-1][1]:
            pass  # a fence line inside code is code
        elif (found := _NAME.fullmatch(info)) and found.group(1).lower() in ("include", "literalinclude"):
            end = _closing(lines, number, run)
            options, argument = _options(lines[number:end]), found.group(2).strip()
            directive = _Directive(found.group(1).lower(), argument, options, file, site_root, read, depth)
            replacement = directive.carry_out(functools.partial(_at, warn, f"{file}:{number}"), warn)
            out.extend(indent + part if part else part for part in replacement.split("\n"))
            number = end + 1
            continue
        else:
            named = _NAME.fullmatch(info)
            code = holds_code(run[0], named.group(1)) if named else run[0] != ":"
            open_fences.append((run, code))
        out.append(line)
    return "\n".join(out)


def _at(warn: Warn, where: str, message: str) -> None:
    warn(f"{where}: {message}")


def _closes(run: str, info: str, opened: str) -> bool:
    return not info.strip() and run[0] == opened[0] and len(run) >= len(opened)


def _closing(lines: list[str], start: int, run: str) -> int:
    """The index of the line closing a directive opened with `run` (the end of the text if none)."""
    for number in range(start, len(lines)):
        fence = _FENCE.fullmatch(lines[number])
        if fence is not None and _closes(fence.group(2), fence.group(3), run):
            return number
    return len(lines)


def _options(body: list[str]) -> dict[str, str]:
    """A directive's `:key: value` lines, or its `---` YAML block of `key: value` lines."""
    options: dict[str, str] = {}
    stripped = [line.strip() for line in body]
    if stripped and stripped[0] == "---" and "---" in stripped[1:]:
        for line in stripped[1 : stripped.index("---", 1)]:
            key, _, value = line.partition(":")
            options[key.strip().lower()] = value.strip().strip("\"'")
        return options
    for line in stripped:
        option = _OPTION.fullmatch(line)
        if option is None:
            break
        options[option.group(1).lower()] = (option.group(2) or "").strip()
    return options


class _Directive:
    """One `{include}` or `{literalinclude}`, and what it reads from where."""

    def __init__(
        self,
        name: str,
        argument: str,
        options: dict[str, str],
        file: PurePosixPath,
        site_root: PurePosixPath,
        read: ReadText,
        depth: int,
    ) -> None:
        self.name, self.argument, self.options = name, argument, options
        self.file, self.site_root, self.read, self.depth = file, site_root, read, depth
        self.shown = f"{{{name}}} {argument}".strip()

    def carry_out(self, warn: Warn, inner: Warn) -> str:
        """The Markdown the directive stands for; "" (with a warning) when it reads nothing.

        `warn` names the directive's own file and line; `inner` is for the included file's own
        directives, which name theirs."""
        try:
            path = self._path()
            content = self.read(path)
        except LeftOut as problem:
            warn(f"{self.shown} {problem}, so it was left out.")
            return ""
        except Exception as problem:  # noqa: BLE001 - the reader says why, in words for the author
            warn(f"{self.shown}: '{path}' {problem}. The directive was left out.")
            return ""
        try:
            if self.name == "literalinclude":
                return self._literal(content, path, warn)
            return self._included(content, path, inner)
        except LeftOut as problem:
            warn(f"{self.shown}: '{path}' {problem}, so it was left out.")
            return ""

    def _path(self) -> PurePosixPath:
        if not self.argument:
            raise LeftOut("names no file")
        path = resolve(self.file, self.argument, self.site_root)
        if path is None:
            raise LeftOut("leads outside the book's folder")
        if self.depth >= MAX_DEPTH:
            raise LeftOut(f"is nested more than {MAX_DEPTH} deep")
        return path

    def _included(self, content: str, path: PurePosixPath, inner: Warn) -> str:
        options = self.options
        first, last = whole_number(options, "start-line"), whole_number(options, "end-line")
        if first is not None or last is not None:
            content = "".join(content.splitlines(keepends=True)[first:last])
        if "start-after" in options:
            content = content[
                text_at(content, options["start-after"], "start after") + len(options["start-after"]) :
            ]
        if "end-before" in options:
            content = content[: text_at(content, options["end-before"], "end before")]
        if "literal" in options or "code" in options:
            return fenced(content.rstrip("\n"), options.get("code", "").split(" ")[0])
        if "heading-offset" in options:
            offset = whole_number(options, "heading-offset") or 0
            content = _outside_code(
                content, lambda line: _HEADING.sub(lambda m: m[1] + "#" * min(6, len(m[2]) + offset), line, 1)
            )
        moved = _Moved(path.parent, self.file.parent, options)
        if moved.any:
            content = _outside_code(content, lambda line: _LINK.sub(moved, line) if "](" in line else line)
        # Includes inside it are relative to the included file, as in Sphinx.
        return expand(
            content.rstrip("\n"),
            file=path,
            site_root=self.site_root,
            read=self.read,
            warn=inner,
            depth=self.depth + 1,
        )

    def _literal(self, content: str, path: PurePosixPath, warn: Warn) -> str:
        options = self.options
        if "pyobject" in options:
            warn(
                f"{self.shown}: picking `:pyobject: {options['pyobject']}` out needs Python's parser, which "
                "ingest does not run, so the whole file is shown."
            )
        lines = content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        lines = between(lines, options)
        if "lines" in options:
            lines = pick_lines(lines, options["lines"])
        if "dedent" in options:
            amount = whole_number(options, "dedent")
            if amount is None:
                lines = textwrap.dedent("\n".join(lines)).split("\n")
            else:  # a line indented less than that loses its indent, never its text
                lines = [line[amount:] if not line[:amount].strip() else line.lstrip() for line in lines]
        lines = [*([options["prepend"]] if "prepend" in options else []), *lines]
        lines += [options["append"]] if "append" in options else []
        language = options.get("language") or path.suffix.lstrip(".").lower()
        # `:caption:` with no words is titled by the file's name, as Sphinx titles it.
        caption = (options["caption"] or self.argument) if "caption" in options else ""
        return fenced("\n".join(lines), language, caption)


class _Moved:
    """Rewrites a link's destination so that it leads from the page rather than from the included file."""

    def __init__(self, origin: PurePosixPath, page: PurePosixPath, options: dict[str, str]) -> None:
        self.origin, self.page = origin, page
        self.images = "relative-images" in options
        self.prefix = options.get("relative-docs", "") if "relative-docs" in options else None
        self.any = self.images or self.prefix is not None

    def __call__(self, match: re.Match[str]) -> str:
        picture, destination = match.group(1) == "!", match.group(3)
        bare = destination.strip("<>")
        wanted = self.images if picture else self.prefix is not None and bare.startswith(self.prefix)
        if not wanted:
            return match.group(0)
        if not bare or bare.startswith(("/", "#")) or _SCHEME.match(bare):
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(str(self.origin / bare)), str(self.page))
        moved = f"<{moved}>" if destination.startswith("<") else moved
        return f"{match.group(1)}[{match.group(2)}]({moved}"


def fenced(code: str, language: str, caption: str = "") -> str:
    """A code block holding `code` whatever backticks it has, titled by `caption` if there is one."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    if not caption:
        return f"{ticks}{language}\n{code}\n{ticks}" if code else f"{ticks}{language}\n{ticks}"
    # MyST's own `{code-block}`, its caption in a YAML block so that no code line is read as an option.
    caption = " ".join(caption.split())
    return f"{ticks}{{code-block}} {language}\n---\ncaption: {caption}\n---\n{code}\n{ticks}"


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    """The text with `change` applied to each line that is not inside fenced code."""
    lines = text.split("\n")
    for number, line in outside_code(lines):
        lines[number] = change(line)
    return "\n".join(lines)
