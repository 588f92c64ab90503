"""Docs-site Markdown dialects, read so that they degrade into something a reader can follow.

Two block rules for markdown-it: Material for MkDocs' content tabs (`=== "Tab"` with an indented
body) and PyMdown's fenced blocks (`/// note | Title` … `///`, `//// tab | Title` …). Admonitions
(`!!! note`, `??? tip`) come from mdit-py-plugins and GitHub alerts (`> [!NOTE]`) from
markdown-it itself; `callouts()` gives all three one token shape, so one rule renders them.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

# PyMdown block names that are boxes with a title, like admonitions; any other name is a plain box.
ADMONITION_KINDS = frozenset(
    {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
     "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
     "fail", "missing", "danger", "error", "bug", "example", "quote", "cite", "admonition"}
)  # fmt: skip


def dialects_plugin(md: MarkdownIt) -> None:
    """Add the content-tab and fenced-block rules, before the paragraph rule claims their lines."""
    md.block.ruler.before("paragraph", "content_tab", _content_tab, {"alt": ["paragraph", "blockquote"]})
    md.block.ruler.before("fence", "fenced_block", _fenced_block, {"alt": ["paragraph", "blockquote"]})


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _content_tab(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`=== "Title"` followed by lines indented four spaces: one labelled section."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    text = _line(state, start_line)
    if not text.startswith("==="):
        return False
    rest = text[3:].lstrip("!+")
    if not rest.startswith((" ", "\t")):
        return False
    title = rest.strip()
    if len(title) >= 2 and title[0] == title[-1] and title[0] in "\"'":
        title = title[1:-1]
    if not title:
        return False
    if silent:
        return True
    body_indent = state.sCount[start_line] + 4
    next_line = start_line + 1
    while next_line < end_line:
        empty = state.isEmpty(next_line)
        if not empty and state.sCount[next_line] < body_indent:
            break
        next_line += 1
    while next_line - 1 > start_line and state.isEmpty(next_line - 1):
        next_line -= 1  # trailing blank lines belong to what follows
    push_box(state, "tab", title, start_line, next_line, body_indent, start_line + 1)
    return True


def _fenced_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`/// name | Title` … `///` (three or more slashes, closed by as many): a titled box."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    text = _line(state, start_line)
    slashes = len(text) - len(text.lstrip("/"))
    if slashes < 3:
        return False
    header = text[slashes:].strip()
    name, _, title = header.partition("|")
    name, title = name.strip().lower(), title.strip()
    if not name or not all(c.isalnum() or c in "-_" for c in name):
        return False
    if silent:
        return True
    fence = "/" * slashes
    body = start_line + 1
    # PyMdown's options (`    type: warning`) sit indented right under the header; they are settings.
    while body < end_line and state.sCount[body] - state.blkIndent >= 4 and ":" in _line(state, body):
        body += 1
    close = body
    while close < end_line and not (
        _line(state, close).rstrip() == fence and state.sCount[close] - state.blkIndent < 4
    ):
        close += 1
    kind = "tab" if name == "tab" else name if name in ADMONITION_KINDS else "box"
    collapsible = name == "details"
    shown = title or ("" if kind in ("box", "tab") else name.capitalize())
    old_parent, old_max = state.parentType, state.lineMax
    state.lineMax = close
    push_box(state, kind, shown, start_line, close, state.blkIndent, body, collapsible=collapsible)
    state.lineMax = old_max
    state.parentType = old_parent
    state.line = min(close + 1, end_line)
    return True


def push_box(
    state: StateBlock,
    kind: str,
    title: str,
    start_line: int,
    end_line: int,
    indent: int,
    body_line: int,
    *,
    collapsible: bool = False,
    opened: bool = False,
) -> None:
    """A callout (or, for kind "tab", a labelled section) around the lines body_line to end_line."""
    token = state.push("callout_open" if kind != "tab" else "tab_open", "div", 1)
    token.block = True
    token.meta = {"kind": kind, "collapsible": collapsible, "open": opened}
    token.map = [start_line, end_line]
    if title:
        _push_title(state, "callout" if kind != "tab" else "tab", title, start_line)
    old_indent, old_parent = state.blkIndent, state.parentType
    state.blkIndent = indent
    state.parentType = "blockquote"  # so that lazy paragraph lines never leave the box
    state.md.block.tokenize(state, body_line, end_line)
    state.blkIndent, state.parentType = old_indent, old_parent
    state.push("callout_close" if kind != "tab" else "tab_close", "div", -1).block = True
    state.line = end_line


def _push_title(state: StateBlock, box: str, title: str, line: int) -> None:
    state.push(f"{box}_title_open", "p", 1).map = [line, line + 1]
    inline = state.push("inline", "", 0)
    inline.content = title
    inline.map = [line, line + 1]
    inline.children = []
    state.push(f"{box}_title_close", "p", -1)


def callouts(tokens: list[Token]) -> None:
    """Give admonitions and GitHub alerts the callout tokens the fenced blocks already have."""
    for token in tokens:
        kind = token.type
        if kind == "admonition_open":
            token.type = "callout_open"
            token.meta = {
                "kind": str(token.meta.get("tag") or "note"),
                "collapsible": token.markup.startswith("?"),
                "open": token.markup.endswith("+"),
            }
            token.attrs = {}
        elif kind == "alert_open":
            token.type = "callout_open"
            token.meta = {
                "kind": str(token.meta.get("kind", "note")).lower(),
                "collapsible": False,
                "open": False,
            }
            token.attrs = {}
        elif kind in ("admonition_close", "alert_close"):
            token.type = "callout_close"
        elif kind in ("admonition_title_open", "alert_title_open"):
            token.type = "callout_title_open"
            token.attrs = {}
        elif kind in ("admonition_title_close", "alert_title_close"):
            token.type = "callout_title_close"
