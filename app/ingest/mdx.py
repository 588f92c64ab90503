"""MDX files (`.mdx`) read as the Markdown they mostly are: their JavaScript taken out before parsing.

An MDX page starts with `import`/`export` statements for the site's code, and its authors leave
notes in `{/* … */}` comments. Neither is meant for a reader, so both leave the text here, outside
code fences only; a string in braces (`{' '}`, JSX's way of writing a space) becomes its text. Expressions in prose (`{frontmatter.title}`) are dropped later, with a warning,
by passes.drop_template_tags(); components (`<Tabs>`, `<Aside>`) are read by jsx.py.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

MDX_SUFFIX = ".mdx"
_FENCES = ("```", "~~~")
# What makes a paragraph-starting `import`/`export` JavaScript rather than prose: MDX itself
# would refuse to build a page whose prose started so, but a page of plain words never matches.
_IMPORT = re.compile(r"import\s*(?:['\"]|[\w$*{][^;]*?\bfrom\s*['\"])")
_EXPORT = re.compile(r"export\s*(?:[{*]|(?:const|let|var|function|async|class|default|type|interface)\b)")
_LITERAL = re.compile(r"""\{\s*(["'])([^"'\n{}]*)\1\s*\}""")  # a string in braces: `{' '}`
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_MAX_STATEMENT_LINES = 400  # an export of a whole data table is long; past this, a blank line ends it
# An attribute whose value is JavaScript, `style={{ width: 300 }}` or `icon={<Star />}`: no HTML
# parser reads one, so a tag holding it would show as text. Only the site's code can work it out.
_EXPRESSION_ATTRIBUTE = re.compile(r"(?<![\w$.])[A-Za-z_:][\w:.-]*=\{")
_MAX_EXPRESSION_LINES = 60
_STRING = re.compile(r"""\{\s*(?:"[^"]*"|'[^']*'|`[^`$]*`)\s*\}""")  # `{"text"}`: a string, written in braces
_NEVER_CLOSES = (-1, "")


def is_mdx(name: PurePosixPath) -> bool:
    return name.suffix.lower() == MDX_SUFFIX


# Site generators that compile every page as MDX, `.md` too: Docusaurus (unless its config says
# `markdown: { format: 'detect' }`), so `import` lines and components in a `.md` page are code there.
MDX_DIALECTS = frozenset({"docusaurus"})


def reads_as_mdx(name: PurePosixPath, dialect: str) -> bool:
    """Whether the site reads this page as MDX: an `.mdx` file, or any page of an MDX_DIALECTS site."""
    return is_mdx(name) or (dialect in MDX_DIALECTS and name.suffix.lower() == ".md")


def without_code(text: str) -> str:
    """The text with its ESM statements and `{/* … */}` comments removed, code fences left as written."""
    if (
        "import" not in text
        and "export" not in text
        and "{/*" not in text
        and "={" not in text
        and not _LITERAL.search(text)
    ):
        return text
    lines = text.split("\n")
    out: list[str] = []
    fence = ""
    comments = "{/*" in text  # False once a comment is found never to close: none after it can
    expressions = "={" in text  # the same for attribute expressions
    in_tag = False  # whether a tag opened on an earlier line is still open (`<img` … `/>`)
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence) and not stripped.rstrip().strip(fence[0]):
                fence = ""
        elif stripped.startswith(_FENCES):
            fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
        elif line.startswith(("import", "export")) and (not out or not out[-1].strip()):
            end = _statement_end(lines, index)
            statement = "\n".join(lines[index:end])
            if _IMPORT.match(statement) or _EXPORT.match(statement):
                out.extend("" for _ in range(index, end))  # blank lines keep later line numbers right
                index = end
                continue
        elif comments and "{/*" in line and _comment_start(line) >= 0:
            found = _comment(lines, index)
            if found is None:
                comments = False
            else:
                index = _joined(lines, found)
                continue
        elif expressions and "={" in line and (found := _attribute_expression(lines, index, in_tag)):
            if found == _NEVER_CLOSES:
                expressions = False  # braces that never close: none after them can either
            else:
                index = _joined(lines, found)
                continue
        if "<" in line or in_tag:
            in_tag = _leaves_tag_open(line, in_tag)
        out.append(_literals(line) if "{" in line else line)
        index += 1
    return "\n".join(out)


def _joined(lines: list[str], found: tuple[int, str]) -> int:
    """Where reading goes on once a comment's (or an expression's) lines have become one, `found`:
    the line it ended on, now holding what came before and after it. A line left empty is dropped,
    so a note inside a paragraph leaves it whole."""
    last, rest = found
    if rest.strip():
        lines[last] = rest
        return last
    return last + 1


def _literals(line: str) -> str:
    """`{' '}` and `{"text"}`, JSX's way of writing text, read as that text (but not in inline code)."""
    return _LITERAL.sub(lambda m: m.group(0) if line.count("`", 0, m.start()) % 2 else m.group(2), line)


def _statement_end(lines: list[str], start: int) -> int:
    """Just past a statement's last line: the first blank line with every bracket closed again.

    MDX ends a statement at a blank line unless it is unfinished (`export const x = {`, a blank
    line, `a: 1 }`). Brackets inside strings are counted too, which real pages never trip on.
    """
    depth = 0
    limit = min(len(lines), start + _MAX_STATEMENT_LINES)
    for index in range(start, limit):
        line = lines[index]
        if not line.strip():
            if depth <= 0:
                return index
        elif any(c in line for c in "()[]{}"):
            depth += sum(_BRACKETS.get(c, 0) for c in line)
    # Brackets never closed: MDX would have stopped at the first blank line after all.
    return next((index for index in range(start, limit) if not lines[index].strip()), limit)


def _comment_start(line: str) -> int:
    """Where the first comment on the line starts; -1 if none (a `{/*` in inline code is none)."""
    start = line.find("{/*")
    ticks = line.count("`", 0, max(start, 0))
    while start >= 0 and ticks % 2:
        following = line.find("{/*", start + 3)
        ticks += line.count("`", start, max(following, start))
        start = following
    return start


def _comment(lines: list[str], index: int) -> tuple[int, str] | None:
    """The first comment on lines[index] removed: (the line it ends on, that line's text without it).

    None when the comment never closes (MDX would refuse the page, so it is left as written).
    """
    line = lines[index]
    start = _comment_start(line)
    end = line.find("*/}", start + 3)
    last = index
    while end < 0:
        last += 1
        if last >= len(lines):
            return None
        end = lines[last].find("*/}")
    before, after = line[:start], lines[last][end + 3 :]
    if before.endswith(" ") and after.startswith(" "):
        before = before[:-1]  # "a {/* note */} b" reads "a b"
    return last, before + after


def _attribute_expression(lines: list[str], index: int, in_tag: bool) -> tuple[int, str] | None:
    """The first attribute on lines[index] whose value is an expression, removed with its name; a
    string in braces and Nextra's `items` stay, for jsx.py to read.

    (the line it ends on, that line's text without it); None when the line holds none inside a
    tag; _NEVER_CLOSES when its braces never close.
    """
    line = lines[index]
    for found in _EXPRESSION_ATTRIBUTE.finditer(line):
        before = line[: found.start()]
        opened = before.rfind("<")
        inside = (in_tag and ">" not in before) or (
            opened >= 0 and before[opened + 1 : opened + 2].isalpha() and ">" not in before[opened:]
        )
        if not inside or before.count("`") % 2 or found.group(0) == "items={":  # Nextra's tab labels
            continue  # prose, or inline code: words as written
        end = _closing_brace(lines, index, found.end() - 1)
        if end is None:
            return _NEVER_CLOSES
        last, column = end
        if last == index and _STRING.fullmatch(line, found.end() - 1, column + 1):
            continue  # `title={"Setup"}`: text jsx.py reads
        after = lines[last][column + 1 :]
        return last, (before.rstrip(" ") + after if after.startswith((" ", "/", ">")) else before + after)
    return None


def _closing_brace(lines: list[str], index: int, start: int) -> tuple[int, int] | None:
    """Where the brace at lines[index][start] closes, strings skipped; None past a few lines."""
    depth, quote = 0, ""
    for number in range(index, min(len(lines), index + _MAX_EXPRESSION_LINES)):
        line = lines[number]
        for column in range(start if number == index else 0, len(line)):
            char = line[column]
            if quote:
                if char == quote and line[column - 1] != "\\":
                    quote = ""
            elif char in "'\"`":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if not depth:
                    return number, column
        if quote != "`":
            quote = ""  # a string ends with its line; only a template literal goes on
    return None


def _leaves_tag_open(line: str, in_tag: bool) -> bool:
    """Whether a tag is still open after the line: `<img` with its attributes on the lines below."""
    opened = line.rfind("<")
    if opened >= 0 and line[opened + 1 : opened + 2].isalpha():
        return ">" not in line[opened:]
    return in_tag and ">" not in line
