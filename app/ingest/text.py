"""Plain text from markdown-it tokens: chapter titles, and each block's words for counting and search."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from app.ingest.rawhtml import html_text

# Block tokens whose closing ends a line of text.
_LINE_ENDS = frozenset({"paragraph_close", "heading_close", "tr_close", "callout_title_close", "dt_close"})


def inline_text(token: Token, *, marks: bool = False) -> str:
    """An inline token's text; `marks=True` keeps footnote marks ("[1]"), which titles leave out."""
    parts: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "math_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n" if marks else " ")
        elif kind == "image":
            parts.append(child.content)
        elif kind == "html_inline":
            parts.append(html_text(child.content))
        elif kind == "footnote_ref" and marks:
            parts.append(f"[{child.meta['id'] + 1}]")
    return "".join(parts)


def block_text(tokens: Sequence[Token]) -> str:
    """One block's words: a line per paragraph, heading, list item and table row."""
    lines: list[str] = []
    line: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "inline":
            line.append(inline_text(token, marks=True))
        elif kind in ("fence", "code_block", "math_block"):
            lines.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            text = html_text(token.content).strip()
            if text:
                lines.append(text)
        elif kind in ("td_close", "th_close"):
            line.append(" | ")
        elif kind == "footnote_open":
            line.append(f"[{token.meta['id'] + 1}] ")
        elif kind in _LINE_ENDS and line:
            lines.append("".join(line).rstrip(" |"))
            line = []
    if line:
        lines.append("".join(line).rstrip(" |"))
    return "\n".join(lines)
