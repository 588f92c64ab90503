"""`:::` containers (VitePress, VuePress, Docusaurus, Starlight, Pandoc's fenced divs), read as callouts and boxes.

`::: tip`, `:::warning[Title]`, `::: danger Title words` and `::: details Title {open}` become
callouts of their kind, titled as admonitions are (dialects.py); any other name, and Pandoc's
`::: {.class}`, a plain box, since a class name means something only to the site's stylesheet.
`::: code-group` holds fenced code labelled in its info string (```` ```sh [npm] ````): each
becomes a labelled section, as a content tab does.

A line of colons alone closes the innermost open container of exactly that many colons, else of
fewer: Pandoc nests `:::` inside `:::`, VitePress `:::` inside `::::`, and both read right. One
left open ends before the next heading (or where its list item or quote does), not at the end of
the file: a forgotten `:::` should box the note it opened, never the sections after it. A line of
colons with nothing open is dropped.

`[[toc]]` (VitePress, markdown-it-toc) and `[TOC]` (Python-Markdown) alone in a paragraph mark
where the site draws its contents; the reader has its own, so they are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from app.ingest.dialects import ADMONITION_KINDS, push_box

_KINDS = ADMONITION_KINDS | {"details"}
_NAME = re.compile(r"[A-Za-z0-9][\w-]*")
# Inside `{…}`: `.class`, `#id`, `key=value`, `key="a value"`, or a bare word such as `open`.
_ATTRIBUTE = re.compile(r"""([.#]?[\w-]+)(?:=("[^"]*"|'[^']*'|\S*))?""")
_TOC_MARKERS = ("[[toc]]", "[TOC]")


def containers_plugin(md: MarkdownIt) -> None:
    """Add the `:::` rule before fenced code (a container may hold code), and the contents-marker rule."""
    md.block.ruler.before(
        "fence", "colon_container", _container, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.block.ruler.before("paragraph", "toc_marker", _toc_marker)


@dataclass(frozen=True, slots=True)
class _Header:
    name: str  # lower case; "" for a Pandoc div with only an id
    title: str  # as the author wrote it; "" when none was given
    opened: bool  # `{open}`: a collapsible box shown open
    untitled: bool  # `{no-title}`: no title, not even the kind's name
    quarto: bool = False  # `{.callout-tip}`: Quarto's, whose first heading inside is its title


def _header(text: str) -> _Header | None:
    """What follows an opening line's colons, or None when it is no container's opening."""
    text = text.strip()
    bare = text.rstrip(":")
    if len(text) - len(bare) >= 3 and (not bare or bare[-1].isspace()):
        text = bare.rstrip()  # Pandoc lets an opening line end in colons too
    attributes = ""
    if text.endswith("}") and "{" in text:
        brace = text.rfind("{")
        # In MDX the brace is escaped, `:::tip\{title="…"}`, and Rspress reads it as the same block.
        text, attributes = text[:brace].rstrip().removesuffix("\\").rstrip(), text[brace + 1 : -1]
    name = title = ""
    if text:
        match = _NAME.match(text)
        if match is None:
            return None
        name, rest = match.group().lower(), text[match.end() :]
        if rest.startswith("["):  # Docusaurus 3 and Starlight: `:::tip[Title]`
            if not rest.endswith("]"):
                return None
            title = rest[1:-1].strip()
        elif rest and not rest[0].isspace():
            return None
        else:
            title = rest.strip()
    elif not attributes:
        return None
    opened = untitled = False
    for word, value in _ATTRIBUTE.findall(attributes):
        if word.startswith(".") and not name:
            name = word[1:].lower()
        elif word == "title" and value and not title:
            title = value.strip("\"'")
        elif word == "open":
            opened = True
        elif word == "no-title":  # VitePress: a callout with no title line
            untitled = True
    quarto = name.startswith("callout-")  # Quarto: `{.callout-tip title="…"}`
    return _Header(name.removeprefix("callout-"), title, opened, untitled, quarto)


def _container(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(":::", start) or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    text = state.src[start : state.eMarks[start_line]]
    colons = len(text) - len(text.lstrip(":"))
    header = _header(text[colons:])
    if header is None:
        if text[colons:].strip():
            return False  # `:::` and words that name no container: a paragraph
        if not silent:
            state.line = start_line + 1  # a closing line with nothing open
        return True
    if silent:
        return True
    end, closed = _extent(state, start_line, end_line, colons)
    old_parent, old_max = state.parentType, state.lineMax
    state.lineMax = end
    if header.name == "code-group":
        _code_group(state, start_line, end)
    else:
        collapsible = header.name == "details"
        kind = "box" if collapsible or header.name not in _KINDS else header.name
        title = header.title or (header.name.capitalize() if header.name in _KINDS else "")
        if header.untitled and not collapsible:
            title = ""  # a `<details>` always needs its summary
        body = start_line + 1
        if header.quarto and not header.title and body < end and _is_heading(_text(state, body)):
            title, body = _text(state, body).lstrip("#").strip(), body + 1  # `## Keep it simple`
        push_box(
            state, kind, title, start_line, end, state.blkIndent, body,
            collapsible=collapsible, opened=header.opened,
        )  # fmt: skip
    state.lineMax, state.parentType = old_max, old_parent
    state.line = end + 1 if closed else end
    return True


def _extent(state: StateBlock, start_line: int, end_line: int, colons: int) -> tuple[int, bool]:
    """The line the container's body ends before, and whether a closing line is there."""
    open_colons = [colons]  # this container's, then those opened inside it
    fence = ""  # the marker of the fenced code the scan is in: colons in code close nothing
    heading: int | None = None
    line = start_line + 1
    while line < end_line:
        start, line_end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
        if start < line_end and state.sCount[line] < state.blkIndent:
            break  # the list item or quote holding the container ended
        if state.sCount[line] - state.blkIndent >= 4:
            line += 1
            continue
        text = state.src[start:line_end]
        if fence:
            stripped = text.rstrip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
        elif text.startswith(("```", "~~~")):
            fence = text[: len(text) - len(text.lstrip(text[0]))]
        elif text.startswith(":::"):
            count = len(text) - len(text.lstrip(":"))
            if _header(text[count:]) is not None:
                open_colons.append(count)
            elif not text[count:].strip():
                depth = _closed(open_colons, count)
                if depth == 0:
                    return line, True
                if depth > 0:
                    del open_colons[depth:]
        elif heading is None and len(open_colons) == 1 and _is_heading(text):
            heading = line
        line += 1
    return (line if heading is None else heading), False


def _closed(open_colons: list[int], count: int) -> int:
    """Which open container a line of `count` colons closes: its depth, or -1 for none."""
    for depth in range(len(open_colons) - 1, -1, -1):
        if open_colons[depth] == count:
            return depth
    for depth in range(len(open_colons) - 1, -1, -1):
        if open_colons[depth] < count:
            return depth
    return -1


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _is_heading(text: str) -> bool:
    hashes = len(text) - len(text.lstrip("#"))
    return 1 <= hashes <= 6 and (len(text) == hashes or text[hashes] in " \t")


def _code_group(state: StateBlock, start_line: int, end_line: int) -> None:
    """The group's body, each fenced code block in it made a section titled by its `[label]`."""
    first = len(state.tokens)
    old_parent = state.parentType
    state.parentType = "blockquote"  # so that lazy paragraph lines never leave the group
    state.md.block.tokenize(state, start_line + 1, end_line)
    state.parentType = old_parent
    body = state.tokens[first:]
    state.tokens[first:] = [
        part
        for token in body
        for part in (_labelled(token) if token.type == "fence" and token.level == state.level else [token])
    ]


def _labelled(fence: Token) -> list[Token]:
    info = fence.info
    opening, closing = info.find("["), info.rfind("]")
    label = info[opening + 1 : closing].strip() if 0 <= opening < closing else ""
    if label:
        fence.info = (info[:opening] + info[closing + 1 :]).strip()
    level = fence.level
    fence.level = level + 1
    tab = Token(
        "tab_open",
        "div",
        1,
        level=level,
        block=True,
        map=fence.map,
        meta={"kind": "tab", "collapsible": False, "open": False},
    )
    title: list[Token] = []
    if label:
        title = [
            Token("tab_title_open", "p", 1, level=level + 1, block=True, map=fence.map),
            Token("inline", "", 0, level=level + 2, content=label, map=fence.map, children=[]),
            Token("tab_title_close", "p", -1, level=level + 1, block=True),
        ]
    return [tab, *title, fence, Token("tab_close", "div", -1, level=level, block=True)]


def _toc_marker(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    start, line_end = state.bMarks[start_line] + state.tShift[start_line], state.eMarks[start_line]
    if line_end - start > 12 or not state.src.startswith("[", start):
        return False
    text = state.src[start:line_end].rstrip()
    if text.lower() != _TOC_MARKERS[0] and text != _TOC_MARKERS[1]:
        return False
    if start_line + 1 < end_line and not state.isEmpty(start_line + 1):
        return False  # not alone in its paragraph: words follow it
    if not silent:
        state.line = start_line + 1
    return True
